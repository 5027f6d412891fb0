BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:emu = Start-FacebookEmulator
    $script:redirect = 'http://localhost:8765/callback/'
    function New-Request {
        param([switch]$UsePkce)
        Get-FacebookAuthUrl -AppId $emu.AppId -RedirectUri $redirect -Scope whatsapp_business_management, whatsapp_business_messaging -LoginBaseUri $emu.Uri -UsePkce:$UsePkce
    }
}

AfterAll {
    Stop-FacebookEmulator $script:emu
}

Describe 'The exchange pipeline against the emulator' {
    BeforeEach {
        Invoke-EmulatorControl $emu -Method Post -Path 'reset' | Out-Null
    }

    It 'composes Get-FacebookAuthUrl | code | Invoke-FacebookCodeExchange | ConvertTo-LongLivedToken by property name' {
        $long = New-Request | Get-EmulatorCode $emu |
            Invoke-FacebookCodeExchange -AppSecret $emu.AppSecret -GraphBaseUri $emu.Uri |
            ConvertTo-LongLivedToken -AppSecret $emu.AppSecret -GraphBaseUri $emu.Uri
        $long | Should -BeOfType ([FacebookToken.FacebookAccessToken])
        $long.Kind | Should -Be 'LongLivedUser'
        $long.AppId | Should -Be $emu.AppId
        $long.TokenType | Should -BeExactly 'Bearer'
        $long.AccessToken | Should -BeOfType ([securestring])
        $long.ExpiresOn | Should -BeGreaterThan ([DateTimeOffset]::UtcNow.AddDays(59))
        $long.ExpiresOn | Should -BeLessThan ([DateTimeOffset]::UtcNow.AddDays(61))
    }

    It 'keeps only the granted permission when the user declines one of two (debug_token, not the request, is the truth)' {
        Invoke-EmulatorControl $emu -Method Post -Path 'settings' -Body @{ declinedScopes = @('whatsapp_business_messaging') } | Out-Null
        $request = New-Request | Get-EmulatorCode $emu
        $authCode = $request | Receive-FacebookAuthCode -CallbackUri "$redirect`?code=$([Uri]::EscapeDataString($request.Code))&state=$([Uri]::EscapeDataString($request.State))#_=_"
        $authCode.GrantedScopes | Should -Be @('whatsapp_business_management', 'whatsapp_business_messaging') -Because 'without granted_scopes the redirect cannot say what was declined'
        $short = $authCode | Invoke-FacebookCodeExchange -AppSecret $emu.AppSecret -GraphBaseUri $emu.Uri -WarningVariable warnings
        $warnings | Should -BeNullOrEmpty
        $short.Scopes | Should -Be @('whatsapp_business_management')
        $short.UserId | Should -Be '10230000001'
    }

    It 'yields a short-lived token with ExpiresOn from expires_in' {
        $short = New-Request | Get-EmulatorCode $emu | Invoke-FacebookCodeExchange -AppSecret $emu.AppSecret -GraphBaseUri $emu.Uri
        $short.Kind | Should -Be 'ShortLivedUser'
        $short.ExpiresOn | Should -BeGreaterThan ([DateTimeOffset]::UtcNow.AddMinutes(30))
        $short.ExpiresOn | Should -BeLessThan ([DateTimeOffset]::UtcNow.AddHours(3))
    }

    It 'accepts -Credential instead of -AppId/-AppSecret' {
        $long = New-Request | Get-EmulatorCode $emu |
            Invoke-FacebookCodeExchange -Credential $emu.Credential -GraphBaseUri $emu.Uri |
            ConvertTo-LongLivedToken -Credential $emu.Credential -GraphBaseUri $emu.Uri
        $long.Kind | Should -Be 'LongLivedUser'
    }

    It 'carries the PKCE verifier through the pipeline and sends it' {
        $short = New-Request -UsePkce | Get-EmulatorCode $emu | Invoke-FacebookCodeExchange -AppSecret $emu.AppSecret -GraphBaseUri $emu.Uri
        $short.Kind | Should -Be 'ShortLivedUser'
        $log = Invoke-EmulatorControl $emu -Method Get -Path 'requests'
        $exchange = @($log | Where-Object { $_.path -like '*/oauth/access_token' })[-1]
        $exchange.form.code_verifier | Should -Not -BeNullOrEmpty
    }

    It 'sends the app secret in the POST body, never in a URL' {
        $null = New-Request | Get-EmulatorCode $emu | Invoke-FacebookCodeExchange -AppSecret $emu.AppSecret -GraphBaseUri $emu.Uri
        $log = Invoke-EmulatorControl $emu -Method Get -Path 'requests'
        $exchange = @($log | Where-Object { $_.path -like '*/oauth/access_token' })[-1]
        $exchange.method | Should -Be 'POST'
        $exchange.version | Should -Be 'v25.0'
        ($exchange.query | ConvertTo-Json -Compress) | Should -Not -Match ([regex]::Escape($emu.AppSecretPlain))
        $exchange.form.client_secret | Should -Be $emu.AppSecretPlain
    }

    It 'takes a plain-text token and inspects it with Get-FacebookTokenInfo' {
        $token = (Invoke-EmulatorControl $emu -Method Post -Path 'tokens' -Body @{ appId = $emu.AppId; kind = 'long'; scopes = @('whatsapp_business_management') }).access_token
        $info = Get-FacebookTokenInfo -AccessToken $token -AppId $emu.AppId -AppSecret $emu.AppSecret -GraphBaseUri $emu.Uri
        $info | Should -BeOfType ([FacebookToken.FacebookTokenInfo])
        $info.IsValid | Should -BeTrue
        $info.AppId | Should -Be $emu.AppId
        $info.Scopes | Should -Contain 'whatsapp_business_management'
        $long = $token | ConvertTo-LongLivedToken -AppId $emu.AppId -AppSecret $emu.AppSecret -GraphBaseUri $emu.Uri
        $long.Kind | Should -Be 'LongLivedUser'
    }

    It 'inspects a piped token object, with the app credentials or by itself' {
        $long = New-Request | Get-EmulatorCode $emu |
            Invoke-FacebookCodeExchange -AppSecret $emu.AppSecret -GraphBaseUri $emu.Uri |
            ConvertTo-LongLivedToken -AppSecret $emu.AppSecret -GraphBaseUri $emu.Uri
        $withApp = $long | Get-FacebookTokenInfo -Credential $emu.Credential -GraphBaseUri $emu.Uri
        $withApp.IsValid | Should -BeTrue
        $withApp.Type | Should -Be 'USER'
        $withApp.ExpiresOn | Should -BeGreaterThan ([DateTimeOffset]::UtcNow.AddDays(59))
        # Facebook lets a token inspect itself only when its user has a role on the app (rapidpro#3734).
        $refused = $long | Get-FacebookTokenInfo -GraphBaseUri $emu.Uri -ErrorVariable err -ErrorAction SilentlyContinue
        $refused | Should -BeNullOrEmpty
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'PermissionDenied,*'
        $err[0].Exception.Message | Should -Match 'You must provide an app access token'
        $err[0].Exception.Message | Should -Match '-Credential'
        $err[0].Exception.Message | Should -Match '-AppId and -AppSecret'
        Invoke-EmulatorControl $emu -Method Post -Path 'roles' -Body @{} | Out-Null
        $self = $long | Get-FacebookTokenInfo -GraphBaseUri $emu.Uri
        $self.IsValid | Should -BeTrue
        $self.UserId | Should -Not -BeNullOrEmpty
    }

    It 'labels a code exchange that answers about 60 days LongLivedUser' {
        Invoke-EmulatorControl $emu -Method Post -Path 'settings' -Body @{ codeExchangeGivesLongLived = $true } | Out-Null
        $token = New-Request | Get-EmulatorCode $emu | Invoke-FacebookCodeExchange -AppSecret $emu.AppSecret -GraphBaseUri $emu.Uri
        $token.Kind | Should -Be 'LongLivedUser'
        $token.ExpiresOn | Should -BeGreaterThan ([DateTimeOffset]::UtcNow.AddDays(59))
    }
}

Describe 'Error records from Facebook errors' {
    BeforeEach {
        Invoke-EmulatorControl $emu -Method Post -Path 'reset' | Out-Null
    }

    It 'a used code gives CodeAlreadyUsed with code, subcode and fbtrace_id' {
        $withCode = New-Request | Get-EmulatorCode $emu
        $null = $withCode | Invoke-FacebookCodeExchange -AppSecret $emu.AppSecret -GraphBaseUri $emu.Uri
        $again = $withCode | Invoke-FacebookCodeExchange -AppSecret $emu.AppSecret -GraphBaseUri $emu.Uri -ErrorVariable err -ErrorAction SilentlyContinue
        $again | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -Be 'CodeAlreadyUsed,FacebookToken.Module.Commands.InvokeFacebookCodeExchangeCommand'
        $err[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err[0].Exception | Should -BeOfType ([FacebookToken.FacebookApiException])
        $err[0].Exception.Code | Should -Be 100
        $err[0].Exception.Subcode | Should -Be 36009
        $err[0].Exception.FbTraceId | Should -Not -BeNullOrEmpty
        $err[0].Exception.Message | Should -Match 'has been used'
        $err[0].ErrorDetails.RecommendedAction | Should -Match 'new login'
    }

    It 'a different (registered) redirect URI gives RedirectUriMismatch from a bare code 100' {
        $withCode = New-Request | Get-EmulatorCode $emu
        $null = Invoke-FacebookCodeExchange -AppId $emu.AppId -AppSecret $emu.AppSecret -RedirectUri 'http://127.0.0.1:8765/callback' -Code $withCode.Code -GraphBaseUri $emu.Uri -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'RedirectUriMismatch,*'
        $err[0].Exception.Code | Should -Be 100
        $err[0].Exception.Subcode | Should -BeNullOrEmpty
    }

    It 'an unregistered redirect URI gives RedirectUriNotAllowed (191)' {
        $withCode = New-Request | Get-EmulatorCode $emu
        $null = Invoke-FacebookCodeExchange -AppId $emu.AppId -AppSecret $emu.AppSecret -RedirectUri 'http://localhost:8765/callback' -Code $withCode.Code -GraphBaseUri $emu.Uri -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'RedirectUriNotAllowed,*'
        $err[0].Exception.Code | Should -Be 191
    }

    It 'a wrong secret gives InvalidAppSecret as an AuthenticationError' {
        $bad = ConvertTo-SecureString 'not-the-secret-value' -AsPlainText -Force
        $null = New-Request | Get-EmulatorCode $emu | Invoke-FacebookCodeExchange -AppSecret $bad -GraphBaseUri $emu.Uri -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'InvalidAppSecret,*'
        $err[0].CategoryInfo.Category | Should -Be 'AuthenticationError'
        $err[0].Exception.Code | Should -Be 1
    }

    It 'an unknown app gives InvalidAppId (101)' {
        $token = (Invoke-EmulatorControl $emu -Method Post -Path 'tokens' -Body @{ appId = $emu.AppId; kind = 'short' }).access_token
        $null = ConvertTo-LongLivedToken -AccessToken $token -AppId 999 -AppSecret $emu.AppSecret -GraphBaseUri $emu.Uri -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'InvalidAppId,*'
        $err[0].Exception.Code | Should -Be 101
    }

    It 'an expired token gives TokenExpired (190/463) as an AuthenticationError' {
        $token = (Invoke-EmulatorControl $emu -Method Post -Path 'tokens' -Body @{ appId = $emu.AppId; kind = 'short' }).access_token
        Invoke-EmulatorControl $emu -Method Post -Path 'tokens/expire' -Body @{ access_token = $token } | Out-Null
        $null = $token | ConvertTo-LongLivedToken -AppId $emu.AppId -AppSecret $emu.AppSecret -GraphBaseUri $emu.Uri -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be 'TokenExpired,FacebookToken.Module.Commands.ConvertToLongLivedTokenCommand'
        $err[0].CategoryInfo.Category | Should -Be 'AuthenticationError'
        $err[0].Exception.Code | Should -Be 190
        $err[0].Exception.Subcode | Should -Be 463
    }

    It 'throttling that does not pass gives RateLimited as LimitsExceeded' {
        $token = (Invoke-EmulatorControl $emu -Method Post -Path 'tokens' -Body @{ appId = $emu.AppId; kind = 'short' }).access_token
        Invoke-EmulatorControl $emu -Method Post -Path 'faults' -Body @{ mode = 'throttle'; code = 613; count = -1 } | Out-Null
        $null = $token | ConvertTo-LongLivedToken -AppId $emu.AppId -AppSecret $emu.AppSecret -GraphBaseUri $emu.Uri -TimeoutSec 20 -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'RateLimited,*'
        $err[0].CategoryInfo.Category | Should -Be 'LimitsExceeded'
        $err[0].Exception.Attempts | Should -Be 3
    }

    It 'an HTML 502 from a proxy names the HTTP status' {
        $token = (Invoke-EmulatorControl $emu -Method Post -Path 'tokens' -Body @{ appId = $emu.AppId; kind = 'short' }).access_token
        Invoke-EmulatorControl $emu -Method Post -Path 'faults' -Body @{ mode = 'html502'; count = -1 } | Out-Null
        $null = $token | ConvertTo-LongLivedToken -AppId $emu.AppId -AppSecret $emu.AppSecret -GraphBaseUri $emu.Uri -TimeoutSec 20 -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'UnexpectedResponse,*'
        $err[0].Exception.Message | Should -Match 'HTTP 502'
        $err[0].Exception.Message | Should -Not -Match 'JSON parser|JsonReader|Unexpected character'
    }

    It 'a hang ends at -TimeoutSec with RequestTimedOut' {
        $token = (Invoke-EmulatorControl $emu -Method Post -Path 'tokens' -Body @{ appId = $emu.AppId; kind = 'short' }).access_token
        Invoke-EmulatorControl $emu -Method Post -Path 'faults' -Body @{ mode = 'hang'; count = -1 } | Out-Null
        # In a watchdog: a -TimeoutSec that stopped working fails here instead of hanging the run.
        $run = Invoke-WithWatchdog -Variables @{ token = $token; emu = $emu } -ScriptBlock {
            $token | ConvertTo-LongLivedToken -AppId $emu.AppId -AppSecret $emu.AppSecret -GraphBaseUri $emu.Uri -TimeoutSec 1
        }
        $run.Output | Should -BeNullOrEmpty
        $err = $run.Error
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'RequestTimedOut,*'
        $err[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
    }

    It 'a transient 500 is retried and succeeds' {
        $token = (Invoke-EmulatorControl $emu -Method Post -Path 'tokens' -Body @{ appId = $emu.AppId; kind = 'short' }).access_token
        Invoke-EmulatorControl $emu -Method Post -Path 'faults' -Body @{ mode = 'transient500'; count = 2 } | Out-Null
        $long = $token | ConvertTo-LongLivedToken -AppId $emu.AppId -AppSecret $emu.AppSecret -GraphBaseUri $emu.Uri -TimeoutSec 30
        $long.Kind | Should -Be 'LongLivedUser'
    }

    It 'a code exchange is not repeated after a 502 that may have used the code' {
        $withCode = New-Request | Get-EmulatorCode $emu
        Invoke-EmulatorControl $emu -Method Delete -Path 'requests' | Out-Null
        Invoke-EmulatorControl $emu -Method Post -Path 'faults' -Body @{ mode = 'html502'; count = 1 } | Out-Null
        $null = $withCode | Invoke-FacebookCodeExchange -AppSecret $emu.AppSecret -GraphBaseUri $emu.Uri -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'UnexpectedResponse,*'
        @((Invoke-EmulatorControl $emu -Method Get -Path 'requests') | Where-Object { $_.path -like '*/oauth/access_token' }).Count | Should -Be 1
    }

    It 'a code exchange Facebook calls transient is tried once more; a code it used then asks for a new login' {
        $withCode = New-Request | Get-EmulatorCode $emu
        Invoke-EmulatorControl $emu -Method Post -Path 'faults' -Body @{ mode = 'transientAfterRedeem'; count = 1 } | Out-Null
        $null = $withCode | Invoke-FacebookCodeExchange -AppSecret $emu.AppSecret -GraphBaseUri $emu.Uri -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'CodeAlreadyUsed,*'
        $err[0].Exception.Attempts | Should -Be 2
        $err[0].Exception.Message | Should -Match 'first attempt'
        $err[0].Exception.Message | Should -Match 'Invoke-FacebookLogin'
    }

    It 'refuses a mismatched -AppId and -Credential' {
        $null = ConvertTo-LongLivedToken -AccessToken 'EAAGxxxxxxxxxxxxxxxxxxxxxx' -AppId 42 -Credential $emu.Credential -GraphBaseUri $emu.Uri -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'AppIdMismatch,*'
    }

    It 'refuses a 1 MB token without sending it' {
        Invoke-EmulatorControl $emu -Method Delete -Path 'requests' | Out-Null
        $caught = $null
        try {
            $null = ConvertTo-LongLivedToken -AccessToken ('E' * 1MB) -AppId $emu.AppId -AppSecret $emu.AppSecret -GraphBaseUri $emu.Uri -ErrorAction Stop
        }
        catch {
            $caught = $_
        }
        $caught.FullyQualifiedErrorId | Should -Be 'ParameterArgumentTransformationError,FacebookToken.Module.Commands.ConvertToLongLivedTokenCommand'
        $caught.Exception.Message | Should -Match 'AccessToken is 1048576 characters long, more than any Facebook value'
        $caught.Exception.Message.Length | Should -BeLessThan 400
        $log = Invoke-EmulatorControl $emu -Method Get -Path 'requests'
        @($log).Count | Should -Be 0
    }
}
