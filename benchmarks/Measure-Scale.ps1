<#
.SYNOPSIS
Child of Invoke-Benchmarks.ps1: Get-FacebookTokenInfo over -Count piped tokens against the emulator
(the orchestrator has set its latency), sequential and, when the cmdlet has -ThrottleLimit, bounded-parallel;
side by side with hand-written Invoke-RestMethod (a foreach loop, and ForEach-Object -Parallel).

.DESCRIPTION
Writes one BENCH_RESULT= line with wall times in ms.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)][string]$ModulePath,
    [Parameter(Mandatory)][string]$GraphBaseUri,
    [int]$Count = 500,
    [int]$ThrottleLimit = 8
)

$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'BenchHelpers.ps1')
Import-Module -Name $ModulePath

$appId = '1234567890'
$secretPlain = 'emulator-app-secret-5f4dcc3b5aa765d61d8327deb882cf99'
$secret = ConvertTo-SecureString -String $secretPlain -AsPlainText -Force
$hasThrottle = (Get-Command -Name Get-FacebookTokenInfo).Parameters.ContainsKey('ThrottleLimit')

# The control API has no added latency; minting is not timed.
$tokens = [string[]]@(for ($i = 0; $i -lt $Count; $i++) {
        (Invoke-BenchEmulatorControl -BaseUri $GraphBaseUri -Path 'tokens' -Body @{ appId = $appId; kind = 'long' }).access_token
    })
$debugUrl = "$GraphBaseUri/v25.0/debug_token"
$headers = @{ Authorization = "Bearer $appId|$secretPlain" }

# Warm-up: a few of each, so no side pays for JIT or the first connection.
$null = $tokens[0..4] | Get-FacebookTokenInfo -AppId $appId -AppSecret $secret -GraphBaseUri $GraphBaseUri
foreach ($t in $tokens[0..4]) { $null = Invoke-RestMethod -Uri "$debugUrl`?input_token=$([Uri]::EscapeDataString($t))" -Headers $headers }
$null = $tokens[0..4] | ForEach-Object -ThrottleLimit $ThrottleLimit -Parallel {
    Invoke-RestMethod -Uri "$using:debugUrl`?input_token=$([Uri]::EscapeDataString($_))" -Headers $using:headers
}

function Measure-Side {
    param([scriptblock]$Body)
    [GC]::Collect()
    $sw = [System.Diagnostics.Stopwatch]::StartNew()
    $out = @(& $Body)
    $sw.Stop()
    # FacebookTokenInfo.IsValid from the module, data.is_valid from Invoke-RestMethod.
    $valid = @($out | Where-Object {
            if ($_.PSObject.Properties['IsValid']) { $_.IsValid } elseif ($_.PSObject.Properties['data']) { $_.data.is_valid } else { $false }
        }).Count
    [ordered]@{ Ms = $sw.Elapsed.TotalMilliseconds; Results = $out.Count; Valid = $valid }
}

$result = [ordered]@{ Count = $Count; ThrottleLimit = $ThrottleLimit; HasThrottleLimit = $hasThrottle }
$result.ModuleSequential = Measure-Side { $tokens | Get-FacebookTokenInfo -AppId $appId -AppSecret $secret -GraphBaseUri $GraphBaseUri }
$result.IrmSequential = Measure-Side {
    foreach ($t in $tokens) { Invoke-RestMethod -Uri "$debugUrl`?input_token=$([Uri]::EscapeDataString($t))" -Headers $headers }
}
if ($hasThrottle) {
    $result.ModuleParallel = Measure-Side { $tokens | Get-FacebookTokenInfo -AppId $appId -AppSecret $secret -GraphBaseUri $GraphBaseUri -ThrottleLimit $ThrottleLimit }
}
$result.IrmParallel = Measure-Side {
    $tokens | ForEach-Object -ThrottleLimit $ThrottleLimit -Parallel {
        Invoke-RestMethod -Uri "$using:debugUrl`?input_token=$([Uri]::EscapeDataString($_))" -Headers $using:headers
    }
}
Write-BenchResult $result
