<#
.SYNOPSIS
Child of Invoke-Benchmarks.ps1: Invoke-FacebookGraphRequest against the emulator.

.DESCRIPTION
-Mode PerCall: GET {ver}/me with the same token, Invoke-FacebookGraphRequest vs a hand-written Invoke-RestMethod
(-Authentication Bearer -Token; -AllowUnencryptedAuthentication for the emulator's loopback http), in alternating blocks of -BlockSize calls after a warm-up of each.
-Mode Page: one page of -PageSize templates (no -All), piped to Measure-Object.
-Mode All: -All over every template of the WABA in pages of -PageSize, piped to Measure-Object (streamed).
Page and All each run in a fresh process, so their peak working sets compare the cost of paging with one page.
Writes one BENCH_RESULT= line.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)][string]$ModulePath,
    [Parameter(Mandatory)][string]$GraphBaseUri,
    [Parameter(Mandatory)][ValidateSet('PerCall', 'Page', 'All')][string]$Mode,
    [int]$Blocks = 7,
    [int]$BlockSize = 100,
    [int]$WarmUp = 30,
    [int]$PageSize = 100
)

$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'BenchHelpers.ps1')
Import-Module -Name $ModulePath

$wabaId = '102290129340398'
$plain = (Invoke-BenchEmulatorControl -BaseUri $GraphBaseUri -Path 'tokens' -Body @{ kind = 'long' }).access_token
$token = ConvertTo-SecureString -String $plain -AsPlainText -Force
$plain = $null

if ($Mode -ne 'PerCall') {
    $process = [System.Diagnostics.Process]::GetCurrentProcess()
    $uri = "$wabaId/message_templates"
    $query = @{ limit = $PageSize; fields = 'name,status' }
    # Both modes pay the same one-time costs (first call, JIT) before the measured read.
    $null = Invoke-FacebookGraphRequest $uri -Query @{ limit = 1 } -AccessToken $token -GraphBaseUri $GraphBaseUri
    $sw = [System.Diagnostics.Stopwatch]::StartNew()
    $count = if ($Mode -eq 'All') {
        (Invoke-FacebookGraphRequest $uri -Query $query -All -AccessToken $token -GraphBaseUri $GraphBaseUri | Measure-Object).Count
    }
    else {
        ((Invoke-FacebookGraphRequest $uri -Query $query -AccessToken $token -GraphBaseUri $GraphBaseUri).data | Measure-Object).Count
    }
    $sw.Stop()
    $process.Refresh()
    Write-BenchResult ([ordered]@{ Mode = $Mode; Items = $count; Ms = $sw.Elapsed.TotalMilliseconds; PeakWorkingSet = $process.PeakWorkingSet64 })
    return
}

$url = "$GraphBaseUri/v25.0/me"
$sides = [ordered]@{
    Module           = {
        param([int]$n)
        for ($i = 0; $i -lt $n; $i++) { $null = Invoke-FacebookGraphRequest me -AccessToken $token -GraphBaseUri $GraphBaseUri }
    }
    InvokeRestMethod = {
        param([int]$n)
        for ($i = 0; $i -lt $n; $i++) { $null = Invoke-RestMethod -Uri $url -Authentication Bearer -Token $token -AllowUnencryptedAuthentication }
    }
}

# Both sides must really read /me before they are timed.
if (-not (Invoke-FacebookGraphRequest me -AccessToken $token -GraphBaseUri $GraphBaseUri).id) { throw 'Invoke-FacebookGraphRequest read no id.' }
if (-not (Invoke-RestMethod -Uri $url -Authentication Bearer -Token $token -AllowUnencryptedAuthentication).id) { throw 'Invoke-RestMethod read no id.' }
foreach ($name in $sides.Keys) { & $sides[$name] $WarmUp }

$perBlock = Measure-AlternatingBlock -Sides $sides -Blocks $Blocks -BlockSize $BlockSize -EmulatorUri $GraphBaseUri

Write-BenchResult ([ordered]@{ Mode = $Mode; Blocks = $Blocks; BlockSize = $BlockSize; Module = $perBlock.Module; InvokeRestMethod = $perBlock.InvokeRestMethod })
