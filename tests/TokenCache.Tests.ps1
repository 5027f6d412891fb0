BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:emu = Start-FacebookEmulator
    $script:key = ConvertTo-SecureString 'pester-cache-key-0123456789abcdef' -AsPlainText -Force
    $script:keyPlain = 'pester-cache-key-0123456789abcdef'

    function New-CacheDir {
        $dir = Join-Path ([IO.Path]::GetTempPath()) ('fbt-cache-' + [guid]::NewGuid().ToString('N'))
        $dir
    }

    function New-EmulatorToken {
        param([string]$Kind = 'long', [int]$LifetimeSeconds = 0)
        $body = @{ appId = $emu.AppId; kind = $Kind; scopes = @('whatsapp_business_management') }
        if ($LifetimeSeconds) { $body.lifetimeSeconds = $LifetimeSeconds }
        (Invoke-EmulatorControl $emu -Method Post -Path 'tokens' -Body $body).access_token
    }

    function New-TokenObject {
        param([string]$Raw = (New-EmulatorToken), [TimeSpan]$ExpiresIn = [TimeSpan]::FromDays(59))
        $t = [FacebookToken.FacebookAccessToken]::new((ConvertTo-SecureString $Raw -AsPlainText -Force), 'LongLivedUser', $emu.AppId)
        $t.ExpiresOn = [DateTimeOffset]::UtcNow.Add($ExpiresIn)
        $t
    }

    function Get-Plain([securestring]$Secure) { [Net.NetworkCredential]::new('', $Secure).Password }
}

AfterAll {
    Stop-FacebookEmulator $script:emu
}

Describe 'Save-FacebookToken / Get-FacebookToken in key-file mode' {
    BeforeEach {
        $script:dir = New-CacheDir
    }

    AfterEach {
        Remove-Item -LiteralPath $dir -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'saves from the exchange pipeline and reads back for Get-FacebookTokenInfo' {
        $raw = New-EmulatorToken -Kind short
        $saved = $raw | ConvertTo-LongLivedToken -AppId $emu.AppId -AppSecret $emu.AppSecret -GraphBaseUri $emu.Uri |
            Save-FacebookToken -Name wa-prod -CachePath $dir -CacheKey $key -PassThru
        $saved.Name | Should -Be 'wa-prod'

        $back = Get-FacebookToken wa-prod -CachePath $dir -CacheKey $key
        $back | Should -BeOfType ([FacebookToken.FacebookAccessToken])
        $back.Name | Should -Be 'wa-prod'
        $back.Kind | Should -Be 'LongLivedUser'
        Get-Plain $back.AccessToken | Should -BeExactly (Get-Plain $saved.AccessToken)
        ($back | Get-FacebookTokenInfo -Credential $emu.Credential -GraphBaseUri $emu.Uri).IsValid | Should -BeTrue
    }

    It 'reads in another process what one process saved, and keeps no token text on disk' {
        $raw = New-EmulatorToken
        $env:FACEBOOK_TOKEN_CACHE_KEY = $keyPlain
        $env:FACEBOOK_TOKEN_CACHE_PATH = $dir
        try {
            $null = Invoke-ChildPwsh -Command "Import-Module '$ModuleManifestPath'; [FacebookToken.FacebookAccessToken]::new((ConvertTo-SecureString '$raw' -AsPlainText -Force), 'LongLivedUser', '$($emu.AppId)') | Save-FacebookToken -Name cross -CacheKey (ConvertTo-SecureString '$keyPlain' -AsPlainText -Force) -ErrorAction Stop"
            $out = Invoke-ChildPwsh -Command "Import-Module '$ModuleManifestPath'; `$t = Get-FacebookToken cross -ErrorAction Stop; [Net.NetworkCredential]::new('', `$t.AccessToken).Password.Length; (Get-FacebookTokenCacheInfo).Backend"
        }
        finally {
            Remove-Item env:FACEBOOK_TOKEN_CACHE_KEY, env:FACEBOOK_TOKEN_CACHE_PATH -ErrorAction SilentlyContinue
        }
        $out[0] | Should -Be $raw.Length
        $out[1] | Should -Be 'KeyFile'
        foreach ($file in Get-ChildItem -LiteralPath $dir -Recurse -File) {
            $bytes = [IO.File]::ReadAllBytes($file.FullName)
            [Text.Encoding]::UTF8.GetString($bytes).Contains($raw) | Should -BeFalse
            [Text.Encoding]::Unicode.GetString($bytes).Contains($raw) | Should -BeFalse
        }
    }

    It 'says in Verbose when it replaces a name' {
        New-TokenObject | Save-FacebookToken -Name dup -CachePath $dir -CacheKey $key
        $verbose = New-TokenObject | Save-FacebookToken -Name dup -CachePath $dir -CacheKey $key -Verbose 4>&1
        ($verbose | Out-String) | Should -Match "Replaced the cached token 'dup'"
        @(Get-FacebookToken -CachePath $dir -CacheKey $key).Count | Should -Be 1
    }

    It 'supports wildcards and lists all without -Name' {
        'wa-prod', 'wa-test', 'other' | ForEach-Object { New-TokenObject | Save-FacebookToken -Name $_ -CachePath $dir -CacheKey $key }
        (Get-FacebookToken 'wa-*' -CachePath $dir -CacheKey $key).Name | Should -Be @('wa-prod', 'wa-test')
        @(Get-FacebookToken -CachePath $dir -CacheKey $key).Count | Should -Be 3
        $null = Get-FacebookToken missing -CachePath $dir -CacheKey $key -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be 'CachedTokenNotFound,FacebookToken.Module.Commands.GetFacebookTokenCommand'
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'never returns an expired token silently, and enforces -MinimumValidity' {
        New-TokenObject -ExpiresIn ([TimeSpan]::FromMinutes(-5)) | Save-FacebookToken -Name old -CachePath $dir -CacheKey $key -WarningAction SilentlyContinue
        New-TokenObject -ExpiresIn ([TimeSpan]::FromHours(1)) | Save-FacebookToken -Name soon -CachePath $dir -CacheKey $key

        $out = Get-FacebookToken old -CachePath $dir -CacheKey $key -ErrorVariable err -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'CachedTokenExpired,*'
        $err[0].Exception.Message | Should -Match 'expired on'
        $err[0].Exception.Message | Should -Match 'Invoke-FacebookLogin -CacheName'

        (Get-FacebookToken soon -MinimumValidity '00:30:00' -CachePath $dir -CacheKey $key).Name | Should -Be 'soon'
        $out = Get-FacebookToken soon -MinimumValidity '02:00:00' -CachePath $dir -CacheKey $key -ErrorVariable err2 -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $err2[0].Exception.Message | Should -Match 'within -MinimumValidity'

        (Get-FacebookToken old -IncludeExpired -CachePath $dir -CacheKey $key).Name | Should -Be 'old'
    }

    It 'treats a lapsed data-access expiry like expiry' {
        $t = New-TokenObject
        $t.DataAccessExpiresOn = [DateTimeOffset]::UtcNow.AddDays(-1)
        $t | Save-FacebookToken -Name nodata -CachePath $dir -CacheKey $key
        $null = Get-FacebookToken nodata -CachePath $dir -CacheKey $key -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].Exception.Message | Should -Match 'lost data access'
    }

    It 'Remove-FacebookToken honours -WhatIf and removes by pipeline' {
        New-TokenObject | Save-FacebookToken -Name gone -CachePath $dir -CacheKey $key
        Remove-FacebookToken gone -CachePath $dir -CacheKey $key -WhatIf
        (Get-FacebookToken gone -CachePath $dir -CacheKey $key).Name | Should -Be 'gone'
        Get-FacebookToken gone -CachePath $dir -CacheKey $key | Remove-FacebookToken -CachePath $dir -CacheKey $key -Confirm:$false
        @(Get-FacebookToken -CachePath $dir -CacheKey $key).Count | Should -Be 0
        Remove-FacebookToken gone -CachePath $dir -CacheKey $key -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'CachedTokenNotFound,*'
    }

    It 'Save-FacebookToken -WhatIf writes nothing: no new cache, and an existing one byte for byte the same' {
        New-TokenObject | Save-FacebookToken -Name first -CachePath $dir -CacheKey $key -WhatIf
        Test-Path -LiteralPath $dir | Should -BeFalse -Because 'not even the cache folder may be created'

        $kept = New-TokenObject
        $kept | Save-FacebookToken -Name kept -CachePath $dir -CacheKey $key
        $before = Get-ChildItem -LiteralPath $dir -Recurse -File -Force | ForEach-Object { "$($_.Name)=$((Get-FileHash -LiteralPath $_.FullName).Hash)" }
        New-TokenObject | Save-FacebookToken -Name kept -CachePath $dir -CacheKey $key -WhatIf
        New-TokenObject | Save-FacebookToken -Name other -CachePath $dir -CacheKey $key -WhatIf
        $after = Get-ChildItem -LiteralPath $dir -Recurse -File -Force | ForEach-Object { "$($_.Name)=$((Get-FileHash -LiteralPath $_.FullName).Hash)" }

        $after | Should -Be $before
        (Get-FacebookToken -CachePath $dir -CacheKey $key).Name | Should -Be 'kept'
        Get-Plain (Get-FacebookToken kept -CachePath $dir -CacheKey $key).AccessToken | Should -BeExactly (Get-Plain $kept.AccessToken)
    }

    It 'reports a wrong key and a corrupt file with the path, and leaves the file alone' {
        New-TokenObject | Save-FacebookToken -Name a -CachePath $dir -CacheKey $key
        $file = Join-Path $dir 'tokens.cache'
        $wrong = ConvertTo-SecureString 'not-the-key-000000' -AsPlainText -Force
        { Get-FacebookToken -CachePath $dir -CacheKey $wrong -ErrorAction Stop } | Should -Throw -ErrorId 'WrongCacheKey,FacebookToken.Module.Commands.GetFacebookTokenCommand'

        [IO.File]::WriteAllText($file, 'this is not a cache')
        $before = Get-FileHash -LiteralPath $file
        $null = New-TokenObject | Save-FacebookToken -Name b -CachePath $dir -CacheKey $key -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'CacheCorrupt,*'
        $err[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $err[0].Exception.Message | Should -Match ([regex]::Escape($file))
        (Get-FileHash -LiteralPath $file).Hash | Should -Be $before.Hash
    }

    It 'Get-FacebookTokenCacheInfo names the backend, path and reason' {
        New-TokenObject | Save-FacebookToken -Name a -CachePath $dir -CacheKey $key
        $info = Get-FacebookTokenCacheInfo -CachePath $dir -CacheKey $key
        $info.Backend | Should -Be 'KeyFile'
        $info.CachePath | Should -Be ([IO.Path]::GetFullPath($dir))
        $info.Reason | Should -Match '-CacheKey'
        $info.IsEncrypted | Should -BeTrue
        $info.TokenCount | Should -Be 1
    }

    It 'completes -Name from the cache' {
        New-TokenObject | Save-FacebookToken -Name 'wa-prod' -CachePath $dir -CacheKey $key
        New-TokenObject | Save-FacebookToken -Name 'wa-staging' -CachePath $dir -CacheKey $key
        $env:FACEBOOK_TOKEN_CACHE_KEY = $keyPlain
        try {
            $line = "Get-FacebookToken -CachePath '$dir' -Name wa-"
            $result = TabExpansion2 -inputScript $line -cursorColumn $line.Length
        }
        finally {
            Remove-Item env:FACEBOOK_TOKEN_CACHE_KEY
        }
        $result.CompletionMatches.CompletionText | Should -Be @('wa-prod', 'wa-staging')
    }

    It 'refuses plaintext without the opt-in, and warns on every use with it' {
        $env:FACEBOOK_TOKEN_CACHE_KEY = $null
        $null = New-TokenObject | Save-FacebookToken -Name p -CachePath $dir -AllowPlaintextStorage -WarningVariable warn1 -WarningAction SilentlyContinue
        $warn1 | Should -Not -BeNullOrEmpty
        ($warn1 | Out-String) | Should -Match 'UNENCRYPTED'
        $null = Get-FacebookToken p -CachePath $dir -WarningVariable warn2 -WarningAction SilentlyContinue
        ($warn2 | Out-String) | Should -Match 'NOT encrypted'
        $null = New-TokenObject | Save-FacebookToken -Name q -CachePath $dir -ErrorVariable err -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'PlaintextCacheRefused,*'
    }
}

Describe 'The cache without an OS store or a key' {
    It 'refuses clearly, names FACEBOOK_TOKEN_CACHE_KEY and the packages, and writes nothing' {
        $dir = New-CacheDir
        $raw = New-EmulatorToken
        $out = Invoke-ChildPwsh -Environment @{ DBUS_SESSION_BUS_ADDRESS = $null; FACEBOOK_TOKEN_CACHE_KEY = $null } -Command "Import-Module '$ModuleManifestPath'; [FacebookToken.FacebookAccessToken]::new((ConvertTo-SecureString '$raw' -AsPlainText -Force), 'LongLivedUser', '1') | Save-FacebookToken -Name x -CachePath '$dir' -ErrorAction SilentlyContinue -ErrorVariable e; `$e[0].FullyQualifiedErrorId; `$e[0].Exception.Message"
        $out[0] | Should -Be 'CacheUnavailable,FacebookToken.Module.Commands.SaveFacebookTokenCommand'
        ($out | Out-String) | Should -Match 'FACEBOOK_TOKEN_CACHE_KEY'
        ($out | Out-String) | Should -Match 'libsecret-1-0'
        ($out | Out-String) | Should -Match 'no D-Bus session'
        Test-Path -LiteralPath (Join-Path $dir 'tokens.cache') | Should -BeFalse
        Remove-Item -LiteralPath $dir -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'uses the key file with a reason when only FACEBOOK_TOKEN_CACHE_KEY is set' {
        $dir = New-CacheDir
        $out = Invoke-ChildPwsh -Environment @{ DBUS_SESSION_BUS_ADDRESS = $null; FACEBOOK_TOKEN_CACHE_KEY = $keyPlain } -Command "Import-Module '$ModuleManifestPath'; `$i = Get-FacebookTokenCacheInfo -CachePath '$dir'; `$i.Backend; `$i.Reason"
        $out[0] | Should -Be 'KeyFile'
        $out[1] | Should -Match 'no D-Bus session; using key file \(FACEBOOK_TOKEN_CACHE_KEY\)'
        Remove-Item -LiteralPath $dir -Recurse -Force -ErrorAction SilentlyContinue
    }
}

Describe 'Many processes writing one cache' {
    It '8 concurrent writer processes lose no entry' {
        $dir = New-CacheDir
        $null = New-Item -ItemType Directory -Path $dir
        $raw = New-EmulatorToken
        $env:FACEBOOK_TOKEN_CACHE_KEY = $keyPlain
        try {
            $pwshArgs = Get-ChildPwshArguments
            $procs = foreach ($p in 1..8) {
                $script = "Import-Module '$ModuleManifestPath'; `$t = [FacebookToken.FacebookAccessToken]::new((ConvertTo-SecureString '$raw' -AsPlainText -Force), 'LongLivedUser', '1'); 1..5 | ForEach-Object { `$t | Save-FacebookToken -Name ('p$p-' + `$_) -CachePath '$dir' -ErrorAction Stop }"
                Start-Process -FilePath $pwshArgs.FilePath -ArgumentList ($pwshArgs.Prefix + @('-NoProfile', '-NonInteractive', '-EncodedCommand', [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($script)))) -PassThru -RedirectStandardOutput (Join-Path $dir "p$p.out") -RedirectStandardError (Join-Path $dir "p$p.err")
            }
            $procs | Wait-Process -Timeout 240
            foreach ($p in 1..8) { Get-Content -Raw -LiteralPath (Join-Path $dir "p$p.err") | Should -BeNullOrEmpty }
            $procs | ForEach-Object { $_.ExitCode | Should -Be 0 }
            $names = (Get-FacebookToken -CachePath $dir -CacheKey $key).Name
        }
        finally {
            Remove-Item env:FACEBOOK_TOKEN_CACHE_KEY -ErrorAction SilentlyContinue
        }
        $names.Count | Should -Be 40
        foreach ($p in 1..8) { foreach ($i in 1..5) { $names | Should -Contain "p$p-$i" } }
        Remove-Item -LiteralPath $dir -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'a writer killed mid-save leaves a readable cache' {
        $dir = New-CacheDir
        $raw = New-EmulatorToken
        New-TokenObject -Raw $raw | Save-FacebookToken -Name before -CachePath $dir -CacheKey $key
        $pwshArgs = Get-ChildPwshArguments
        $script = "Import-Module '$ModuleManifestPath'; `$k = ConvertTo-SecureString '$keyPlain' -AsPlainText -Force; `$t = [FacebookToken.FacebookAccessToken]::new((ConvertTo-SecureString '$raw' -AsPlainText -Force), 'LongLivedUser', '1'); 1..100000 | ForEach-Object { `$t | Save-FacebookToken -Name ('loop-' + (`$_ % 50)) -CachePath '$dir' -CacheKey `$k }"
        $logs = New-CacheDir
        $null = New-Item -ItemType Directory -Path $logs
        $proc = Start-Process -FilePath $pwshArgs.FilePath -ArgumentList ($pwshArgs.Prefix + @('-NoProfile', '-NonInteractive', '-EncodedCommand', [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($script)))) -PassThru -RedirectStandardOutput (Join-Path $logs 'out.txt') -RedirectStandardError (Join-Path $logs 'err.txt')
        $deadline = [DateTime]::UtcNow.AddSeconds(60)
        while (@(Get-FacebookToken 'loop-*' -CachePath $dir -CacheKey $key).Count -lt 5 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 }
        Start-Sleep -Milliseconds 300
        $null = & kill -9 $proc.Id
        $proc.WaitForExit(10000) | Should -BeTrue
        $tokens = Get-FacebookToken -CachePath $dir -CacheKey $key -ErrorAction Stop
        $tokens.Name | Should -Contain 'before'
        @($tokens | Where-Object Name -like 'loop-*').Count | Should -BeGreaterOrEqual 5
        New-TokenObject | Save-FacebookToken -Name after -CachePath $dir -CacheKey $key
        (Get-FacebookToken after -CachePath $dir -CacheKey $key).Name | Should -Be 'after'
        Remove-Item -LiteralPath $dir -Recurse -Force -ErrorAction SilentlyContinue
    }
}

Describe 'Invoke-FacebookLogin -CacheName' {
    It 'has no -WhatIf: it is refused before any sign-in, request or cache write' {
        # Invoke-FacebookLogin does not support ShouldProcess (yet); -WhatIf must not be silently ignored.
        (Get-Command Invoke-FacebookLogin).Parameters.ContainsKey('WhatIf') | Should -BeFalse
        $dir = New-CacheDir
        Invoke-EmulatorControl $emu -Method Post -Path 'reset' | Out-Null
        $savedBrowser = $env:BROWSER
        $env:BROWSER = '/nonexistent/should-not-run'
        try {
            { Invoke-FacebookLogin -Credential $emu.Credential -RedirectUri (New-LoopbackRedirect $emu) -LoginBaseUri $emu.Uri -GraphBaseUri $emu.Uri -TimeoutSec 5 -CacheName wa-login -CachePath $dir -CacheKey $key -WhatIf } |
                Should -Throw -ErrorId 'NamedParameterNotFound,FacebookToken.Module.Commands.InvokeFacebookLoginCommand'
        }
        finally {
            $env:BROWSER = $savedBrowser
        }
        Test-Path -LiteralPath $dir | Should -BeFalse
        @((Invoke-EmulatorControl $emu -Method Get -Path 'requests') | ForEach-Object { $_ }).Count | Should -Be 0
    }

    It 'saves the login result under the name' {
        $dir = New-CacheDir
        Invoke-EmulatorControl $emu -Method Post -Path 'settings' -Body @{ autoApprove = 'approve' } | Out-Null
        $redirect = New-LoopbackRedirect $emu
        $savedBrowser = $env:BROWSER
        $env:BROWSER = Join-Path $PSScriptRoot 'assets/fake-browser.sh'
        try {
            $token = Invoke-FacebookLogin -Credential $emu.Credential -RedirectUri $redirect -LoginBaseUri $emu.Uri -GraphBaseUri $emu.Uri -TimeoutSec 60 -CacheName wa-login -CachePath $dir -CacheKey $key
        }
        finally {
            $env:BROWSER = $savedBrowser
        }
        $token.Name | Should -Be 'wa-login'
        (Get-FacebookToken wa-login -CachePath $dir -CacheKey $key).Kind | Should -Be 'LongLivedUser'
        Remove-Item -LiteralPath $dir -Recurse -Force -ErrorAction SilentlyContinue
    }
}

Describe 'A raw 256-bit key (base64:) in FACEBOOK_TOKEN_CACHE_KEY or -CacheKey' {
    BeforeEach {
        $script:dir = New-CacheDir
        $script:file = Join-Path $dir 'tokens.cache'
    }

    AfterEach {
        Remove-Item -LiteralPath $dir -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'a key made by the documented one-liner keeps a key file that another process reads, marked as made by a raw key' {
        $rawKey = 'base64:' + [Convert]::ToBase64String([System.Security.Cryptography.RandomNumberGenerator]::GetBytes(32))
        $raw = New-EmulatorToken
        $environment = @{ DBUS_SESSION_BUS_ADDRESS = $null; FACEBOOK_TOKEN_CACHE_KEY = $rawKey; FACEBOOK_TOKEN_CACHE_PATH = $null }
        $null = Invoke-ChildPwsh -Environment $environment -Command "Import-Module '$ModuleManifestPath'; [FacebookToken.FacebookAccessToken]::new((ConvertTo-SecureString '$raw' -AsPlainText -Force), 'LongLivedUser', '1') | Save-FacebookToken -Name runbook -CachePath '$dir' -ErrorAction Stop"
        $bytes = [IO.File]::ReadAllBytes($file)
        $bytes[5] | Should -Be 3 -Because 'algorithm 3 records a raw key'
        [BitConverter]::ToInt32($bytes, 6) | Should -Be 0 -Because 'a random key needs no stretching'
        [Text.Encoding]::UTF8.GetString($bytes) | Should -Not -Match ([regex]::Escape($raw))

        $out = Invoke-ChildPwsh -Environment $environment -Command "Import-Module '$ModuleManifestPath'; `$t = Get-FacebookToken runbook -CachePath '$dir' -ErrorAction Stop; [Net.NetworkCredential]::new('', `$t.AccessToken).Password; (Get-FacebookTokenCacheInfo -CachePath '$dir').Backend"
        $out[0] | Should -BeExactly $raw
        $out[1] | Should -Be 'KeyFile'
    }

    It 'a passphrase does not open the raw-key cache, nor a raw key a passphrase cache; neither file changes' {
        $rawKey = ConvertTo-SecureString ('base64:' + [Convert]::ToBase64String([System.Security.Cryptography.RandomNumberGenerator]::GetBytes(32))) -AsPlainText -Force
        New-TokenObject | Save-FacebookToken -Name a -CachePath $dir -CacheKey $rawKey
        $before = [IO.File]::ReadAllBytes($file)
        { Get-FacebookToken a -CachePath $dir -CacheKey $key -ErrorAction Stop } | Should -Throw -ErrorId 'WrongCacheKey,FacebookToken.Module.Commands.GetFacebookTokenCommand' -ExpectedMessage '*written with a raw 256-bit key*'
        [IO.File]::ReadAllBytes($file) | Should -Be $before

        $other = New-CacheDir
        try {
            New-TokenObject | Save-FacebookToken -Name b -CachePath $other -CacheKey $key
            $null = New-TokenObject | Save-FacebookToken -Name c -CachePath $other -CacheKey $rawKey -ErrorVariable err2 -ErrorAction SilentlyContinue
            $err2[0].FullyQualifiedErrorId | Should -BeLike 'WrongCacheKey,*'
            $err2[0].Exception.Message | Should -Match 'written with a passphrase'
            (Get-FacebookToken -CachePath $other -CacheKey $key).Name | Should -Be 'b'
        }
        finally { Remove-Item -LiteralPath $other -Recurse -Force -ErrorAction SilentlyContinue }
    }

    It 'refuses <Case> in <Source> with InvalidCacheKey, naming it and how to make a key, and writes nothing' -ForEach @(
        @{ Case = 'a 16-byte key'; Source = 'FACEBOOK_TOKEN_CACHE_KEY'; Key = 'base64:AAAAAAAAAAAAAAAAAAAAAA=='; Problem = 'decodes to 16 bytes' }
        @{ Case = 'text that is not base64'; Source = 'FACEBOOK_TOKEN_CACHE_KEY'; Key = 'base64:this is not base64 at all, but long enough!'; Problem = 'is not base64' }
        @{ Case = 'a 16-byte key'; Source = '-CacheKey'; Key = 'base64:AAAAAAAAAAAAAAAAAAAAAA=='; Problem = 'decodes to 16 bytes' }
    ) {
        $raw = New-EmulatorToken
        $environment = @{ DBUS_SESSION_BUS_ADDRESS = $null; FACEBOOK_TOKEN_CACHE_KEY = $null; FACEBOOK_TOKEN_CACHE_PATH = $null }
        $keyArgument = ''
        if ($Source -eq '-CacheKey') { $keyArgument = "-CacheKey (ConvertTo-SecureString '$Key' -AsPlainText -Force)" }
        else { $environment.FACEBOOK_TOKEN_CACHE_KEY = $Key }
        $out = Invoke-ChildPwsh -Environment $environment -Command "Import-Module '$ModuleManifestPath'; [FacebookToken.FacebookAccessToken]::new((ConvertTo-SecureString '$raw' -AsPlainText -Force), 'LongLivedUser', '1') | Save-FacebookToken -Name x -CachePath '$dir' $keyArgument -ErrorAction SilentlyContinue -ErrorVariable e; `$e[0].FullyQualifiedErrorId; `$e[0].Exception.Message"
        $out[0] | Should -Be 'InvalidCacheKey,FacebookToken.Module.Commands.SaveFacebookTokenCommand'
        $message = ($out | Select-Object -Skip 1) -join ' '
        $message | Should -Match ([regex]::Escape("The key from $Source"))
        $message | Should -Match ([regex]::Escape($Problem))
        $message | Should -Match 'RandomNumberGenerator\]::GetBytes\(32\)'
        $message | Should -Match 'Nothing was read or written'
        $message | Should -Not -Match ([regex]::Escape($Key.Substring(7)))
        Test-Path -LiteralPath $file | Should -BeFalse
    }
}
