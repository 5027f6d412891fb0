BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')

    # The mask holds U+2026; built from its code point so this file's encoding cannot matter.
    $script:ellipsis = [string][char]0x2026
    $script:plainToken = 'EAAGtesttokentesttokentest9Qx'
    $script:mask = "EAAG${ellipsis}9Qx"

    function New-TestToken {
        param(
            [Nullable[DateTimeOffset]]$ExpiresOn,
            [string]$Name = 'views-test'
        )

        $secure = ConvertTo-SecureString $plainToken -AsPlainText -Force
        $token = [FacebookToken.FacebookAccessToken]::new($secure, 'LongLivedUser', '123')
        $token.Name = $Name
        $token.ExpiresOn = $ExpiresOn
        $token
    }

    function ConvertTo-Text {
        # What the console would show, wide enough that no column is cut.
        param([Parameter(ValueFromPipeline)][object]$InputObject)

        begin { $items = [System.Collections.Generic.List[object]]::new() }
        process { $items.Add($InputObject) }
        end { ($items | Out-String -Width 250) -replace '\x1b\[[0-9;?]*[A-Za-z]', '' }
    }

    function Get-ListValue {
        # The value of one "Label : value" line of Format-List text.
        param([string]$Text, [string]$Label)

        foreach ($line in $Text -split '\r?\n') {
            if ($line -match "^$Label\s+:\s?(.*)$") {
                return $Matches[1].TrimEnd()
            }
        }
        throw "No '$Label' line in: $Text"
    }

    function Assert-TableCell {
        <#
        Fails unless the first row of Format-Table text holds Value in Column: a left-aligned cell starts
        where its header label starts, a right-aligned one ends where its label ends.
        #>
        param([string]$Text, [string]$Column, [string]$Value)

        $lines = @($Text -split '\r?\n' | Where-Object { $_.Trim() })
        $label = [regex]::Match($lines[0], "(?<=^|\s)$([regex]::Escape($Column))(?=\s|$)")
        if (-not $label.Success) {
            throw "No '$Column' column in:`n$Text"
        }
        $row = $lines[2]
        $escaped = [regex]::Escape($Value)
        $left = $row.Substring([Math]::Min($label.Index, $row.Length))
        $right = $row.Substring(0, [Math]::Min($label.Index + $label.Length, $row.Length))
        if (-not ($left -match "^$escaped(?=\s|$)" -or $right -match "(?<=^|\s)$escaped$")) {
            throw "Expected the '$Column' column to read '$Value' in:`n$Text"
        }
    }
}

Describe 'FacebookAccessToken views' {
    BeforeAll {
        $script:future = New-TestToken -ExpiresOn ([DateTimeOffset]::UtcNow.AddDays(60).AddMinutes(-30))
        $script:expired = New-TestToken -ExpiresOn ([DateTimeOffset]::UtcNow.AddHours(-1))
        $script:never = New-TestToken -ExpiresOn $null
    }

    It '<Name> shows the mask and never the whole token' -ForEach @(
        @{ Name = 'default output'; Render = { param($t) $t | ConvertTo-Text } }
        @{ Name = 'Format-Table'; Render = { param($t) $t | Format-Table | ConvertTo-Text } }
        @{ Name = 'Format-List'; Render = { param($t) $t | Format-List | ConvertTo-Text } }
        @{ Name = 'Format-List *'; Render = { param($t) $t | Format-List * | ConvertTo-Text } }
        @{ Name = 'Format-Table *'; Render = { param($t) $t | Format-Table * | ConvertTo-Text } }
    ) {
        $text = & $Render $future

        $text | Should -BeLike "*$mask*"
        $text | Should -Not -BeLike "*$plainToken*"
        $text | Should -Not -BeLike '*testtoken*'
    }

    It 'the default view is the table, with Name, Kind, Token, TimeLeft, ExpiresOn and AppId' {
        $header = @(($future | ConvertTo-Text) -split '\r?\n' | Where-Object { $_.Trim() })[0]

        $header -split '\s+' | Where-Object { $_ } | Should -Be 'Name', 'Kind', 'Token', 'TimeLeft', 'ExpiresOn', 'AppId'
    }

    It 'the table shows the cell values' {
        $text = $future | Format-Table | ConvertTo-Text
        $expiresUtc = $future.ExpiresOn.ToUniversalTime().ToString("yyyy-MM-dd HH:mm'Z'", [cultureinfo]::InvariantCulture)

        Assert-TableCell $text 'Name' 'views-test'
        Assert-TableCell $text 'Kind' 'LongLivedUser'
        Assert-TableCell $text 'Token' $mask
        Assert-TableCell $text 'TimeLeft' '59d 23h'
        Assert-TableCell $text 'ExpiresOn' $expiresUtc
        Assert-TableCell $text 'AppId' '123'
    }

    It 'time left reads <Expected> when ExpiresOn is <Case>' -ForEach @(
        @{ Case = 'in the past'; Offset = { [DateTimeOffset]::UtcNow.AddHours(-1) }; Expected = 'expired' }
        @{ Case = 'null'; Offset = { $null }; Expected = 'never' }
        @{ Case = '60 days less 30 minutes away'; Offset = { [DateTimeOffset]::UtcNow.AddDays(60).AddMinutes(-30) }; Expected = '59d 23h' }
        @{ Case = '90 minutes away'; Offset = { [DateTimeOffset]::UtcNow.AddMinutes(90).AddSeconds(-30) }; Expected = '1h 29m' }
        @{ Case = '10 minutes away'; Offset = { [DateTimeOffset]::UtcNow.AddMinutes(10).AddSeconds(-30) }; Expected = '9m' }
        @{ Case = '20 seconds away'; Offset = { [DateTimeOffset]::UtcNow.AddSeconds(20) }; Expected = '<1m' }
    ) {
        $token = New-TestToken -ExpiresOn (& $Offset)

        Assert-TableCell ($token | Format-Table | ConvertTo-Text) 'TimeLeft' $Expected
        Get-ListValue ($token | Format-List | ConvertTo-Text) 'TimeLeft' | Should -Be $Expected
    }

    It 'the list view shows Name, Kind, the mask and ExpiresOn' {
        $text = $future | Format-List | ConvertTo-Text

        Get-ListValue $text 'Name' | Should -Be 'views-test'
        Get-ListValue $text 'Kind' | Should -Be 'LongLivedUser'
        Get-ListValue $text 'Token' | Should -Be $mask
        Get-ListValue $text 'ExpiresOn' | Should -Not -BeNullOrEmpty
        Get-ListValue $text 'TimeLeft' | Should -Be '59d 23h'
    }

    It 'TimeLeft is null without ExpiresOn, zero once expired, and counts down otherwise' {
        $never.TimeLeft | Should -BeNullOrEmpty
        $expired.TimeLeft | Should -Be ([TimeSpan]::Zero)
        $future.TimeLeft | Should -BeOfType [TimeSpan]
        $future.TimeLeft.TotalDays | Should -BeGreaterThan 59.9
        $future.TimeLeft.TotalDays | Should -BeLessThan 60
    }

    It 'a table of several tokens masks every one of them' {
        $text = $future, $expired, $never | ConvertTo-Text

        ([regex]::Matches($text, [regex]::Escape($mask))).Count | Should -Be 3
        $text | Should -Not -BeLike "*$plainToken*"
        $text | Should -Match '\bexpired\b'
        $text | Should -Match '\bnever\b'
    }
}

Describe 'FacebookTokenInfo views' {
    BeforeAll {
        function New-TestTokenInfo {
            param([Nullable[DateTimeOffset]]$ExpiresOn)

            $info = [FacebookToken.FacebookTokenInfo]::new()
            $info.IsValid = $true
            $info.Type = 'USER'
            $info.AppId = '123'
            $info.UserId = '10229876543210987'
            $info.Scopes = 'whatsapp_business_messaging', 'public_profile'
            $info.GranularScopes = [FacebookToken.FacebookGranularScope]::new('whatsapp_business_messaging', [string[]]@('102290129340398'))
            $info.ExpiresOn = $ExpiresOn
            $info.MaskedToken = $mask
            $info
        }
    }

    It 'the default view is a table with IsValid, Type, the mask, TimeLeft, ExpiresOn, AppId, UserId and Scopes' {
        $text = New-TestTokenInfo -ExpiresOn ([DateTimeOffset]::UtcNow.AddDays(3).AddMinutes(-30)) | ConvertTo-Text
        $header = @($text -split '\r?\n' | Where-Object { $_.Trim() })[0]

        $header -split '\s+' | Where-Object { $_ } | Should -Be 'IsValid', 'Type', 'Token', 'TimeLeft', 'ExpiresOn', 'AppId', 'UserId', 'Scopes'
        Assert-TableCell $text 'Token' $mask
        Assert-TableCell $text 'TimeLeft' '2d 23h'
        Assert-TableCell $text 'UserId' '10229876543210987'
        Assert-TableCell $text 'Scopes' 'whatsapp_business_messaging, public_profile'
    }

    It 'time left reads <Expected> when ExpiresOn is <Case>' -ForEach @(
        @{ Case = 'in the past'; Offset = { [DateTimeOffset]::UtcNow.AddDays(-1) }; Expected = 'expired' }
        @{ Case = 'null'; Offset = { $null }; Expected = 'never' }
    ) {
        $info = New-TestTokenInfo -ExpiresOn (& $Offset)

        Assert-TableCell ($info | Format-Table | ConvertTo-Text) 'TimeLeft' $Expected
        Get-ListValue ($info | Format-List | ConvertTo-Text) 'TimeLeft' | Should -Be $Expected
    }

    It 'the list view shows the granular scopes and the mask' {
        $text = New-TestTokenInfo -ExpiresOn $null | Format-List | ConvertTo-Text

        Get-ListValue $text 'GranularScopes' | Should -Be 'whatsapp_business_messaging (102290129340398)'
        Get-ListValue $text 'Token' | Should -Be $mask
        Get-ListValue $text 'IsValid' | Should -Be 'True'
    }
}

Describe 'FacebookAuthRequest and FacebookAuthCode views' {
    BeforeAll {
        $script:verifierPlain = 'pkceverifierpkceverifierpkceverifier0123456'
        $script:codePlain = 'AQDcodecodecodecodecodecode4242'
        $verifier = ConvertTo-SecureString $verifierPlain -AsPlainText -Force
        $code = ConvertTo-SecureString $codePlain -AsPlainText -Force
        $script:request = Get-FacebookAuthUrl -AppId 123 -RedirectUri 'http://localhost:8765/callback/' -Scope whatsapp_business_messaging -UsePkce
        $script:authCode = [FacebookToken.FacebookAuthCode]::new($code, 'state-1', '123', 'http://localhost:8765/callback/', $verifier, [string[]]@('whatsapp_business_messaging'), 'v25.0')
    }

    It 'no view of <Name> shows its code or its own PKCE verifier' -ForEach @(
        @{ Name = 'the auth code'; Object = { $authCode } }
        @{ Name = 'the auth request'; Object = { $request } }
    ) {
        $object = & $Object
        # Each object's own secrets: the request carries a verifier of its own, not the code's.
        $secrets = @(
            if ($object.PSObject.Properties['Code']) { [Net.NetworkCredential]::new('', $object.Code).Password }
            [Net.NetworkCredential]::new('', $object.CodeVerifier).Password
        )
        $secrets | ForEach-Object { $_.Length | Should -BeGreaterThan 20 -Because 'the secret searched for must exist' }
        foreach ($text in @(
                ($object | ConvertTo-Text)
                ($object | Format-Table | ConvertTo-Text)
                ($object | Format-List | ConvertTo-Text)
                ($object | Format-List -Property * | ConvertTo-Text))) {
            foreach ($secret in $secrets) {
                $text | Should -Not -BeLike "*$secret*"
            }
            $text | Should -BeLike '*http://localhost:8765/callback/*'
        }
    }

    It 'the auth code table says the code is hidden and whether PKCE was used' {
        $text = $authCode | Format-Table | ConvertTo-Text

        Assert-TableCell $text 'Code' '(hidden)'
        Assert-TableCell $text 'Pkce' 'True'
        Assert-TableCell $text 'AppId' '123'
    }

    It 'the auth request list shows the state and the dialog URL' {
        $text = $request | Format-List | ConvertTo-Text

        Get-ListValue $text 'State' | Should -Be $request.State
        Get-ListValue $text 'Uri' | Should -BeLike 'https://www.facebook.com/*/dialog/oauth?*'
    }
}

Describe 'TokenCacheInfo views' {
    BeforeAll {
        $script:cacheInfo = [FacebookToken.Cache.TokenCacheInfo]::new(
            'KeyFile', '/home/runbook/.local/share/FacebookToken', '/home/runbook/.local/share/FacebookToken/tokens.bin',
            'libsecret unavailable: no D-Bus session; using key file', $true)
        $cacheInfo.TokenCount = 2
    }

    It 'the default view is a list of Backend, IsEncrypted, TokenCount, CachePath, Location and Reason' {
        $text = $cacheInfo | ConvertTo-Text

        Get-ListValue $text 'Backend' | Should -Be 'KeyFile'
        Get-ListValue $text 'IsEncrypted' | Should -Be 'True'
        Get-ListValue $text 'TokenCount' | Should -Be '2'
        Get-ListValue $text 'CachePath' | Should -Be '/home/runbook/.local/share/FacebookToken'
        Get-ListValue $text 'Location' | Should -Be '/home/runbook/.local/share/FacebookToken/tokens.bin'
        Get-ListValue $text 'Reason' | Should -Be 'libsecret unavailable: no D-Bus session; using key file'
    }

    It 'Format-Table shows Backend and Reason' {
        $text = $cacheInfo | Format-Table | ConvertTo-Text

        Assert-TableCell $text 'Backend' 'KeyFile'
        Assert-TableCell $text 'Reason' 'libsecret unavailable: no D-Bus session; using key file'
        Assert-TableCell $text 'TokenCount' '2'
    }
}

Describe 'The format file follows the view rules (ARCHITECTURE.md, "Views")' {
    BeforeAll {
        [xml]$script:format = Get-Content -Raw -LiteralPath (Join-Path $StagedModulePath 'FacebookToken.Format.ps1xml')
    }

    It 'has no ScriptBlock that only reads a property (a PropertyName shows the same without running a script per row)' {
        $scripts = @($format.SelectNodes('//ScriptBlock') | ForEach-Object { $_.InnerText.Trim() })
        $propertyOnly = @($scripts | Where-Object { $_ -match '^\$_\.\w+$' -or $_ -match '^\$PSItem\.\w+$' })
        $propertyOnly | Should -BeNullOrEmpty -Because 'a view column that only reads a property is <PropertyName>, which renders 2-3 times faster'
    }

    It 'is the manifest''s one format file, and the manifest loads no types file' {
        $data = Read-ModuleManifestData
        @($data.FormatsToProcess) | Should -Be @('FacebookToken.Format.ps1xml') -Because 'each format or types file makes PowerShell rebuild its whole format or type table at import'
        ($data.ContainsKey('TypesToProcess') -and @($data.TypesToProcess).Count -gt 0) | Should -BeFalse
    }
}
