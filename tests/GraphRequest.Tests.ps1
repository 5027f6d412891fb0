# Invoke-FacebookGraphRequest against the emulator: WhatsApp messages sent exactly once under every fault, retries of
# GET through throttling, -All across pages, appsecret_proof, WhatsApp errors with their advice, refused URLs, and no
# token in any stream or transcript.

BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:emu = Start-FacebookEmulator
    $script:PhoneId = '106540352242922'
    $script:WabaId = '102290129340398'

    function New-EmulatorToken {
        (Invoke-EmulatorControl $emu -Method Post -Path 'tokens' -Body @{ kind = 'long' }).access_token
    }

    function Get-SentMessages { @(Invoke-EmulatorControl $emu -Method Get -Path 'whatsapp/messages') }

    function Get-GraphRequests([string]$Like) {
        @(Invoke-EmulatorControl $emu -Method Get -Path 'requests' | Where-Object { $_.endpoint -like $Like })
    }

    function New-TemplateMessage([string]$Name = 'hello_world', [string]$Language = 'en_US', [string]$To = '15550100002') {
        @{
            messaging_product = 'whatsapp'
            to                = $To
            type              = 'template'
            template          = @{ name = $Name; language = @{ code = $Language } }
        }
    }
}

AfterAll {
    Stop-FacebookEmulator $emu
}

Describe 'Invoke-FacebookGraphRequest' {
    BeforeEach {
        Invoke-EmulatorControl $emu -Method Post -Path 'reset' | Out-Null
        $script:token = New-EmulatorToken
        $script:common = @{ GraphBaseUri = $emu.Uri; AccessToken = $token }
    }

    Context 'Sending a WhatsApp message' {
        It 'sends a template message with the cached token by name' {
            $dir = Join-Path ([IO.Path]::GetTempPath()) ('fbt-gr-' + [guid]::NewGuid().ToString('N'))
            $key = ConvertTo-SecureString 'graph-request-test-key-0123456789' -AsPlainText -Force
            try {
                Save-FacebookToken -Name wa-prod -AccessToken $token -CachePath $dir -CacheKey $key
                $answer = Invoke-FacebookGraphRequest "$PhoneId/messages" -Method POST -Body (New-TemplateMessage) -Name wa-prod -CachePath $dir -CacheKey $key -GraphBaseUri $emu.Uri

                $answer.messaging_product | Should -Be 'whatsapp'
                $answer.contacts[0].wa_id | Should -Be '15550100002'
                $answer.messages[0].id | Should -Match '^wamid\.'
                $sent = Get-SentMessages
                $sent.Count | Should -Be 1
                $sent[0].id | Should -Be $answer.messages[0].id
                $sent[0].content | Should -Be 'hello_world/en_US'
                $request = Get-GraphRequests "/$PhoneId/messages"
                $request[0].authorization | Should -Be "Bearer $token"
                $request[0].query.PSObject.Properties.Name | Should -Not -Contain 'access_token'
            }
            finally {
                Remove-Item -LiteralPath $dir -Recurse -Force -ErrorAction SilentlyContinue
            }
        }

        It 'refuses -Name when it matches more than one cached token, sending nothing' {
            $dir = Join-Path ([IO.Path]::GetTempPath()) ('fbt-gr-' + [guid]::NewGuid().ToString('N'))
            $key = ConvertTo-SecureString 'graph-request-test-key-0123456789' -AsPlainText -Force
            try {
                Save-FacebookToken -Name wa-one -AccessToken $token -CachePath $dir -CacheKey $key
                Save-FacebookToken -Name wa-two -AccessToken (New-EmulatorToken) -CachePath $dir -CacheKey $key
                Invoke-EmulatorControl $emu -Method Delete -Path 'requests' | Out-Null
                $out = Invoke-FacebookGraphRequest "$PhoneId/messages" -Method POST -Body (New-TemplateMessage) -Name 'wa-*' -CachePath $dir -CacheKey $key -GraphBaseUri $emu.Uri -ErrorVariable failed -ErrorAction SilentlyContinue

                $out | Should -BeNullOrEmpty
                $failed[0].FullyQualifiedErrorId | Should -BeLike 'AmbiguousTokenName*'
                (Get-GraphRequests '*').Count | Should -Be 0
            }
            finally {
                Remove-Item -LiteralPath $dir -Recurse -Force -ErrorAction SilentlyContinue
            }
        }

        It 'sends free-form text inside the 24-hour window the customer opened' {
            Invoke-EmulatorControl $emu -Method Post -Path 'whatsapp/windows' -Body @{ to = '15550100002' } | Out-Null
            $text = @{ messaging_product = 'whatsapp'; to = '15550100002'; type = 'text'; text = @{ body = 'Your order shipped' } }
            $answer = Invoke-FacebookGraphRequest "$PhoneId/messages" -Method POST -Body $text @common

            $answer.messages[0].id | Should -Match '^wamid\.'
            (Get-SentMessages)[0].content | Should -Be 'Your order shipped'
        }

        It 'takes the body as JSON text too' {
            $json = (New-TemplateMessage) | ConvertTo-Json -Depth 5
            $answer = Invoke-FacebookGraphRequest "$PhoneId/messages" -Method POST -Body $json @common
            $answer.messages[0].id | Should -Match '^wamid\.'
        }
    }

    Context 'A POST is never sent twice' {
        It 'sends the message once when <Mode> follows the processing' -TestCases @(
            @{ Mode = 'error500AfterProcessing'; ErrorId = 'ServiceError' }
            @{ Mode = 'hangAfterProcessing'; ErrorId = 'RequestTimedOut' }
            @{ Mode = 'dropAfterProcessing'; ErrorId = 'ConnectionFailed' }
        ) {
            param($Mode, $ErrorId)
            Invoke-EmulatorControl $emu -Method Post -Path 'faults' -Body @{ mode = $Mode; count = -1; pathContains = '/messages' } | Out-Null
            $out = Invoke-FacebookGraphRequest "$PhoneId/messages" -Method POST -Body (New-TemplateMessage) -MaximumRetryCount 5 -TimeoutSec 3 @common -ErrorVariable failed -ErrorAction SilentlyContinue

            $out | Should -BeNullOrEmpty
            $failed.Count | Should -Be 1
            $failed[0].FullyQualifiedErrorId | Should -BeLike "$ErrorId*"
            $failed[0].Exception.Attempts | Should -Be 1
            (Get-SentMessages).Count | Should -Be 1 -Because 'the emulator recorded the message before the fault, so a retry would send it again'
            (Get-GraphRequests "/$PhoneId/messages").Count | Should -Be 1
        }

        It 'repeats a POST that WhatsApp rejected with its throughput limit (130429), and sends it once' {
            Invoke-EmulatorControl $emu -Method Post -Path 'faults' -Body @{ mode = 'throttle'; code = 130429; count = 1; pathContains = '/messages' } | Out-Null
            $answer = Invoke-FacebookGraphRequest "$PhoneId/messages" -Method POST -Body (New-TemplateMessage) @common

            $answer.messages[0].id | Should -Match '^wamid\.'
            (Get-GraphRequests "/$PhoneId/messages").Count | Should -Be 2
            (Get-SentMessages).Count | Should -Be 1
        }

        It 'does not repeat a POST at all with -MaximumRetryCount 0' {
            Invoke-EmulatorControl $emu -Method Post -Path 'faults' -Body @{ mode = 'throttle'; code = 130429; count = 1; pathContains = '/messages' } | Out-Null
            Invoke-FacebookGraphRequest "$PhoneId/messages" -Method POST -Body (New-TemplateMessage) -MaximumRetryCount 0 @common -ErrorVariable failed -ErrorAction SilentlyContinue

            $failed[0].FullyQualifiedErrorId | Should -BeLike 'RateLimited*'
            (Get-GraphRequests "/$PhoneId/messages").Count | Should -Be 1
            (Get-SentMessages).Count | Should -Be 0
        }
    }

    Context 'GET retries and paging' {
        It 'retries a GET through throttling (80004) and a transient 500' {
            Invoke-EmulatorControl $emu -Method Post -Path 'faults' -Body @{ mode = 'throttle'; code = 80004; count = 2; pathContains = 'message_templates' } | Out-Null
            $templates = Invoke-FacebookGraphRequest "$WabaId/message_templates" -MaximumRetryCount 3 @common

            $templates.data.name | Should -Contain 'hello_world'
            (Get-GraphRequests "/$WabaId/message_templates").Count | Should -Be 3
        }

        It 'ends at once, saying how long, when the named wait is longer than -TimeoutSec' {
            Invoke-EmulatorControl $emu -Method Post -Path 'faults' -Body @{ mode = 'throttle'; code = 80004; count = -1; regainAccessMinutes = 7; pathContains = 'message_templates' } | Out-Null
            Invoke-FacebookGraphRequest "$WabaId/message_templates" -TimeoutSec 30 @common -ErrorVariable failed -ErrorAction SilentlyContinue

            $failed[0].FullyQualifiedErrorId | Should -BeLike 'RateLimited*'
            $failed[0].Exception.Message | Should -Match '7 minutes'
            (Get-GraphRequests "/$WabaId/message_templates").Count | Should -Be 1
        }

        It '-All follows paging.next and writes every template in order, the token never in a URL' {
            Invoke-EmulatorControl $emu -Method Post -Path 'whatsapp/templates' -Body @{ count = 250; prefix = 'bulk' } | Out-Null
            $names = Invoke-FacebookGraphRequest "$WabaId/message_templates" -Query @{ fields = 'name', 'status'; limit = 100 } -All -Credential $emu.Credential @common | ForEach-Object name

            $expected = @('hello_world', 'order_update', 'order_update', 'spring_sale') + (1..250 | ForEach-Object { 'bulk_{0:D5}' -f $_ })
            $names.Count | Should -Be 254
            $names | Should -Be $expected
            $pages = Get-GraphRequests "/$WabaId/message_templates"
            $pages.Count | Should -Be 3
            foreach ($page in $pages) {
                $page.query.PSObject.Properties.Name | Should -Not -Contain 'access_token' -Because "Facebook's paging.next carries the token, which the cmdlet drops"
                $page.query.fields | Should -Be 'name,status'
                $page.query.PSObject.Properties.Name | Should -Contain 'appsecret_proof'
                $page.authorization | Should -Be "Bearer $token"
            }
        }

        It '-All pages forward only, though later pages also link back (paging.previous)' {
            $first = Invoke-FacebookGraphRequest "$WabaId/message_templates" -Query @{ fields = 'name'; limit = 1 } @common
            $second = Invoke-FacebookGraphRequest "$WabaId/message_templates" -Query @{ fields = 'name'; limit = 1; after = $first.paging.cursors.after } @common
            $names = Invoke-FacebookGraphRequest "$WabaId/message_templates" -Query @{ fields = 'name'; limit = 1 } -All @common | ForEach-Object name

            $first.paging.PSObject.Properties.Name | Should -Not -Contain 'previous'
            $second.data[0].name | Should -Be 'order_update'
            $second.paging.previous | Should -BeLike '*before=*'
            $names | Should -Be @('hello_world', 'order_update', 'order_update', 'spring_sale')
            $pages = Get-GraphRequests "/$WabaId/message_templates"
            $pages.Count | Should -Be 6 -Because 'two single pages, then the four pages of -All, each read once'
            $pages | Where-Object { $_.query.PSObject.Properties.Name -contains 'before' } | Should -BeNullOrEmpty
        }

        It 'writes the answer as a hashtable or JSON text, and the headers to -ResponseHeadersVariable' {
            $hash = Invoke-FacebookGraphRequest "$WabaId/message_templates" -OutputType HashTable @common
            $hash | Should -BeOfType [hashtable]
            $hash['data'][0]['name'] | Should -Be 'hello_world'

            $json = Invoke-FacebookGraphRequest "$WabaId/message_templates" -OutputType Json -ResponseHeadersVariable headers @common
            ($json | ConvertFrom-Json).data[0].name | Should -Be 'hello_world'
            $headers['X-Business-Use-Case-Usage'][0] | Should -Match '"call_count":2'
            $headers['X-App-Usage'] | Should -Not -BeNullOrEmpty
        }

        It 'shows the usage headers as percentages in Verbose' {
            $verbose = Invoke-FacebookGraphRequest "$WabaId/message_templates" @common -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
            ($verbose.Message -join "`n") | Should -Match "X-Business-Use-Case-Usage $WabaId whatsapp_business_management: call_count 1%"
            ($verbose.Message -join "`n") | Should -Match 'X-App-Usage call_count \d+%'
        }
    }

    Context 'appsecret_proof' {
        It 'sends a correct appsecret_proof and appsecret_time with app credentials' {
            Invoke-EmulatorControl $emu -Method Post -Path 'settings' -Body @{ requireAppSecretProof = $true } | Out-Null
            $me = Invoke-FacebookGraphRequest me -Credential $emu.Credential @common
            $me.id | Should -Not -BeNullOrEmpty

            $query = (Get-GraphRequests '/me')[0].query
            $hmac = [System.Security.Cryptography.HMACSHA256]::new([Text.Encoding]::UTF8.GetBytes($emu.AppSecretPlain))
            try {
                $expected = -join ($hmac.ComputeHash([Text.Encoding]::UTF8.GetBytes($token + '|' + $query.appsecret_time)) | ForEach-Object { $_.ToString('x2') })
            }
            finally {
                $hmac.Dispose()
            }
            $query.appsecret_proof | Should -Be $expected
        }

        It 'sends no proof without app credentials' {
            Invoke-FacebookGraphRequest me @common | Out-Null
            (Get-GraphRequests '/me')[0].query.PSObject.Properties.Name | Should -Not -Contain 'appsecret_proof'
        }
    }

    Context 'WhatsApp errors' {
        It 'reports <Code> with Facebook''s details and what to do' -TestCases @(
            @{ Code = 132001; Setup = {}; Body = { New-TemplateMessage -Name 'spring_sale' }; Details = 'spring_sale\) does not exist in en_US'; Advice = 'message_templates' }
            @{ Code = 133010; Setup = { Invoke-EmulatorControl $emu -Method Post -Path 'whatsapp/registration' -Body @{ registered = $false } | Out-Null }; Body = { New-TemplateMessage }; Details = $null; Advice = '/register' }
        ) {
            param($Code, $Setup, $Body, $Details, $Advice)
            & $Setup
            Invoke-FacebookGraphRequest "$PhoneId/messages" -Method POST -Body (& $Body) @common -ErrorVariable failed -ErrorAction SilentlyContinue

            $failed.Count | Should -Be 1
            $failed[0].Exception.Code | Should -Be $Code
            if ($Details) {
                $failed[0].Exception.Details | Should -Match $Details
                $failed[0].Exception.Message | Should -Match $Details
            }
            else {
                $failed[0].Exception.Details | Should -BeNullOrEmpty -Because 'Facebook sends 133010 without error_data'
            }
            $failed[0].ErrorDetails.RecommendedAction | Should -Match ([regex]::Escape($Advice))
            $failed[0].Exception.FbTraceId | Should -Not -BeNullOrEmpty
            (Get-SentMessages).Count | Should -Be 0
        }

        It 'accepts <Case> with a wamid and no error, as Facebook does (the failure comes later by webhook)' -ForEach @(
            @{ Case = 'a text outside the 24-hour window'; Body = { @{ messaging_product = 'whatsapp'; to = '15550100002'; type = 'text'; text = @{ body = 'hi' } } } }
            @{ Case = 'a template to an undeliverable number'; Body = { New-TemplateMessage -To '15550009999' } }
        ) {
            $answer = Invoke-FacebookGraphRequest "$PhoneId/messages" -Method POST -Body (& $Body) @common -ErrorVariable failed -ErrorAction SilentlyContinue

            $failed.Count | Should -Be 0
            $answer.messages[0].id | Should -Match '^wamid\.'
            (Get-SentMessages).Count | Should -Be 1
        }

        It 'reports 100/33 for a phone number the token does not reach, with the Test-FacebookToken call to check it' {
            Invoke-FacebookGraphRequest '106540352242923/messages' -Method POST -Body (New-TemplateMessage) @common -ErrorVariable failed -ErrorAction SilentlyContinue

            $failed[0].Exception.Code | Should -Be 100
            $failed[0].Exception.Subcode | Should -Be 33
            $failed[0].ErrorDetails.RecommendedAction | Should -Match 'Test-FacebookToken .*-PhoneNumberId 106540352242923'
        }

        It 'registers a number, after which messages go out' {
            Invoke-EmulatorControl $emu -Method Post -Path 'whatsapp/registration' -Body @{ registered = $false } | Out-Null
            (Invoke-FacebookGraphRequest "$PhoneId/register" -Method POST -Body @{ messaging_product = 'whatsapp'; pin = '123456' } @common).success | Should -BeTrue
            (Invoke-FacebookGraphRequest "$PhoneId/messages" -Method POST -Body (New-TemplateMessage) @common).messages[0].id | Should -Match '^wamid\.'
        }

        It 'subscribes the app to the account''s webhooks and lists it' {
            (Invoke-FacebookGraphRequest "$WabaId/subscribed_apps" -Method POST @common).success | Should -BeTrue
            (Invoke-FacebookGraphRequest "$WabaId/subscribed_apps" @common).data[0].whatsapp_business_api_data.id | Should -Be $emu.AppId
        }
    }

    Context 'Refused before anything is sent' {
        It 'refuses <Uri>' -TestCases @(
            @{ Uri = 'https://evil.example.com/v25.0/me'; ErrorId = 'InvalidGraphUri'; Base = $null }
            @{ Uri = 'http://graph.facebook.com/v25.0/me'; ErrorId = 'InvalidGraphUri'; Base = 'https://graph.facebook.com' }
            @{ Uri = 'https://graph.facebook.com.evil.example/v25.0/me'; ErrorId = 'InvalidGraphUri'; Base = 'https://graph.facebook.com' }
            @{ Uri = 'me/../../_emulator/reset'; ErrorId = 'InvalidGraphUri'; Base = $null }
            @{ Uri = 'me?access_token=EAAGstolen0123456789'; ErrorId = 'TokenInGraphUri'; Base = $null }
        ) {
            param($Uri, $ErrorId, $Base)
            Invoke-EmulatorControl $emu -Method Delete -Path 'requests' | Out-Null
            $base = if ($Base) { $Base } else { $emu.Uri }
            $out = Invoke-FacebookGraphRequest $Uri -AccessToken $token -GraphBaseUri $base -ErrorVariable failed -ErrorAction SilentlyContinue

            $out | Should -BeNullOrEmpty
            $failed[0].FullyQualifiedErrorId | Should -BeLike "$ErrorId*"
            $failed[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            (Get-GraphRequests '*').Count | Should -Be 0
        }

        It 'refuses -Body with GET and access_token in -Query' {
            Invoke-EmulatorControl $emu -Method Delete -Path 'requests' | Out-Null
            Invoke-FacebookGraphRequest me -Body @{ a = 1 } @common -ErrorVariable failed -ErrorAction SilentlyContinue
            Invoke-FacebookGraphRequest me -Query @{ access_token = 'x' } @common -ErrorVariable +failed -ErrorAction SilentlyContinue

            $failed[0].FullyQualifiedErrorId | Should -BeLike 'BodyWithGet*'
            $failed[1].FullyQualifiedErrorId | Should -BeLike 'TokenInQuery*'
            (Get-GraphRequests '*').Count | Should -Be 0
        }

        It 'takes an absolute URL on -GraphBaseUri with its own version' {
            $me = Invoke-FacebookGraphRequest "$($emu.Uri)/v24.0/me?fields=id" @common
            $me.id | Should -Not -BeNullOrEmpty
            (Get-GraphRequests '/me')[0].version | Should -Be 'v24.0'
        }
    }

    Context 'Completion' {
        It 'completes -Name with the cached token names' {
            $dir = Join-Path ([IO.Path]::GetTempPath()) ('fbt-gr-' + [guid]::NewGuid().ToString('N'))
            $saved = @{ Path = $env:FACEBOOK_TOKEN_CACHE_PATH; Key = $env:FACEBOOK_TOKEN_CACHE_KEY }
            try {
                $env:FACEBOOK_TOKEN_CACHE_PATH = $dir
                $env:FACEBOOK_TOKEN_CACHE_KEY = 'graph-request-completion-key-0123456789'
                Save-FacebookToken -Name wa-prod -AccessToken $token
                Save-FacebookToken -Name wa-test -AccessToken (New-EmulatorToken)
                Save-FacebookToken -Name other -AccessToken (New-EmulatorToken)
                $line = 'Invoke-FacebookGraphRequest me -Name wa-'
                (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @('wa-prod', 'wa-test')
            }
            finally {
                $env:FACEBOOK_TOKEN_CACHE_PATH = $saved.Path
                $env:FACEBOOK_TOKEN_CACHE_KEY = $saved.Key
                Remove-Item -LiteralPath $dir -Recurse -Force -ErrorAction SilentlyContinue
            }
        }
    }

    Context 'Secrets' {
        It 'leaves no token, secret or proof in a transcript, the streams or the errors' {
            $transcript = Join-Path ([IO.Path]::GetTempPath()) ('fbt-gr-' + [guid]::NewGuid().ToString('N') + '.txt')
            Invoke-EmulatorControl $emu -Method Post -Path 'whatsapp/templates' -Body @{ count = 30 } | Out-Null
            Start-Transcript -LiteralPath $transcript | Out-Null
            try {
                $streams = & {
                    Invoke-FacebookGraphRequest "$WabaId/message_templates" -Query @{ limit = 10 } -All -Credential $emu.Credential -ResponseHeadersVariable hdr -Verbose -Debug @common
                    Invoke-FacebookGraphRequest "$PhoneId/messages" -Method POST -Body (New-TemplateMessage -Name 'nope') -Credential $emu.Credential -Verbose -Debug @common -ErrorAction Continue
                    $hdr | Out-String
                } *>&1 | Out-String
                $streams | Out-Host
            }
            finally {
                Stop-Transcript | Out-Null
            }
            $text = (Get-Content -Raw -LiteralPath $transcript) + $streams + ($Error | Out-String) + ($Error | ForEach-Object { $_.Exception.Message; $_.ErrorDetails.Message }) -join "`n"
            Remove-Item -LiteralPath $transcript -Force

            $text | Should -Match 'message_templates' -Because 'the transcript recorded the calls'
            $text | Should -Match 'EAAG…' -Because 'Verbose shows the token masked'
            $text.Contains($token) | Should -BeFalse
            $text.Contains($token.Substring(0, 40)) | Should -BeFalse
            $text.Contains($emu.AppSecretPlain) | Should -BeFalse
            foreach ($request in (Get-GraphRequests '*')) {
                if ($request.query.appsecret_proof) { $text.Contains($request.query.appsecret_proof) | Should -BeFalse }
            }
        }
    }
}
