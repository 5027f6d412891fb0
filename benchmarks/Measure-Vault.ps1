<#
.SYNOPSIS
Child of Invoke-Benchmarks.ps1: Get-FacebookToken -Vault from a SecretStore vault against Get-Secret itself.

.DESCRIPTION
Runs with HOME pointing at a scratch folder (SecretStore and the vault registry live there) and
Microsoft.PowerShell.SecretManagement and Microsoft.PowerShell.SecretStore on PSModulePath.
-Mode Setup: a SecretStore with no password, registered as 'bench', and one token saved with -Vault.
-Mode Warm:  alternating blocks (the order rotating each round) of Get-FacebookToken bench -Vault bench and of
             Get-Secret FacebookToken-bench -Vault bench, in one process after one untimed call of each.
-Mode Cold:  a fresh process: the first call of -Side (FacebookToken or GetSecret) after the module is imported,
             which loads SecretManagement and SecretStore; then a second call.
Writes one BENCH_RESULT= line.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)][string]$ModulePath,
    [ValidateSet('Setup', 'Warm', 'Cold')][string]$Mode = 'Warm',
    [ValidateSet('FacebookToken', 'GetSecret')][string]$Side = 'FacebookToken',
    [int]$Blocks = 7,
    [int]$BlockSize = 50
)

$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'BenchHelpers.ps1')
Import-Module -Name $ModulePath
$vault = 'bench'
$name = 'bench'
$secretName = 'FacebookToken-bench'
$benchCalls = [ordered]@{
    FacebookToken = { $null = Get-FacebookToken -Name $name -Vault $vault }
    GetSecret     = { $null = Get-Secret -Name $secretName -Vault $vault }
}

switch ($Mode) {
    'Setup' {
        $password = ConvertTo-SecureString ('bench-' + [guid]::NewGuid().ToString('N')) -AsPlainText -Force
        Set-SecretStoreConfiguration -Scope CurrentUser -Authentication None -Interaction None -Password $password -Confirm:$false
        Register-SecretVault -Name $vault -ModuleName Microsoft.PowerShell.SecretStore
        $raw = 'EAAGbench' + [guid]::NewGuid().ToString('N') + [guid]::NewGuid().ToString('N')
        $token = [FacebookToken.FacebookAccessToken]::new((ConvertTo-SecureString -String $raw -AsPlainText -Force), 'SystemUser', '1234567890')
        $token.ExpiresOn = [DateTimeOffset]::UtcNow.AddDays(60)
        $token | Save-FacebookToken -Name $name -Vault $vault
        $info = Get-FacebookTokenCacheInfo -Vault $vault
        Write-BenchResult ([ordered]@{ Mode = 'Setup'; Reason = $info.Reason; Count = $info.TokenCount })
    }
    'Warm' {
        foreach ($call in $benchCalls.Values) { & $call }
        $perBlock = [ordered]@{ FacebookToken = [System.Collections.Generic.List[double]]::new(); GetSecret = [System.Collections.Generic.List[double]]::new() }
        $names = @($benchCalls.Keys)
        $sw = [System.Diagnostics.Stopwatch]::new()
        for ($round = 0; $round -lt $Blocks; $round++) {
            for ($k = 0; $k -lt $names.Count; $k++) {
                $which = $names[($round + $k) % $names.Count]
                [GC]::Collect()
                $sw.Restart()
                for ($i = 0; $i -lt $BlockSize; $i++) { & $benchCalls[$which] }
                $sw.Stop()
                $perBlock[$which].Add($sw.Elapsed.TotalMilliseconds / $BlockSize)
            }
        }
        Write-BenchResult ([ordered]@{ Mode = 'Warm'; FacebookTokenMs = $perBlock.FacebookToken; GetSecretMs = $perBlock.GetSecret; BlockSize = $BlockSize })
    }
    'Cold' {
        $sw = [System.Diagnostics.Stopwatch]::StartNew()
        & $benchCalls[$Side]
        $firstMs = $sw.Elapsed.TotalMilliseconds
        $sw.Restart()
        & $benchCalls[$Side]
        $secondMs = $sw.Elapsed.TotalMilliseconds
        Write-BenchResult ([ordered]@{ Mode = 'Cold'; Side = $Side; FirstMs = $firstMs; SecondMs = $secondMs })
    }
}
