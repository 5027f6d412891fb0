# Issue 20, points 4, 5 and 10 against the staged module and the emulator as a process: the emulator listens on
# 127.0.0.1 only and answers only its loopback names; -CacheName opens and decrypts the cache before anything is
# minted, and a token that still cannot be saved reaches the pipeline; Get-FacebookEmulatorLog masks every secret.

BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:emu = Start-FacebookEmulator
    $script:adminSystemUser = '61550000000000002'
    $script:systemUser = '61550000000000001'

    function New-AdminToken {
        (Invoke-EmulatorControl $emu -Path 'systemusers/tokens' -Body @{ systemUserId = $adminSystemUser; expiresIn60Days = $false }).access_token
    }

    function Get-Requests([string]$Like) {
        @(Invoke-EmulatorControl $emu -Method Get -Path 'requests' | ForEach-Object { $_ } | Where-Object { $_.endpoint -like $Like })
    }

    function Test-Connect([string]$Address, [int]$Port) {
        $client = [System.Net.Sockets.TcpClient]::new()
        try { $client.ConnectAsync($Address, $Port).Wait(3000) } catch { $false } finally { $client.Dispose() }
    }

    function Invoke-RawGet([string]$HostHeader, [int]$Port, [string]$Path) {
        # A raw request, so the Host header is exactly what a rebinding page's browser would send.
        $client = [System.Net.Sockets.TcpClient]::new('127.0.0.1', $Port)
        try {
            $stream = $client.GetStream()
            $bytes = [Text.Encoding]::ASCII.GetBytes("GET $Path HTTP/1.1`r`nHost: $HostHeader`r`nConnection: close`r`n`r`n")
            $stream.Write($bytes, 0, $bytes.Length)
            [IO.StreamReader]::new($stream).ReadToEnd()
        }
        finally {
            $client.Dispose()
        }
    }
}

AfterAll {
    Stop-FacebookEmulator $emu
}

Describe 'The emulator stays on loopback' {
    It 'ignores Kestrel endpoints and URLs from the environment and listens on 127.0.0.1 only' {
        $ports = 1..3 | ForEach-Object { Get-FreeTcpPort }
        $names = 'Kestrel__Endpoints__Everywhere__Url', 'ASPNETCORE_Kestrel__Endpoints__Everywhere2__Url', 'ASPNETCORE_URLS'
        $everywhere = @{}
        for ($i = 0; $i -lt 3; $i++) {
            $everywhere[$names[$i]] = "http://0.0.0.0:$($ports[$i])"
        }
        $exposed = Invoke-WithEnvironment $everywhere { Start-FacebookEmulator }
        try {
            $exposed.Uri | Should -Match '^http://127\.0\.0\.1:\d+$'
            foreach ($port in $ports) {
                Test-Connect '127.0.0.1' $port | Should -BeFalse -Because "nothing may listen on 0.0.0.0:$port"
            }
            $others = @([System.Net.Dns]::GetHostAddresses([System.Net.Dns]::GetHostName()) | Where-Object { $_.AddressFamily -eq 'InterNetwork' -and -not [System.Net.IPAddress]::IsLoopback($_) })
            foreach ($address in $others) {
                Test-Connect $address.ToString() ([Uri]$exposed.Uri).Port | Should -BeFalse -Because "the emulator must not answer on $address"
            }
        }
        finally {
            Stop-FacebookEmulator $exposed
        }
    }

    It 'answers /_emulator/info only to its loopback Host names, not to a rebinding name' {
        $port = ([Uri]$emu.Uri).Port

        $evil = Invoke-RawGet "evil.example:$port" $port '/_emulator/info'
        $good = Invoke-RawGet "127.0.0.1:$port" $port '/_emulator/info'
        $named = Invoke-RawGet "localhost:$port" $port '/_emulator/info'

        $evil | Should -Match '^HTTP/1\.1 400'
        $evil.Contains($emu.AppSecretPlain) | Should -BeFalse
        $good | Should -Match '^HTTP/1\.1 200'
        $good.Contains($emu.AppId) | Should -BeTrue
        $named | Should -Match '^HTTP/1\.1 200'
    }
}

Describe '-CacheName never loses a minted token' {
    BeforeEach {
        Invoke-EmulatorControl $emu -Method Post -Path 'reset' | Out-Null
        $script:dir = Join-Path ([IO.Path]::GetTempPath()) ('fbt-hard-' + [guid]::NewGuid().ToString('N'))
        $script:key = ConvertTo-SecureString ('base64:' + [Convert]::ToBase64String([byte[]](1..32))) -AsPlainText -Force
        $script:admin = New-AdminToken
        Save-FacebookToken -Name existing -AccessToken (New-AdminToken) -CachePath $dir -CacheKey $key
    }

    AfterEach {
        Get-Job | Remove-Job -Force -ErrorAction SilentlyContinue
        Remove-Item -LiteralPath $dir -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'refuses a wrong -CacheKey before anything is minted' {
        $wrong = ConvertTo-SecureString ('base64:' + [Convert]::ToBase64String([byte[]](2..33))) -AsPlainText -Force

        $out = New-FacebookSystemUserToken $adminSystemUser -Scope whatsapp_business_messaging -InstallApp -AccessToken $admin -Credential $emu.Credential -CacheName wa-new -CachePath $dir -CacheKey $wrong -GraphBaseUri $emu.Uri -ErrorVariable failed -ErrorAction SilentlyContinue

        $out | Should -BeNullOrEmpty
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'WrongCacheKey,*'
        Get-Requests '*/access_tokens' | Should -BeNullOrEmpty -Because 'no token may be minted that cannot be saved'
    }

    It 'writes the minted token to the pipeline with the error when the save fails after all' {
        Invoke-EmulatorControl $emu -Path 'faults' -Body @{ latencyMs = 5000; pathContains = 'access_tokens' } | Out-Null
        $job = Start-ThreadJob -ArgumentList $StagedManifestPath, $adminSystemUser, $admin, $emu.Credential, $dir, $key, $emu.Uri -ScriptBlock {
            param($Manifest, $User, $Admin, $Credential, $Dir, $Key, $Uri)
            Import-Module $Manifest
            New-FacebookSystemUserToken $User -Scope whatsapp_business_messaging -InstallApp -AccessToken $Admin -Credential $Credential -CacheName wa-new -CachePath $Dir -CacheKey $Key -GraphBaseUri $Uri -ErrorVariable failed -ErrorAction SilentlyContinue
            foreach ($e in $failed) { "ERROR: $($e.FullyQualifiedErrorId): $($e.Exception.Message)" }
        }
        $deadline = [DateTime]::UtcNow.AddSeconds(60)
        while ((Invoke-EmulatorControl $emu -Method Get -Path 'concurrency').inFlight -lt 1) {
            if ([DateTime]::UtcNow -gt $deadline) { throw 'The token request never reached the emulator.' }
            Start-Sleep -Milliseconds 50
        }
        # The cache is damaged while Facebook mints the token.
        [IO.File]::WriteAllBytes((Join-Path $dir 'tokens.cache'), [byte[]](1..64))
        $out = @($job | Wait-Job -Timeout 120 | Receive-Job)

        $token = @($out | Where-Object { $_ -is [FacebookToken.FacebookAccessToken] })
        $errors = @($out | Where-Object { $_ -is [string] -and $_.StartsWith('ERROR: ') })
        $token.Count | Should -Be 1
        $token[0].Kind | Should -Be 'SystemUser'
        Test-FacebookToken -AccessToken $token[0] -Credential $emu.Credential -GraphBaseUri $emu.Uri | Should -BeTrue
        $errors.Count | Should -Be 1
        $errors[0] | Should -Match '^ERROR: CacheCorrupt,'
        $errors[0] | Should -Match 'written to the pipeline'
    }
}

Describe 'Get-FacebookEmulatorLog' {
    It 'masks revoke_token and shows nothing of the app secret in an app token' {
        Invoke-EmulatorControl $emu -Method Post -Path 'reset' | Out-Null
        $token = (Invoke-EmulatorControl $emu -Path 'systemusers/tokens' -Body @{ systemUserId = $systemUser; expiresIn60Days = $true }).access_token
        Revoke-FacebookToken -AccessToken $token -Credential $emu.Credential -GraphBaseUri $emu.Uri -Confirm:$false
        Get-FacebookTokenInfo -AccessToken (New-AdminToken) -Credential $emu.Credential -GraphBaseUri $emu.Uri | Out-Null

        $text = Get-FacebookEmulatorLog -Emulator $emu | ConvertTo-Json -Depth 10

        $text | Should -Match 'revoke_token'
        $text.Contains($token) | Should -BeFalse
        $text.Contains($token.Substring(0, 20)) | Should -BeFalse
        $text | Should -Match ([regex]::Escape("Bearer $($emu.AppId)|***("))
        $secretTail = $emu.AppSecretPlain.Substring($emu.AppSecretPlain.Length - 3)
        $text | Should -Not -Match ([regex]::Escape('…' + $secretTail))
    }
}

Describe 'A refused -Uri keeps the token out of the error record' {
    It 'names the URI without its query as the target, and quotes no token' {
        $token = (Invoke-EmulatorControl $emu -Method Post -Path 'tokens' -Body @{ kind = 'long' }).access_token

        Invoke-FacebookGraphRequest "me?access_token=$token" -AccessToken $token -GraphBaseUri $emu.Uri -ErrorVariable inQuery -ErrorAction SilentlyContinue
        Invoke-FacebookGraphRequest "https://evil.example/v25.0/me?fields=id&access_token=$token" -AccessToken $token -GraphBaseUri $emu.Uri -ErrorVariable offBase -ErrorAction SilentlyContinue

        $inQuery[0].FullyQualifiedErrorId | Should -BeLike 'TokenInGraphUri,*'
        $offBase[0].FullyQualifiedErrorId | Should -BeLike 'InvalidGraphUri,*'
        $inQuery[0].TargetObject | Should -Be 'me'
        $offBase[0].TargetObject | Should -Be 'https://evil.example/v25.0/me'
        $text = ($inQuery + $offBase | ForEach-Object { $_ | Format-List * -Force | Out-String; $_.CategoryInfo | Out-String; $_.Exception.Message }) -join "`n"
        $text.Contains($token.Substring(0, 12)) | Should -BeFalse
        $text.Contains($token.Substring($token.Length - 12)) | Should -BeFalse
    }
}

Describe 'Writes and paging with several tokens or pages' {
    BeforeEach {
        Invoke-EmulatorControl $emu -Method Post -Path 'reset' | Out-Null
        $script:PhoneId = '106540352242922'
        $script:WabaId = '102290129340398'
        $script:message = @{ messaging_product = 'whatsapp'; to = '15550100002'; type = 'template'; template = @{ name = 'hello_world'; language = @{ code = 'en_US' } } }
        $script:tokens = 1..2 | ForEach-Object { (Invoke-EmulatorControl $emu -Method Post -Path 'tokens' -Body @{ kind = 'long' }).access_token }
    }

    It 'refuses a POST given several tokens from the pipeline, sending nothing, and sends one token''s once' {
        $tokens | Invoke-FacebookGraphRequest "$PhoneId/messages" -Method POST -Body $message -GraphBaseUri $emu.Uri -ErrorVariable refused -ErrorAction SilentlyContinue
        $sentAfterRefusal = @(Invoke-EmulatorControl $emu -Method Get -Path 'whatsapp/messages' | ForEach-Object { $_ }).Count
        $answer = $tokens[0] | Invoke-FacebookGraphRequest "$PhoneId/messages" -Method POST -Body $message -GraphBaseUri $emu.Uri

        $refused[0].FullyQualifiedErrorId | Should -BeLike 'MultipleTokensForWrite,*'
        $sentAfterRefusal | Should -Be 0
        $answer.messages[0].id | Should -Match '^wamid\.'
        @(Invoke-EmulatorControl $emu -Method Get -Path 'whatsapp/messages' | ForEach-Object { $_ }).Count | Should -Be 1
    }

    It 'refuses -All with POST before sending' {
        Invoke-FacebookGraphRequest "$PhoneId/messages" -Method POST -Body $message -All -AccessToken $tokens[0] -GraphBaseUri $emu.Uri -ErrorVariable refused -ErrorAction SilentlyContinue

        $refused[0].FullyQualifiedErrorId | Should -BeLike 'AllWithoutGet,*'
        Get-Requests "/$PhoneId/messages" | Should -BeNullOrEmpty
    }

    It 'retries a GET whose body was cut off after HTTP 200, and reports it as an error that honours -ErrorAction' {
        Invoke-EmulatorControl $emu -Path 'faults' -Body @{ mode = 'cutBody'; count = 1; pathContains = '/me' } | Out-Null
        $me = Invoke-FacebookGraphRequest me -AccessToken $tokens[0] -GraphBaseUri $emu.Uri
        (Get-Requests '/me').Count | Should -Be 2
        $me.id | Should -Not -BeNullOrEmpty

        Invoke-EmulatorControl $emu -Path 'faults' -Body @{ mode = 'cutBody'; count = -1; pathContains = '/me' } | Out-Null
        $out = Invoke-FacebookGraphRequest me -AccessToken $tokens[0] -GraphBaseUri $emu.Uri -TimeoutSec 20 -ErrorVariable cut -ErrorAction SilentlyContinue
        $reached = 'after the error'

        $reached | Should -Be 'after the error'
        $out | Should -BeNullOrEmpty
        $cut[0].FullyQualifiedErrorId | Should -BeLike 'UnexpectedResponse,*'
        $cut[0].Exception.Message | Should -Match 'cut off after \d+ bytes'
    }

    It 'does not repeat a POST whose body was cut off' {
        Invoke-EmulatorControl $emu -Path 'faults' -Body @{ mode = 'cutBody'; count = -1; pathContains = '/messages' } | Out-Null
        Invoke-FacebookGraphRequest "$PhoneId/messages" -Method POST -Body $message -AccessToken $tokens[0] -GraphBaseUri $emu.Uri -ErrorVariable cut -ErrorAction SilentlyContinue

        $cut[0].FullyQualifiedErrorId | Should -BeLike 'UnexpectedResponse,*'
        (Get-Requests "/$PhoneId/messages").Count | Should -Be 1
    }

    It 'keeps Test-FacebookToken and Get-FacebookTokenInfo to errors that -ErrorAction governs when debug_token''s body is cut off' {
        Invoke-EmulatorControl $emu -Path 'faults' -Body @{ mode = 'cutBody'; count = -1; pathContains = 'debug_token' } | Out-Null
        $test = Test-FacebookToken -AccessToken $tokens[0] -Credential $emu.Credential -GraphBaseUri $emu.Uri -TimeoutSec 20 -ErrorVariable e1 -ErrorAction SilentlyContinue
        $info = Get-FacebookTokenInfo -AccessToken $tokens[0] -Credential $emu.Credential -GraphBaseUri $emu.Uri -TimeoutSec 20 -ErrorVariable e2 -ErrorAction SilentlyContinue
        $reached = 'after both'

        $reached | Should -Be 'after both'
        $info | Should -BeNullOrEmpty
        @($e1 + $e2).Count | Should -BeGreaterThan 0
        foreach ($e in @($e1 + $e2)) { $e.Exception | Should -BeOfType [FacebookToken.FacebookException] }
        if ($null -ne $test) { $test | Should -BeOfType [bool] }
    }
}

Describe 'The emulator''s --apps file' {
    It 'refuses a file past 1 MB, and an endless one such as /dev/zero, with a clear error instead of reading it' {
        $big = Join-Path ([IO.Path]::GetTempPath()) ('fbt-apps-' + [guid]::NewGuid().ToString('N') + '.json')
        [IO.File]::WriteAllText($big, '{"apps":[' + (' ' * (1024 * 1024)) + ']}')
        try {
            { Start-FacebookEmulator -AppsFile $big -TimeoutSec 60 } | Should -Throw -ExpectedMessage '*larger than 1 MB*'
        }
        finally {
            Remove-Item -LiteralPath $big -Force
        }
        if (Test-Path -LiteralPath '/dev/zero') {
            { Start-FacebookEmulator -AppsFile '/dev/zero' -TimeoutSec 60 } | Should -Throw -ExpectedMessage '*larger than 1 MB*'
        }
    }
}
