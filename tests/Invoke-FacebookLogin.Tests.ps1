BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:emu = Start-FacebookEmulator
    $script:savedBrowser = $env:BROWSER
}

AfterAll {
    $env:BROWSER = $script:savedBrowser
    Stop-FacebookEmulator $script:emu
}

Describe 'Invoke-FacebookLogin' {
    BeforeEach {
        Invoke-EmulatorControl $emu -Method Post -Path 'reset' | Out-Null
        Invoke-EmulatorControl $emu -Method Post -Path 'settings' -Body @{ autoApprove = 'approve' } | Out-Null
        $script:redirect = New-LoopbackRedirect $emu -HostName localhost -Path '/callback/'
        $env:BROWSER = Join-Path $PSScriptRoot 'assets/fake-browser.sh'
    }

    AfterEach {
        $env:BROWSER = $savedBrowser
    }

    It 'runs the whole flow to a long-lived token' {
        $token = Invoke-FacebookLogin -Credential $emu.Credential -RedirectUri $redirect -Scope whatsapp_business_management, whatsapp_business_messaging -UsePkce -LoginBaseUri $emu.Uri -GraphBaseUri $emu.Uri -TimeoutSec 60
        $token | Should -BeOfType ([FacebookToken.FacebookAccessToken])
        $token.Kind | Should -Be 'LongLivedUser'
        $token.AppId | Should -Be $emu.AppId
        $token.Scopes | Should -Be @('whatsapp_business_management', 'whatsapp_business_messaging')
        $token.UserId | Should -Be '10230000001' -Because 'the login checks the token with debug_token and keeps what it says'
        $token.DataAccessExpiresOn | Should -BeGreaterThan ([DateTimeOffset]::UtcNow.AddDays(30))
        ($token | Get-FacebookTokenInfo -Credential $emu.Credential -GraphBaseUri $emu.Uri).IsValid | Should -BeTrue
    }

    It 'returns only the granted permission when the user declines one of two' {
        Invoke-EmulatorControl $emu -Method Post -Path 'settings' -Body @{ declinedScopes = @('whatsapp_business_management') } | Out-Null
        $token = Invoke-FacebookLogin -Credential $emu.Credential -RedirectUri $redirect -Scope whatsapp_business_management, whatsapp_business_messaging -LoginBaseUri $emu.Uri -GraphBaseUri $emu.Uri -TimeoutSec 60 -WarningVariable warnings
        $warnings | Should -BeNullOrEmpty
        $token.Scopes | Should -Be @('whatsapp_business_messaging')
        $info = $token | Get-FacebookTokenInfo -Credential $emu.Credential -GraphBaseUri $emu.Uri
        $info.Scopes | Should -Be @('whatsapp_business_messaging')
    }

    It 'stops at the short-lived token with -ShortLived' {
        $token = Invoke-FacebookLogin -AppId $emu.AppId -AppSecret $emu.AppSecret -RedirectUri $redirect -ShortLived -LoginBaseUri $emu.Uri -GraphBaseUri $emu.Uri -TimeoutSec 60
        $token.Kind | Should -Be 'ShortLivedUser'
    }

    It 'reports a denied login with LoginDenied' {
        Invoke-EmulatorControl $emu -Method Post -Path 'settings' -Body @{ autoApprove = 'deny' } | Out-Null
        $out = Invoke-FacebookLogin -Credential $emu.Credential -RedirectUri $redirect -LoginBaseUri $emu.Uri -GraphBaseUri $emu.Uri -TimeoutSec 60 -ErrorVariable err -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -Be 'LoginDenied,FacebookToken.Module.Commands.InvokeFacebookLoginCommand'
    }

    It 'bounds each call to Facebook after the sign-in by -TimeoutSec too' {
        # The code exchange answers after 15 s; with -TimeoutSec 5 it must give up (it used to wait up to 100 s).
        Invoke-EmulatorControl $emu -Method Post -Path 'faults' -Body @{ latencyMs = 15000; pathContains = 'oauth/access_token' } | Out-Null
        $out = Invoke-FacebookLogin -Credential $emu.Credential -RedirectUri $redirect -LoginBaseUri $emu.Uri -GraphBaseUri $emu.Uri -TimeoutSec 5 -ErrorVariable err -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -Be 'RequestTimedOut,FacebookToken.Module.Commands.InvokeFacebookLoginCommand'
    }

    It 'refuses a relative redirect before opening anything' {
        $env:BROWSER = '/nonexistent/should-not-run'
        $null = Invoke-FacebookLogin -Credential $emu.Credential -RedirectUri '/callback' -TimeoutSec 5 -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'InvalidRedirectUri,*'
    }
}
