# ConvertFrom-FacebookWebhook against the emulator's real webhook POSTs, received by a real HTTP listener on loopback:
# a send Facebook accepts and fails later (131047 outside the 24-hour window, 131026 undeliverable), sent, delivered and
# read statuses, a customer's inbound message, retries when the receiver fails, every bad signature refused with no
# object, and the subscription handshake.

BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:receiver = Start-WebhookReceiver
    $script:emu = Start-FacebookEmulator -WebhookUri $receiver.Uri
    $script:PhoneId = '106540352242922'
    $script:WabaId = '102290129340398'

    function Send-WhatsApp([hashtable]$Body) {
        $token = (Invoke-EmulatorControl $emu -Method Post -Path 'tokens' -Body @{ kind = 'long' }).access_token
        Invoke-FacebookGraphRequest "$PhoneId/messages" -Method POST -Body $Body -GraphBaseUri $emu.Uri -AccessToken $token -ErrorAction Stop
    }

    function New-TextMessage([string]$To = '15550100002') {
        @{ messaging_product = 'whatsapp'; to = $To; type = 'text'; text = @{ body = 'Your order shipped' } }
    }

    function New-TemplateMessage([string]$To = '15550100002') {
        @{ messaging_product = 'whatsapp'; to = $To; type = 'template'; template = @{ name = 'hello_world'; language = @{ code = 'en_US' } } }
    }

    # The next webhook whose body names $Id, answering the ones before it 200 (left over from an earlier test).
    function Receive-WebhookFor([string]$Id, [int]$StatusCode = 200) {
        for ($i = 0; $i -lt 20; $i++) {
            $hook = Receive-Webhook $receiver -StatusCode $(if ($Id) { 200 } else { $StatusCode })
            if (-not $Id -or $hook.Text.Contains($Id)) { return $hook }
        }
        throw "No webhook about $Id arrived."
    }

    function Read-Webhook([object]$Hook) {
        ConvertFrom-FacebookWebhook -Body $Hook.Bytes -Signature $Hook.Signature -AppSecret $emu.AppSecret
    }
}

AfterAll {
    Stop-FacebookEmulator $emu
    if ($receiver) { $receiver.Listener.Close() }
}

Describe 'ConvertFrom-FacebookWebhook with the emulator''s webhooks' {
    BeforeEach {
        Invoke-EmulatorControl $emu -Method Post -Path 'reset' | Out-Null
    }

    It 'a text outside the 24-hour window is accepted with a wamid, and its 131047 arrives signed by webhook as a failed status' {
        $answer = Send-WhatsApp (New-TextMessage)
        $wamid = $answer.messages[0].id
        $wamid | Should -Match '^wamid\.' -Because 'Facebook accepts the send (HTTP 200) and reports the failure later'

        $hook = Receive-WebhookFor $wamid
        $hook.Method | Should -Be 'POST'
        $hook.ContentType | Should -Match 'application/json'
        $hook.Signature | Should -Match '^sha256=[0-9a-f]{64}$'
        $status = Read-Webhook $hook

        @($status).Count | Should -Be 1
        $status | Should -BeOfType FacebookToken.FacebookWhatsAppStatus
        $status.PSObject.TypeNames[0] | Should -Be 'FacebookToken.FacebookWhatsAppStatus'
        $status.MessageId | Should -Be $wamid
        $status.Status | Should -Be 'failed'
        $status.RecipientId | Should -Be '15550100002'
        $status.PhoneNumberId | Should -Be $PhoneId
        $status.Timestamp | Should -BeOfType [DateTimeOffset]
        $status.Errors.Count | Should -Be 1
        $status.Errors[0].Code | Should -Be 131047
        $status.Errors[0].Title | Should -Be 'Re-engagement message'
        $status.Errors[0].Details | Should -Match '24 hours'
        $status.Errors[0].RecommendedAction | Should -Match 'template'
        (Invoke-EmulatorControl $emu -Method Get -Path 'log').messages[0].status | Should -Be 'failed'
    }

    It 'a send to an undeliverable number fails later with 131026 and its advice' {
        $wamid = (Send-WhatsApp (New-TemplateMessage -To '15550009999')).messages[0].id
        $status = Read-Webhook (Receive-WebhookFor $wamid)

        $status.Status | Should -Be 'failed'
        $status.Errors[0].Code | Should -Be 131026
        $status.Errors[0].Details | Should -Be 'Message Undeliverable.'
        $status.Errors[0].RecommendedAction | Should -Match 'could not deliver'
    }

    It 'a template send reports sent, then delivered, then read when the customer reads it' {
        $wamid = (Send-WhatsApp (New-TemplateMessage)).messages[0].id
        $sent = Read-Webhook (Receive-WebhookFor $wamid)
        $delivered = Read-Webhook (Receive-WebhookFor $wamid)
        Invoke-EmulatorControl $emu -Method Post -Path 'whatsapp/read' -Body @{ messageId = $wamid } | Out-Null
        $read = Read-Webhook (Receive-WebhookFor $wamid)

        @($sent.Status, $delivered.Status, $read.Status) | Should -Be @('sent', 'delivered', 'read')
        $sent.Errors.Count | Should -Be 0
        $sent.PricingCategory | Should -Be 'utility'
        $sent.WhatsAppBusinessAccountId | Should -Be $WabaId
    }

    It 'a customer''s message arrives as a FacebookWhatsAppMessage and opens the window for a free-form reply' {
        $inbound = Invoke-EmulatorControl $emu -Method Post -Path 'whatsapp/inbound' -Body @{ from = '15550100002'; name = 'Sheena Nelson'; text = 'Where is my order?' }
        $message = Read-Webhook (Receive-WebhookFor $inbound.id)

        $message | Should -BeOfType FacebookToken.FacebookWhatsAppMessage
        $message.MessageId | Should -Be $inbound.id
        $message.From | Should -Be '15550100002'
        $message.ContactName | Should -Be 'Sheena Nelson'
        $message.Type | Should -Be 'text'
        $message.Text | Should -Be 'Where is my order?'
        $message.PhoneNumberId | Should -Be $PhoneId
        $message.Timestamp | Should -BeOfType [DateTimeOffset]

        $wamid = (Send-WhatsApp (New-TextMessage)).messages[0].id
        (Read-Webhook (Receive-WebhookFor $wamid)).Status | Should -Be 'sent' -Because 'the customer wrote less than 24 hours ago'
    }

    It 'takes the body as text as well as bytes, and the secret from -Credential' {
        $wamid = (Send-WhatsApp (New-TextMessage)).messages[0].id
        $hook = Receive-WebhookFor $wamid

        (ConvertFrom-FacebookWebhook -Body $hook.Text -Signature $hook.Signature -Credential $emu.Credential).Errors[0].Code | Should -Be 131047
        ($hook.Text | ConvertFrom-FacebookWebhook -Signature $hook.Signature -AppId $emu.AppId -AppSecret $emu.AppSecret).MessageId | Should -Be $wamid
    }

    It 'retries a webhook the receiver failed, and Get-FacebookEmulatorLog lists the deliveries' {
        $wamid = (Send-WhatsApp (New-TemplateMessage)).messages[0].id
        $first = Receive-WebhookFor $wamid
        # Answered 200 above; the delivered status comes next: fail it once.
        $failed = Receive-Webhook $receiver -StatusCode 500
        $retried = Receive-Webhook $receiver

        $retried.Text | Should -BeExactly $failed.Text -Because 'a retry carries the same body'
        $retried.Signature | Should -BeExactly $failed.Signature
        (Read-Webhook $retried).Status | Should -Be 'delivered'
        (Read-Webhook $first).Status | Should -Be 'sent'

        $log = Get-FacebookEmulatorLog -Emulator $emu
        $delivered = @($log.Webhooks | Where-Object { $_.MessageId -eq $wamid -and $_.Status -eq 'delivered' })
        $delivered.Count | Should -Be 1
        $delivered[0].Attempts | Should -Be 2
        $delivered[0].Delivered | Should -BeTrue
        $delivered[0].LastStatusCode | Should -Be 200
        $delivered[0].Body | Should -BeExactly $retried.Text
        $delivered[0].PSObject.TypeNames[0] | Should -Be 'FacebookToken.Emulator.FacebookEmulatorWebhook'
    }
}

Describe 'ConvertFrom-FacebookWebhook refuses what Facebook did not sign' {
    BeforeAll {
        Invoke-EmulatorControl $emu -Method Post -Path 'reset' | Out-Null
        $wamid = (Send-WhatsApp (New-TextMessage)).messages[0].id
        $script:hook = Receive-WebhookFor $wamid
        $script:hex = $hook.Signature.Substring(7)
    }

    It 'refuses <Case> with InvalidWebhookSignature and writes no object' -ForEach @(
        @{ Case = 'a missing signature'; Signature = { $null }; Body = { $hook.Bytes } }
        @{ Case = 'an empty signature'; Signature = { '' }; Body = { $hook.Bytes } }
        @{ Case = 'an sha1= signature'; Signature = { 'sha1=' + $hex.Substring(0, 40) }; Body = { $hook.Bytes } }
        @{ Case = 'a signature without sha256='; Signature = { $hex }; Body = { $hook.Bytes } }
        @{ Case = 'a malformed signature'; Signature = { 'sha256=' + ('zz' * 32) }; Body = { $hook.Bytes } }
        @{ Case = 'a cut signature'; Signature = { 'sha256=' + $hex.Substring(0, 63) }; Body = { $hook.Bytes } }
        @{ Case = 'a wrong signature'; Signature = { 'sha256=' + $(if ($hex[0] -eq 'a') { 'b' } else { 'a' }) + $hex.Substring(1) }; Body = { $hook.Bytes } }
        @{ Case = 'a body changed by one character'; Signature = { $hook.Signature }; Body = { $hook.Text.Replace('failed', 'falled') } }
        @{ Case = 'a re-serialized body'; Signature = { $hook.Signature }; Body = { $hook.Text | ConvertFrom-Json | ConvertTo-Json -Depth 20 } }
    ) {
        $output = ConvertFrom-FacebookWebhook -Body (& $Body) -Signature (& $Signature) -AppSecret $emu.AppSecret -ErrorVariable refused -ErrorAction SilentlyContinue

        $output | Should -BeNullOrEmpty
        $refused.Count | Should -Be 1
        $refused[0].FullyQualifiedErrorId | Should -BeLike 'InvalidWebhookSignature,*'
        $refused[0].ToString() | Should -Not -Match ([regex]::Escape($emu.AppSecretPlain))
    }

    It 'refuses the right signature checked with another app''s secret' {
        $other = ConvertTo-SecureString 'another-apps-secret-0123456789abcdef' -AsPlainText -Force
        $output = ConvertFrom-FacebookWebhook -Body $hook.Bytes -Signature $hook.Signature -AppSecret $other -ErrorVariable refused -ErrorAction SilentlyContinue

        $output | Should -BeNullOrEmpty
        $refused[0].FullyQualifiedErrorId | Should -BeLike 'InvalidWebhookSignature,*'
    }

    It 'keeps a change it has no type for as a plain object' {
        $body = '{"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"field":"message_template_status_update","value":{"event":"APPROVED","message_template_id":1500000000000001,"message_template_name":"hello_world"}}]}]}'
        $hmac = [System.Security.Cryptography.HMACSHA256]::new([System.Text.Encoding]::UTF8.GetBytes($emu.AppSecretPlain))
        $signature = 'sha256=' + [Convert]::ToHexString($hmac.ComputeHash([System.Text.Encoding]::UTF8.GetBytes($body))).ToLowerInvariant()

        $change = ConvertFrom-FacebookWebhook -Body $body -Signature $signature -AppSecret $emu.AppSecret

        $change | Should -BeOfType [pscustomobject]
        $change.Field | Should -Be 'message_template_status_update'
        $change.EntryId | Should -Be '102290129340398'
        $change.Value.event | Should -Be 'APPROVED'
    }
}

Describe 'ConvertFrom-FacebookWebhook answers the subscription handshake' {
    It 'returns hub.challenge when hub.verify_token is yours (<Form>)' -ForEach @(
        @{ Form = 'a hashtable'; Query = @{ 'hub.mode' = 'subscribe'; 'hub.verify_token' = 'my-verify-token'; 'hub.challenge' = '1158201444' } }
        @{ Form = 'a query string'; Query = '?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=my-verify-token' }
        @{ Form = 'a URL'; Query = [uri]'https://example.org/api/webhook?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=my-verify-token' }
    ) {
        ConvertFrom-FacebookWebhook -Query $Query -VerifyToken 'my-verify-token' | Should -BeExactly '1158201444'
    }

    It 'refuses <Case> with WebhookVerifyTokenMismatch and returns no challenge' -ForEach @(
        @{ Case = 'another token'; Token = 'not-my-token' }
        @{ Case = 'a longer token'; Token = 'my-verify-token2' }
        @{ Case = 'no token'; Token = $null }
    ) {
        $query = @{ 'hub.mode' = 'subscribe'; 'hub.challenge' = '1158201444' }
        if ($Token) { $query['hub.verify_token'] = $Token }

        $output = ConvertFrom-FacebookWebhook -Query $query -VerifyToken 'my-verify-token' -ErrorVariable refused -ErrorAction SilentlyContinue

        $output | Should -BeNullOrEmpty
        $refused.Count | Should -Be 1
        $refused[0].FullyQualifiedErrorId | Should -BeLike 'WebhookVerifyTokenMismatch,*'
        $refused[0].ToString() | Should -Not -Match 'my-verify-token'
    }

    It 'refuses a query that is not a subscription check' {
        $output = ConvertFrom-FacebookWebhook -Query @{ 'hub.mode' = 'unsubscribe'; 'hub.verify_token' = 'my-verify-token' } -VerifyToken 'my-verify-token' -ErrorVariable refused -ErrorAction SilentlyContinue

        $output | Should -BeNullOrEmpty
        $refused[0].FullyQualifiedErrorId | Should -BeLike 'InvalidWebhookQuery,*'
    }
}
