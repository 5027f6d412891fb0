<#
.SYNOPSIS
Child of Invoke-Benchmarks.ps1: the token cache at a tech provider's scale (one token per onboarded customer), on a
key-file cache with a raw 256-bit key (FACEBOOK_TOKEN_CACHE_KEY, set by the orchestrator; no D-Bus session).

.DESCRIPTION
For each -Count (default 100, 1,000 and 10,000 entries), in a new cache folder:
  Fill:    the entries as rows piped into one Save-FacebookToken (one lock, one write), wall time.
  Save:    one more Save-FacebookToken of one new name into the full cache, per call (median of -SaveCalls).
  Get:     a warm Get-FacebookToken of one name, per call (median of -GetCalls, after a first).
  Pattern: a warm Get-FacebookToken -Name 'cust-00001*' (a wildcard that matches one), per call.
Plus, at the smallest count, the same entries saved one Save-FacebookToken call each (the way before rows).
Writes one BENCH_RESULT= line.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)][string]$ModulePath,
    [Parameter(Mandatory)][string]$WorkPath,
    [string]$Counts = '100,1000,10000',
    [int]$SaveCalls = 7,
    [int]$GetCalls = 200
)

$ErrorActionPreference = 'Stop'
Import-Module -Name $ModulePath
. (Join-Path $PSScriptRoot 'BenchHelpers.ps1')

function New-Rows([int]$Count) {
    for ($i = 1; $i -le $Count; $i++) {
        [pscustomobject]@{
            Name        = 'cust-{0:00000}' -f $i
            AccessToken = 'EAAG' + [guid]::NewGuid().ToString('N') + [guid]::NewGuid().ToString('N')
            Kind        = 'SystemUser'
            AppId       = '1234567890'
        }
    }
}

function Measure-Calls([int]$Calls, [scriptblock]$Body) {
    $times = [System.Collections.Generic.List[double]]::new()
    $sw = [System.Diagnostics.Stopwatch]::new()
    for ($i = 0; $i -lt $Calls; $i++) {
        $sw.Restart()
        $null = & $Body $i
        $times.Add($sw.Elapsed.TotalMilliseconds)
    }
    Get-Median $times
}

$result = [ordered]@{ Rows = @() }
$sizes = @($Counts -split ',' | ForEach-Object { [int]$_ })
foreach ($count in $sizes) {
    $cache = @{ CachePath = (Join-Path $WorkPath "scale-$count") }
    $rows = @(New-Rows $count)
    [GC]::Collect()
    $sw = [System.Diagnostics.Stopwatch]::StartNew()
    $rows | Save-FacebookToken @cache
    $fillMs = $sw.Elapsed.TotalMilliseconds
    $one = 'cust-{0:00000}' -f [math]::Max(1, [int]($count / 2))
    if (-not (Get-FacebookToken -Name $one @cache)) { throw "Get-FacebookToken $one found nothing after the fill." }
    $getMs = Measure-Calls $GetCalls { Get-FacebookToken -Name $one @cache }
    $patternMs = Measure-Calls ([math]::Min($GetCalls, 50)) { Get-FacebookToken -Name 'cust-00001*' @cache }
    $saveMs = Measure-Calls $SaveCalls { param($i) [pscustomobject]@{ Name = "extra-$i"; AccessToken = 'EAAG' + [guid]::NewGuid().ToString('N'); Kind = 'SystemUser' } | Save-FacebookToken @cache }
    $entries = @(Get-FacebookToken -Name 'cust-*' @cache).Count
    $row = [ordered]@{ Count = $count; Entries = $entries; FillMs = $fillMs; SaveMs = $saveMs; GetMs = $getMs; PatternMs = $patternMs }
    if ($count -eq $sizes[0]) {
        $separate = @{ CachePath = (Join-Path $WorkPath "separate-$count") }
        $sw.Restart()
        foreach ($r in $rows) { $r | Save-FacebookToken @separate }
        $row.FillOneByOneMs = $sw.Elapsed.TotalMilliseconds
    }
    $result.Rows += $row
}
Write-BenchResult $result
