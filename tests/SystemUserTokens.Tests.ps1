BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:emu = Start-FacebookEmulator
    $script:systemUser = '61550000000000001'
    $script:adminSystemUser = '61550000000000002'
    $script:waba = '102290129340398'
    $script:scopes = @('whatsapp_business_management', 'whatsapp_business_messaging')

    function New-SystemUserToken {
        # A system-user token minted by the emulator's control API (no install, no proof).
        param([string]$SystemUserId = $adminSystemUser, [switch]$ExpiresIn60Days, [double]$LifetimeSeconds)
        $body = @{ systemUserId = $SystemUserId; expiresIn60Days = [bool]$ExpiresIn60Days }
        if ($PSBoundParameters.ContainsKey('LifetimeSeconds')) { $body.lifetimeSeconds = $LifetimeSeconds }
        (Invoke-EmulatorControl $emu -Path 'systemusers/tokens' -Body $body).access_token
    }

    function Get-Requests {
        param([string]$Endpoint)
        @((Invoke-EmulatorControl $emu -Method Get -Path 'requests') | ForEach-Object { $_ } | Where-Object { $_.endpoint -like $Endpoint })
    }

    function Get-Info {
        param([Parameter(ValueFromPipeline)]$Token)
        process { $Token | Get-FacebookTokenInfo -Credential $emu.Credential -GraphBaseUri $emu.Uri }
    }

    function Save-Cached {
        # Caches a token string as -Name with a -Kind and expiry, as a runbook would have it.
        param([string]$Token, [string]$Name, [string]$Kind, [Nullable[DateTimeOffset]]$ExpiresOn)
        $t = [FacebookToken.FacebookAccessToken]::new((ConvertTo-SecureString $Token -AsPlainText -Force), $Kind, $emu.AppId)
        $t.ExpiresOn = $ExpiresOn
        $t | Save-FacebookToken -Name $Name
    }

    function Get-Plain {
        param($Secure)
        [Net.NetworkCredential]::new('', $Secure).Password
    }
}

AfterAll {
    Stop-FacebookEmulator $script:emu
}

Describe 'System-user tokens' {
    BeforeEach {
        Invoke-EmulatorControl $emu -Method Post -Path 'reset' | Out-Null
        $script:cacheDir = Join-Path ([IO.Path]::GetTempPath()) ('fbt-su-' + [guid]::NewGuid().ToString('N'))
        $env:FACEBOOK_TOKEN_CACHE_PATH = $cacheDir
        $env:FACEBOOK_TOKEN_CACHE_KEY = 'system-user-tests-cache-key-0123456789'
    }

    AfterEach {
        Remove-Item env:FACEBOOK_TOKEN_CACHE_PATH, env:FACEBOOK_TOKEN_CACHE_KEY -ErrorAction SilentlyContinue
        Remove-Item -LiteralPath $cacheDir -Recurse -Force -ErrorAction SilentlyContinue
    }

    Describe 'New-FacebookSystemUserToken' {
        It 'installs the app, generates a 60-day token with appsecret_proof, checks it and caches it' {
            $admin = New-SystemUserToken

            $token = New-FacebookSystemUserToken $systemUser -AccessToken $admin -Credential $emu.Credential -Scope $scopes -ExpiresIn60Days -InstallApp -CacheName wa-prod -GraphBaseUri $emu.Uri

            $token.Kind | Should -Be 'SystemUser'
            $token.UserId | Should -Be $systemUser
            $token.Name | Should -Be 'wa-prod'
            $token.Scopes | Should -Be $scopes
            ($token.ExpiresOn - [DateTimeOffset]::UtcNow).TotalDays | Should -BeGreaterThan 59.9
            ($token.ExpiresOn - [DateTimeOffset]::UtcNow).TotalDays | Should -BeLessOrEqual 60
            (Get-FacebookToken wa-prod).MaskedToken | Should -Be $token.MaskedToken

            $install = Get-Requests "/$systemUser/applications"
            $install.Count | Should -Be 1
            $install[0].form.business_app | Should -Be $emu.AppId
            $generate = Get-Requests "/$systemUser/access_tokens"
            $generate.Count | Should -Be 1
            $generate[0].form.scope | Should -Be ($scopes -join ',')
            $generate[0].form.set_token_expires_in_60_days | Should -Be 'true'
            # The proof is HMAC-SHA256 of "token|time" keyed by the app secret, computed here independently.
            $hmac = [System.Security.Cryptography.HMACSHA256]::new([Text.Encoding]::UTF8.GetBytes($emu.AppSecretPlain))
            $expected = -join ($hmac.ComputeHash([Text.Encoding]::UTF8.GetBytes($admin + '|' + $generate[0].query.appsecret_time)) | ForEach-Object { $_.ToString('x2') })
            $generate[0].query.appsecret_proof | Should -Be $expected

            $info = $token | Get-Info
            $info.Type | Should -Be 'SYSTEM_USER'
            $info.IsValid | Should -BeTrue
            ($info.GranularScopes | Where-Object Scope -eq 'whatsapp_business_messaging').TargetIds | Should -Be @($waba)
        }

        It 'without -ExpiresIn60Days gives a token that never expires' {
            $token = New-FacebookSystemUserToken $systemUser -AccessToken (New-SystemUserToken) -AppId $emu.AppId -AppSecret $emu.AppSecret -Scope whatsapp_business_messaging -InstallApp -GraphBaseUri $emu.Uri
            $token.ExpiresOn | Should -BeNullOrEmpty
            (Get-Requests "/$systemUser/access_tokens")[0].form.PSObject.Properties.Name | Should -Not -Contain 'set_token_expires_in_60_days'
            ($token | Get-Info).ExpiresOn | Should -BeNullOrEmpty
        }

        It 'accepts the token of an admin user of the business (the default user)' {
            $user = (Invoke-EmulatorControl $emu -Path 'tokens' -Body @{ kind = 'long' }).access_token
            $token = New-FacebookSystemUserToken $systemUser -AccessToken $user -Credential $emu.Credential -Scope whatsapp_business_messaging -InstallApp -GraphBaseUri $emu.Uri
            $token.Kind | Should -Be 'SystemUser'
        }

        It 'is refused with PermissionDenied and the advice to use -InstallApp when the app is not installed' {
            $out = New-FacebookSystemUserToken $systemUser -AccessToken (New-SystemUserToken) -Credential $emu.Credential -Scope whatsapp_business_messaging -GraphBaseUri $emu.Uri -ErrorVariable err -ErrorAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            $err.Count | Should -Be 1
            $err[0].FullyQualifiedErrorId | Should -BeLike 'PermissionDenied,*'
            $err[0].TargetObject | Should -Be $systemUser
            $err[0].Exception.Code | Should -Be 200
            $err[0].Exception.FbTraceId | Should -Not -BeNullOrEmpty
            $err[0].Exception.Message | Should -Match '-InstallApp'
        }

        It 'reports a permission Facebook does not know (3962) as InvalidParameter' {
            New-FacebookSystemUserToken $systemUser -AccessToken (New-SystemUserToken) -Credential $emu.Credential -Scope whatsapp_business_mgmt -InstallApp -GraphBaseUri $emu.Uri -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].FullyQualifiedErrorId | Should -BeLike 'InvalidParameter,*'
            $err[0].Exception.Code | Should -Be 3962
        }

        It 'reports a token from outside the business (100/33) and an expired token (190/463)' {
            Invoke-EmulatorControl $emu -Path 'systemusers' -Body @{ id = '61550000000009999'; businessId = '1980000000000002' } | Out-Null
            New-FacebookSystemUserToken '61550000000009999' -AccessToken (New-SystemUserToken) -Credential $emu.Credential -Scope whatsapp_business_messaging -InstallApp -GraphBaseUri $emu.Uri -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].Exception.Code | Should -Be 200

            New-FacebookSystemUserToken '61550000000000777' -AccessToken (New-SystemUserToken) -Credential $emu.Credential -Scope whatsapp_business_messaging -InstallApp -GraphBaseUri $emu.Uri -ErrorVariable err2 -ErrorAction SilentlyContinue
            $err2[0].Exception.Code | Should -Be 100
            $err2[0].Exception.Subcode | Should -Be 33

            $expired = New-SystemUserToken -LifetimeSeconds 0
            New-FacebookSystemUserToken $systemUser -AccessToken $expired -Credential $emu.Credential -Scope whatsapp_business_messaging -InstallApp -GraphBaseUri $emu.Uri -ErrorVariable err3 -ErrorAction SilentlyContinue
            $err3[0].FullyQualifiedErrorId | Should -BeLike 'TokenExpired,*'
        }

        It 'says to pass -ExpiresIn60Days when the business allows only expiring tokens, and -ExpiresIn60Days then works' {
            Invoke-EmulatorControl $emu -Path 'businesses' -Body @{ businessId = '1980000000000001'; expiringTokensOnly = $true } | Out-Null

            $out = New-FacebookSystemUserToken $systemUser -AccessToken (New-SystemUserToken) -Credential $emu.Credential -Scope whatsapp_business_messaging -InstallApp -GraphBaseUri $emu.Uri -ErrorVariable err -ErrorAction SilentlyContinue
            $token = New-FacebookSystemUserToken $systemUser -AccessToken (New-SystemUserToken) -Credential $emu.Credential -Scope whatsapp_business_messaging -ExpiresIn60Days -GraphBaseUri $emu.Uri

            $out | Should -BeNullOrEmpty
            $err.Count | Should -Be 1
            $err[0].Exception.Code | Should -Be 100
            $err[0].Exception.FbTraceId | Should -Not -BeNullOrEmpty
            $err[0].Exception.FacebookMessage | Should -Match 'set_token_expires_in_60_days'
            $err[0].ErrorDetails.RecommendedAction | Should -Match '-ExpiresIn60Days'
            $token.Kind | Should -Be 'SystemUser'
            $token.ExpiresOn | Should -BeGreaterThan ([DateTimeOffset]::UtcNow.AddDays(59))
        }

        It 'refuses a system user id that is not a number before sending anything' {
            New-FacebookSystemUserToken '../me' -AccessToken (New-SystemUserToken) -Credential $emu.Credential -Scope whatsapp_business_messaging -GraphBaseUri $emu.Uri -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].FullyQualifiedErrorId | Should -BeLike 'InvalidSystemUserId,*'
            Get-Requests '*access_tokens' | Should -BeNullOrEmpty
        }

        It '-WhatIf sends nothing and writes nothing' {
            $out = New-FacebookSystemUserToken $systemUser -AccessToken (New-SystemUserToken) -Credential $emu.Credential -Scope whatsapp_business_messaging -InstallApp -CacheName x -GraphBaseUri $emu.Uri -WhatIf
            $out | Should -BeNullOrEmpty
            Get-Requests "/$systemUser/*" | Should -BeNullOrEmpty
            Get-FacebookToken | Should -BeNullOrEmpty
        }
    }

    Describe 'The emulator''s system-user endpoints (raw Graph answers)' {
        It 'refuses access_tokens without appsecret_proof, and with a wrong one' {
            $admin = New-SystemUserToken
            $base = "$($emu.Uri)/v25.0/$systemUser"
            Invoke-RestMethod "$base/applications" -Method Post -Body @{ business_app = $emu.AppId; access_token = $admin } -NoProxy | ForEach-Object success | Should -BeTrue
            $missing = Invoke-WebRequest "$base/access_tokens" -Method Post -Body @{ business_app = $emu.AppId; scope = 'whatsapp_business_messaging'; access_token = $admin } -NoProxy -SkipHttpErrorCheck
            [int]$missing.StatusCode | Should -Be 400
            ($missing.Content | ConvertFrom-Json).error.message | Should -Be '(#100) The parameter appsecret_proof is required'
            $wrong = Invoke-WebRequest "$base/access_tokens" -Method Post -Body @{ business_app = $emu.AppId; scope = 'whatsapp_business_messaging'; access_token = $admin; appsecret_proof = ('0' * 64) } -NoProxy -SkipHttpErrorCheck
            ($wrong.Content | ConvertFrom-Json).error.message | Should -Be 'Invalid appsecret_proof provided in the API argument'
        }
    }

    Describe 'Update-FacebookToken' {
        It 'leaves a 60-day token with more than 14 days left StillValid and sends nothing' {
            Save-Cached (New-SystemUserToken -ExpiresIn60Days) 'wa-prod' 'SystemUser' ([DateTimeOffset]::UtcNow.AddDays(60))
            $r = Update-FacebookToken wa-prod -Credential $emu.Credential -GraphBaseUri $emu.Uri
            $r.Action | Should -Be 'StillValid'
            $r.Kind | Should -Be 'SystemUser'
            $r.ExpiresOn | Should -Be $r.ExpiresOnBefore
            Get-Requests '/oauth/access_token' | Should -BeNullOrEmpty
        }

        It 'renews a 60-day system-user token by Meta''s refresh, verifies it, replaces the cached one; the old one still works' {
            $old = New-SystemUserToken -ExpiresIn60Days
            $before = [DateTimeOffset]::UtcNow.AddDays(60)
            Save-Cached $old 'wa-prod' 'SystemUser' $before
            # Ten days on at Facebook: the renewed token's 60 days start there.
            Invoke-EmulatorControl $emu -Path 'clock' -Body @{ days = 10 } | Out-Null

            $r = Update-FacebookToken wa-prod -Credential $emu.Credential -MinimumValidity 61.00:00:00 -GraphBaseUri $emu.Uri

            $r.Action | Should -Be 'Renewed'
            $r.ExpiresOnBefore | Should -Be $before
            ($r.ExpiresOn - $before).TotalDays | Should -BeGreaterThan 9.9
            $cached = Get-FacebookToken wa-prod
            Get-Plain $cached.AccessToken | Should -Not -Be $old
            $cached.Kind | Should -Be 'SystemUser'
            $cached.ExpiresOn | Should -Be $r.ExpiresOn
            $cached.UserId | Should -Be $adminSystemUser
            $refresh = Get-Requests '/oauth/access_token'
            $refresh.Count | Should -Be 1
            $refresh[0].form.grant_type | Should -Be 'fb_exchange_token'
            $refresh[0].form.set_token_expires_in_60_days | Should -Be 'true'
            ($cached | Get-Info).IsValid | Should -BeTrue
            ($old | Get-Info).IsValid | Should -BeTrue
        }

        It 'reports a long-lived user token as NeedsLogin with the command to run, as a result and not an error' {
            $user = (Invoke-EmulatorControl $emu -Path 'tokens' -Body @{ kind = 'long'; lifetimeSeconds = 5 * 86400 }).access_token
            Save-Cached $user 'wa-user' 'LongLivedUser' ([DateTimeOffset]::UtcNow.AddDays(5))
            $r = Update-FacebookToken wa-user -Credential $emu.Credential -GraphBaseUri $emu.Uri -ErrorVariable err
            $err | Should -BeNullOrEmpty
            $r.Action | Should -Be 'NeedsLogin'
            $r.Reason | Should -Match "Invoke-FacebookLogin -CacheName 'wa-user'"
        }

        It 'leaves a never-expiring system-user token StillValid, having asked debug_token' {
            Save-Cached (New-SystemUserToken) 'wa-forever' 'SystemUser' $null
            $before = (Get-Requests '*debug_token*').Count
            $r = Update-FacebookToken wa-forever -Credential $emu.Credential -GraphBaseUri $emu.Uri -MinimumValidity 365.00:00:00
            $r.Action | Should -Be 'StillValid'
            $r.Reason | Should -Match 'Never expires \(debug_token'
            (Get-Requests '*debug_token*').Count | Should -Be ($before + 1) -Because 'a token cached without an expiry is never called StillValid unasked'
        }

        It 'renews a 60-day system-user token cached without its expiry instead of calling it StillValid' {
            Save-Cached (New-SystemUserToken -ExpiresIn60Days) 'wa-noexpiry' 'SystemUser' $null
            $r = Update-FacebookToken wa-noexpiry -Credential $emu.Credential -GraphBaseUri $emu.Uri -MinimumValidity 90.00:00:00
            $r.Action | Should -Be 'Renewed'
            (Get-FacebookToken wa-noexpiry).ExpiresOn | Should -BeGreaterThan ([DateTimeOffset]::UtcNow.AddDays(59))
        }

        It 'says a revoked token cached without an expiry needs a login, not StillValid' {
            $dead = New-SystemUserToken
            Save-Cached $dead 'wa-dead' 'SystemUser' $null
            Invoke-EmulatorControl $emu -Method Post -Path 'tokens/revoke' -Body @{ access_token = $dead } | Out-Null
            $r = Update-FacebookToken wa-dead -Credential $emu.Credential -GraphBaseUri $emu.Uri -MinimumValidity 90.00:00:00
            $r.Action | Should -Be 'NeedsLogin'
            $r.Reason | Should -Match 'debug_token says the token is not valid'
        }

        It 'reports an expired 60-day token as Failed, writes the error too, and keeps the cached token' {
            $old = New-SystemUserToken -ExpiresIn60Days
            Save-Cached $old 'wa-prod' 'SystemUser' ([DateTimeOffset]::UtcNow.AddDays(60))
            Invoke-EmulatorControl $emu -Path 'clock' -Body @{ days = 61 } | Out-Null

            $r = Update-FacebookToken wa-prod -Credential $emu.Credential -MinimumValidity 61.00:00:00 -GraphBaseUri $emu.Uri -ErrorVariable err -ErrorAction SilentlyContinue

            $r.Action | Should -Be 'Failed'
            $r.Reason | Should -Match 'New-FacebookSystemUserToken'
            $r.Reason | Should -Match 'code 190, subcode 463'
            $err.Count | Should -Be 1
            $err[0].FullyQualifiedErrorId | Should -BeLike 'TokenExpired,*'
            $err[0].TargetObject | Should -Be 'wa-prod'
            Get-Plain (Get-FacebookToken wa-prod -IncludeExpired).AccessToken | Should -Be $old
            { Update-FacebookToken wa-prod -Credential $emu.Credential -MinimumValidity 61.00:00:00 -GraphBaseUri $emu.Uri -ErrorAction Stop } | Should -Throw -ErrorId 'TokenExpired,*'
        }

        It 'takes wildcards and piped names, handles each token once, and -WhatIf renews nothing' {
            Save-Cached (New-SystemUserToken -ExpiresIn60Days) 'wa-a' 'SystemUser' ([DateTimeOffset]::UtcNow.AddDays(60))
            Save-Cached (New-SystemUserToken) 'wa-b' 'SystemUser' $null
            $before = Get-Plain (Get-FacebookToken wa-a).AccessToken

            $r = Get-FacebookToken | Update-FacebookToken -Credential $emu.Credential -MinimumValidity 61.00:00:00 -GraphBaseUri $emu.Uri -WhatIf
            @($r).Count | Should -Be 1
            $r.Name | Should -Be 'wa-b'
            Get-Requests '/oauth/access_token' | Should -BeNullOrEmpty
            Get-Plain (Get-FacebookToken wa-a).AccessToken | Should -Be $before

            $all = Update-FacebookToken 'wa-*', 'wa-a' -Credential $emu.Credential -MinimumValidity 61.00:00:00 -GraphBaseUri $emu.Uri
            @($all).Count | Should -Be 2
            ($all | Where-Object Name -eq 'wa-a').Action | Should -Be 'Renewed'
        }

        It 'reports a literal name that is not cached as CachedTokenNotFound' {
            Update-FacebookToken nothing-here -Credential $emu.Credential -GraphBaseUri $emu.Uri -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].FullyQualifiedErrorId | Should -BeLike 'CachedTokenNotFound,*'
        }

        It 'shows renewals as a table with Name, Kind, Action, expiries and Reason' {
            Save-Cached (New-SystemUserToken) 'wa-forever' 'SystemUser' $null
            $text = Update-FacebookToken wa-forever -Credential $emu.Credential -GraphBaseUri $emu.Uri | Out-String -Width 200
            $text | Should -Match 'Name\s+Kind\s+Action\s+ExpiresOnBefore\s+ExpiresOn\s+Reason'
            $text | Should -Match 'wa-forever\s+SystemUser\s+StillValid\s+never\s+never\s+Never expires \(debug_token'
        }
    }

    Describe 'Revoke-FacebookToken' {
        It 'revokes a cached system-user token by Meta''s revoke call and removes the entry' {
            $token = New-SystemUserToken -ExpiresIn60Days
            Save-Cached $token 'wa-prod' 'SystemUser' ([DateTimeOffset]::UtcNow.AddDays(60))

            Revoke-FacebookToken -Name wa-prod -Credential $emu.Credential -GraphBaseUri $emu.Uri -Confirm:$false

            ($token | Get-Info).IsValid | Should -BeFalse
            $revoke = Get-Requests '/oauth/revoke'
            $revoke.Count | Should -Be 1
            $revoke[0].form.client_id | Should -Be $emu.AppId
            # Meta's documented parameters, every secret in the POST body: none in the URL, none in a header.
            @($revoke[0].form.PSObject.Properties.Name | Sort-Object) | Should -Be @('access_token', 'client_id', 'client_secret', 'revoke_token')
            @($revoke[0].query.PSObject.Properties.Name) | Should -BeNullOrEmpty
            $revoke[0].authorization | Should -BeNullOrEmpty
            $revoke[0].method | Should -Be 'POST'
            Get-FacebookToken -IncludeExpired | Should -BeNullOrEmpty
        }

        It 'revokes a piped user token with DELETE /me/permissions and removes its cache entry' {
            $user = (Invoke-EmulatorControl $emu -Path 'tokens' -Body @{ kind = 'long' }).access_token
            Save-Cached $user 'wa-user' 'LongLivedUser' ([DateTimeOffset]::UtcNow.AddDays(59))

            Get-FacebookToken wa-user | Revoke-FacebookToken -GraphBaseUri $emu.Uri -Credential $emu.Credential -Confirm:$false

            @(Get-Requests '/me/permissions' | Where-Object method -eq 'DELETE').Count | Should -Be 1
            ($user | Get-Info).IsValid | Should -BeFalse
            Get-FacebookToken -IncludeExpired | Should -BeNullOrEmpty
        }

        It 'reports an already invalid token with a warning, no error, and still removes the entry; -KeepCached keeps it' {
            $token = New-SystemUserToken
            Save-Cached $token 'wa-gone' 'SystemUser' $null
            Save-Cached $token 'wa-kept' 'SystemUser' $null
            Invoke-EmulatorControl $emu -Path 'tokens/revoke' -Body @{ access_token = $token } | Out-Null

            Revoke-FacebookToken -Name wa-gone -Credential $emu.Credential -GraphBaseUri $emu.Uri -Confirm:$false -WarningVariable warn -ErrorVariable err -WarningAction SilentlyContinue
            $err | Should -BeNullOrEmpty
            "$warn" | Should -Match 'already invalid'
            "$warn" | Should -Not -Match ([regex]::Escape($token))
            (Get-FacebookToken).Name | Should -Be 'wa-kept'

            Revoke-FacebookToken -Name wa-kept -KeepCached -Credential $emu.Credential -GraphBaseUri $emu.Uri -Confirm:$false -WarningAction SilentlyContinue
            (Get-FacebookToken).Name | Should -Be 'wa-kept'
        }

        It 'needs the app credentials for a system-user token (AppCredentialsRequired) and keeps the entry' {
            Save-Cached (New-SystemUserToken) 'wa-prod' 'SystemUser' $null
            Revoke-FacebookToken -Name wa-prod -GraphBaseUri $emu.Uri -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].FullyQualifiedErrorId | Should -BeLike 'AppCredentialsRequired,*'
            (Get-FacebookToken).Name | Should -Be 'wa-prod'
        }

        It 'is ConfirmImpact High, and -WhatIf revokes and removes nothing' {
            $meta = [System.Management.Automation.CommandMetadata]::new((Get-Command Revoke-FacebookToken))
            $meta.ConfirmImpact | Should -Be 'High'
            $meta.SupportsShouldProcess | Should -BeTrue
            $token = New-SystemUserToken
            Save-Cached $token 'wa-prod' 'SystemUser' $null
            Revoke-FacebookToken -Name wa-prod -Credential $emu.Credential -GraphBaseUri $emu.Uri -WhatIf
            Get-Requests '/oauth/revoke' | Should -BeNullOrEmpty
            ($token | Get-Info).IsValid | Should -BeTrue
            (Get-FacebookToken).Name | Should -Be 'wa-prod'
        }

        It 'asks debug_token for the kind of a plain-text token and refuses an app token' {
            $app = (Invoke-EmulatorControl $emu -Path 'tokens' -Body @{ kind = 'app' }).access_token
            Revoke-FacebookToken $app -Credential $emu.Credential -GraphBaseUri $emu.Uri -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].FullyQualifiedErrorId | Should -BeLike 'TokenNotRevocable,*'
            @(Get-Requests '/debug_token').Count | Should -Be 1
        }
    }

    Describe 'No secret in a transcript of the system-user cmdlets' {
        It 'a -Verbose -Debug run, happy and failing paths, shows no token, secret or proof' {
            $transcript = Join-Path $cacheDir 'transcript.txt'
            $null = New-Item -ItemType Directory -Path $cacheDir -Force
            $admin = New-SystemUserToken
            Start-Transcript -LiteralPath $transcript | Out-Null
            try {
                $t = New-FacebookSystemUserToken $systemUser -AccessToken $admin -Credential $emu.Credential -Scope $scopes -ExpiresIn60Days -InstallApp -CacheName wa-prod -GraphBaseUri $emu.Uri -Verbose -Debug 4>&1 5>&1 | Out-String | Write-Host
                New-FacebookSystemUserToken $systemUser -AccessToken $admin -Credential $emu.Credential -Scope nope_scope -GraphBaseUri $emu.Uri -Verbose -Debug -ErrorAction Continue 2>&1 4>&1 5>&1 | Out-String | Write-Host
                $generated = Get-Plain (Get-FacebookToken wa-prod).AccessToken
                Update-FacebookToken wa-prod -Credential $emu.Credential -MinimumValidity 61.00:00:00 -GraphBaseUri $emu.Uri -Verbose -Debug 4>&1 5>&1 | Out-String | Write-Host
                $renewed = Get-FacebookToken wa-prod
                Revoke-FacebookToken -Name wa-prod -Credential $emu.Credential -GraphBaseUri $emu.Uri -Confirm:$false -Verbose -Debug 3>&1 4>&1 5>&1 | Out-String | Write-Host
                Save-Cached $admin 'wa-admin' 'SystemUser' $null
                Invoke-EmulatorControl $emu -Path 'tokens/revoke' -Body @{ access_token = $admin } | Out-Null
                Revoke-FacebookToken -Name wa-admin -Credential $emu.Credential -GraphBaseUri $emu.Uri -Confirm:$false -WarningAction Continue -Verbose -Debug 3>&1 4>&1 5>&1 | Out-String | Write-Host
                $Error | Select-Object -First 5 | ForEach-Object { $_ | Format-List * -Force | Out-String | Write-Host }
            }
            finally {
                Stop-Transcript | Out-Null
            }
            $text = Get-Content -LiteralPath $transcript -Raw
            $text | Should -Match 'Renewed'
            $generate = (Get-Requests "/$systemUser/access_tokens")[0]
            foreach ($secret in @($admin, $generated, $emu.AppSecretPlain, (Get-Plain $renewed.AccessToken), $generate.query.appsecret_proof)) {
                $secret | Should -Not -BeNullOrEmpty
                $text.Contains($secret) | Should -BeFalse -Because 'no secret may reach a transcript'
            }
        }
    }
}
