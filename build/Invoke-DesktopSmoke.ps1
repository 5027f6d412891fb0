<#
.SYNOPSIS
The lifecycle against the Facebook emulator in whatever PowerShell runs it: CI runs it in Windows PowerShell 5.1
(`shell: powershell`), where the manifest loads the Desktop build (bin/net472) and the cache is DPAPI.

.DESCRIPTION
The Pester suites need PowerShell 7; this script is written for Windows PowerShell 5.1 too (no ?? or ?., no
-NoProxy, no PowerShell 7 types), so the Desktop build meets .NET Framework's own HTTP stack, cryptography and
DPAPI there. It imports -ModulePath, starts the emulator from -EmulatorPath and runs: a code exchange, the long-lived
exchange, debug_token, a save to the cache and a read back (the OS store unless -CacheKey is given), the health
check, a WhatsApp message sent once, the views' date and time-left text, and removal. Each check prints one line;
the first that fails throws, and the script exits 1.

tests/DesktopSmoke.Tests.ps1 runs it on Linux in PowerShell 7 against both builds with a key-file cache, so every
step it takes is exercised before CI runs it on Windows.

.EXAMPLE
powershell -NoProfile -File build/Invoke-DesktopSmoke.ps1 -ModulePath output/FacebookToken/FacebookToken.psd1 -EmulatorPath output/FacebookEmulator
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)][string]$ModulePath,
    [Parameter(Mandatory)][string]$EmulatorPath,
    # Which build must load: Desktop (bin/net472) or Core (bin/net8.0); by default the one this edition picks.
    [ValidateSet('Desktop', 'Core')][string]$ExpectBuild,
    # The OS store backend the cache must choose when no -CacheKey is given (DPAPI on Windows).
    [string]$ExpectBackend,
    # A key-file cache instead of the OS store (Linux without a keyring).
    [string]$CacheKey
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$checks = 0

function Assert-Smoke([bool]$Condition, [string]$What) {
    if (-not $Condition) { throw "Desktop smoke FAILED: $What" }
    $script:checks++
    Write-Host "ok  $What"
}

function Invoke-Control([object]$Emulator, [string]$Path, [hashtable]$Body) {
    # The emulator's control API, as a test would call it (loopback, JSON).
    Invoke-RestMethod -Method Post -Uri ($Emulator.BaseUri.AbsoluteUri + '_emulator/' + $Path) -ContentType 'application/json' -Body (ConvertTo-Json -InputObject $Body -Depth 5 -Compress)
}

try {
    $module = Import-Module -Name $ModulePath -PassThru -Force
    $edition = $PSVersionTable.PSEdition
    if (-not $ExpectBuild) { $ExpectBuild = if ($edition -eq 'Desktop') { 'Desktop' } else { 'Core' } }
    $framework = if ($ExpectBuild -eq 'Desktop') { 'net472' } else { 'net8.0' }
    $assembly = [FacebookToken.FacebookAccessToken].Assembly.Location
    Assert-Smoke ($assembly -like "*$([IO.Path]::DirectorySeparatorChar)$framework$([IO.Path]::DirectorySeparatorChar)*") "PowerShell $($PSVersionTable.PSVersion) ($edition) loaded FacebookToken $($module.Version) from bin/$framework"

    $emu = Start-FacebookEmulator -Path $EmulatorPath
    $cache = Join-Path ([IO.Path]::GetTempPath()) ('fbt-smoke-' + [guid]::NewGuid().ToString('N'))
    $cacheArgs = @{ CachePath = $cache }
    if ($CacheKey) { $cacheArgs.CacheKey = ConvertTo-SecureString $CacheKey -AsPlainText -Force }
    try {
        $graph = @{ GraphBaseUri = $emu.GraphBaseUri }
        $app = New-Object System.Management.Automation.PSCredential ($emu.AppId, $emu.AppSecret)
        $redirect = 'http://localhost:8765/callback/'

        $code = (Invoke-Control $emu 'codes' @{ redirectUri = $redirect; scopes = @('whatsapp_business_management', 'whatsapp_business_messaging') }).code
        $short = Invoke-FacebookCodeExchange -Code $code -RedirectUri $redirect -Credential $app @graph
        Assert-Smoke ("$($short.Kind)" -eq 'ShortLivedUser') 'Invoke-FacebookCodeExchange: a short-lived user token'

        $long = $short | ConvertTo-LongLivedToken -Credential $app @graph
        Assert-Smoke ("$($long.Kind)" -eq 'LongLivedUser' -and $long.ExpiresOn -gt [DateTimeOffset]::UtcNow.AddDays(59)) 'ConvertTo-LongLivedToken: about 60 days'

        $info = $long | Get-FacebookTokenInfo -Credential $app @graph
        Assert-Smoke ($info.IsValid -and $info.AppId -eq $emu.AppId) 'Get-FacebookTokenInfo: valid, for the app'

        $saved = $long | Save-FacebookToken -Name smoke -PassThru @cacheArgs
        Assert-Smoke ($null -ne $saved.SavedOn -and $saved.Name -eq 'smoke') 'Save-FacebookToken -PassThru: Name and SavedOn'

        $cacheInfo = Get-FacebookTokenCacheInfo @cacheArgs
        $backend = if ($CacheKey) { 'KeyFile' } elseif ($ExpectBackend) { $ExpectBackend } else { $cacheInfo.Backend }
        Assert-Smoke ($cacheInfo.Backend -eq $backend -and $cacheInfo.IsEncrypted) "the cache is $($cacheInfo.Backend), encrypted ($($cacheInfo.Reason))"

        $back = Get-FacebookToken smoke @cacheArgs
        Assert-Smoke ("$($back.Kind)" -eq 'LongLivedUser' -and $back.MaskedToken -eq $long.MaskedToken -and $back.SavedOn -eq $saved.SavedOn) 'Get-FacebookToken: the same token back'

        $passed = Test-FacebookToken -Name smoke -Credential $app -PhoneNumberId 106540352242922 -Scope whatsapp_business_messaging @cacheArgs @graph
        Assert-Smoke ($passed -eq $true) 'Test-FacebookToken: valid and reaches the phone number'

        $sent = Invoke-FacebookGraphRequest '106540352242922/messages' -Method POST -Name smoke -Credential $app @cacheArgs @graph -Body @{
            messaging_product = 'whatsapp'; to = '15550100002'; type = 'template'
            template          = @{ name = 'hello_world'; language = @{ code = 'en_US' } }
        }
        $messages = @((Get-FacebookEmulatorLog $emu).Messages | Where-Object { $_.To -eq '15550100002' })
        Assert-Smoke ("$($sent.messages[0].id)" -like 'wamid.*' -and $messages.Count -eq 1) 'Invoke-FacebookGraphRequest: one message sent'

        $table = $back | Format-Table | Out-String
        $list = $back | Format-List | Out-String
        $date = [FacebookToken.DisplayFormat]::Date($back.ExpiresOn)
        Assert-Smoke ($table -match '59d 2\dh' -and $table.Contains($date) -and $list.Contains($date)) "views: time left and dates read one way ($date)"

        Remove-FacebookToken smoke -Confirm:$false @cacheArgs
        Assert-Smoke (@(Get-FacebookToken @cacheArgs -IncludeExpired).Count -eq 0) 'Remove-FacebookToken: the cache is empty'
    }
    finally {
        $emu.Stop()
        Remove-Item -LiteralPath $cache -Recurse -Force -ErrorAction SilentlyContinue
    }
    Write-Host "Desktop smoke: $checks checks passed in PowerShell $($PSVersionTable.PSVersion) ($edition)."
}
catch {
    Write-Host ($_ | Out-String)
    Write-Host "Desktop smoke: FAILED after $checks checks."
    exit 1
}
