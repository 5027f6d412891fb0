# Hostile input: every case must end in an ErrorRecord with a stable id, never an unhandled exception,
# and no error may contain a secret.
BeforeDiscovery {
    $mb = 'x' * 1MB
    $script:inputCases = @(
        @{ Name = 'Get-FacebookAuthUrl: empty AppId'; Run = { Get-FacebookAuthUrl -AppId '' -RedirectUri 'http://localhost:8765/callback/' }; Id = 'InvalidAppIdParameter' }
        @{ Name = 'Get-FacebookAuthUrl: whitespace AppId'; Run = { Get-FacebookAuthUrl -AppId '   ' -RedirectUri 'http://localhost:8765/callback/' }; Id = 'InvalidAppIdParameter' }
        @{ Name = 'Get-FacebookAuthUrl: 1 MB AppId'; Run = { Get-FacebookAuthUrl -AppId ('1' * 1MB) -RedirectUri 'http://localhost:8765/callback/' }; Id = 'InvalidAppIdParameter' }
        @{ Name = 'Get-FacebookAuthUrl: control characters in AppId'; Run = { Get-FacebookAuthUrl -AppId "12`u{0}34" -RedirectUri 'http://localhost:8765/callback/' }; Id = 'InvalidAppIdParameter' }
        @{ Name = 'Get-FacebookAuthUrl: empty RedirectUri'; Run = { Get-FacebookAuthUrl -AppId 1 -RedirectUri '' }; Id = 'InvalidRedirectUri' }
        @{ Name = 'Get-FacebookAuthUrl: whitespace RedirectUri'; Run = { Get-FacebookAuthUrl -AppId 1 -RedirectUri '  ' }; Id = 'InvalidRedirectUri' }
        @{ Name = 'Get-FacebookAuthUrl: relative RedirectUri'; Run = { Get-FacebookAuthUrl -AppId 1 -RedirectUri 'callback/' }; Id = 'InvalidRedirectUri' }
        @{ Name = 'Get-FacebookAuthUrl: ftp RedirectUri'; Run = { Get-FacebookAuthUrl -AppId 1 -RedirectUri 'ftp://example.com/cb' }; Id = 'InvalidRedirectUri' }
        @{ Name = 'Get-FacebookAuthUrl: javascript RedirectUri'; Run = { Get-FacebookAuthUrl -AppId 1 -RedirectUri 'javascript:alert(1)' }; Id = 'InvalidRedirectUri' }
        @{ Name = 'Get-FacebookAuthUrl: userinfo RedirectUri'; Run = { Get-FacebookAuthUrl -AppId 1 -RedirectUri 'https://user:pw@example.com/cb' }; Id = 'InvalidRedirectUri' }
        @{ Name = 'Get-FacebookAuthUrl: fragment RedirectUri'; Run = { Get-FacebookAuthUrl -AppId 1 -RedirectUri 'https://example.com/cb#x' }; Id = 'InvalidRedirectUri' }
        @{ Name = 'Get-FacebookAuthUrl: 1 MB RedirectUri'; Run = { Get-FacebookAuthUrl -AppId 1 -RedirectUri ('https://example.com/' + ('a' * 1MB)) }; Id = 'InvalidRedirectUri' }
        @{ Name = 'Get-FacebookAuthUrl: header injection in RedirectUri'; Run = { Get-FacebookAuthUrl -AppId 1 -RedirectUri "https://example.com/cb`r`nX-Evil: 1" }; Id = 'InvalidRedirectUri' }
        @{ Name = 'Get-FacebookAuthUrl: ApiVersion latest'; Run = { Get-FacebookAuthUrl -AppId 1 -RedirectUri 'http://localhost:8765/callback/' -ApiVersion latest }; Id = 'InvalidApiVersion' }
        @{ Name = 'Get-FacebookAuthUrl: ApiVersion without minor'; Run = { Get-FacebookAuthUrl -AppId 1 -RedirectUri 'http://localhost:8765/callback/' -ApiVersion v25 }; Id = 'InvalidApiVersion' }
        @{ Name = 'Get-FacebookAuthUrl: ApiVersion path traversal'; Run = { Get-FacebookAuthUrl -AppId 1 -RedirectUri 'http://localhost:8765/callback/' -ApiVersion '../v25.0' }; Id = 'InvalidApiVersion' }
        @{ Name = 'Get-FacebookAuthUrl: scope with URL syntax'; Run = { Get-FacebookAuthUrl -AppId 1 -RedirectUri 'http://localhost:8765/callback/' -Scope 'email&redirect_uri=x' }; Id = 'InvalidScope' }
        @{ Name = 'Get-FacebookAuthUrl: 1 MB scope'; Run = { Get-FacebookAuthUrl -AppId 1 -RedirectUri 'http://localhost:8765/callback/' -Scope ('a' * 1MB) }; Id = 'InvalidScope' }
        @{ Name = 'Get-FacebookAuthUrl: state with spaces'; Run = { Get-FacebookAuthUrl -AppId 1 -RedirectUri 'http://localhost:8765/callback/' -State 'a b' }; Id = 'InvalidState' }
        @{ Name = 'Get-FacebookAuthUrl: non-numeric ConfigId'; Run = { Get-FacebookAuthUrl -AppId 1 -RedirectUri 'http://localhost:8765/callback/' -ConfigId 'abc' }; Id = 'InvalidConfigId' }
        @{ Name = 'Invoke-FacebookCodeExchange: empty code'; Run = { Invoke-FacebookCodeExchange -AppId 1 -AppSecret $secret -RedirectUri 'http://localhost:8765/callback/' -Code '' -GraphBaseUri $graph }; Id = 'InvalidCode' }
        @{ Name = 'Invoke-FacebookCodeExchange: whitespace code'; Run = { Invoke-FacebookCodeExchange -AppId 1 -AppSecret $secret -RedirectUri 'http://localhost:8765/callback/' -Code '   ' -GraphBaseUri $graph }; Id = 'InvalidCode' }
        @{ Name = 'Invoke-FacebookCodeExchange: 1 MB code'; Run = { Invoke-FacebookCodeExchange -AppId 1 -AppSecret $secret -RedirectUri 'http://localhost:8765/callback/' -Code ('A' * 1MB) -GraphBaseUri $graph }; Id = 'ParameterArgumentTransformationError' }
        @{ Name = 'Invoke-FacebookCodeExchange: control characters in code'; Run = { Invoke-FacebookCodeExchange -AppId 1 -AppSecret $secret -RedirectUri 'http://localhost:8765/callback/' -Code "AQ`u{7}x" -GraphBaseUri $graph }; Id = 'InvalidCode' }
        @{ Name = 'Invoke-FacebookCodeExchange: relative RedirectUri'; Run = { Invoke-FacebookCodeExchange -AppId 1 -AppSecret $secret -RedirectUri '/cb' -Code 'AQcode' -GraphBaseUri $graph }; Id = 'InvalidRedirectUri' }
        @{ Name = 'Invoke-FacebookCodeExchange: empty secret'; Run = { Invoke-FacebookCodeExchange -AppId 1 -AppSecret ([securestring]::new()) -RedirectUri 'http://localhost:8765/callback/' -Code 'AQcode' -GraphBaseUri $graph }; Id = 'InvalidAppSecretParameter' }
        @{ Name = 'ConvertTo-LongLivedToken: empty token'; Run = { ConvertTo-LongLivedToken -AccessToken '' -AppId 1 -AppSecret $secret -GraphBaseUri $graph }; Id = 'InvalidAccessTokenParameter' }
        @{ Name = 'ConvertTo-LongLivedToken: token with a newline'; Run = { ConvertTo-LongLivedToken -AccessToken "EAAG`nx" -AppId 1 -AppSecret $secret -GraphBaseUri $graph }; Id = 'InvalidAccessTokenParameter' }
        @{ Name = 'ConvertTo-LongLivedToken: non-numeric AppId'; Run = { ConvertTo-LongLivedToken -AccessToken 'EAAGtoken0000000000' -AppId 'my-app' -AppSecret $secret -GraphBaseUri $graph }; Id = 'InvalidAppIdParameter' }
        @{ Name = 'ConvertTo-LongLivedToken: piped object of the wrong type'; Run = { [pscustomobject]@{ Foo = 1 } | ConvertTo-LongLivedToken -AppId 1 -AppSecret $secret -GraphBaseUri $graph }; Id = 'ParameterArgumentTransformationError|InputObjectNotBound' }
        @{ Name = 'ConvertTo-LongLivedToken: piped integer'; Run = { 42 | ConvertTo-LongLivedToken -AppId 1 -AppSecret $secret -GraphBaseUri $graph }; Id = 'ParameterArgumentTransformationError|InputObjectNotBound' }
        @{ Name = 'ConvertTo-LongLivedToken: malformed ApiVersion'; Run = { ConvertTo-LongLivedToken -AccessToken 'EAAGtoken0000000000' -AppId 1 -AppSecret $secret -GraphBaseUri $graph -ApiVersion 'v25.0;drop' }; Id = 'InvalidApiVersion' }
        @{ Name = 'ConvertTo-LongLivedToken: GraphBaseUri with a query'; Run = { ConvertTo-LongLivedToken -AccessToken 'EAAGtoken0000000000' -AppId 1 -AppSecret $secret -GraphBaseUri 'http://127.0.0.1:1/?x=1' }; Id = 'InvalidBaseUri' }
        @{ Name = 'Get-FacebookTokenInfo: 1 MB token'; Run = { Get-FacebookTokenInfo -AccessToken $mb -GraphBaseUri $graph }; Id = 'ParameterArgumentTransformationError' }
        @{ Name = 'Get-FacebookTokenInfo: whitespace token'; Run = { Get-FacebookTokenInfo -AccessToken '  ' -GraphBaseUri $graph }; Id = 'InvalidAccessTokenParameter' }
        @{ Name = 'Receive-FacebookAuthCode: garbage callback'; Run = { Get-FacebookAuthUrl 1 'https://www.facebook.com/connect/login_success.html' | Receive-FacebookAuthCode -CallbackUri 'not a url at all' }; Id = 'StateMismatch' }
        @{ Name = 'Receive-FacebookAuthCode: 1 MB callback'; Run = { Get-FacebookAuthUrl 1 'https://www.facebook.com/connect/login_success.html' | Receive-FacebookAuthCode -CallbackUri ('https://x/?state=' + $mb) }; Id = 'StateMismatch' }
        @{ Name = 'Receive-FacebookAuthCode: right state, code with spaces'; Run = { Get-FacebookAuthUrl 1 'https://www.facebook.com/connect/login_success.html' -State s1 | Receive-FacebookAuthCode -CallbackUri 'https://x/?state=s1&code=a%20b' }; Id = 'InvalidCallback' }
        @{ Name = 'Receive-FacebookAuthCode: piped string'; Run = { 'http://localhost:8765/callback/' | Receive-FacebookAuthCode -CallbackUri 'x' }; Id = 'InputObjectNotBound|ParameterArgumentTransformationError' }
        @{ Name = 'Save-FacebookToken: empty name'; Run = { Save-FacebookToken -Name '' -AccessToken 'EAAGtoken0000000000' -CachePath $cacheDir -CacheKey $cacheKey }; Id = 'InvalidTokenName' }
        @{ Name = 'Save-FacebookToken: wildcard name'; Run = { Save-FacebookToken -Name 'wa-*' -AccessToken 'EAAGtoken0000000000' -CachePath $cacheDir -CacheKey $cacheKey }; Id = 'InvalidTokenName' }
        @{ Name = 'Save-FacebookToken: control characters in name'; Run = { Save-FacebookToken -Name "a`u{1}b" -AccessToken 'EAAGtoken0000000000' -CachePath $cacheDir -CacheKey $cacheKey }; Id = 'InvalidTokenName' }
        @{ Name = 'Save-FacebookToken: 1 MB name'; Run = { Save-FacebookToken -Name $mb -AccessToken 'EAAGtoken0000000000' -CachePath $cacheDir -CacheKey $cacheKey }; Id = 'InvalidTokenName' }
        @{ Name = 'Save-FacebookToken: token text with spaces'; Run = { Save-FacebookToken -Name ok -AccessToken 'EAAG token' -CachePath $cacheDir -CacheKey $cacheKey }; Id = 'InvalidAccessTokenParameter' }
        @{ Name = 'Get-FacebookToken: unknown name'; Run = { Get-FacebookToken 'no-such-token' -CachePath $cacheDir -CacheKey $cacheKey }; Id = 'CachedTokenNotFound' }
        @{ Name = 'Get-FacebookToken: cache path is a file'; Run = { Get-FacebookToken -CachePath $fileNotDir -CacheKey $cacheKey }; Id = 'CacheUnavailable' }
        @{ Name = 'Remove-FacebookToken: unknown name'; Run = { Remove-FacebookToken 'no-such-token' -CachePath $cacheDir -CacheKey $cacheKey -Confirm:$false }; Id = 'CachedTokenNotFound' }
    )
    $script:answerCases = @(
        @{ Mode = 'html502'; Id = 'UnexpectedResponse'; Text = 'HTTP 502' }
        @{ Mode = 'empty'; Id = 'UnexpectedResponse'; Text = 'empty body' }
        @{ Mode = 'truncatedJson'; Id = 'UnexpectedResponse'; Text = 'truncated' }
        @{ Mode = 'noAccessToken'; Id = 'UnexpectedResponse'; Text = 'without an access_token' }
        @{ Mode = 'redirect'; Id = 'UnexpectedResponse'; Text = 'HTTP 302' }
        @{ Mode = 'textPlain'; Id = 'UnexpectedResponse'; Text = 'text/plain' }
        @{ Mode = 'huge'; Id = 'UnexpectedResponse'; Text = 'not a Facebook token' }
        @{ Mode = 'slowDrip'; Id = 'RequestTimedOut'; Text = 'TimeoutSec' }
        @{ Mode = 'hang'; Id = 'RequestTimedOut'; Text = 'TimeoutSec' }
        @{ Mode = 'serviceError1'; Id = 'ServiceError'; Text = 'code 1' }
    )
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:emu = Start-FacebookEmulator
    $script:graph = $emu.Uri
    $script:secret = $emu.AppSecret
    $script:mb = 'x' * 1MB
    $script:cacheDir = Join-Path ([IO.Path]::GetTempPath()) ('fbt-hostile-' + [guid]::NewGuid().ToString('N'))
    $script:cacheKey = ConvertTo-SecureString 'hostile-suite-key-0123456789' -AsPlainText -Force
    $script:fileNotDir = Join-Path ([IO.Path]::GetTempPath()) ('fbt-file-' + [guid]::NewGuid().ToString('N'))
    Set-Content -LiteralPath $fileNotDir -Value 'a file, not a folder'
}

AfterAll {
    Stop-FacebookEmulator $script:emu
    Remove-Item -LiteralPath $script:cacheDir -Recurse -Force -ErrorAction SilentlyContinue
    Remove-Item -LiteralPath $script:fileNotDir -Force -ErrorAction SilentlyContinue
}

Describe 'Hostile input' {
    It '<Name> gives <Id>' -ForEach $inputCases {
        $errs = @()
        $result = $null
        try {
            $result = & $Run -ErrorAction Stop
        }
        catch {
            $errs = @($_)
        }
        $result | Should -BeNullOrEmpty
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Match "^($Id),"
        $errs[0].Exception | Should -Not -BeOfType ([NullReferenceException])
        $errs[0].Exception.Message.Length | Should -BeLessThan 1000
        $errs[0].Exception.Message | Should -Not -Match ([regex]::Escape($emu.AppSecretPlain))
    }
}

Describe 'Hostile answers from the endpoint' {
    BeforeEach {
        Invoke-EmulatorControl $emu -Method Post -Path 'reset' | Out-Null
    }

    It '<Mode> gives <Id> naming what happened' -ForEach $answerCases {
        $token = (Invoke-EmulatorControl $emu -Method Post -Path 'tokens' -Body @{ appId = $emu.AppId; kind = 'short' }).access_token
        Invoke-EmulatorControl $emu -Method Post -Path 'faults' -Body @{ mode = $Mode; count = -1 } | Out-Null
        $out = $token | ConvertTo-LongLivedToken -AppId $emu.AppId -AppSecret $emu.AppSecret -GraphBaseUri $emu.Uri -TimeoutSec 3 -ErrorVariable err -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be "$Id,FacebookToken.Module.Commands.ConvertToLongLivedTokenCommand"
        $err[0].Exception.Message | Should -Match ([regex]::Escape($Text))
        $err[0].Exception.Message | Should -Not -Match ([regex]::Escape($emu.AppSecretPlain))
        $err[0].Exception.Message | Should -Not -Match ([regex]::Escape($token))
    }
}
