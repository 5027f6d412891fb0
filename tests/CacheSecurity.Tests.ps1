# The cache against another account on the same machine and against hostile files (issue 12, the cache points):
# the staged module in this pwsh, real folders, links, FIFOs and devices. Unix only: Windows checks the folder's ACL.
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:keyPlain = 'cache-security-key-0123456789'
    $script:key = ConvertTo-SecureString $keyPlain -AsPlainText -Force
    $script:raw = 'EAAGcachesecurity0123456789abcdefXYZ'

    function New-Token {
        $t = [FacebookToken.FacebookAccessToken]::new((ConvertTo-SecureString $raw -AsPlainText -Force), 'LongLivedUser', '1234567890')
        $t.ExpiresOn = [DateTimeOffset]::UtcNow.AddDays(59)
        $t
    }
}

Describe 'A cache folder another account may write to' -Skip:$IsWindows {
    BeforeEach {
        $script:root = Join-Path ([IO.Path]::GetTempPath()) ('fbt-sec-' + [guid]::NewGuid().ToString('N'))
        $script:dir = Join-Path $root 'cache'
        $null = New-Item -ItemType Directory -Path $dir
        $script:victim = Join-Path $root 'root-owned-file'
        Set-Content -LiteralPath $victim -Value 'root data' -NoNewline
        $script:missing = Join-Path $root 'missing-path'
    }

    AfterEach {
        Remove-Item -LiteralPath $root -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'is refused when world-writable, saying the mode and chmod 700, and the planted lock link writes nothing' {
        chmod 777 $dir
        $null = New-Item -ItemType SymbolicLink -Path (Join-Path $dir 'tokens.lock') -Target $victim
        $null = New-Token | Save-FacebookToken -Name wa-prod -CachePath $dir -CacheKey $key -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be 'UnsafeCacheFolder,FacebookToken.Module.Commands.SaveFacebookTokenCommand'
        $err[0].CategoryInfo.Category | Should -Be 'SecurityError'
        $err[0].Exception.Message | Should -Match 'mode is 0777'
        $err[0].Exception.Message | Should -Match ([regex]::Escape("chmod 700 '$dir'"))
        Get-Content -LiteralPath $victim -Raw | Should -BeExactly 'root data'
        Join-Path $dir 'tokens.cache' | Should -Not -Exist
    }

    It 'is refused when owned by another account, for Get and Remove too' -Skip:((id -u) -ne '0') {
        $null = New-Item -ItemType SymbolicLink -Path (Join-Path $dir 'tokens.lock') -Target $missing
        chown 65534 $dir
        $null = New-Token | Save-FacebookToken -Name wa-prod -CachePath $dir -CacheKey $key -ErrorVariable e1 -ErrorAction SilentlyContinue
        $e1[0].FullyQualifiedErrorId | Should -Be 'UnsafeCacheFolder,FacebookToken.Module.Commands.SaveFacebookTokenCommand'
        $e1[0].Exception.Message | Should -Match 'owned by user id 65534'
        { Get-FacebookToken -CachePath $dir -CacheKey $key -ErrorAction Stop } | Should -Throw -ErrorId 'UnsafeCacheFolder,FacebookToken.Module.Commands.GetFacebookTokenCommand'
        Remove-FacebookToken wa-prod -CachePath $dir -CacheKey $key -ErrorVariable e2 -ErrorAction SilentlyContinue
        $e2[0].FullyQualifiedErrorId | Should -Be 'UnsafeCacheFolder,FacebookToken.Module.Commands.RemoveFacebookTokenCommand'
        $missing | Should -Not -Exist
    }

    It 'a lock link in a folder of your own is refused and its missing target is not created' {
        chmod 700 $dir
        $null = New-Item -ItemType SymbolicLink -Path (Join-Path $dir 'tokens.lock') -Target $missing
        $null = New-Token | Save-FacebookToken -Name wa-prod -CachePath $dir -CacheKey $key -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be 'UnsafeCacheLock,FacebookToken.Module.Commands.SaveFacebookTokenCommand'
        $missing | Should -Not -Exist
    }

    It 'a hard-linked lock file is refused and the file it shares keeps its data (issue 20)' {
        chmod 700 $dir
        ln $victim (Join-Path $dir 'tokens.lock')
        $null = New-Token | Save-FacebookToken -Name wa-prod -CachePath $dir -CacheKey $key -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be 'UnsafeCacheLock,FacebookToken.Module.Commands.SaveFacebookTokenCommand'
        $err[0].Exception.Message | Should -BeLike '*hard link (one of 2 names*'
        Get-Content -LiteralPath $victim -Raw | Should -Be 'root data'
        Join-Path $dir 'tokens.cache' | Should -Not -Exist
    }

    It 'is refused when a folder above it is writable by others and not sticky, and works once it is sticky (issue 20)' {
        chmod 700 $dir
        chmod 777 $root
        $null = New-Token | Save-FacebookToken -Name wa-prod -CachePath $dir -CacheKey $key -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be 'UnsafeCacheFolder,FacebookToken.Module.Commands.SaveFacebookTokenCommand'
        $err[0].Exception.Message | Should -BeLike "*the folder $root above it has mode 0777*chmod go-w '$root'*"
        chmod 1777 $root
        New-Token | Save-FacebookToken -Name wa-prod -CachePath $dir -CacheKey $key -ErrorAction Stop
        (Get-FacebookToken wa-prod -CachePath $dir -CacheKey $key -ErrorAction Stop).Name | Should -Be 'wa-prod'
    }

    It 'a NUL in -AccessToken or -CacheKey is refused at the input, not cut short, and nothing is stored (issue 20)' {
        chmod 700 $dir
        $nulToken = ConvertTo-SecureString ($raw + [char]0 + 'tail') -AsPlainText -Force
        Save-FacebookToken -Name wa-prod -AccessToken $nulToken -CachePath $dir -CacheKey $key -ErrorVariable e1 -ErrorAction SilentlyContinue
        $e1[0].FullyQualifiedErrorId | Should -BeLike 'InvalidAccessTokenParameter,*'
        $e1[0].Exception.Message | Should -BeLike '*NUL character*'
        $e1[0].Exception.Message | Should -Not -BeLike "*$raw*"
        $nulKey = ConvertTo-SecureString ($keyPlain + [char]0 + 'tail') -AsPlainText -Force
        $null = New-Token | Save-FacebookToken -Name wa-prod -CachePath $dir -CacheKey $nulKey -ErrorVariable e2 -ErrorAction SilentlyContinue
        $e2[0].FullyQualifiedErrorId | Should -BeLike 'InvalidCacheKey,*'
        $e2[0].Exception.Message | Should -BeLike '*NUL character*'
        Join-Path $dir 'tokens.cache' | Should -Not -Exist
    }

    It 'a folder of your own with mode 0700 (or 0755) works' {
        chmod 755 $dir
        New-Token | Save-FacebookToken -Name wa-prod -CachePath $dir -CacheKey $key -ErrorAction Stop
        (Get-FacebookToken wa-prod -CachePath $dir -CacheKey $key -ErrorAction Stop).Name | Should -Be 'wa-prod'
    }
}

Describe 'Hostile cache files' -Skip:$IsWindows {
    BeforeEach {
        $script:dir = Join-Path ([IO.Path]::GetTempPath()) ('fbt-sec-' + [guid]::NewGuid().ToString('N'))
        $null = New-Item -ItemType Directory -Path $dir
        $script:file = Join-Path $dir 'tokens.cache'
    }

    AfterEach {
        Remove-Item -LiteralPath $dir -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'a FIFO is refused as CacheCorrupt by Get-FacebookToken, and name completion does not hang' {
        mkfifo $file
        try {
            $run = Invoke-WithWatchdog -BoundSec 60 -Variables @{ dir = $dir; key = $key } {
                Get-FacebookToken -CachePath $dir -CacheKey $key -ErrorAction SilentlyContinue
                $line = "Get-FacebookToken -CachePath '$dir' -Name wa"
                (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.Count
            }
        }
        finally {
            # Before the fix the reader blocks in open(); a writer that comes and goes releases it.
            sh -c "exec 3<>'$file'"
        }
        "$(@($run.Error)[0].FullyQualifiedErrorId)" | Should -Be 'CacheCorrupt,FacebookToken.Module.Commands.GetFacebookTokenCommand'
        @($run.Error)[0].Exception.Message | Should -Match 'named pipe \(FIFO\), not a regular file'
        @($run.Output)[-1] | Should -Be 0
    }

    It 'a link to /dev/zero is refused as CacheCorrupt before reading' {
        $null = New-Item -ItemType SymbolicLink -Path $file -Target /dev/zero
        $run = Invoke-WithWatchdog -BoundSec 60 -Variables @{ dir = $dir; key = $key } { Get-FacebookToken -CachePath $dir -CacheKey $key }
        "$(@($run.Error)[0].FullyQualifiedErrorId)" | Should -Be 'CacheCorrupt,FacebookToken.Module.Commands.GetFacebookTokenCommand'
        @($run.Error)[0].Exception.Message | Should -Match 'character device'
    }

    It 'a header asking for 100,000,000 key-derivation rounds is CacheCorrupt, not WrongCacheKey' {
        New-Token | Save-FacebookToken -Name wa-prod -CachePath $dir -CacheKey $key
        $bytes = [IO.File]::ReadAllBytes($file)
        [BitConverter]::GetBytes([int]100000000).CopyTo($bytes, 6)
        [IO.File]::WriteAllBytes($file, $bytes)
        $run = Invoke-WithWatchdog -BoundSec 120 -Variables @{ dir = $dir; wrong = (ConvertTo-SecureString 'not-the-key-0123456789' -AsPlainText -Force) } { Get-FacebookToken -CachePath $dir -CacheKey $wrong }
        "$(@($run.Error)[0].FullyQualifiedErrorId)" | Should -Be 'CacheCorrupt,FacebookToken.Module.Commands.GetFacebookTokenCommand'
        @($run.Error)[0].Exception.Message | Should -Match '100,000,000 key-derivation rounds'
    }
}

Describe 'An unencrypted cache file where a key is set' -Skip:$IsWindows {
    BeforeEach {
        $script:dir = Join-Path ([IO.Path]::GetTempPath()) ('fbt-sec-' + [guid]::NewGuid().ToString('N'))
        $null = New-Token | Save-FacebookToken -Name planted -CachePath $dir -AllowPlaintextStorage -WarningAction SilentlyContinue
    }

    AfterEach {
        Remove-Item -LiteralPath $dir -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'is refused with -CacheKey, naming the file and -AllowPlaintextStorage' {
        { Get-FacebookToken -CachePath $dir -CacheKey $key -ErrorAction Stop } | Should -Throw -ErrorId 'PlaintextCacheWithKey,FacebookToken.Module.Commands.GetFacebookTokenCommand'
        $null = New-Token | Save-FacebookToken -Name more -CachePath $dir -CacheKey $key -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be 'PlaintextCacheWithKey,FacebookToken.Module.Commands.SaveFacebookTokenCommand'
        $err[0].CategoryInfo.Category | Should -Be 'SecurityError'
        $err[0].Exception.Message | Should -Match ([regex]::Escape((Join-Path $dir 'tokens.cache')))
        $err[0].Exception.Message | Should -Match '-AllowPlaintextStorage'
        $err[0].Exception.Message | Should -Not -Match ([regex]::Escape($keyPlain))
    }

    It 'is refused with FACEBOOK_TOKEN_CACHE_KEY set, in another process' {
        $out = Invoke-ChildPwsh -Environment @{ FACEBOOK_TOKEN_CACHE_KEY = $keyPlain } -Command "Import-Module '$ModuleManifestPath'; try { Get-FacebookToken -CachePath '$dir' -ErrorAction Stop } catch { `$_.FullyQualifiedErrorId }"
        $out | Should -Contain 'PlaintextCacheWithKey,FacebookToken.Module.Commands.GetFacebookTokenCommand'
    }

    It 'is read and changed with -AllowPlaintextStorage given for that call, with a warning' {
        (Get-FacebookToken -CachePath $dir -CacheKey $key -AllowPlaintextStorage -WarningVariable warn -WarningAction SilentlyContinue).Name | Should -Be 'planted'
        ($warn | Out-String) | Should -Match 'NOT encrypted'
        Remove-FacebookToken planted -CachePath $dir -CacheKey $key -AllowPlaintextStorage -WarningAction SilentlyContinue -ErrorAction Stop
        Get-FacebookToken -CachePath $dir -AllowPlaintextStorage -WarningAction SilentlyContinue | Should -BeNullOrEmpty
    }
}

Describe 'Weak keys and look-alike names' -Skip:$IsWindows {
    BeforeEach {
        $script:dir = Join-Path ([IO.Path]::GetTempPath()) ('fbt-sec-' + [guid]::NewGuid().ToString('N'))
    }

    AfterEach {
        Remove-Item -LiteralPath $dir -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'a one-character -CacheKey is refused for a new cache and nothing is written' {
        $null = New-Token | Save-FacebookToken -Name wa-prod -CachePath $dir -CacheKey (ConvertTo-SecureString 'x' -AsPlainText -Force) -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be 'InvalidCacheKey,FacebookToken.Module.Commands.SaveFacebookTokenCommand'
        $err[0].Exception.Message | Should -Match 'at least 16 characters'
        Join-Path $dir 'tokens.cache' | Should -Not -Exist
    }

    It 'refuses a name with <What>' -ForEach @(
        @{ What = 'a right-to-left override'; Name = "wa-$([char]0x202E)dorp" }
        @{ What = 'a zero-width space'; Name = "wa$([char]0x200B)-prod" }
        @{ What = 'a zero-width joiner'; Name = "wa-pro$([char]0x200D)d" }
    ) {
        $null = New-Token | Save-FacebookToken -Name $Name -CachePath $dir -CacheKey $key -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be 'InvalidTokenName,FacebookToken.Module.Commands.SaveFacebookTokenCommand'
        $err[0].Exception.Message | Should -Match 'invisible character U\+'
    }

    It 'reads and removes by name every name it saves: <Name>' -ForEach @(
        @{ Name = 'wa`prod' }
        @{ Name = 'wa``prod' }
    ) {
        New-Token | Save-FacebookToken -Name $Name -CachePath $dir -CacheKey $key -ErrorAction Stop
        New-Token | Save-FacebookToken -Name waprod -CachePath $dir -CacheKey $key -ErrorAction Stop
        (Get-FacebookToken -Name $Name -CachePath $dir -CacheKey $key -ErrorAction Stop).Name | Should -BeExactly $Name
        Remove-FacebookToken -Name $Name -CachePath $dir -CacheKey $key -ErrorAction Stop
        (Get-FacebookToken -CachePath $dir -CacheKey $key).Name | Should -BeExactly 'waprod'
    }
}
