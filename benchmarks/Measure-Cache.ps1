<#
.SYNOPSIS
Child of Invoke-Benchmarks.ps1: the token cache on whatever backend this process gets (key file when
FACEBOOK_TOKEN_CACHE_KEY is set and there is no D-Bus session; libsecret inside a keyring session).

.DESCRIPTION
-Mode Warm: Get-FacebookToken of one name per call on a one-entry cache (-GetCalls calls after a first one),
            Save-FacebookToken per call (-SaveCalls new names), then the same Get on the grown cache; each
            call timed on its own. As a reference, the same steps with a hand-written plain-text JSON file
            (Get-Content | ConvertFrom-Json, no lock, no encryption).
-Mode Cold: a fresh process (on the cache the Warm run left): times Import-Module, then the first Get-FacebookToken (key derivation,
            none for a raw key or an unencrypted file, or
            keyring connection, MSAL load, first read), then a second one.
Writes one BENCH_RESULT= line.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)][string]$ModulePath,
    [Parameter(Mandatory)][string]$CachePath,
    [ValidateSet('Warm', 'Cold')][string]$Mode = 'Warm',
    # The unencrypted backend (-AllowPlaintextStorage on every cache call); passed as 'True' by Invoke-BenchScript.
    [string]$AllowPlaintext = 'False',
    [int]$SaveCalls = 50,
    [int]$GetCalls = 200
)

$ErrorActionPreference = 'Stop'
$sw = [System.Diagnostics.Stopwatch]::StartNew()
Import-Module -Name $ModulePath
$importMs = $sw.Elapsed.TotalMilliseconds
. (Join-Path $PSScriptRoot 'BenchHelpers.ps1')

$name = 'bench'
# -CachePath, plus -AllowPlaintextStorage for the unencrypted backend (Get-FacebookTokenCacheInfo has no such switch).
$cache = @{ CachePath = $CachePath }
if ($AllowPlaintext -eq 'True') { $cache.AllowPlaintextStorage = $true; $WarningPreference = 'SilentlyContinue' }

if ($Mode -eq 'Cold') {
    $sw.Restart()
    $token = Get-FacebookToken -Name $name @cache
    $firstMs = $sw.Elapsed.TotalMilliseconds
    $sw.Restart()
    $null = Get-FacebookToken -Name $name @cache
    $secondMs = $sw.Elapsed.TotalMilliseconds
    if ($null -eq $token) { throw "Get-FacebookToken $name returned nothing from $CachePath." }
    $msal = [bool]([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -like 'Microsoft.Identity.Client*' })
    Write-BenchResult ([ordered]@{ Mode = 'Cold'; ImportMs = $importMs; FirstGetMs = $firstMs; SecondGetMs = $secondMs; MsalLoadedAfterFirstGet = $msal })
    return
}

$null = New-Item -ItemType Directory -Path $CachePath -Force
function New-BenchToken {
    $raw = 'EAAGbench' + [guid]::NewGuid().ToString('N') + [guid]::NewGuid().ToString('N')
    [FacebookToken.FacebookAccessToken]::new((ConvertTo-SecureString -String $raw -AsPlainText -Force), 'LongLivedUser', '1234567890')
}

# First use in this process: opens the store (key derivation / keyring), creates the cache.
$sw.Restart()
New-BenchToken | Save-FacebookToken -Name $name @cache
$firstSaveMs = $sw.Elapsed.TotalMilliseconds
$info = Get-FacebookTokenCacheInfo -CachePath $CachePath -WarningAction SilentlyContinue

function Measure-Gets {
    # $GetCalls calls of one Get, each timed on its own (after one untimed call).
    param([scriptblock]$Get)
    $null = & $Get
    $times = [System.Collections.Generic.List[double]]::new()
    for ($i = 0; $i -lt $GetCalls; $i++) {
        $sw.Restart()
        $null = & $Get
        $times.Add($sw.Elapsed.TotalMilliseconds)
    }
    , $times
}

# Warm Get on a one-entry cache, then Save per call (one new name each), then warm Get again with all those entries.
$sw.Restart()
$null = Get-FacebookToken -Name $name @cache
$firstGetMs = $sw.Elapsed.TotalMilliseconds
$getMs = Measure-Gets { Get-FacebookToken -Name $name @cache }

$tokens = @(for ($i = 0; $i -lt $SaveCalls; $i++) { New-BenchToken })
$saveMs = [System.Collections.Generic.List[double]]::new()
for ($i = 0; $i -lt $SaveCalls; $i++) {
    $t = $tokens[$i]
    $sw.Restart()
    Save-FacebookToken -InputObject $t -Name ('save-{0:d3}' -f $i) @cache
    $saveMs.Add($sw.Elapsed.TotalMilliseconds)
}
$getManyMs = Measure-Gets { Get-FacebookToken -Name $name @cache }
$entries = @(Get-FacebookToken @cache).Count

# Reference: a hand-written plain-text JSON "cache" going through the same steps (read-modify-write on save).
$plainFile = Join-Path $CachePath 'plain-reference.json'
$plainSave = {
    param([string]$entryName)
    $data = if (Test-Path -LiteralPath $plainFile) { Get-Content -Raw -LiteralPath $plainFile | ConvertFrom-Json -AsHashtable } else { @{} }
    $data[$entryName] = @{ token = 'EAAGbench' + [guid]::NewGuid().ToString('N') + [guid]::NewGuid().ToString('N'); kind = 'LongLivedUser'; appId = '1234567890'; savedAt = [DateTimeOffset]::UtcNow.ToString('o') }
    $data | ConvertTo-Json -Depth 4 | Set-Content -LiteralPath $plainFile
}
$plainGet = {
    $data = Get-Content -Raw -LiteralPath $plainFile | ConvertFrom-Json -AsHashtable
    $data[$name]
}
& $plainSave 'warm-up'
$null = & $plainGet
Remove-Item -LiteralPath $plainFile
& $plainSave $name
$plainGetMs = Measure-Gets $plainGet
$plainSaveMs = [System.Collections.Generic.List[double]]::new()
for ($i = 0; $i -lt $SaveCalls; $i++) {
    $sw.Restart()
    & $plainSave ('save-{0:d3}' -f $i)
    $plainSaveMs.Add($sw.Elapsed.TotalMilliseconds)
}
$plainGetManyMs = Measure-Gets $plainGet
Remove-Item -LiteralPath $plainFile -Force

Write-BenchResult ([ordered]@{
        Mode        = 'Warm'
        Backend     = "$($info.Backend)"
        Reason      = "$($info.Reason)"
        ImportMs    = $importMs
        FirstSaveMs = $firstSaveMs
        FirstGetMs  = $firstGetMs
        SaveMs      = $saveMs
        GetMs       = $getMs
        GetManyMs   = $getManyMs
        Entries     = $entries
        PlainSaveMs = $plainSaveMs
        PlainGetMs  = $plainGetMs
        PlainGetManyMs = $plainGetManyMs
    })
