<#
.SYNOPSIS
Runs Receive-FacebookAuthCode's paste-back prompt through a scripted host (tests/assets/ScriptedHost.cs), one runspace
per scenario, and prints one line: RESULT=<JSON array of {Name, Codes, ErrorIds, Warnings, Reads, Prompts, Reason}>.

.DESCRIPTION
Started by tests/Receive-FacebookAuthCode.Tests.ps1 in a pwsh WITHOUT -NonInteractive: the cmdlet never prompts in a
-NonInteractive process, whatever its host. No scenario opens a browser (-NoBrowser) or needs the network.
#>
param(
    [Parameter(Mandatory)][string]$ModulePath,
    [Parameter(Mandatory)][string]$HostSource
)

$ErrorActionPreference = 'Stop'
Add-Type -TypeDefinition (Get-Content -Raw -LiteralPath $HostSource)
$sessionState = [initialsessionstate]::CreateDefault2()
$sessionState.ImportPSModule($ModulePath)

$success = 'https://www.facebook.com/connect/login_success.html'
$squatter = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
$squatter.Start()
$busyRedirect = 'http://127.0.0.1:{0}/callback' -f ([System.Net.IPEndPoint]$squatter.LocalEndpoint).Port
# Only localhost's other address held: the browser may still be sent there.
$squatter6 = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::IPv6Loopback, 0)
$squatter6.Start()
$squattedRedirect = 'http://localhost:{0}/callback' -f ([System.Net.IPEndPoint]$squatter6.LocalEndpoint).Port

$scenarios = @(
    @{
        Name     = 'three wrong pastes'
        Redirect = $success
        Lines    = @(
            'not a url at all'
            "$success`?code=AQfromanotherlogin&state=someone-elses"
            "$success`?state=s1"
            "$success`?code=AQneverread&state=s1"
        )
    }
    @{
        Name     = 'right on the third try'
        Redirect = $success
        Lines    = @('not a url at all', "$success`?code=AQx&state=wrong", "$success`?code=AQthirdtime&state=s1#_=_")
    }
    @{
        Name     = 'an empty paste'
        Redirect = $success
        Lines    = @('', "$success`?code=AQneverread&state=s1")
    }
    @{
        Name     = 'a denial'
        Redirect = $success
        Lines    = @("$success`?error=access_denied&error_code=200&error_description=Permissions+error&error_reason=user_denied&state=s1#_=_", "$success`?code=AQneverread&state=s1")
    }
    @{
        Name     = 'a busy port'
        Redirect = $busyRedirect
        Lines    = @("$busyRedirect`?code=AQpastedafterbusyport&state=s1")
    }
    @{
        Name     = 'a squatted ::1'
        Redirect = $squattedRedirect
        Lines    = @("$squattedRedirect`?code=AQpastedaftersquat&state=s1")
    }
)

$results = foreach ($scenario in $scenarios) {
    $scriptedHost = [FacebookToken.Tests.ScriptedHost]::new([string[]]$scenario.Lines)
    $runspace = [runspacefactory]::CreateRunspace($scriptedHost, $sessionState)
    $runspace.Open()
    $ps = [powershell]::Create()
    $ps.Runspace = $runspace
    try {
        $null = $ps.AddCommand('Get-FacebookAuthUrl').AddParameter('AppId', '1234567890').AddParameter('RedirectUri', $scenario.Redirect).AddParameter('State', 's1')
        $null = $ps.AddCommand('Receive-FacebookAuthCode').AddParameter('NoBrowser').AddParameter('TimeoutSec', 5)
        $reason = $null
        $output = @()
        try {
            $output = @($ps.Invoke())
        }
        catch {
            $reason = "$($_.Exception.GetType().FullName): $($_.Exception.Message)"
        }
        [pscustomobject]@{
            Name     = $scenario.Name
            Port     = ([uri]$scenario.Redirect).Port
            Codes    = @($output | ForEach-Object { [Net.NetworkCredential]::new('', $_.Code).Password })
            ErrorIds = @($ps.Streams.Error | ForEach-Object { $_.FullyQualifiedErrorId })
            Errors   = @($ps.Streams.Error | ForEach-Object { $_.Exception.Message })
            Warnings = @($ps.Streams.Warning | ForEach-Object { $_.Message })
            Reads    = $scriptedHost.Script.Reads
            Prompts  = @($scriptedHost.Script.Written | Where-Object { $_ -like '*paste the full URL*' }).Count
            Reason   = $reason
        }
    }
    finally {
        $ps.Dispose()
        $runspace.Dispose()
    }
}
$squatter.Stop()
$squatter6.Stop()
'RESULT=' + (ConvertTo-Json -InputObject @($results) -Depth 5 -Compress)
