BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:emu = Start-FacebookEmulator
    $script:waba = '102290129340398'
    $script:clientWaba = '102290129340399'
    $script:phone = '106540352242922'
    $script:clientPhone = '106540352242923'
    $script:waScopes = @('whatsapp_business_management', 'whatsapp_business_messaging')

    function New-EmuToken {
        # A token minted by the emulator's control API; returns its text.
        param([string]$Kind = 'long', [string[]]$Scopes = $waScopes, [double]$LifetimeSeconds, [string[]]$TargetIds)
        $body = @{ appId = $emu.AppId; kind = $Kind; scopes = @($Scopes) }
        if ($PSBoundParameters.ContainsKey('LifetimeSeconds')) { $body.lifetimeSeconds = $LifetimeSeconds }
        if ($TargetIds) { $body.targetIds = @($TargetIds) }
        (Invoke-EmulatorControl $emu -Method Post -Path 'tokens' -Body $body).access_token
    }

    function Get-GraphRequests {
        param([string]$Endpoint)
        @((Invoke-EmulatorControl $emu -Method Get -Path 'requests') | ForEach-Object { $_ } | Where-Object { $_.endpoint -eq $Endpoint })
    }
}

AfterAll {
    Stop-FacebookEmulator $script:emu
}

Describe 'Test-FacebookToken' {
    BeforeEach {
        Invoke-EmulatorControl $emu -Method Post -Path 'reset' | Out-Null
        $script:common = @{ Credential = $emu.Credential; GraphBaseUri = $emu.Uri }
    }

    It 'passes a token that is valid long enough, has the scope and reaches the WABA and phone number: [bool] $true' {
        $token = New-EmuToken

        $result = Test-FacebookToken -AccessToken $token @common -MinimumValidity (New-TimeSpan -Days 14) -Scope whatsapp_business_management -WhatsAppBusinessAccountId $waba -PhoneNumberId $phone
        $check = Test-FacebookToken -AccessToken $token @common -MinimumValidity (New-TimeSpan -Days 14) -Scope whatsapp_business_management -WhatsAppBusinessAccountId $waba -PhoneNumberId $phone -Detailed

        $result | Should -BeOfType [bool]
        $result | Should -BeTrue
        $check | Should -BeOfType 'FacebookToken.FacebookTokenCheck'
        $check.Passed | Should -BeTrue
        $check.IsValid | Should -BeTrue
        $check.Type | Should -Be 'USER'
        $check.TimeLeft.TotalDays | Should -BeGreaterThan 50
        $check.DataAccessTimeLeft.TotalDays | Should -BeGreaterThan 80
        $check.MissingScopes | Should -BeNullOrEmpty
        $check.UncoveredAccounts | Should -BeNullOrEmpty
        $check.Problems | Should -BeNullOrEmpty
        # The reach was confirmed by reading each id with the token.
        (Get-GraphRequests "/$waba").Count | Should -Be 2
        (Get-GraphRequests "/$phone").Count | Should -Be 2
    }

    It 'fails a token expiring within -MinimumValidity, and says to log in again' {
        $token = New-EmuToken -LifetimeSeconds (3 * 86400)

        Test-FacebookToken -AccessToken $token @common | Should -BeTrue
        Test-FacebookToken -AccessToken $token @common -MinimumValidity (New-TimeSpan -Days 7) | Should -BeFalse
        $check = Test-FacebookToken -AccessToken $token @common -MinimumValidity (New-TimeSpan -Days 7) -Detailed

        $check.IsValid | Should -BeTrue
        $check.Passed | Should -BeFalse
        $check.TimeLeft.TotalDays | Should -BeLessThan 3.01
        $problem = $check.Problems | Where-Object Kind -eq 'ExpiresSoon'
        $problem | Should -Not -BeNullOrEmpty
        $problem.IsBlocking | Should -BeTrue
        $problem.Message | Should -Match 'expires in 3 days'
        $problem.Fix | Should -Match 'Invoke-FacebookLogin'
    }

    It 'fails a token that lacks a -Scope and names it in MissingScopes' {
        $token = New-EmuToken -Scopes whatsapp_business_messaging

        Test-FacebookToken -AccessToken $token @common -Scope whatsapp_business_messaging | Should -BeTrue
        $check = Test-FacebookToken -AccessToken $token @common -Scope whatsapp_business_messaging, whatsapp_business_management -Detailed

        $check.Passed | Should -BeFalse
        $check.MissingScopes | Should -Be @('whatsapp_business_management')
        $check.Problems.Kind | Should -Be @('MissingScope')
        $check.Problems[0].Target | Should -Be 'whatsapp_business_management'
        $check.Problems[0].Fix | Should -Match 'Invoke-FacebookLogin -Scope whatsapp_business_management'
    }

    It 'fails a WABA the token does not reach (Facebook 100/33) and lists it in UncoveredAccounts' {
        $token = New-EmuToken

        $result = Test-FacebookToken -AccessToken $token @common -WhatsAppBusinessAccountId $waba, $clientWaba -ErrorVariable err
        $check = Test-FacebookToken -AccessToken $token @common -WhatsAppBusinessAccountId $waba, $clientWaba -Detailed

        $err | Should -BeNullOrEmpty
        $result | Should -BeFalse
        $check.UncoveredAccounts | Should -Be @($clientWaba)
        $problem = $check.Problems | Where-Object Kind -eq 'UncoveredAccount'
        $problem.Target | Should -Be $clientWaba
        $problem.Message | Should -Match "Object with ID '$clientWaba' does not exist"
        $problem.Message | Should -Match 'code 100, subcode 33'
        $problem.Fix | Should -Match 'Get-FacebookWhatsAppAccount'
    }

    It 'fails a phone number of a WABA the token does not reach, and passes it once the token targets that WABA' {
        $token = New-EmuToken
        $clientToken = New-EmuToken -TargetIds $clientWaba

        $check = Test-FacebookToken -AccessToken $token @common -PhoneNumberId $phone, $clientPhone -Detailed
        $other = Test-FacebookToken -AccessToken $clientToken @common -PhoneNumberId $clientPhone -Detailed

        $check.Passed | Should -BeFalse
        $check.UncoveredAccounts | Should -Be @($clientPhone)
        ($check.Problems | Where-Object Kind -eq 'UncoveredAccount').Message | Should -Match "phone number $clientPhone"
        $other.Passed | Should -BeTrue
        $other.Problems | Should -BeNullOrEmpty
    }

    It 'scope drift: granular_scopes lack whatsapp_business_management yet the read works -> reachable, with a note' {
        Invoke-EmulatorControl $emu -Method Post -Path 'settings' -Body @{ granularOmitsWhatsAppManagement = $true } | Out-Null
        $token = New-EmuToken -Scopes whatsapp_business_management
        $info = Get-FacebookTokenInfo -AccessToken $token @common

        $result = Test-FacebookToken -AccessToken $token @common -WhatsAppBusinessAccountId $waba
        $check = Test-FacebookToken -AccessToken $token @common -WhatsAppBusinessAccountId $waba -Detailed

        $info.GranularScopes | Should -BeNullOrEmpty
        $result | Should -BeTrue
        $check.Passed | Should -BeTrue
        $check.UncoveredAccounts | Should -BeNullOrEmpty
        $check.Problems.Count | Should -Be 1
        $check.Problems[0].Kind | Should -Be 'ScopeDrift'
        $check.Problems[0].IsBlocking | Should -BeFalse
        $check.Problems[0].Target | Should -Be $waba
    }

    It '<Name> token: $false and no error, with or without app credentials; -Detailed says why and what to do' -ForEach @(
        @{ Name = 'revoked'; Path = 'tokens/revoke'; Pattern = 'not valid' }
        @{ Name = 'expired'; Path = 'tokens/expire'; Pattern = 'expired' }
    ) {
        $token = New-EmuToken
        Invoke-EmulatorControl $emu -Method Post -Path $Path -Body @{ access_token = $token } | Out-Null

        $asApp = Test-FacebookToken -AccessToken $token @common -ErrorVariable err1
        $self = Test-FacebookToken -AccessToken $token -GraphBaseUri $emu.Uri -ErrorVariable err2
        $check = Test-FacebookToken -AccessToken $token @common -Detailed

        $err1 | Should -BeNullOrEmpty
        $err2 | Should -BeNullOrEmpty
        $asApp | Should -BeFalse
        $self | Should -BeFalse
        $check.IsValid | Should -BeFalse
        $check.Problems[0].Kind | Should -Be 'Invalid'
        $check.Problems[0].Message | Should -Match $Pattern
        $check.Problems[0].Fix | Should -Match 'Invoke-FacebookLogin'
    }

    It 'a user token that may not inspect itself: not invalid, but the check fails and says to pass -Credential' {
        $token = New-EmuToken

        $check = Test-FacebookToken -AccessToken $token -GraphBaseUri $emu.Uri -Detailed -ErrorVariable err

        $err | Should -BeNullOrEmpty
        $check.IsValid | Should -BeTrue
        $check.Passed | Should -BeFalse
        $check.Problems[0].Kind | Should -Be 'InspectionRefused'
        $check.Problems[0].Fix | Should -Match '-Credential'
        Test-FacebookToken -AccessToken $token -GraphBaseUri $emu.Uri | Should -BeFalse
    }

    It 'sends appsecret_proof with every read when the secret is at hand (an app with Require App Secret on works)' {
        Invoke-EmulatorControl $emu -Method Post -Path 'settings' -Body @{ requireAppSecretProof = $true } | Out-Null
        $token = New-EmuToken

        Test-FacebookToken -AccessToken $token @common -WhatsAppBusinessAccountId $waba | Should -BeTrue

        $read = @(Get-GraphRequests "/$waba")
        $read.Count | Should -Be 1
        $time = $read[0].query.appsecret_time
        $time | Should -Match '^\d+$'
        $hmac = [System.Security.Cryptography.HMACSHA256]::new([Text.Encoding]::UTF8.GetBytes($emu.AppSecretPlain))
        $expected = -join ($hmac.ComputeHash([Text.Encoding]::UTF8.GetBytes("$token|$time")) | ForEach-Object { $_.ToString('x2') })
        $read[0].query.appsecret_proof | Should -Be $expected
    }

    It 'a token piped from Get-FacebookToken keeps its Name; -Name reads the cache' {
        $dir = Join-Path ([IO.Path]::GetTempPath()) ('fbt-test-' + [guid]::NewGuid())
        $key = ConvertTo-SecureString 'test-token-cache-key-0123456789' -AsPlainText -Force
        try {
            $object = [FacebookToken.FacebookAccessToken]::new((ConvertTo-SecureString (New-EmuToken) -AsPlainText -Force), 'LongLivedUser', $emu.AppId)
            $object | Save-FacebookToken -Name wa-health -CachePath $dir -CacheKey $key

            $piped = Get-FacebookToken wa-health -CachePath $dir -CacheKey $key | Test-FacebookToken -Detailed @common -WhatsAppBusinessAccountId $waba
            $byName = Test-FacebookToken -Name 'wa-*' -CachePath $dir -CacheKey $key -Detailed @common

            $piped.Name | Should -Be 'wa-health'
            $piped.Passed | Should -BeTrue
            $byName.Name | Should -Be 'wa-health'
            $byName.Passed | Should -BeTrue
        }
        finally {
            Remove-Item -LiteralPath $dir -Recurse -Force -ErrorAction SilentlyContinue
        }
    }

    It 'refuses an id that is not a Graph id before sending anything' {
        { Test-FacebookToken -AccessToken (New-EmuToken) @common -WhatsAppBusinessAccountId '../me' -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidWhatsAppId,FacebookToken.Module.Commands.TestFacebookTokenCommand'
    }

    It 'the default view of a check lists each problem with its fix' {
        $check = Test-FacebookToken -AccessToken (New-EmuToken) @common -WhatsAppBusinessAccountId $clientWaba -Detailed

        $text = ($check | Out-String -Width 4000)

        $text | Should -Match 'Passed\s+: False'
        $text | Should -Match "UncoveredAccount ${clientWaba}: .* Fix: Give the token that asset"
    }
}

Describe 'The per-token loop of the token selectors' {
    It '<Command> -Name with a cache that cannot be read: one error on the name with the module''s id, and the script goes on' -ForEach @(
        @{ Command = 'Test-FacebookToken' }
        @{ Command = 'Get-FacebookWhatsAppAccount' }
        @{ Command = 'Revoke-FacebookToken' }
        @{ Command = 'Get-FacebookAppSecretProof' }
    ) {
        $dir = Join-Path ([IO.Path]::GetTempPath()) ('fbt-loop-' + [guid]::NewGuid().ToString('N'))
        try {
            $key = ConvertTo-SecureString 'loop-test-key-0123456789' -AsPlainText -Force
            $wrong = ConvertTo-SecureString 'not-the-key-0123456789' -AsPlainText -Force
            Save-FacebookToken -Name 'wa-prod' -AccessToken (New-EmuToken) -CachePath $dir -CacheKey $key
            $extra = if ($Command -eq 'Revoke-FacebookToken') { @{ Confirm = $false } } else { @{} }
            $after = $false
            & $Command -Name 'wa-prod' -CachePath $dir -CacheKey $wrong -Credential $emu.Credential -GraphBaseUri $emu.Uri @extra -ErrorVariable err -ErrorAction SilentlyContinue | Out-Null
            $after = $true

            $after | Should -BeTrue
            $err.Count | Should -Be 1
            $err[0].FullyQualifiedErrorId | Should -Be "WrongCacheKey,FacebookToken.Module.Commands.$($Command -replace '-', '')Command"
            $err[0].TargetObject | Should -Be 'wa-prod'
        }
        finally {
            Remove-Item -LiteralPath $dir -Recurse -Force -ErrorAction SilentlyContinue
        }
    }
}

Describe 'Test-FacebookToken and Get-FacebookWhatsAppAccount in a transcript' {
    It 'a -Verbose -Debug run, passing and failing, shows no token and no app secret' {
        Invoke-EmulatorControl $emu -Method Post -Path 'reset' | Out-Null
        $work = Join-Path ([IO.Path]::GetTempPath()) ('fbt-wa-transcript-' + [guid]::NewGuid())
        $null = New-Item -ItemType Directory -Path $work
        $transcript = Join-Path $work 'transcript.txt'
        $good = New-EmuToken
        $dead = New-EmuToken
        Invoke-EmulatorControl $emu -Method Post -Path 'tokens/revoke' -Body @{ access_token = $dead } | Out-Null
        $child = @"
`$ErrorActionPreference = 'Continue'
Import-Module '$ModuleManifestPath'
`$secret = ConvertTo-SecureString '$($emu.AppSecretPlain)' -AsPlainText -Force
`$cred = [pscredential]::new('$($emu.AppId)', `$secret)
`$good = ConvertTo-SecureString '$good' -AsPlainText -Force
`$dead = ConvertTo-SecureString '$dead' -AsPlainText -Force
Start-Transcript -LiteralPath '$transcript' | Out-Null
Test-FacebookToken -AccessToken `$good -Credential `$cred -GraphBaseUri '$($emu.Uri)' -WhatsAppBusinessAccountId $waba, $clientWaba -PhoneNumberId $phone -Detailed -Verbose -Debug | Format-List | Out-String | Write-Host
Test-FacebookToken -AccessToken `$dead -Credential `$cred -GraphBaseUri '$($emu.Uri)' -Detailed -Verbose -Debug | Format-List | Out-String | Write-Host
Test-FacebookToken -AccessToken `$good -GraphBaseUri '$($emu.Uri)' -Detailed -Verbose -Debug | Format-List | Out-String | Write-Host
Get-FacebookWhatsAppAccount -AccessToken `$good -Credential `$cred -GraphBaseUri '$($emu.Uri)' -BusinessId 1980000000000001 -Verbose -Debug | Format-Table | Out-String -Width 200 | Write-Host
Get-FacebookWhatsAppAccount -AccessToken `$dead -Credential `$cred -GraphBaseUri '$($emu.Uri)' -Verbose -Debug
Stop-Transcript | Out-Null
"@
        $null = Invoke-ChildPwsh -Command $child
        $text = Get-Content -LiteralPath $transcript -Raw
        Remove-Item -LiteralPath $work -Recurse -Force

        # The run did what it claims.
        $text | Should -Match 'VERBOSE: GET http://127\.0\.0\.1:\d+/v25\.0/102290129340398'
        $text | Should -Match 'appsecret_proof='
        $text | Should -Match 'UncoveredAccount 102290129340399'
        $text | Should -Match '\+1 555-010-0001 GREEN'
        $text | Should -Match 'InspectionRefused'
        foreach ($s in $good, $dead, $emu.AppSecretPlain) {
            $text.Contains($s) | Should -BeFalse
            for ($i = 0; $i + 12 -le $s.Length; $i += 6) {
                $text.Contains($s.Substring($i, 12)) | Should -BeFalse -Because 'no long fragment of a secret may show'
            }
        }
    }
}
