# Issue 20, points 1 and 2, against the staged module in a real pwsh and the emulator over real HTTP:
# no token or proof in any object the module outputs (paging links included, PSObject, HashTable and Json alike),
# even when a server echoes the bearer in a success answer; and loopback never through a proxy, https still through it.

BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:emu = Start-FacebookEmulator
    $script:WabaId = '102290129340398'

    function New-EmulatorToken([string[]]$TargetIds) {
        $body = @{ appId = $emu.AppId; kind = 'long'; scopes = @('whatsapp_business_management', 'whatsapp_business_messaging') }
        if ($TargetIds) { $body.targetIds = @($TargetIds) }
        (Invoke-EmulatorControl $emu -Method Post -Path 'tokens' -Body $body).access_token
    }
}

AfterAll {
    Stop-FacebookEmulator $emu
}

Describe 'No token or proof in output' {
    BeforeEach {
        Invoke-EmulatorControl $emu -Method Post -Path 'reset' | Out-Null
        $script:token = New-EmulatorToken
        $script:common = @{ GraphBaseUri = $emu.Uri; AccessToken = $token; Credential = $emu.Credential }
    }

    It 'paging.next and paging.previous hold no access_token, appsecret_proof or appsecret_time as <OutputType>' -TestCases @(
        @{ OutputType = 'PSObject' }
        @{ OutputType = 'HashTable' }
        @{ OutputType = 'Json' }
    ) {
        $answer = Invoke-FacebookGraphRequest "$WabaId/message_templates" -Query @{ limit = 2 } -OutputType $OutputType @common
        $second = Invoke-FacebookGraphRequest "$WabaId/message_templates" -Query @{ limit = 2; after = 'dGVtcGxhdGU6MQ' } -OutputType $OutputType @common

        $text = switch ($OutputType) {
            'Json' { $answer + $second }
            default { ($answer, $second | ConvertTo-Json -Depth 10) }
        }
        $next = switch ($OutputType) {
            'Json' { ($answer | ConvertFrom-Json).paging.next }
            'HashTable' { $answer['paging']['next'] }
            default { $answer.paging.next }
        }
        $next | Should -Match '^http://127\.0\.0\.1:\d+/v25\.0/102290129340398/message_templates\?'
        $next | Should -Match 'after='
        $next | Should -Not -Match 'access_token|appsecret_proof|appsecret_time'
        $text | Should -Not -Match 'access_token|appsecret_proof|appsecret_time'
        $text.Contains($token) | Should -BeFalse
        $proofs = @(Invoke-EmulatorControl $emu -Method Get -Path 'requests' | ForEach-Object { $_.query.appsecret_proof } | Where-Object { $_ })
        $proofs.Count | Should -BeGreaterThan 0
        foreach ($proof in $proofs) { $text.Contains($proof) | Should -BeFalse }
    }

    It 'keeps the token out of a transcript of a paged answer written whole' {
        $transcript = Join-Path ([IO.Path]::GetTempPath()) ('fbt-out-' + [guid]::NewGuid().ToString('N') + '.txt')
        Start-Transcript -LiteralPath $transcript | Out-Null
        try {
            Invoke-FacebookGraphRequest "$WabaId/message_templates" -Query @{ limit = 2 } @common | Format-List * | Out-String | Out-Host
            Invoke-FacebookGraphRequest "$WabaId/message_templates" -Query @{ limit = 2 } -OutputType Json @common | Out-Host
        }
        finally {
            Stop-Transcript | Out-Null
        }
        $text = Get-Content -Raw -LiteralPath $transcript
        Remove-Item -LiteralPath $transcript -Force

        $text | Should -Match 'message_templates\?' -Because 'the paging link was written'
        $text.Contains($token) | Should -BeFalse
        $text | Should -Not -Match 'access_token='
    }

    It 'scrubs a success answer that echoes the bearer (Get-FacebookWhatsAppAccount and Invoke-FacebookGraphRequest)' {
        $echoWaba = '102290129340777'
        $echoToken = New-EmulatorToken -TargetIds $echoWaba
        # A server that puts the caller's own token into a success answer: the account's name is the token.
        Invoke-EmulatorControl $emu -Method Post -Path 'whatsapp/accounts' -Body @{ id = $echoWaba; name = $echoToken } | Out-Null

        $accounts = @(Get-FacebookWhatsAppAccount -AccessToken $echoToken -GraphBaseUri $emu.Uri -Credential $emu.Credential)
        $raw = Invoke-FacebookGraphRequest "${echoWaba}?fields=id,name" -AccessToken $echoToken -GraphBaseUri $emu.Uri -OutputType Json

        $accounts.Count | Should -Be 1
        $accounts[0].Id | Should -Be $echoWaba
        $accounts[0].Name | Should -Be "***($($echoToken.Length) chars)"
        $raw.Contains($echoToken) | Should -BeFalse
        ($raw | ConvertFrom-Json).id | Should -Be $echoWaba
    }
}

Describe 'Proxies and loopback' {
    It 'calls the emulator on loopback directly with HTTP_PROXY, http_proxy and ALL_PROXY set, and https still through the proxy' {
        $token = New-EmulatorToken
        # A real proxy listener on loopback. It never answers: the OS queues a connection to it without an Accept,
        # so after each call the queue shows whether the module went through it, and the request line says for what.
        $proxy = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $proxy.Start()
        try {
            $proxyUri = 'http://127.0.0.1:{0}' -f $proxy.LocalEndpoint.Port
            $child = @"
Import-Module '$StagedManifestPath'
`$me = Invoke-FacebookGraphRequest me -AccessToken '$token' -GraphBaseUri '$($emu.Uri)' -TimeoutSec 5 -MaximumRetryCount 0 -ErrorAction Continue
'LOOPBACK-ID=' + `$me.id
try { Invoke-FacebookGraphRequest me -AccessToken '$token' -GraphBaseUri 'https://graph.example.invalid' -TimeoutSec 2 -MaximumRetryCount 0 -ErrorAction Stop } catch { 'HTTPS-ERROR=' + `$_.FullyQualifiedErrorId }
"@
            # Case-sensitive names: Linux has both HTTP_PROXY and http_proxy.
            $environment = [hashtable]::new([StringComparer]::Ordinal)
            foreach ($name in 'HTTP_PROXY', 'http_proxy', 'ALL_PROXY', 'all_proxy', 'HTTPS_PROXY', 'https_proxy') { $environment[$name] = $proxyUri }
            foreach ($name in 'NO_PROXY', 'no_proxy') { $environment[$name] = $null }
            $out = Invoke-ChildPwsh -Command $child -Environment $environment

            $lines = [System.Collections.Generic.List[string]]::new()
            while ($proxy.Pending()) {
                $client = $proxy.AcceptTcpClient()
                try {
                    $reader = [IO.StreamReader]::new($client.GetStream())
                    $lines.Add($reader.ReadLine())
                }
                finally {
                    $client.Dispose()
                }
            }
        }
        finally {
            $proxy.Stop()
        }

        ($out -join "`n") | Should -Match 'LOOPBACK-ID=\d+'
        ($out -join "`n") | Should -Match 'HTTPS-ERROR='
        $lines | Should -Be @('CONNECT graph.example.invalid:443 HTTP/1.1') -Because 'only the https call may go through the proxy; loopback plain http carries the bearer and secrets in clear'
    }
}
