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

# Issue 25: one format for dates and one for time left in every view, table or list, whatever the culture and the
# value's offset. The format file is read for what each view shows; real objects are rendered for what a user sees.
Describe 'Every view shows dates and time left one way (DisplayFormat)' {
    BeforeAll {
        [xml]$script:format = Get-Content -Raw -LiteralPath (Join-Path $StagedModulePath 'FacebookToken.Format.ps1xml')
        # 2027-02-05 01:02:35 at +02:00 is 2027-02-04 23:02 UTC: a view that shows the value's own clock, its seconds,
        # or the culture's date order fails.
        $script:when = [DateTimeOffset]::new(2027, 2, 5, 1, 2, 35, [TimeSpan]::FromHours(2))
        $script:whenText = '2027-02-04 23:02Z'
        $script:datePattern = '^\d{4}-\d\d-\d\d \d\d:\d\dZ$'
        $script:timeLeftPattern = '^(\d+d \d+h|\d+h \d+m|\d+m|<1m|expired|never)$'
        $script:formatCall = '^\[FacebookToken\.DisplayFormat\]::(?<call>Date|Expiry|TimeLeft|TimeUntil)\(\$_\.(?<property>\w+)\)$'

        function Test-TimeProperty([type]$Type, [string]$Property) {
            # Whether a view's property holds a date or a time span: by its .NET type when the view names one,
            # else by its name (a view for a PSTypeName-only object).
            if ($Type) {
                $info = $Type.GetProperty($Property)
                if ($info) {
                    $t = [Nullable]::GetUnderlyingType($info.PropertyType)
                    if (-not $t) { $t = $info.PropertyType }
                    return $t -in [DateTimeOffset], [DateTime], [TimeSpan]
                }
            }
            $Property -match '(On|At|Time|Timestamp|TimeLeft|Date)$' -and $Property -ne 'Time'
        }

        # Every column and list item of every view: its type, label and what it shows.
        $script:items = foreach ($view in $format.Configuration.ViewDefinitions.View) {
            $typeName = $view.ViewSelectedBy.TypeName
            $type = $typeName -as [type]
            $entries = @($view.SelectNodes('.//TableColumnItem | .//ListItem'))
            foreach ($entry in $entries) {
                [pscustomobject]@{
                    View         = $view.Name
                    Type         = $type
                    PropertyName = $entry.SelectSingleNode('PropertyName').InnerText
                    ScriptBlock  = $entry.SelectSingleNode('ScriptBlock').InnerText
                }
            }
        }
    }

    It 'reads every view''s type (a view for a type that does not load is a typo)' {
        $missing = @($format.Configuration.ViewDefinitions.View | Where-Object { -not ($_.ViewSelectedBy.TypeName -as [type]) } | ForEach-Object { "$($_.Name): $($_.ViewSelectedBy.TypeName)" })
        $items.Count | Should -BeGreaterThan 50
        $missing | Should -BeNullOrEmpty
    }

    It 'gives every type with a date or a time span a list view too, so Format-List reads it the same way' {
        $byType = $format.Configuration.ViewDefinitions.View | Group-Object { $_.ViewSelectedBy.TypeName }
        $missing = foreach ($group in $byType) {
            $type = $group.Name -as [type]
            $hasTime = @($type.GetProperties() | Where-Object { Test-TimeProperty $type $_.Name }).Count -gt 0
            $hasList = @($group.Group | Where-Object { $_.ListControl }).Count -gt 0
            if ($hasTime -and -not $hasList) { $group.Name }
        }

        $missing | Should -BeNullOrEmpty
    }

    It 'shows no date or time span as a bare property (its text would follow the culture, the offset and the seconds)' {
        $raw = @($items | Where-Object { $_.PropertyName -and (Test-TimeProperty $_.Type $_.PropertyName) } | ForEach-Object { "$($_.View): $($_.PropertyName)" })

        $raw | Should -BeNullOrEmpty -Because 'a date or a time left goes through [FacebookToken.DisplayFormat]'
    }

    It 'formats every date and time span it shows with one [FacebookToken.DisplayFormat] call, and a time span only as time left' {
        $scripted = @($items | Where-Object { $_.ScriptBlock })
        $bad = foreach ($item in $scripted) {
            $text = $item.ScriptBlock.Trim()
            $read = @([regex]::Matches($text, '\$_\.(\w+)') | ForEach-Object { $_.Groups[1].Value } | Where-Object { Test-TimeProperty $item.Type $_ })
            if ($read.Count -eq 0) { continue }
            $call = [regex]::Match($text, $formatCall)
            if (-not $call.Success) { "$($item.View): $text"; continue }
            $property = $item.Type.GetProperty($call.Groups['property'].Value)
            $isSpan = $property -and ([Nullable]::GetUnderlyingType($property.PropertyType) ?? $property.PropertyType) -eq [TimeSpan]
            if ($isSpan -ne ($call.Groups['call'].Value -eq 'TimeLeft')) { "$($item.View): $text (TimeLeft is for a TimeSpan, Date/Expiry/TimeUntil for a date)" }
        }

        $bad | Should -BeNullOrEmpty
    }

    It '<Type> reads dates as 2027-02-04 23:02Z and time left as 59d 23h in its table and its list, in any culture' -ForEach @(
        @{
            Type = 'FacebookAccessToken'; Dates = 'ExpiresOn', 'DataAccessExpiresOn', 'SavedOn'; TimeLeft = 'TimeLeft'
            Make = {
                $t = [FacebookToken.FacebookAccessToken]::new((ConvertTo-SecureString 'EAAGtesttokentesttokentest9Qx' -AsPlainText -Force), 'LongLivedUser', '123')
                $t.Name = 'w'; $t.ExpiresOn = $when; $t.DataAccessExpiresOn = $when; $t.SavedOn = $when
                $t
            }
        }
        @{
            Type = 'FacebookTokenInfo'; Dates = 'ExpiresOn', 'DataAccessExpiresOn', 'IssuedOn'; TimeLeft = 'TimeLeft'
            Make = {
                $i = [FacebookToken.FacebookTokenInfo]::new()
                $i.IsValid = $true; $i.ExpiresOn = $when; $i.DataAccessExpiresOn = $when; $i.IssuedOn = $when
                $i
            }
        }
        @{
            Type = 'FacebookTokenCheck'; Dates = @(); TimeLeft = 'TimeLeft', 'DataAccessTimeLeft'
            Make = {
                $c = [FacebookToken.FacebookTokenCheck]::new()
                $c.Name = 'w'; $c.IsValid = $true; $c.Passed = $true
                $c.TimeLeft = [TimeSpan]::FromDays(60).Subtract([TimeSpan]::FromMinutes(30)); $c.DataAccessTimeLeft = [TimeSpan]::FromDays(60).Subtract([TimeSpan]::FromMinutes(30))
                $c
            }
        }
        @{
            Type = 'FacebookTokenRenewal'; Dates = 'ExpiresOnBefore', 'ExpiresOn'; TimeLeft = @()
            Make = { [FacebookToken.FacebookTokenRenewal]::new('w', 'SystemUser', 'Renewed', $when, $when, 'renewed') }
        }
    ) {
        $object = & $Make
        $saved = [cultureinfo]::CurrentCulture
        try {
            # A culture with another date order and time separator than ISO's.
            [cultureinfo]::CurrentCulture = [cultureinfo]::new('fi-FI')
            $table = $object | Format-Table | ConvertTo-Text
            $list = $object | Format-List | ConvertTo-Text
            $all = $object | Format-List * | Out-String
        }
        finally {
            [cultureinfo]::CurrentCulture = $saved
        }

        foreach ($label in $Dates) {
            Get-ListValue $list $label | Should -Be $whenText -Because "the list view of $Type shows $label"
            if ($table -match "(?m)^.*\b$label\b") { Assert-TableCell $table $label $whenText }
        }
        foreach ($label in $TimeLeft) {
            # Measured now against a fixed date for the token and the info; a TimeSpan for the check.
            $expected = if ($Type -eq 'FacebookTokenCheck') { '59d 23h' } else { [FacebookToken.DisplayFormat]::TimeUntil($when) }
            $expected | Should -Match $timeLeftPattern
            Get-ListValue $list $label | Should -Be $expected
            if ($table -match "(?m)^.*\b$label\b") { Assert-TableCell $table $label $expected }
        }
        # Format-List * shows the values themselves: the view changes the text only, never the object.
        $object.PSObject.Properties.Name | Should -Contain @($Dates + $TimeLeft)[0]
        $all | Should -Not -BeNullOrEmpty
    }

    It 'Test-FacebookToken -Detailed, Get-FacebookToken and Get-FacebookTokenInfo read time left alike' {
        $check = [FacebookToken.FacebookTokenCheck]::new()
        $check.Name = 'w'; $check.TimeLeft = [TimeSpan]::FromDays(60).Subtract([TimeSpan]::FromMinutes(30))
        $token = New-TestToken -ExpiresOn ([DateTimeOffset]::UtcNow.AddDays(60).AddMinutes(-30))
        $info = [FacebookToken.FacebookTokenInfo]::new(); $info.ExpiresOn = $token.ExpiresOn

        $values = @(
            Get-ListValue ($check | ConvertTo-Text) 'TimeLeft'
            Get-ListValue ($token | Format-List | ConvertTo-Text) 'TimeLeft'
            Get-ListValue ($info | Format-List | ConvertTo-Text) 'TimeLeft'
        )

        $values | Should -Be @('59d 23h', '59d 23h', '59d 23h')
        $values | ForEach-Object { $_ | Should -Match $timeLeftPattern }
    }
}

# Issue 25: a token the cache saves or returns says when it was saved, whichever cmdlet wrote it.
Describe 'SavedOn on every token the cache returns or saves' {
    BeforeAll {
        $script:emu = Start-FacebookEmulator
        $script:dir = Join-Path ([IO.Path]::GetTempPath()) ('fbt-savedon-' + [guid]::NewGuid().ToString('N'))
        $script:cache = @{ CachePath = $dir; CacheKey = (ConvertTo-SecureString 'savedon-cache-key-0123456789' -AsPlainText -Force) }
        function New-EmulatorToken {
            $minted = Invoke-EmulatorControl $emu -Method Post -Path 'tokens' -Body @{ kind = 'long' }
            [FacebookToken.FacebookAccessToken]::new((ConvertTo-SecureString $minted.access_token -AsPlainText -Force), 'LongLivedUser', $emu.AppId)
        }
        function Assert-SavedNow([object]$Token, [string]$Name, [DateTimeOffset]$Before) {
            $Token.Name | Should -Be $Name
            $Token.SavedOn | Should -Not -BeNullOrEmpty -Because "$Name was just saved"
            $Token.SavedOn | Should -BeGreaterOrEqual $Before
            Get-ListValue ($Token | Format-List | ConvertTo-Text) 'SavedOn' | Should -Match '^\d{4}-\d\d-\d\d \d\d:\d\dZ$'
            (Get-FacebookToken $Name @cache).SavedOn | Should -Be $Token.SavedOn -Because 'what was written is what a read gives'
        }
    }

    AfterAll {
        Stop-FacebookEmulator $script:emu
        Remove-Item -LiteralPath $script:dir -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'Save-FacebookToken -PassThru' {
        $before = [DateTimeOffset]::UtcNow
        $saved = New-EmulatorToken | Save-FacebookToken -Name passthru @cache -PassThru

        Assert-SavedNow $saved 'passthru' $before
    }

    It 'New-FacebookSystemUserToken -CacheName (the -CacheName path Invoke-FacebookLogin shares)' {
        $admin = (Invoke-EmulatorControl $emu -Method Post -Path 'systemusers/tokens' -Body @{ systemUserId = '61550000000000002' }).access_token
        $before = [DateTimeOffset]::UtcNow
        $minted = New-FacebookSystemUserToken -SystemUserId 61550000000000001 -AccessToken $admin -Credential $emu.Credential -Scope whatsapp_business_messaging -InstallApp -CacheName cachename @cache -GraphBaseUri $emu.Uri

        Assert-SavedNow $minted 'cachename' $before
    }

    It 'Get-FacebookToken' {
        $tokens = @(Get-FacebookToken @cache)

        $tokens.Count | Should -BeGreaterOrEqual 1
        $tokens | ForEach-Object { $_.SavedOn | Should -Not -BeNullOrEmpty }
    }
}
