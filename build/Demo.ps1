<#
.SYNOPSIS
The demo that build.ps1 -Task Demo runs in a fresh pwsh: the whole exchange pipeline against the
Facebook emulator, step by step, printing each object the module returns.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)][string]$ModulePath
)

$ErrorActionPreference = 'Stop'

# The emulator helpers the Pester suites use; they also import the staged module.
. (Join-Path $PSScriptRoot '../tests/common.ps1')
$module = Import-Module -Name $ModulePath -PassThru -Force

function Write-Step([string]$Text) {
    Write-Host ''
    Write-Host "== $Text" -ForegroundColor Cyan
}

Write-Host "FacebookToken $($module.Version) from $($module.ModuleBase)"
$emu = Start-FacebookEmulator
try {
    Write-Host "Facebook emulator at $($emu.Uri) (app id $($emu.AppId); the app secret stays in a SecureString)"
    $appSecret = $emu.AppSecret
    $redirect = 'http://localhost:8765/callback/'

    Write-Step '1. Get-FacebookAuthUrl: the login dialog URL, with a random state and PKCE'
    $request = Get-FacebookAuthUrl -AppId $emu.AppId -RedirectUri $redirect -Scope whatsapp_business_management, whatsapp_business_messaging -UsePkce -LoginBaseUri $emu.Uri
    $request | Format-List | Out-Host

    Write-Step '2. The user signs in (the emulator approves at once) and Facebook redirects back with a code'
    $withCode = $request | Get-EmulatorCode $emu
    Write-Host "Redirect received for $($withCode.RedirectUri) with a code of $($withCode.Code.Length) characters (not shown)."

    Write-Step '3. Invoke-FacebookCodeExchange: code -> short-lived user token'
    $short = $withCode | Invoke-FacebookCodeExchange -AppSecret $appSecret -GraphBaseUri $emu.Uri
    $short | Format-List | Out-Host

    Write-Step '4. ConvertTo-LongLivedToken: short-lived -> long-lived (about 60 days)'
    $long = $short | ConvertTo-LongLivedToken -AppSecret $appSecret -GraphBaseUri $emu.Uri
    $long | Format-List | Out-Host

    Write-Step '5. Get-FacebookTokenInfo: what debug_token says about it'
    $long | Get-FacebookTokenInfo -AppId $emu.AppId -AppSecret $appSecret -GraphBaseUri $emu.Uri | Format-List | Out-Host

    Write-Step 'The same in one pipeline'
    Get-FacebookAuthUrl -AppId $emu.AppId -RedirectUri $redirect -Scope whatsapp_business_management -LoginBaseUri $emu.Uri |
        Get-EmulatorCode $emu |
        Invoke-FacebookCodeExchange -AppSecret $appSecret -GraphBaseUri $emu.Uri |
        ConvertTo-LongLivedToken -AppSecret $appSecret -GraphBaseUri $emu.Uri |
        Format-Table | Out-Host

    Write-Step 'An error, as a script sees it: exchanging the same code twice'
    $null = $withCode | Invoke-FacebookCodeExchange -AppSecret $appSecret -GraphBaseUri $emu.Uri -ErrorAction SilentlyContinue -ErrorVariable failed
    $e = $failed[0]
    Write-Host "FullyQualifiedErrorId : $($e.FullyQualifiedErrorId)"
    Write-Host "Category              : $($e.CategoryInfo.Category)"
    Write-Host "Code / Subcode        : $($e.Exception.Code) / $($e.Exception.Subcode)"
    Write-Host "fbtrace_id            : $($e.Exception.FbTraceId)"
    Write-Host "Message               : $($e.Exception.Message)"
    Write-Step '6. Invoke-FacebookLogin: the whole login in one call (listener, browser, exchange, long-lived)'
    $hasDisplay = $IsWindows -or $IsMacOS -or $env:DISPLAY -or $env:WAYLAND_DISPLAY
    $savedBrowser = $env:BROWSER
    if ($hasDisplay -and -not $env:FBT_DEMO_AUTO) {
        Write-Host 'A browser will open on the emulator''s login page: click "Continue as Emulated User".'
    }
    else {
        # No display: the emulator approves at once and a curl stand-in plays the browser.
        Write-Host 'No display here: the emulator approves the sign-in by itself and curl plays the browser.'
        $null = Invoke-EmulatorControl $emu -Method Post -Path 'settings' -Body @{ autoApprove = 'approve' }
        $env:BROWSER = Join-Path $PSScriptRoot '../tests/assets/fake-browser.sh'
    }
    try {
        $login = Invoke-FacebookLogin -AppId $emu.AppId -AppSecret $appSecret -RedirectUri 'http://localhost:8765/callback/' `
            -Scope whatsapp_business_management, whatsapp_business_messaging -UsePkce `
            -LoginBaseUri $emu.Uri -GraphBaseUri $emu.Uri -TimeoutSec 120 -Verbose
        $login | Format-List | Out-Host
    }
    finally {
        $env:BROWSER = $savedBrowser
    }

    # --- The runbook part (issue 13): a 60-day system-user token, cached, renewed, revoked. ---
    Write-Step '7. New-FacebookSystemUserToken: install the app for a system user and mint a 60-day token, cached as wa-runbook'
    $demoCache = Join-Path ([IO.Path]::GetTempPath()) ('fbt-demo-' + [guid]::NewGuid().ToString('N'))
    $demoKey = ConvertTo-SecureString ('demo-cache-key-' + [guid]::NewGuid().ToString('N')) -AsPlainText -Force
    $cacheArgs = @{ CachePath = $demoCache; CacheKey = $demoKey }
    try {
        # The admin system user's own token, as Business Settings would give it (the emulator mints it here).
        $admin = (Invoke-EmulatorControl $emu -Method Post -Path 'systemusers/tokens' -Body @{ systemUserId = '61550000000000002' }).access_token
        $systemToken = New-FacebookSystemUserToken -SystemUserId 61550000000000001 -AccessToken $admin -AppId $emu.AppId -AppSecret $appSecret `
            -Scope whatsapp_business_management, whatsapp_business_messaging -ExpiresIn60Days -InstallApp -CacheName wa-runbook @cacheArgs -GraphBaseUri $emu.Uri
        $systemToken | Format-List | Out-Host

        Write-Step '8. The health check a runbook runs first'
        $check = Test-FacebookToken -Name wa-runbook -MinimumValidity 7.00:00:00 -WhatsAppBusinessAccountId 102290129340398 -PhoneNumberId 106540352242922 -AppId $emu.AppId -AppSecret $appSecret @cacheArgs -GraphBaseUri $emu.Uri -Detailed
        $check | Format-List | Out-Host
        if (-not $check.Passed) { throw 'The health check failed: the runbook would stop here.' }

        Write-Step '9. 50 days later at Facebook (POST /_emulator/clock): Update-FacebookToken renews it'
        $null = Invoke-EmulatorControl $emu -Method Post -Path 'clock' -Body @{ days = 50 }
        # The module measures time left on this machine's clock, which the emulator's clock does not move:
        # asking for more validity than 60 days makes the renewal due now.
        Update-FacebookToken wa-runbook -AppId $emu.AppId -AppSecret $appSecret -MinimumValidity 61.00:00:00 @cacheArgs -GraphBaseUri $emu.Uri | Format-Table -Wrap | Out-Host
        Update-FacebookToken wa-runbook -AppId $emu.AppId -AppSecret $appSecret @cacheArgs -GraphBaseUri $emu.Uri | Format-Table -Wrap | Out-Host

        Write-Step '10. Revoke-FacebookToken: end it at Facebook and remove it from the cache'
        Revoke-FacebookToken -Name wa-runbook -AppId $emu.AppId -AppSecret $appSecret @cacheArgs -GraphBaseUri $emu.Uri -Confirm:$false -Verbose
        Write-Host "Cached tokens left: $(@(Get-FacebookToken @cacheArgs -IncludeExpired).Count)"
    }
    finally {
        Remove-Item -LiteralPath $demoCache -Recurse -Force -ErrorAction SilentlyContinue
    }

    # --- Issue 14: use the token without ever holding it as text. ---
    Write-Step '11. Invoke-FacebookGraphRequest: send a WhatsApp template message with the cached token, by name'
    $graphCache = Join-Path ([IO.Path]::GetTempPath()) ('fbt-demo-' + [guid]::NewGuid().ToString('N'))
    $graphKey = ConvertTo-SecureString ('demo-cache-key-' + [guid]::NewGuid().ToString('N')) -AsPlainText -Force
    $graphCacheArgs = @{ CachePath = $graphCache; CacheKey = $graphKey }
    try {
        $long | Save-FacebookToken -Name wa-demo @graphCacheArgs
        $message = @{
            messaging_product = 'whatsapp'
            to                = '15550100002'
            type              = 'template'
            template          = @{ name = 'hello_world'; language = @{ code = 'en_US' } }
        }
        $sent = Invoke-FacebookGraphRequest '106540352242922/messages' -Method POST -Body $message -Name wa-demo @graphCacheArgs -GraphBaseUri $emu.Uri -Verbose -ErrorAction Stop
        Write-Host "Sent: $($sent.messages[0].id) to $($sent.contacts[0].wa_id)"

        Write-Step '12. Every message template, page after page (-All)'
        $null = Invoke-EmulatorControl $emu -Method Post -Path 'whatsapp/templates' -Body @{ count = 6; prefix = 'demo' }
        Invoke-FacebookGraphRequest '102290129340398/message_templates' -Query @{ fields = 'name', 'language', 'status'; limit = 4 } -All -Name wa-demo @graphCacheArgs -GraphBaseUri $emu.Uri -ErrorAction Stop |
            Format-Table name, language, status | Out-Host
    }
    finally {
        Remove-Item -LiteralPath $graphCache -Recurse -Force -ErrorAction SilentlyContinue
    }

    Write-Host ''
    Write-Host 'Demo complete.' -ForegroundColor Green
}
finally {
    Stop-FacebookEmulator $emu
}
