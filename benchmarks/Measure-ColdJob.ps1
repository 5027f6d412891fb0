<#
.SYNOPSIS
Child of Invoke-Benchmarks.ps1, run in a fresh pwsh: where a cold runbook job spends its time, in-process.

.DESCRIPTION
-Job A (the module): Import-Module FacebookToken, then the first cache read (Get-FacebookToken -Name wa-prod from the
key-file cache FACEBOOK_TOKEN_CACHE_PATH / FACEBOOK_TOKEN_CACHE_KEY name), then the first request (that token piped to
Invoke-FacebookGraphRequest {phone}/messages -Method POST -Body <template message>).
-Job B (hand-written): the first request alone, Invoke-RestMethod with the same body (ConvertTo-Json) and the plaintext
token from WA_TOKEN in an Authorization header.
Each step is timed with a wall clock and with this process's CPU time (user+system, every thread: the JIT's and the
thread pool's included), and counts the methods the JIT compiled and the assemblies it loaded. Writes one BENCH_RESULT=
line. Needs what Invoke-ColdJobBench sets up: the emulator, the cache and the environment.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)][ValidateSet('A', 'B')][string]$Job,
    [Parameter(Mandatory)][string]$GraphBaseUri,
    [Parameter(Mandatory)][string]$PhoneId,
    # pwsh keeps compiling on background threads for a moment after start; let that settle so it is not counted.
    [int]$SettleMs = 1000
)

$ErrorActionPreference = 'Stop'
Start-Sleep -Milliseconds $SettleMs
$process = [System.Diagnostics.Process]::GetCurrentProcess()
$sw = [System.Diagnostics.Stopwatch]::new()
$steps = [System.Collections.Generic.List[object]]::new()

function Measure-Step {
    param([string]$Name, [scriptblock]$Action)
    $assembliesBefore = [AppDomain]::CurrentDomain.GetAssemblies().Count
    $jitBefore = [System.Runtime.JitInfo]::GetCompiledMethodCount($false)
    $process.Refresh()
    $cpuBefore = $process.TotalProcessorTime.TotalMilliseconds
    $sw.Restart()
    $value = & $Action
    $sw.Stop()
    $process.Refresh()
    $steps.Add([ordered]@{
            Name       = $Name
            WallMs     = $sw.Elapsed.TotalMilliseconds
            CpuMs      = $process.TotalProcessorTime.TotalMilliseconds - $cpuBefore
            JitMethods = [System.Runtime.JitInfo]::GetCompiledMethodCount($false) - $jitBefore
            # The process's count when the step began: with DOTNET_JitStdOutFile and DOTNET_JitDisasmSummary=1, the
            # numbered list of compiled methods can be cut into steps by it.
            JitAt      = $jitBefore
            Assemblies = [AppDomain]::CurrentDomain.GetAssemblies().Count - $assembliesBefore
        })
    $value
}

$body = @{ messaging_product = 'whatsapp'; to = '15550100002'; type = 'template'; template = @{ name = 'hello_world'; language = @{ code = 'en_US' } } }
$assembliesAtStart = @([AppDomain]::CurrentDomain.GetAssemblies() | ForEach-Object { $_.GetName().Name })
if ($Job -eq 'A') {
    $null = Measure-Step 'Import' { Import-Module FacebookToken }
    $token = Measure-Step 'FirstCacheRead' { Get-FacebookToken -Name wa-prod }
    if ($null -eq $token) { throw 'Get-FacebookToken -Name wa-prod returned nothing.' }
    $answer = Measure-Step 'FirstRequest' { $token | Invoke-FacebookGraphRequest "$PhoneId/messages" -Method POST -Body $body -GraphBaseUri $GraphBaseUri }
}
else {
    $answer = Measure-Step 'FirstRequest' {
        Invoke-RestMethod -Uri "$GraphBaseUri/v25.0/$PhoneId/messages" -Method Post -Body (ConvertTo-Json -InputObject $body -Depth 5) -ContentType 'application/json' -Headers @{ Authorization = "Bearer $env:WA_TOKEN" }
    }
}
if ("$($answer.messages[0].id)" -notlike 'wamid.*') { throw "Job $Job sent no message: $(ConvertTo-Json $answer -Depth 5 -Compress)" }

$loaded = @([AppDomain]::CurrentDomain.GetAssemblies() | ForEach-Object { $_.GetName().Name } | Where-Object { $assembliesAtStart -notcontains $_ } | Sort-Object -Unique)
. (Join-Path $PSScriptRoot 'BenchHelpers.ps1')
Write-BenchResult ([ordered]@{ Job = $Job; Steps = $steps; NewAssemblies = $loaded })
