BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
}

Describe 'Get-FacebookAuthUrl' {
    It 'builds a versioned dialog URL carrying the exact redirect URI and a random state' {
        $req = Get-FacebookAuthUrl -AppId 1234567890 -RedirectUri 'http://localhost:8765/callback/' -Scope whatsapp_business_management, whatsapp_business_messaging
        $req | Should -BeOfType ([FacebookToken.FacebookAuthRequest])
        $req.Uri | Should -BeLike 'https://www.facebook.com/v25.0/dialog/oauth?client_id=1234567890&redirect_uri=http%3A%2F%2Flocalhost%3A8765%2Fcallback%2F&state=*'
        $req.Uri | Should -Match 'scope=whatsapp_business_management%2Cwhatsapp_business_messaging'
        $req.RedirectUri | Should -BeExactly 'http://localhost:8765/callback/'
        $req.State.Length | Should -BeGreaterOrEqual 22
        $req.ApiVersion | Should -Be 'v25.0'
        $req.CodeVerifier | Should -BeNullOrEmpty
    }

    It 'takes -ApiVersion, -LoginBaseUri, -State and -UsePkce' {
        $req = Get-FacebookAuthUrl 1234567890 'http://127.0.0.1:8765/callback' -ApiVersion 24.0 -LoginBaseUri 'http://127.0.0.1:9/' -State 'abc123' -UsePkce
        $req.Uri | Should -BeLike 'http://127.0.0.1:9/v24.0/dialog/oauth?*'
        $req.Uri | Should -Match '[?&]state=abc123(&|$)'
        $req.Uri | Should -Match 'code_challenge_method=S256'
        $req.CodeVerifier | Should -BeOfType ([securestring])
    }

    It 'gives a different state each time' {
        $a = Get-FacebookAuthUrl 1234567890 'http://localhost:8765/callback/'
        $b = Get-FacebookAuthUrl 1234567890 'http://localhost:8765/callback/'
        $a.State | Should -Not -Be $b.State
    }

    It 'refuses <Case> before any request with id <Id>' -ForEach @(
        @{ Case = 'a relative RedirectUri'; AppId = '1234567890'; Redirect = '/callback'; Extra = @{}; Id = 'InvalidRedirectUri' }
        @{ Case = 'an ftp RedirectUri'; AppId = '1234567890'; Redirect = 'ftp://example.com/cb'; Extra = @{}; Id = 'InvalidRedirectUri' }
        @{ Case = 'a RedirectUri with a fragment'; AppId = '1234567890'; Redirect = 'https://example.com/cb#x'; Extra = @{}; Id = 'InvalidRedirectUri' }
        @{ Case = 'an empty AppId'; AppId = ''; Redirect = 'https://example.com/cb'; Extra = @{}; Id = 'InvalidAppIdParameter' }
        @{ Case = 'a malformed ApiVersion'; AppId = '1234567890'; Redirect = 'https://example.com/cb'; Extra = @{ ApiVersion = 'latest' }; Id = 'InvalidApiVersion' }
    ) {
        $extra = $Extra
        $out = Get-FacebookAuthUrl -AppId $AppId -RedirectUri $Redirect @extra -ErrorVariable err -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be "$Id,FacebookToken.Module.Commands.GetFacebookAuthUrlCommand"
        $err[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err[0].Exception.Message | Should -Not -BeNullOrEmpty
    }

    It 'takes AppId and RedirectUri from the pipeline by property name' {
        $reqs = @(
            [pscustomobject]@{ AppId = '1234567890'; RedirectUri = 'http://localhost:8765/callback/' }
            [pscustomobject]@{ AppId = '42'; RedirectUri = 'https://www.facebook.com/connect/login_success.html' }
        ) | Get-FacebookAuthUrl
        $reqs.Count | Should -Be 2
        $reqs[1].AppId | Should -Be '42'
        $reqs[1].RedirectUri | Should -Be 'https://www.facebook.com/connect/login_success.html'
    }

    It 'goes on with the next input after a bad one' {
        $reqs = @(
            [pscustomobject]@{ AppId = 'not-an-id'; RedirectUri = 'http://localhost:8765/callback/' }
            [pscustomobject]@{ AppId = '42'; RedirectUri = 'http://localhost:8765/callback/' }
        ) | Get-FacebookAuthUrl -ErrorVariable err -ErrorAction SilentlyContinue
        @($reqs).Count | Should -Be 1
        $err.Count | Should -Be 1
    }
}
