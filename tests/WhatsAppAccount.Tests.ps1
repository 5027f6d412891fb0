BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:emu = Start-FacebookEmulator
    $script:waba = '102290129340398'
    $script:clientWaba = '102290129340399'

    function New-EmuToken {
        param([string[]]$Scopes = @('whatsapp_business_management', 'whatsapp_business_messaging'), [string[]]$TargetIds)
        $body = @{ appId = $emu.AppId; kind = 'long'; scopes = @($Scopes) }
        if ($TargetIds) { $body.targetIds = @($TargetIds) }
        (Invoke-EmulatorControl $emu -Method Post -Path 'tokens' -Body $body).access_token
    }
}

AfterAll {
    Stop-FacebookEmulator $script:emu
}

Describe 'Get-FacebookWhatsAppAccount' {
    BeforeEach {
        Invoke-EmulatorControl $emu -Method Post -Path 'reset' | Out-Null
        $script:common = @{ Credential = $emu.Credential; GraphBaseUri = $emu.Uri }
    }

    It 'lists the WABA of the token''s granular scopes with its phone numbers' {
        $accounts = @(Get-FacebookWhatsAppAccount -AccessToken (New-EmuToken) @common)

        $accounts.Count | Should -Be 1
        $accounts[0] | Should -BeOfType 'FacebookToken.FacebookWhatsAppAccount'
        $accounts[0].Id | Should -Be $waba
        $accounts[0].Name | Should -Be 'Emulated WhatsApp Business Account'
        $accounts[0].Source | Should -Be 'GranularScopes'
        $phone = @($accounts[0].PhoneNumbers)
        $phone.Count | Should -Be 1
        $phone[0] | Should -BeOfType 'FacebookToken.FacebookWhatsAppPhoneNumber'
        $phone[0].Id | Should -Be '106540352242922'
        $phone[0].DisplayPhoneNumber | Should -Be '+1 555-010-0001'
        $phone[0].VerifiedName | Should -Be 'Emulated Business'
        $phone[0].QualityRating | Should -Be 'GREEN'
    }

    It 'follows the WABAs the token targets: another WABA, and more than one' {
        $client = @(Get-FacebookWhatsAppAccount -AccessToken (New-EmuToken -TargetIds $clientWaba) @common)
        $both = @(Get-FacebookWhatsAppAccount -AccessToken (New-EmuToken -TargetIds $clientWaba, $waba) @common)

        $client.Id | Should -Be @($clientWaba)
        $client[0].PhoneNumbers[0].QualityRating | Should -Be 'YELLOW'
        $both.Id | Should -Be @($clientWaba, $waba)
    }

    It 'with -BusinessId adds owned and client WABAs; a client WABA the token does not reach is an error (100/33) on that id' {
        $accounts = @(Get-FacebookWhatsAppAccount -AccessToken (New-EmuToken) @common -BusinessId 1980000000000001 -ErrorVariable err -ErrorAction SilentlyContinue)

        $accounts.Id | Should -Be @($waba, $clientWaba)
        $accounts[1].Source | Should -Be 'ClientOfBusiness'
        $accounts[1].PhoneNumbers | Should -BeNullOrEmpty
        $err.Count | Should -Be 1
        $err[0].TargetObject | Should -Be $clientWaba
        $err[0].Exception.Code | Should -Be 100
        $err[0].Exception.Subcode | Should -Be 33
        $err[0].Exception.Message | Should -Match 'Test-FacebookToken -WhatsAppBusinessAccountId 102290129340399'
    }

    It 'a business the token does not reach is an error on the business id, and nothing more' {
        $accounts = @(Get-FacebookWhatsAppAccount -AccessToken (New-EmuToken -TargetIds $waba) @common -BusinessId 1980000000000002 -ErrorVariable err -ErrorAction SilentlyContinue)

        $accounts.Id | Should -Be @($waba)
        $err.Count | Should -Be 1
        $err[0].TargetObject | Should -Be '1980000000000002'
        $err[0].Exception.Subcode | Should -Be 33
    }

    It 'sends appsecret_proof: with Require App Secret on, works with the credentials and not without' {
        Invoke-EmulatorControl $emu -Method Post -Path 'settings' -Body @{ requireAppSecretProof = $true } | Out-Null
        Invoke-EmulatorControl $emu -Method Post -Path 'roles' -Body @{} | Out-Null
        $token = New-EmuToken

        $with = @(Get-FacebookWhatsAppAccount -AccessToken $token @common)
        $without = @(Get-FacebookWhatsAppAccount -AccessToken $token -GraphBaseUri $emu.Uri -ErrorVariable err -ErrorAction SilentlyContinue)

        $with.Id | Should -Be @($waba)
        $with[0].PhoneNumbers.Count | Should -Be 1
        $without | Should -BeNullOrEmpty
        $err.Count | Should -Be 1
        $err[0].Exception.Message | Should -Match 'appsecret_proof'
    }

    It 'a revoked token is an error for that token, not a stack trace' {
        $token = New-EmuToken
        Invoke-EmulatorControl $emu -Method Post -Path 'tokens/revoke' -Body @{ access_token = $token } | Out-Null

        $accounts = Get-FacebookWhatsAppAccount -AccessToken $token @common -ErrorVariable err -ErrorAction SilentlyContinue

        $accounts | Should -BeNullOrEmpty
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'Token*,FacebookToken.Module.Commands.GetFacebookWhatsAppAccountCommand'
        $err[0].Exception.Message | Should -Match 'Test-FacebookToken -Detailed'
    }

    It 'refuses a -BusinessId that is not a Graph id before sending anything' {
        { Get-FacebookWhatsAppAccount -AccessToken (New-EmuToken) @common -BusinessId 'me/accounts' -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidWhatsAppId,FacebookToken.Module.Commands.GetFacebookWhatsAppAccountCommand'
        @((Invoke-EmulatorControl $emu -Method Get -Path 'requests') | ForEach-Object { $_ }).Count | Should -Be 0
    }

    It 'reads a token by -Name from the cache' {
        $dir = Join-Path ([IO.Path]::GetTempPath()) ('fbt-wa-' + [guid]::NewGuid())
        $key = ConvertTo-SecureString 'whatsapp-cache-key-0123456789' -AsPlainText -Force
        try {
            [FacebookToken.FacebookAccessToken]::new((ConvertTo-SecureString (New-EmuToken) -AsPlainText -Force), 'LongLivedUser', $emu.AppId) |
                Save-FacebookToken -Name wa-accounts -CachePath $dir -CacheKey $key

            $accounts = @(Get-FacebookWhatsAppAccount -Name wa-accounts -CachePath $dir -CacheKey $key @common)

            $accounts.Id | Should -Be @($waba)
        }
        finally {
            Remove-Item -LiteralPath $dir -Recurse -Force -ErrorAction SilentlyContinue
        }
    }

    It 'the default view is a table that shows each account''s numbers readably' {
        $text = Get-FacebookWhatsAppAccount -AccessToken (New-EmuToken -TargetIds $waba, $clientWaba) @common | Out-String -Width 200

        $text | Should -Match 'Id\s+Name\s+PhoneNumbers'
        $text | Should -Match '102290129340398\s+Emulated WhatsApp Business Account\s+\+1 555-010-0001 GREEN \(106540352242922\)'
        $text | Should -Match '102290129340399\s+Client WhatsApp Business Account\s+\+1 555-010-0002 YELLOW \(106540352242923\)'
        $text | Should -Not -Match 'FacebookToken\.FacebookWhatsAppPhoneNumber'
    }
}
