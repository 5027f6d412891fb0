# Business tokens from Embedded Signup through Invoke-FacebookCodeExchange, the ~60-day code answer, and errors that
# say what to do: every 190 subcode Facebook ends a token with, through a real cmdlet, with code, subcode and
# fbtrace_id kept.

BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:emu = Start-FacebookEmulator
}

AfterAll {
    Stop-FacebookEmulator $script:emu
}

Describe 'Embedded Signup codes through Invoke-FacebookCodeExchange' {
    BeforeEach {
        Invoke-EmulatorControl $emu -Method Post -Path 'reset' | Out-Null
        Invoke-EmulatorControl $emu -Method Delete -Path 'requests' | Out-Null
    }

    It 'exchanges a code with no -RedirectUri for a never-expiring SystemUser token with its WhatsApp accounts' {
        $code = (Invoke-EmulatorControl $emu -Method Post -Path 'codes' -Body @{ embeddedSignup = $true; targetIds = @('102290129340398') }).code

        $token = Invoke-FacebookCodeExchange -Code $code -Credential $emu.Credential -GraphBaseUri $emu.Uri

        $token.Kind | Should -Be 'SystemUser'
        $token.ExpiresOn | Should -BeNullOrEmpty
        $token.UserId | Should -Match '^61550000000001\d{3}$'
        $token.Scopes | Should -Be @('whatsapp_business_management', 'whatsapp_business_messaging')
        ($token.GranularScopes | Where-Object Scope -eq 'whatsapp_business_management').TargetIds | Should -Be @('102290129340398')
        $exchange = @(Invoke-EmulatorControl $emu -Path 'requests' | Where-Object { $_.endpoint -like '*oauth/access_token' })
        $exchange.Count | Should -Be 1
        $exchange[0].form.PSObject.Properties.Name | Should -Not -Contain 'redirect_uri'
        @(Invoke-EmulatorControl $emu -Path 'requests' | Where-Object { $_.endpoint -like '*debug_token' }).Count | Should -Be 1 -Because 'the token is inspected once, as the app'
    }

    It 'takes a 60-day Embedded Signup token''s kind from debug_token though the answer has expires_in, and Update-FacebookToken renews it' {
        $dir = Join-Path ([IO.Path]::GetTempPath()) ('fbt-biz60-' + [guid]::NewGuid().ToString('N'))
        $key = ConvertTo-SecureString 'business-cache-key-0123456789' -AsPlainText -Force
        try {
            $code = (Invoke-EmulatorControl $emu -Method Post -Path 'codes' -Body @{ embeddedSignup = $true; tokenExpiresIn60Days = $true }).code

            $token = Invoke-FacebookCodeExchange -Code $code -Credential $emu.Credential -GraphBaseUri $emu.Uri
            $token | Save-FacebookToken -Name biz60 -CachePath $dir -CacheKey $key
            $exchange = @(Invoke-EmulatorControl $emu -Path 'requests' | ForEach-Object { $_ } | Where-Object { $_.endpoint -like '*oauth/access_token' })
            $r = Update-FacebookToken biz60 -MinimumValidity 90.00:00:00 -Credential $emu.Credential -GraphBaseUri $emu.Uri -CachePath $dir -CacheKey $key

            $exchange.Count | Should -Be 1
            $exchange[0].form.PSObject.Properties.Name | Should -Not -Contain 'redirect_uri'
            $token.Kind | Should -Be 'SystemUser'
            $token.ExpiresOn | Should -BeGreaterThan ([DateTimeOffset]::UtcNow.AddDays(59))
            $token.ExpiresOn | Should -BeLessThan ([DateTimeOffset]::UtcNow.AddDays(61))
            $r.Action | Should -Be 'Renewed'
            (Get-FacebookToken biz60 -CachePath $dir -CacheKey $key).Kind | Should -Be 'SystemUser'
            $refresh = @(Invoke-EmulatorControl $emu -Path 'requests' | ForEach-Object { $_ } | Where-Object { $_.endpoint -like '*oauth/access_token' } | Select-Object -Skip 1)
            $refresh[0].form.grant_type | Should -Be 'fb_exchange_token'
            $refresh[0].form.set_token_expires_in_60_days | Should -Be 'true'
        }
        finally {
            Remove-Item -LiteralPath $dir -Recurse -Force -ErrorAction SilentlyContinue
        }
    }

    It 'keeps GranularScopes through the cache' {
        $dir = Join-Path ([IO.Path]::GetTempPath()) ('fbt-biz-' + [guid]::NewGuid().ToString('N'))
        $key = ConvertTo-SecureString 'business-cache-key-0123456789' -AsPlainText -Force
        try {
            $code = (Invoke-EmulatorControl $emu -Method Post -Path 'codes' -Body @{ embeddedSignup = $true; targetIds = @('102290129340398', '102290129340399') }).code
            Invoke-FacebookCodeExchange -Code $code -Credential $emu.Credential -GraphBaseUri $emu.Uri | Save-FacebookToken -Name biz -CachePath $dir -CacheKey $key

            $cached = Get-FacebookToken biz -CachePath $dir -CacheKey $key

            $cached.Kind | Should -Be 'SystemUser'
            ($cached.GranularScopes | Where-Object Scope -eq 'whatsapp_business_messaging').TargetIds | Should -Be @('102290129340398', '102290129340399')
        }
        finally {
            Remove-Item -LiteralPath $dir -Recurse -Force -ErrorAction SilentlyContinue
        }
    }

    It 'refuses an Embedded Signup code sent with a redirect_uri, as Facebook refuses a JavaScript SDK code (100, mismatch)' {
        $code = (Invoke-EmulatorControl $emu -Method Post -Path 'codes' -Body @{ embeddedSignup = $true }).code

        $token = Invoke-FacebookCodeExchange -Code $code -RedirectUri 'http://localhost:8765/callback/' -Credential $emu.Credential -GraphBaseUri $emu.Uri -ErrorVariable refused -ErrorAction SilentlyContinue

        $token | Should -BeNullOrEmpty
        $refused[0].FullyQualifiedErrorId | Should -BeLike 'RedirectUriMismatch,*'
        $refused[0].Exception.Code | Should -Be 100
        $refused[0].ErrorDetails.RecommendedAction | Should -Match 'Embedded Signup'
    }

    It 'refuses a dialog code sent without -RedirectUri (191) and says to pass the dialog''s redirect URI' {
        $code = (Invoke-EmulatorControl $emu -Method Post -Path 'codes' -Body @{ redirectUri = 'http://localhost:8765/callback/' }).code

        $token = Invoke-FacebookCodeExchange -Code $code -Credential $emu.Credential -GraphBaseUri $emu.Uri -ErrorVariable refused -ErrorAction SilentlyContinue

        $token | Should -BeNullOrEmpty
        $refused[0].Exception.Code | Should -Be 191
        $refused[0].ErrorDetails.RecommendedAction | Should -Match '-RedirectUri'
    }

    It 'refuses an Embedded Signup code older than 30 s by the emulator clock (CodeExpired)' {
        $code = (Invoke-EmulatorControl $emu -Method Post -Path 'codes' -Body @{ embeddedSignup = $true }).code
        Invoke-EmulatorControl $emu -Method Post -Path 'clock' -Body @{ seconds = 31 } | Out-Null

        $null = Invoke-FacebookCodeExchange -Code $code -Credential $emu.Credential -GraphBaseUri $emu.Uri -ErrorVariable refused -ErrorAction SilentlyContinue

        $refused[0].FullyQualifiedErrorId | Should -BeLike 'CodeExpired,*'
        $refused[0].Exception.Subcode | Should -Be 36007
    }

    It 'calls a dialog code answered with about 60 days of expires_in LongLivedUser' {
        Invoke-EmulatorControl $emu -Method Post -Path 'settings' -Body @{ codeExchangeGivesLongLived = $true } | Out-Null
        $code = (Invoke-EmulatorControl $emu -Method Post -Path 'codes' -Body @{ redirectUri = 'http://localhost:8765/callback/' }).code

        $token = Invoke-FacebookCodeExchange -Code $code -RedirectUri 'http://localhost:8765/callback/' -Credential $emu.Credential -GraphBaseUri $emu.Uri

        $token.Kind | Should -Be 'LongLivedUser'
        $token.ExpiresOn | Should -BeGreaterThan ([DateTimeOffset]::UtcNow.AddDays(59))
    }
}

Describe 'Errors that say what to do' {
    BeforeEach {
        Invoke-EmulatorControl $emu -Method Post -Path 'reset' | Out-Null
    }

    It 'a token ended with 190/<Subcode> gives a RecommendedAction naming <Fix>, and keeps code, subcode and fbtrace_id' -ForEach @(
        @{ Subcode = 458; Fix = 'Invoke-FacebookLogin' }
        @{ Subcode = 459; Fix = 'www\.facebook\.com' }
        @{ Subcode = 460; Fix = 'password' }
        @{ Subcode = 463; Fix = 'Update-FacebookToken' }
        @{ Subcode = 464; Fix = 'confirm' }
        @{ Subcode = 467; Fix = 'New-FacebookSystemUserToken' }
        @{ Subcode = 492; Fix = 'role' }
    ) {
        $token = (Invoke-EmulatorControl $emu -Method Post -Path 'tokens' -Body @{ kind = 'long' }).access_token
        Invoke-EmulatorControl $emu -Method Post -Path 'roles' -Body @{} | Out-Null
        Invoke-EmulatorControl $emu -Method Post -Path 'tokens/revoke' -Body @{ access_token = $token; subcode = $Subcode } | Out-Null

        $info = Get-FacebookTokenInfo -AccessToken $token -GraphBaseUri $emu.Uri -ErrorVariable refused -ErrorAction SilentlyContinue

        $info | Should -BeNullOrEmpty
        $refused.Count | Should -Be 1
        $refused[0].Exception.Code | Should -Be 190
        $refused[0].Exception.Subcode | Should -Be $Subcode
        $refused[0].Exception.FbTraceId | Should -Not -BeNullOrEmpty
        $refused[0].CategoryInfo.Category | Should -Be 'AuthenticationError'
        $refused[0].ErrorDetails.RecommendedAction | Should -Match $Fix
        $refused[0].Exception.Message | Should -Match $Fix
    }

    It 'refuses an unknown subcode at the control endpoint' {
        $token = (Invoke-EmulatorControl $emu -Method Post -Path 'tokens' -Body @{ kind = 'long' }).access_token
        $response = Invoke-WebRequest -Uri "$($emu.Uri)/_emulator/tokens/revoke" -Method Post -ContentType 'application/json' -Body (@{ access_token = $token; subcode = 999 } | ConvertTo-Json) -SkipHttpErrorCheck -NoProxy
        [int]$response.StatusCode | Should -Be 400
        ($response.Content | ConvertFrom-Json).error | Should -Match 'subcode must be one of 458, 459, 460, 463, 464, 467, 492'
    }
}
