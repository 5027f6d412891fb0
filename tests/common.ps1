# Shared set-up for the Pester suites: dot-source it from BeforeAll in every *.Tests.ps1.
#
#   BeforeAll { . (Join-Path $PSScriptRoot 'common.ps1') }
#
# Imports the staged module (build.ps1 -Task Build puts it in output/FacebookToken) and defines helpers
# to run the Facebook emulator and a fresh pwsh.
#
# FACEBOOK_TOKEN_TEST_BUILD=Desktop imports the Desktop build instead (the assembly the manifest's Desktop
# branch names, bin/net472) into this PowerShell 7, through a test-only manifest that child processes import
# too. build.ps1 -Task Test runs the files in its $DesktopPesterFiles a second time that way.

$RepoRoot = Split-Path -Parent $PSScriptRoot
$StagedModulePath = Join-Path $RepoRoot 'output/FacebookToken'
$StagedManifestPath = Join-Path $StagedModulePath 'FacebookToken.psd1'
$EmulatorDllPath = Join-Path $RepoRoot 'output/FacebookEmulator/FacebookEmulator.dll'

if (-not (Test-Path -LiteralPath $StagedManifestPath)) {
    throw "The staged module is missing at '$StagedManifestPath'. Run ./build.ps1 -Task Build first."
}

function Read-ModuleManifestData {
    # The staged manifest's hashtable as Import-Module sees it in this edition, or in -Edition (its RootModule
    # is an if, which Import-PowerShellDataFile refuses).
    param([ValidateSet('Core', 'Desktop')][string]$Edition)

    & (Join-Path $RepoRoot 'build/Read-ModuleManifest.ps1') -Path $StagedManifestPath @PSBoundParameters
}

function New-DesktopTestManifest {
    # output/DesktopTest/FacebookToken/FacebookToken.psd1: the staged Desktop branch's assembly and the staged
    # formats, by full path, so PowerShell 7 imports the Desktop build as the module FacebookToken.
    $desktop = Read-ModuleManifestData -Edition Desktop
    $quote = { param([string]$Text) "'" + $Text.Replace("'", "''") + "'" }
    $list = { param([string[]]$Items) '@(' + (($Items | ForEach-Object { & $quote $_ }) -join ', ') + ')' }
    $text = @(
        '# Test-only, written by tests/common.ps1: the staged module''s Desktop build for PowerShell 7.'
        '@{'
        "    RootModule        = $(& $quote (Join-Path $StagedModulePath $desktop.RootModule))"
        "    ModuleVersion     = $(& $quote $desktop.ModuleVersion)"
        "    GUID              = $(& $quote $desktop.GUID)"
        "    FormatsToProcess  = $(& $list @($desktop.FormatsToProcess | ForEach-Object { Join-Path $StagedModulePath $_ }))"
        "    CmdletsToExport   = $(& $list $desktop.CmdletsToExport)"
        '    FunctionsToExport = @()'
        '    VariablesToExport = @()'
        '    AliasesToExport   = @()'
        '}'
    ) -join "`n"
    $directory = Join-Path $RepoRoot 'output/DesktopTest/FacebookToken'
    $path = Join-Path $directory 'FacebookToken.psd1'
    if (-not (Test-Path -LiteralPath $path) -or [IO.File]::ReadAllText($path) -ne $text) {
        $null = New-Item -ItemType Directory -Path $directory -Force
        [IO.File]::WriteAllText($path, $text)
    }
    $path
}

# The build under test: Core (bin/net8.0, from the staged manifest) or Desktop (bin/net472).
$TestBuild = if ($env:FACEBOOK_TOKEN_TEST_BUILD) { $env:FACEBOOK_TOKEN_TEST_BUILD } else { 'Core' }
# The manifest the suites (and their child processes) import.
$ModuleManifestPath = switch ($TestBuild) {
    'Core' { $StagedManifestPath }
    'Desktop' { New-DesktopTestManifest }
    default { throw "FACEBOOK_TOKEN_TEST_BUILD is '$TestBuild'; use Core (the default) or Desktop." }
}
Import-Module -Name $ModuleManifestPath -Force -ErrorAction Stop

function Find-SecretManagementModules {
    # '' (installed on PSModulePath), a folder to put first on PSModulePath, or $null: see build/Find-SecretManagement.ps1.
    & (Join-Path $RepoRoot 'build/Find-SecretManagement.ps1') -RepoRoot $RepoRoot
}

function New-SecretStoreHome {
    <#
    .SYNOPSIS
    A scratch HOME for child processes with a no-password SecretStore registered as -VaultName, and the environment
    (HOME, PSModulePath) that points a child at it. SecretStore and the vault registry live under HOME.
    #>
    param([Parameter(Mandatory)][string]$Path, [Parameter(Mandatory)][AllowEmptyString()][string]$Modules, [string]$VaultName = 'store')
    $null = New-Item -ItemType Directory -Path $Path -Force
    $environment = @{
        HOME            = $Path
        XDG_DATA_HOME   = $null
        XDG_CONFIG_HOME = $null
        PSModulePath    = if ($Modules) { $Modules + [IO.Path]::PathSeparator + $env:PSModulePath } else { $env:PSModulePath }
    }
    $null = Invoke-ChildPwsh -Environment $environment -Command @"
`$ErrorActionPreference = 'Stop'
`$pw = ConvertTo-SecureString ('test-store-' + [guid]::NewGuid().ToString('N')) -AsPlainText -Force
Set-SecretStoreConfiguration -Scope CurrentUser -Authentication None -Interaction None -Password `$pw -Confirm:`$false
Register-SecretVault -Name '$VaultName' -ModuleName Microsoft.PowerShell.SecretStore
"@
    $environment
}

function Get-DotnetPath {
    # The dotnet host running this pwsh when started as `dotnet pwsh`, else dotnet from PATH.
    $processPath = [Environment]::ProcessPath
    if ([IO.Path]::GetFileNameWithoutExtension($processPath) -eq 'dotnet') {
        return $processPath
    }
    return 'dotnet'
}

function Start-FacebookEmulator {
    <#
    .SYNOPSIS
    The module's own Start-FacebookEmulator on this build's emulator, with the suites' conveniences added:
    returns the FacebookEmulator object plus Uri (no trailing slash), AppSecretPlain and Credential.
    Stop it with Stop-FacebookEmulator (or its Stop()).
    .DESCRIPTION
    The emulator is output/FacebookEmulator: the same FacebookEmulator.dll, entry point and options that the
    FacebookToken.Emulator tool package holds (build.ps1 packs it from the same bin/ output), started by the same
    cmdlet users call. The suites do not install the tool (a `dotnet tool install` per suite would cost seconds each
    and touch NuGet); tests/EmulatorTool.Tests.ps1 installs the package once and checks it holds this very dll.
    FACEBOOK_TOKEN_TEST_EMULATOR=<tool, dll or folder> runs every suite (and the Demo) against another emulator,
    such as an installed tool.
    #>
    [CmdletBinding()]
    param(
        [string]$Path,
        [string]$AppsFile,
        [switch]$RequireAppSecretProof,
        [Nullable[TimeSpan]]$ClockOffset,
        [string[]]$ArgumentList,
        [uri]$WebhookUri,
        [int]$TimeoutSec = 30
    )

    if (-not $Path) {
        $Path = if ($env:FACEBOOK_TOKEN_TEST_EMULATOR) { $env:FACEBOOK_TOKEN_TEST_EMULATOR } else { Split-Path -Parent $EmulatorDllPath }
    }
    if (-not $env:FACEBOOK_TOKEN_TEST_EMULATOR -and -not (Test-Path -LiteralPath $EmulatorDllPath)) {
        throw "The emulator is missing at '$EmulatorDllPath'. Run ./build.ps1 -Task Build first."
    }
    $parameters = @{ Path = $Path; TimeoutSec = $TimeoutSec; ErrorAction = 'Stop' }
    foreach ($name in 'AppsFile', 'RequireAppSecretProof', 'ClockOffset', 'ArgumentList', 'WebhookUri') {
        if ($PSBoundParameters.ContainsKey($name)) {
            $parameters[$name] = $PSBoundParameters[$name]
        }
    }
    $emulator = FacebookToken\Start-FacebookEmulator @parameters

    $emulator | Add-Member -PassThru -NotePropertyMembers ([ordered]@{
            Uri            = $emulator.BaseUri.AbsoluteUri.TrimEnd('/')
            AppSecretPlain = [System.Net.NetworkCredential]::new('', $emulator.AppSecret).Password
            Credential     = [pscredential]::new($emulator.AppId, $emulator.AppSecret)
        })
}

function Stop-FacebookEmulator {
    <#
    .SYNOPSIS
    Stops an emulator from Start-FacebookEmulator: closes its stdin (its signal to exit), waits 5 s, then kills it.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0, ValueFromPipeline)]
        [AllowNull()]
        [object]$Emulator
    )

    process {
        if ($null -ne $Emulator) {
            $Emulator.Stop()
        }
    }
}

function Invoke-EmulatorControl {
    <#
    .SYNOPSIS
    Calls the emulator's control API at {Uri}/_emulator/{Path}; -Body is sent as JSON.
    .EXAMPLE
    Invoke-EmulatorControl $emu -Method Post -Path 'faults' -Body @{ transient500 = 2 }
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)]
        [object]$Emulator,

        [ValidateSet('Get', 'Post', 'Put', 'Delete')]
        [string]$Method,

        [Parameter(Mandatory)]
        [string]$Path,

        [object]$Body
    )

    $parameters = @{
        Uri     = '{0}/_emulator/{1}' -f $Emulator.Uri, $Path.TrimStart('/')
        Method  = if ($Method) { $Method } elseif ($PSBoundParameters.ContainsKey('Body')) { 'Post' } else { 'Get' }
        NoProxy = $true
    }
    if ($PSBoundParameters.ContainsKey('Body')) {
        $parameters.Body = ConvertTo-Json -InputObject $Body -Depth 10 -Compress
        $parameters.ContentType = 'application/json'
    }
    # Invoke-RestMethod writes a JSON array as one object; unroll it, so `Invoke-EmulatorControl ... 'requests' |
    # Where-Object` filters entries (on the array itself, -like matched any entry and every count read 1).
    Invoke-RestMethod @parameters | ForEach-Object { $_ }
}

function Get-EmulatorCode {
    <#
    .SYNOPSIS
    Plays the user: turns on the emulator's auto-approve, opens the request's dialog URL without following
    the redirect, and returns the request with a Code NoteProperty taken from the redirect's query.
    The request must have been made with -LoginBaseUri $emu.Uri.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)]
        [object]$Emulator,

        [Parameter(Mandatory, ValueFromPipeline)]
        [object]$AuthRequest
    )

    process {
        $null = Invoke-EmulatorControl $Emulator -Method Post -Path 'settings' -Body @{ autoApprove = 'Approve' }

        # With -MaximumRedirection 0 the 302 is returned and also reported as "maximum redirection count
        # exceeded"; that expected error is dropped, anything else (no response at all) is thrown.
        $response = Invoke-WebRequest -Uri $AuthRequest.Uri -MaximumRedirection 0 -SkipHttpErrorCheck -NoProxy -ErrorAction SilentlyContinue -ErrorVariable webErrors
        if ($null -eq $response) {
            throw $webErrors[0]
        }
        $location = @($response.Headers['Location'])[0]
        if ([int]$response.StatusCode -lt 300 -or [int]$response.StatusCode -ge 400 -or -not $location) {
            throw "The login dialog answered HTTP $([int]$response.StatusCode) without a redirect; is auto-approve on?"
        }

        $redirect = [Uri]::new([Uri]$AuthRequest.Uri, $location)
        $query = @{}
        foreach ($pair in $redirect.Query.TrimStart('?').Split('&', [StringSplitOptions]::RemoveEmptyEntries)) {
            $name, $value = $pair.Split('=', 2)
            $query[[Uri]::UnescapeDataString($name.Replace('+', ' '))] = [Uri]::UnescapeDataString("$value".Replace('+', ' '))
        }
        if (-not $query['code']) {
            throw "The login dialog redirected without a code (error: '$($query['error'])', $($query['error_description']))."
        }

        $AuthRequest | Add-Member -NotePropertyName Code -NotePropertyValue $query['code'] -PassThru -Force
    }
}

function Save-Environment {
    <#
    .SYNOPSIS
    The current values of the variables -Name, in a table Set-Environment takes to put them back ($null where one does
    not exist). The table compares names ordinally: on Linux HTTP_PROXY and http_proxy are two variables.
    #>
    param([Parameter(Mandatory, Position = 0)][AllowEmptyCollection()][string[]]$Name)

    $saved = [hashtable]::new([StringComparer]::Ordinal)
    foreach ($one in $Name) {
        $saved[$one] = [Environment]::GetEnvironmentVariable($one)
    }
    $saved
}

function Set-Environment {
    <#
    .SYNOPSIS
    Sets each variable of -Variables in this process; $null removes one. (A plain $null reaches a .NET string parameter
    as '', and SetEnvironmentVariable(name, '') leaves an empty variable on Linux and macOS, so $null goes as NullString.)
    #>
    param([Parameter(Mandatory, Position = 0)][System.Collections.IDictionary]$Variables)

    foreach ($name in @($Variables.Keys)) {
        $value = $Variables[$name]
        [Environment]::SetEnvironmentVariable($name, $(if ($null -eq $value) { [NullString]::Value } else { [string]$value }))
    }
}

function Invoke-WithEnvironment {
    <#
    .SYNOPSIS
    Runs -ScriptBlock with -Environment's variables set in this process ($null removes one), returns what it writes,
    and then puts every variable back as it was, also when the block throws: one that did not exist is removed again.
    .DESCRIPTION
    Names are compared ordinally (case-sensitive): on Linux HTTP_PROXY and http_proxy are two variables and each is
    restored (a case-insensitive table once restored only one, leaving a dead proxy set for every later suite). A plain
    @{} cannot hold both names of such a pair: pass [hashtable]::new([StringComparer]::Ordinal).
    The block runs in a scope below this function's, so it sees the caller's variables except $Environment and
    $ScriptBlock (these are this function's); hand results back as output, not by assigning the caller's variables.
    #>
    param(
        [Parameter(Mandatory, Position = 0)]
        [System.Collections.IDictionary]$Environment,

        [Parameter(Mandatory, Position = 1)]
        [scriptblock]$ScriptBlock
    )

    # Private: the block must see the caller's variable of this name, if any, not this one.
    $private:saved = Save-Environment @($Environment.Keys)
    try {
        Set-Environment $Environment
        & $ScriptBlock
    }
    finally {
        Set-Environment $saved
    }
}

function Invoke-ChildPwsh {
    <#
    .SYNOPSIS
    Runs a command in a fresh pwsh (no profile, nothing imported) and returns its output lines.
    -Environment sets variables for the child ($null removes one; see Invoke-WithEnvironment); this process's values
    are restored after. Throws when the child exits non-zero.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)]
        [string]$Command,

        [hashtable]$Environment = @{}
    )

    $pwsh = Get-ChildPwshArguments
    # -EncodedCommand: the command text reaches the child byte for byte, whatever its quotes.
    $encoded = [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($Command))
    $output = Invoke-WithEnvironment $Environment {
        & $pwsh.FilePath @($pwsh.Prefix) -NoProfile -NonInteractive -EncodedCommand $encoded 2>&1 | ForEach-Object { "$_" -replace '\x1b\[[0-9;?]*[A-Za-z]', '' }
    }
    if ($LASTEXITCODE -ne 0) {
        throw "The child pwsh exited with code ${LASTEXITCODE}: $($output -join [Environment]::NewLine)"
    }
    $output
}

function Start-WebhookReceiver {
    <#
    .SYNOPSIS
    A real HTTP listener on a free loopback port, for the emulator's webhook POSTs. Receive-Webhook takes the next one.
    #>
    $port = Get-FreeTcpPort
    $listener = [System.Net.HttpListener]::new()
    $listener.Prefixes.Add("http://127.0.0.1:$port/webhook/")
    $listener.Start()
    [pscustomobject]@{ Listener = $listener; Uri = [uri]"http://127.0.0.1:$port/webhook/" }
}

function Receive-Webhook {
    <#
    .SYNOPSIS
    Waits (at most -TimeoutSec) for the next POST on a Start-WebhookReceiver listener, answers it -StatusCode, and returns
    its raw body (bytes and text), its X-Hub-Signature-256 header, method and content type.
    #>
    param(
        [Parameter(Mandatory, Position = 0)][object]$Receiver,
        [int]$StatusCode = 200,
        [int]$TimeoutSec = 10
    )

    $pending = $Receiver.Listener.GetContextAsync()
    if (-not $pending.Wait([timespan]::FromSeconds($TimeoutSec))) {
        throw "No webhook arrived at $($Receiver.Uri) within $TimeoutSec s."
    }
    $context = $pending.Result
    $buffer = [System.IO.MemoryStream]::new()
    $context.Request.InputStream.CopyTo($buffer)
    $result = [pscustomobject]@{
        Bytes       = $buffer.ToArray()
        Text        = [System.Text.Encoding]::UTF8.GetString($buffer.ToArray())
        Signature   = $context.Request.Headers['X-Hub-Signature-256']
        Method      = $context.Request.HttpMethod
        ContentType = $context.Request.ContentType
    }
    $context.Response.StatusCode = $StatusCode
    $context.Response.Close()
    $result
}

function Get-FreeTcpPort {
    # An ephemeral loopback port that was free a moment ago.
    $probe = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $probe.Start()
    try { $probe.LocalEndpoint.Port } finally { $probe.Stop() }
}

function Test-TcpPortFree {
    param([Parameter(Mandatory)][int]$Port)
    $probe = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, $Port)
    try { $probe.Start(); $true } catch { $false } finally { $probe.Stop() }
}

function New-LoopbackRedirect {
    <#
    .SYNOPSIS
    Picks a free loopback port, registers http://HOST:PORT/PATH as a valid redirect URI of the emulator's
    default app (keeping the others), and returns the redirect URI string.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)][object]$Emulator,
        [string]$HostName = '127.0.0.1',
        [string]$Path = '/callback'
    )

    $redirect = 'http://{0}:{1}{2}' -f $HostName, (Get-FreeTcpPort), $Path
    $uris = @(
        'http://localhost:8765/callback/'
        'http://127.0.0.1:8765/callback'
        'https://www.facebook.com/connect/login_success.html'
        $redirect
    )
    $null = Invoke-EmulatorControl $Emulator -Method Post -Path 'apps' -Body @{ appId = $Emulator.AppId; appSecret = $Emulator.AppSecretPlain; redirectUris = $uris }
    $redirect
}

function Get-ChildPwshArguments {
    # How to start a fresh pwsh like this one: the host program, and pwsh.dll first when running as `dotnet pwsh`.
    $processPath = [Environment]::ProcessPath
    $prefix = @()
    if ([IO.Path]::GetFileNameWithoutExtension($processPath) -eq 'dotnet') {
        $prefix = @(Join-Path $PSHOME 'pwsh.dll')
    }
    [pscustomobject]@{ FilePath = $processPath; Prefix = $prefix }
}

function Invoke-WithWatchdog {
    <#
    .SYNOPSIS
    Runs -ScriptBlock in a fresh runspace of this process (the staged module imported, -Variables set) and returns
    {Output, Error, Warning, Verbose, Debug, Information, State, Reason}. When it has not ended within -BoundSec it is
    told to stop and this throws: a test of a timeout then fails instead of hanging the run when the timeout regresses.
    .DESCRIPTION
    -BoundSec is a liveness bound far above the timeout under test, not a timing (speed belongs to Bench).
    The script block is re-created from its text in the new runspace, so pass what it uses with -Variables.
    A terminating error ends up in Reason (and State is Failed), not thrown.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)]
        [scriptblock]$ScriptBlock,

        [hashtable]$Variables = @{},

        [int]$BoundSec = 60
    )

    $state = [initialsessionstate]::CreateDefault2()
    $state.ImportPSModule($ModuleManifestPath)
    foreach ($name in $Variables.Keys) {
        $state.Variables.Add([System.Management.Automation.Runspaces.SessionStateVariableEntry]::new($name, $Variables[$name], ''))
    }
    $ps = [powershell]::Create($state)
    $ended = $false
    try {
        $null = $ps.AddScript($ScriptBlock.ToString())
        $output = [System.Management.Automation.PSDataCollection[psobject]]::new()
        $async = $ps.BeginInvoke([System.Management.Automation.PSDataCollection[psobject]]$null, $output)
        if (-not $async.AsyncWaitHandle.WaitOne([TimeSpan]::FromSeconds($BoundSec))) {
            # Stop without waiting: a run that ignores its timeout may ignore Stop too.
            $null = $ps.BeginStop($null, $null)
            throw "The watchdog's $BoundSec s bound passed and the command was still running: the timeout under test did not end it."
        }
        $ended = $true
        $reason = $null
        try {
            $ps.EndInvoke($async)
        }
        catch {
            $reason = $_.Exception
        }
        [pscustomobject]@{
            Output      = @($output)
            Error       = @($ps.Streams.Error)
            Warning     = @($ps.Streams.Warning)
            Verbose     = @($ps.Streams.Verbose)
            Debug       = @($ps.Streams.Debug)
            Information = @($ps.Streams.Information)
            State       = $ps.InvocationStateInfo.State
            Reason      = $reason
        }
    }
    finally {
        # Dispose would wait for a run that is still going; leave that one to the stop asked for above.
        if ($ended) {
            $ps.Dispose()
        }
    }
}

function Measure-CacheWrites {
    # How many times the cache file was replaced (each atomic write renames a temp file onto it) while $Action ran.
    param([string]$Directory, [scriptblock]$Action)
    $null = New-Item -ItemType Directory -Path $Directory -Force
    $watcher = [IO.FileSystemWatcher]::new($Directory)
    $watcher.IncludeSubdirectories = $false
    $events = [Collections.Concurrent.ConcurrentQueue[string]]::new()
    $handler = Register-ObjectEvent -InputObject $watcher -EventName Renamed -MessageData $events -Action {
        if ($EventArgs.Name -eq 'tokens.cache') { $Event.MessageData.Enqueue($EventArgs.Name) }
    }
    $watcher.EnableRaisingEvents = $true
    try {
        & $Action
        Start-Sleep -Milliseconds 700
    }
    finally {
        $watcher.EnableRaisingEvents = $false
        Unregister-Event -SourceIdentifier $handler.Name
        $watcher.Dispose()
    }
    $events.Count
}
