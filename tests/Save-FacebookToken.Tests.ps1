# Save-FacebookToken with rows by property name (a CSV, a database export): each row checked as it comes, one
# error per bad row, the good rows saved together under one lock with one write.

BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:key = ConvertTo-SecureString 'pester-save-rows-key-0123456789abcdef' -AsPlainText -Force

    function New-CacheDir { Join-Path ([IO.Path]::GetTempPath()) ('fbt-rows-' + [guid]::NewGuid().ToString('N')) }
    function New-RawToken { 'EAAG' + [guid]::NewGuid().ToString('N') + [guid]::NewGuid().ToString('N') }
    function Get-Plain([securestring]$Secure) { [Net.NetworkCredential]::new('', $Secure).Password }
}

Describe 'Save-FacebookToken takes rows by property name' {
    BeforeEach { $script:dir = New-CacheDir }
    AfterEach { Remove-Item -LiteralPath $dir -Recurse -Force -ErrorAction SilentlyContinue }

    It 'saves rows with Name, AccessToken as text or SecureString, Kind, AppId and ExpiresOn' {
        $raw1 = New-RawToken
        $raw2 = New-RawToken
        $expires = [DateTimeOffset]::UtcNow.AddDays(50)
        @(
            [pscustomobject]@{ Name = 'acme'; AccessToken = $raw1; Kind = 'SystemUser'; AppId = '1234567890'; ExpiresOn = $expires.ToString('o') }
            [pscustomobject]@{ Name = 'globex'; AccessToken = (ConvertTo-SecureString $raw2 -AsPlainText -Force); Kind = 'LongLivedUser'; AppId = '1234567890' }
        ) | Save-FacebookToken -CachePath $dir -CacheKey $key -ErrorAction Stop

        $acme = Get-FacebookToken -Name acme -CachePath $dir -CacheKey $key
        Get-Plain $acme.AccessToken | Should -BeExactly $raw1
        $acme.Kind | Should -Be 'SystemUser'
        $acme.AppId | Should -Be '1234567890'
        $acme.ExpiresOn.UtcDateTime | Should -BeGreaterThan $expires.UtcDateTime.AddSeconds(-1)
        $acme.ExpiresOn.UtcDateTime | Should -BeLessThan $expires.UtcDateTime.AddSeconds(1)
        $globex = Get-FacebookToken -Name globex -CachePath $dir -CacheKey $key
        Get-Plain $globex.AccessToken | Should -BeExactly $raw2
        $globex.Kind | Should -Be 'LongLivedUser'
        $globex.ExpiresOn | Should -BeNullOrEmpty
    }

    It 'writes one error per bad row, naming it, and keeps the good rows' {
        $rows = @(
            [pscustomobject]@{ Name = 'good-1'; AccessToken = (New-RawToken); Kind = 'SystemUser' }
            [pscustomobject]@{ Name = 'bad kind'.Replace(' ', '-'); AccessToken = (New-RawToken); Kind = 'NotAKind' }
            [pscustomobject]@{ Name = 'good-2'; AccessToken = (New-RawToken) }
            [pscustomobject]@{ Name = 'bad*name'; AccessToken = (New-RawToken) }
            [pscustomobject]@{ Name = 'bad-token'; AccessToken = 'has spaces in it' }
            [pscustomobject]@{ Name = 'bad-date'; AccessToken = (New-RawToken); ExpiresOn = 'next tuesday-ish' }
            [pscustomobject]@{ Name = 'good-3'; AccessToken = (New-RawToken); AppId = '1234567890'; ExpiresOn = '' }
        )
        $rows | Save-FacebookToken -CachePath $dir -CacheKey $key -ErrorVariable bad -ErrorAction SilentlyContinue

        $bad.Count | Should -Be 4
        @($bad | ForEach-Object { "$($_.TargetObject)" }) -join '|' | Should -Match 'bad\*name'
        @($bad | ForEach-Object { "$($_.TargetObject)" }) -join '|' | Should -Match 'bad-token'
        $binding = @($bad | Where-Object FullyQualifiedErrorId -Match '^ParameterArgumentTransformationError')
        $binding.Count | Should -Be 2 -Because 'an unknown Kind and an unreadable ExpiresOn are refused, not dropped'
        "$($binding.Exception.Message)" | Should -Match "Kind 'NotAKind' is not a token kind"
        "$($binding.Exception.Message)" | Should -Match "ExpiresOn 'next tuesday-ish' is not a date"
        @(Get-FacebookToken -CachePath $dir -CacheKey $key).Name | Should -Be @('good-1', 'good-2', 'good-3')
        "$($bad | ForEach-Object Exception)" | Should -Not -Match 'has spaces in it'
    }

    It 'saves a whole pipeline with one write, where separate calls write once each' {
        $separate = Measure-CacheWrites -Directory $dir -Action {
            foreach ($n in 1..3) { [pscustomobject]@{ Name = "one-by-one-$n"; AccessToken = (New-RawToken) } | Save-FacebookToken -CachePath $dir -CacheKey $key }
        }
        $separate | Should -Be 3 -Because 'the watcher sees each write'

        $piped = Measure-CacheWrites -Directory $dir -Action {
            1..40 | ForEach-Object { [pscustomobject]@{ Name = "row-$_"; AccessToken = (New-RawToken); Kind = 'SystemUser' } } |
                Save-FacebookToken -CachePath $dir -CacheKey $key
        }
        $piped | Should -Be 1
        @(Get-FacebookToken -Name row-* -CachePath $dir -CacheKey $key).Count | Should -Be 40
    }

    It 'with -PassThru writes the saved tokens with their names, after the write' {
        $out = @(1..3 | ForEach-Object { [pscustomobject]@{ Name = "pass-$_"; AccessToken = (New-RawToken) } } |
                Save-FacebookToken -CachePath $dir -CacheKey $key -PassThru)
        $out.Name | Should -Be @('pass-1', 'pass-2', 'pass-3')
        $out[0] | Should -BeOfType ([FacebookToken.FacebookAccessToken])
    }

    It 'with -WhatIf saves nothing' {
        [pscustomobject]@{ Name = 'whatif'; AccessToken = (New-RawToken) } | Save-FacebookToken -CachePath $dir -CacheKey $key -WhatIf
        Test-Path -LiteralPath (Join-Path $dir 'tokens.cache') | Should -BeFalse
    }
}
