# The two builds side by side in PowerShell 7: the Desktop build (bin/net472, what Windows PowerShell loads)
# imports, and a key-file cache written by either build, today or by FacebookToken 0.1.0, is read by the other.
# Each build runs in its own child pwsh, since both define the same assembly names.

BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')

    $script:coreDll = Join-Path $StagedModulePath (Read-ModuleManifestData -Edition Core).RootModule
    $script:desktopDll = Join-Path $StagedModulePath (Read-ModuleManifestData -Edition Desktop).RootModule
    $script:builds = @{ Core = $coreDll; Desktop = $desktopDll }
    $script:keyPlain = 'across-builds-key-0123456789abcdef'
    $script:fixtureDir = Join-Path $PSScriptRoot 'assets/KeyFileCache'
    $script:fixtureKey = 'fixture-key-not-secret'
    $script:fixtureToken = 'EAAFixtureTokenNotReal0123456789abcdef'

    function Invoke-Build {
        # Runs $Command in a fresh pwsh that imported one build's cmdlet assembly; $k is the key as a SecureString.
        param([Parameter(Mandatory)][string]$Build, [Parameter(Mandatory)][string]$Command, [string]$Key = $keyPlain, [hashtable]$Environment = @{})
        Invoke-ChildPwsh -Environment $Environment -Command "Import-Module '$($builds[$Build])' -ErrorAction Stop; `$k = ConvertTo-SecureString '$Key' -AsPlainText -Force; $Command"
    }

    function Save-Token {
        param([string]$Build, [string]$Dir, [string]$Name, [string]$Raw)
        $null = Invoke-Build $Build "[FacebookToken.FacebookAccessToken]::new((ConvertTo-SecureString '$Raw' -AsPlainText -Force), 'LongLivedUser', '1234567890') | Save-FacebookToken -Name $Name -CachePath '$Dir' -CacheKey `$k -ErrorAction Stop"
    }

    function Read-Token {
        # The token text a build reads back, or the error id and message.
        param([string]$Build, [string]$Dir, [string]$Name, [string]$Key = $keyPlain)
        Invoke-Build $Build -Key $Key "try { `$t = Get-FacebookToken -Name $Name -CachePath '$Dir' -CacheKey `$k -ErrorAction Stop; [Net.NetworkCredential]::new('', `$t.AccessToken).Password } catch { `$_.FullyQualifiedErrorId; `$_.Exception.Message }"
    }

    function New-FixtureCache {
        param([string]$Fixture)
        $dir = Join-Path ([IO.Path]::GetTempPath()) ('fbt-across-' + [guid]::NewGuid().ToString('N'))
        $null = New-Item -ItemType Directory -Path $dir
        Copy-Item -LiteralPath (Join-Path $fixtureDir $Fixture) -Destination (Join-Path $dir 'tokens.cache')
        $dir
    }

    function Get-AlgorithmByte([string]$Dir) { [IO.File]::ReadAllBytes((Join-Path $Dir 'tokens.cache'))[5] }
}

Describe 'The Desktop build in PowerShell 7' {
    It 'imports from the assembly the manifest''s Desktop branch names, built for .NET Framework 4.7.2' {
        $desktopDll | Should -Be (Join-Path $StagedModulePath 'bin/net472/FacebookToken.Module.dll')
        $out = Invoke-Build Desktop "(Get-Command Save-FacebookToken).ImplementingType.Assembly.Location; [FacebookToken.FacebookAccessToken].Assembly.GetCustomAttributes([Runtime.Versioning.TargetFrameworkAttribute], `$false)[0].FrameworkName; (Get-Command -Module FacebookToken.Module).Count"
        $out[0] | Should -Be $desktopDll
        $out[1] | Should -Be '.NETFramework,Version=v4.7.2'
        $out[2] | Should -Be @((Read-ModuleManifestData -Edition Desktop).CmdletsToExport).Count
    }

    It 'is what the suites import with FACEBOOK_TOKEN_TEST_BUILD=Desktop, as the module FacebookToken' {
        $out = Invoke-ChildPwsh -Environment @{ FACEBOOK_TOKEN_TEST_BUILD = 'Desktop' } -Command ". '$(Join-Path $PSScriptRoot 'common.ps1')'; (Get-Module FacebookToken).Path; [FacebookToken.FacebookAccessToken].Assembly.Location; @(Get-FormatData -TypeName FacebookToken.FacebookAccessToken).Count -gt 0"
        $out[0] | Should -Be $desktopDll
        $out[1] | Should -Be (Join-Path $StagedModulePath 'bin/net472/FacebookToken.dll')
        $out[2] | Should -Be 'True'
    }
}

Describe 'A key-file cache across the two builds' {
    BeforeEach {
        $script:dir = Join-Path ([IO.Path]::GetTempPath()) ('fbt-across-' + [guid]::NewGuid().ToString('N'))
    }

    AfterEach {
        Remove-Item -LiteralPath $dir -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'a cache under a raw key (base64:) saved by the <Writer> build is read and extended by the <Reader> build, and back' -ForEach @(
        @{ Writer = 'Core'; Reader = 'Desktop' }
        @{ Writer = 'Desktop'; Reader = 'Core' }
    ) {
        $rawKey = 'base64:' + [Convert]::ToBase64String([System.Security.Cryptography.RandomNumberGenerator]::GetBytes(32))
        $null = Invoke-Build $Writer -Key $rawKey "[FacebookToken.FacebookAccessToken]::new((ConvertTo-SecureString 'EAARawKeyFirstToken0123456789abcdef' -AsPlainText -Force), 'LongLivedUser', '1234567890') | Save-FacebookToken -Name first -CachePath '$dir' -CacheKey `$k -ErrorAction Stop"
        Get-AlgorithmByte $dir | Should -Be 3 -Because 'both builds write algorithm 3 for a raw key'
        Read-Token -Build $Reader -Dir $dir -Name first -Key $rawKey | Should -Be 'EAARawKeyFirstToken0123456789abcdef'

        $null = Invoke-Build $Reader -Key $rawKey "[FacebookToken.FacebookAccessToken]::new((ConvertTo-SecureString 'EAARawKeySecondToken9876543210fedcba' -AsPlainText -Force), 'LongLivedUser', '1234567890') | Save-FacebookToken -Name second -CachePath '$dir' -CacheKey `$k -ErrorAction Stop"
        Read-Token -Build $Writer -Dir $dir -Name second -Key $rawKey | Should -Be 'EAARawKeySecondToken9876543210fedcba'
        (Read-Token -Build $Writer -Dir $dir -Name first -Key $keyPlain) -join ' ' | Should -Match 'WrongCacheKey'
    }

    It 'a cache saved by the <Writer> build is read and extended by the <Reader> build, and back' -ForEach @(
        @{ Writer = 'Core'; Reader = 'Desktop' }
        @{ Writer = 'Desktop'; Reader = 'Core' }
    ) {
        Save-Token -Build $Writer -Dir $dir -Name first -Raw 'EAAFirstTokenWrittenByOneBuild0123456789'
        Get-AlgorithmByte $dir | Should -Be 2 -Because 'both builds write AES-256-CBC with HMAC-SHA256'
        Read-Token -Build $Reader -Dir $dir -Name first | Should -Be 'EAAFirstTokenWrittenByOneBuild0123456789'

        Save-Token -Build $Reader -Dir $dir -Name second -Raw 'EAASecondTokenWrittenByTheOther98765432'
        Read-Token -Build $Writer -Dir $dir -Name second | Should -Be 'EAASecondTokenWrittenByTheOther98765432'
        Read-Token -Build $Writer -Dir $dir -Name first | Should -Be 'EAAFirstTokenWrittenByOneBuild0123456789'
    }

    It 'the <Build> build tells a wrong key from a damaged file in a cache the other build wrote' -ForEach @(
        @{ Build = 'Core'; Other = 'Desktop' }
        @{ Build = 'Desktop'; Other = 'Core' }
    ) {
        Save-Token -Build $Other -Dir $dir -Name a -Raw 'EAAWrongKeyCheckToken0123456789abcdef'
        $out = Read-Token -Build $Build -Dir $dir -Name a -Key 'not-the-key-000000'
        $out[0] | Should -Be 'WrongCacheKey,FacebookToken.Module.Commands.GetFacebookTokenCommand'

        $file = Join-Path $dir 'tokens.cache'
        $bytes = [IO.File]::ReadAllBytes($file)
        $bytes[$bytes.Length - 40] = $bytes[$bytes.Length - 40] -bxor 1
        [IO.File]::WriteAllBytes($file, $bytes)
        $out = Read-Token -Build $Build -Dir $dir -Name a
        $out[0] | Should -Be 'CacheCorrupt,FacebookToken.Module.Commands.GetFacebookTokenCommand'
        $out[1] | Should -Match 'fail authentication'
    }
}

Describe 'Key-file caches written by FacebookToken 0.1.0' {
    AfterEach {
        if ($script:fixtureCopy) {
            Remove-Item -LiteralPath $script:fixtureCopy -Recurse -Force -ErrorAction SilentlyContinue
        }
    }

    It 'the <Build> build reads the <Fixture> file' -ForEach @(
        @{ Build = 'Core'; Fixture = 'v1-gcm-net8.0.cache' }
        @{ Build = 'Core'; Fixture = 'v1-cbchmac-netstandard2.0.cache' }
        @{ Build = 'Desktop'; Fixture = 'v1-cbchmac-netstandard2.0.cache' }
    ) {
        $script:fixtureCopy = New-FixtureCache $Fixture
        Read-Token -Build $Build -Dir $fixtureCopy -Name fixture -Key $fixtureKey | Should -Be $fixtureToken
    }

    It 'the Desktop build refuses the AES-GCM file with how to convert it, and leaves it as it is' {
        $script:fixtureCopy = New-FixtureCache 'v1-gcm-net8.0.cache'
        $file = Join-Path $fixtureCopy 'tokens.cache'
        $before = (Get-FileHash -LiteralPath $file).Hash

        $out = Read-Token -Build Desktop -Dir $fixtureCopy -Name fixture -Key $fixtureKey
        $out[0] | Should -Be 'CacheUnavailable,FacebookToken.Module.Commands.GetFacebookTokenCommand'
        $out[1] | Should -Match ([regex]::Escape($file))
        $out[1] | Should -Match 'AES-GCM'
        $out[1] | Should -Match 'from PowerShell 7'
        $out[1] | Should -Match ([regex]::Escape('Get-FacebookToken -IncludeExpired | Select-Object -First 1 | Save-FacebookToken'))

        $out = Invoke-Build Desktop -Key $fixtureKey "try { [FacebookToken.FacebookAccessToken]::new((ConvertTo-SecureString 'EAAOverwriteAttempt0123456789abcdef' -AsPlainText -Force), 'LongLivedUser', '1') | Save-FacebookToken -Name other -CachePath '$fixtureCopy' -CacheKey `$k -ErrorAction Stop } catch { `$_.FullyQualifiedErrorId }"
        $out | Should -Be 'CacheUnavailable,FacebookToken.Module.Commands.SaveFacebookTokenCommand'
        $out = Invoke-Build Desktop -Key $fixtureKey "try { Remove-FacebookToken -Name fixture -CachePath '$fixtureCopy' -CacheKey `$k -Confirm:`$false -ErrorAction Stop } catch { `$_.FullyQualifiedErrorId }"
        $out | Should -Be 'CacheUnavailable,FacebookToken.Module.Commands.RemoveFacebookTokenCommand'
        (Get-FileHash -LiteralPath $file).Hash | Should -Be $before
    }

    It 'the conversion the Desktop build''s message gives, run in PowerShell 7, makes the file readable by both' {
        $script:fixtureCopy = New-FixtureCache 'v1-gcm-net8.0.cache'
        $environment = @{ FACEBOOK_TOKEN_CACHE_PATH = $fixtureCopy; FACEBOOK_TOKEN_CACHE_KEY = $fixtureKey }
        $null = Invoke-Build Core -Environment $environment 'Get-FacebookToken -IncludeExpired | Select-Object -First 1 | Save-FacebookToken -ErrorAction Stop'

        Get-AlgorithmByte $fixtureCopy | Should -Be 2
        Read-Token -Build Desktop -Dir $fixtureCopy -Name fixture -Key $fixtureKey | Should -Be $fixtureToken
        Read-Token -Build Core -Dir $fixtureCopy -Name fixture -Key $fixtureKey | Should -Be $fixtureToken
    }
}
