# The emulator as Meta's own client expects it: Meta's Business SDK for Node (facebook-nodejs-business-sdk, pinned
# in tests/metasdk/package-lock.json), its hard-coded Graph host overridden at run time, drives the emulator process
# through the WhatsApp calls: template sends, read receipts, the two-step PIN and registration, phone numbers, WABA
# reads, owned WABAs, subscribed apps, templates by name, cursor paging forward and backward (the SDK's Cursor follows
# paging.next and paging.previous as they are) and by explicit after/before, debug_token with an app token, and
# unknown fields. tests/metasdk/business-sdk.mjs makes the calls and reports what the SDK gave; this file asserts.
# Meta's WhatsApp Node SDK (npm `whatsapp` 0.0.5-Alpha, same lock) sends a template and a text, marks a message read
# and sets the two-step PIN through a local TLS shim (tests/metasdk/whatsapp-sdk.mjs), since it speaks only https.
# Neither SDK sends the webhook verification handshake: the WhatsApp SDK only answers one (and its webhook POST
# handler cannot read a body in 0.0.5-Alpha), so the emulator's webhooks are not driven through it.
#
# Needs node and tests/metasdk/node_modules (npm ci --prefix tests/metasdk); build.ps1 -Task Test installs them when
# it can. Without them the suite is skipped with a warning, or fails under CI=true.

BeforeDiscovery {
    $sdkDir = Join-Path $PSScriptRoot 'metasdk'
    $missing = [System.Collections.Generic.List[string]]::new()
    if (-not (Get-Command -Name node -CommandType Application -ErrorAction Ignore)) {
        $missing.Add('node on PATH (Node.js 20 or later)')
    }
    foreach ($package in 'facebook-nodejs-business-sdk', 'whatsapp') {
        if (-not (Test-Path -LiteralPath (Join-Path $sdkDir "node_modules/$package/package.json"))) {
            $missing.Add("$package in '$(Join-Path $sdkDir 'node_modules')' (npm ci --prefix tests/metasdk)")
        }
    }

    $skipSdkSuite = $missing.Count -gt 0 -and $env:CI -ne 'true'
    if ($skipSdkSuite) {
        Write-Warning (@(
                '=================================================================================='
                'SKIPPED: MetaBusinessSdk.Tests.ps1 (Meta''s Business SDK against the emulator) did not run. Missing:'
                $missing | ForEach-Object { "  - $_" }
                'Run ./build.ps1 -Task Test to install them, or install them by hand.'
                '=================================================================================='
            ) -join [Environment]::NewLine)
    }
    $suiteData = @{ MissingPrerequisites = [string[]]$missing }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:driver = Join-Path $PSScriptRoot 'metasdk/business-sdk.mjs'
    $script:WabaId = '102290129340398'
    $script:PhoneId = '106540352242922'
    $script:BusinessId = '1980000000000001'

    function Invoke-NodeDriver {
        <#
        .SYNOPSIS
        Runs a tests/metasdk driver with -Environment set for it only, and returns its one JSON object from stdout.
        #>
        param(
            [Parameter(Mandatory)][string]$Path,
            [Parameter(Mandatory)][hashtable]$Environment
        )

        $stderr = Join-Path $TestDrive "$([IO.Path]::GetFileNameWithoutExtension($Path))-stderr.txt"
        $stdout = Invoke-WithEnvironment $Environment { & node $Path 2> $stderr }
        if ($LASTEXITCODE -ne 0) {
            throw "$Path exited with ${LASTEXITCODE}. Its stderr: $(Get-Content -Raw -LiteralPath $stderr)"
        }
        ($stdout -join "`n") | ConvertFrom-Json
    }

    function Start-SdkEmulator {
        <#
        .SYNOPSIS
        The start both SDK suites share: an emulator, a long-lived user token with -Scope, and a message from customer
        -Customer that opens the number's 24-hour window with them. Returns {Emulator, Token, CustomerWamid}.
        Throws when a prerequisite is missing: only reached under CI=true, elsewhere the suites are skipped.
        #>
        param(
            [AllowEmptyCollection()][string[]]$MissingPrerequisites,
            [Parameter(Mandatory)][string[]]$Scope,
            [Parameter(Mandatory)][string]$Customer
        )

        if ($MissingPrerequisites.Count -gt 0) {
            throw "CI=true and the Meta SDK suites cannot run. Missing: $($MissingPrerequisites -join '; ')"
        }
        $emulator = Start-FacebookEmulator
        try {
            $token = (Invoke-EmulatorControl $emulator -Method Post -Path 'tokens' -Body @{ kind = 'long'; scopes = $Scope }).access_token
            # The control API answers with the customer message's wamid.
            $window = Invoke-EmulatorControl $emulator -Method Post -Path 'whatsapp/windows' -Body @{ to = $Customer }
        }
        catch {
            Stop-FacebookEmulator $emulator
            throw
        }
        [pscustomobject]@{ Emulator = $emulator; Token = $token; CustomerWamid = "$($window.messageId)" }
    }
}

Describe 'Meta''s Business SDK for Node against the emulator' -Tag 'MetaSdk' -Skip:$skipSdkSuite -ForEach @($suiteData) {
    BeforeAll {
        $script:setup = Start-SdkEmulator -MissingPrerequisites $MissingPrerequisites -Customer '15550100002' `
            -Scope whatsapp_business_management, whatsapp_business_messaging, business_management
        $script:emu = $setup.Emulator

        $script:sdk = Invoke-NodeDriver -Path $driver -Environment @{
            FBT_GRAPH          = $emu.Uri
            FBT_USER_TOKEN     = $setup.Token
            FBT_APP_TOKEN      = "$($emu.AppId)|$($emu.AppSecretPlain)"
            FBT_WABA           = $WabaId
            FBT_PHONE          = $PhoneId
            FBT_BUSINESS       = $BusinessId
            FBT_CUSTOMER_WAMID = $setup.CustomerWamid
        }
        $script:requests = Invoke-EmulatorControl $emu -Method Get -Path 'requests'
    }

    AfterAll {
        Stop-FacebookEmulator $script:emu
    }

    It 'is the pinned SDK, its Graph host pointed at the emulator' {
        $sdk.graph | Should -Be $emu.Uri
        $sdk.apiVersion | Should -Be 'v24.0'
        $pinned = Get-Content -Raw -LiteralPath (Join-Path $PSScriptRoot 'metasdk/node_modules/facebook-nodejs-business-sdk/package.json') | ConvertFrom-Json
        $pinned.version | Should -Be '24.0.1'
        # Every call reached the emulator, on the version the SDK names.
        @($requests | Where-Object path -Like '/v24.0/*').Count | Should -BeGreaterThan 20
    }

    It 'sends a template message' {
        $sdk.templateSend.ok | Should -BeTrue -Because ($sdk.templateSend.error | ConvertTo-Json -Compress)
        $sdk.templateSend.value.messaging_product | Should -Be 'whatsapp'
        $sdk.templateSend.value.messages[0].id | Should -Match '^wamid\.'
        $sdk.templateSend.value.contacts[0].wa_id | Should -Be '15550100001'
    }

    It 'marks a message read: success true for a wamid the number knows, code 100 for another' {
        # Meta's OpenAPI file, "Send typing indicator and read receipt" (business-messaging-api_v23.0.yaml 13556-13562).
        $sdk.markRead.ok | Should -BeTrue -Because ($sdk.markRead.error | ConvertTo-Json -Compress)
        $sdk.markRead.value.success | Should -BeTrue
        $sdk.markReadSent.value.success | Should -BeTrue
        $sdk.markReadUnknown.ok | Should -BeFalse
        $sdk.markReadUnknown.error.status | Should -Be 400
        $sdk.markReadUnknown.error.code | Should -Be 100
        $log = Invoke-EmulatorControl $emu -Method Get -Path 'log'
        @($log.reads.messageId) | Should -Contain $setup.CustomerWamid
    }

    It 'sets the two-step PIN with POST /{phone-number-id}, which register then checks' {
        # Meta's OpenAPI file, updatePhoneNumberStatus (business-messaging-api_v23.0.yaml 15885).
        $sdk.twoStepPin.ok | Should -BeTrue -Because ($sdk.twoStepPin.error | ConvertTo-Json -Compress)
        $sdk.twoStepPin.value.success | Should -BeTrue
        $sdk.registerWrongPin.ok | Should -BeFalse
        $sdk.registerWrongPin.error.code | Should -Be 133005
        $sdk.register.value.success | Should -BeTrue
    }

    It 'reads the phone number, the WABA, its phone numbers, the business''s owned WABAs and /me' {
        $sdk.phoneNumber.value.display_phone_number | Should -Be '+1 555-010-0001'
        $sdk.phoneNumber.value.quality_rating | Should -Be 'GREEN'
        $sdk.waba.ok | Should -BeTrue -Because ($sdk.waba.error | ConvertTo-Json -Compress)
        $sdk.waba.value.id | Should -Be $WabaId
        $sdk.waba.value.name | Should -Not -BeNullOrEmpty
        $sdk.waba.value.message_template_namespace | Should -Not -BeNullOrEmpty
        @($sdk.phoneNumbers.value.id) | Should -Be @($PhoneId)
        $sdk.phoneNumbers.value[0].verified_name | Should -Not -BeNullOrEmpty
        @($sdk.ownedWabas.value.id) | Should -Contain $WabaId
        $sdk.me.value.id | Should -Not -BeNullOrEmpty
        $sdk.me.value.name | Should -Not -BeNullOrEmpty
    }

    It 'subscribes the app to the WABA, lists it, and unsubscribes it' {
        $sdk.subscribe.value.success | Should -BeTrue
        @($sdk.subscribedApps.value.whatsapp_business_api_data.id) | Should -Be @($emu.AppId)
        $sdk.unsubscribe.value.success | Should -BeTrue
        @($sdk.subscribedAppsAfter.value).Count | Should -Be 0
    }

    It 'lists templates by name' {
        # Meta's OpenAPI file, getTemplateByNameDefaultFields (business-messaging-api_v23.0.yaml 28230-28248).
        $sdk.templatesByName.ok | Should -BeTrue -Because ($sdk.templatesByName.error | ConvertTo-Json -Compress)
        @($sdk.templatesByName.value | ForEach-Object { "$($_.name)/$($_.language)" }) | Should -Be @('order_update/en_US', 'order_update/es')
    }

    It 'pages forward and backward with the SDK''s Cursor (paging.next and paging.previous as Graph writes them)' {
        $sdk.cursor.ok | Should -BeTrue -Because ($sdk.cursor.error | ConvertTo-Json -Compress)
        $all = @('hello_world', 'order_update', 'order_update', 'spring_sale')
        $sdk.cursor.value.forward | Should -Be $all
        $sdk.cursor.value.firstHadPrevious | Should -BeFalse
        $sdk.cursor.value.lastHadNext | Should -BeFalse
        $sdk.cursor.value.backward | Should -Be @('spring_sale', 'order_update', 'order_update', 'hello_world')
    }

    It 'pages by explicit after and before cursors' {
        $sdk.explicitAfter.value.names | Should -Be @('order_update', 'order_update')
        $sdk.explicitAfter.value.hasPrevious | Should -BeTrue
        $sdk.explicitAfter.value.hasNext | Should -BeTrue
        $sdk.explicitBefore.value.names | Should -Be @('order_update', 'order_update')
        $sdk.explicitBefore.value.hasPrevious | Should -BeTrue
        $sdk.explicitBefore.value.hasNext | Should -BeTrue
    }

    It 'inspects a user token with debug_token and an app token, and the SDK''s getAppID' {
        $sdk.debugToken.ok | Should -BeTrue -Because ($sdk.debugToken.error | ConvertTo-Json -Compress)
        $sdk.debugToken.value.is_valid | Should -BeTrue
        "$($sdk.debugToken.value.app_id)" | Should -Be $emu.AppId
        $sdk.debugToken.value.type | Should -Be 'USER'
        $sdk.debugToken.value.scopes | Should -Contain 'whatsapp_business_messaging'
        $sdk.appId.ok | Should -BeTrue -Because ($sdk.appId.error | ConvertTo-Json -Compress)
        "$($sdk.appId.value.data.app_id)" | Should -Be $emu.AppId
    }

    It 'is refused a field the node does not have, naming the field and the node type' {
        $sdk.unknownFieldMe.error.message | Should -Be '(#100) Tried accessing nonexisting field (no_such_field) on node type (User)'
        $sdk.unknownFieldWaba.error.message | Should -Be '(#100) Tried accessing nonexisting field (no_such_field) on node type (WhatsAppBusinessAccount)'
        $sdk.unknownFieldTemplates.error.message | Should -Be '(#100) Tried accessing nonexisting field (no_such_field) on node type (WhatsAppBusinessHSM)'
        foreach ($name in 'unknownFieldMe', 'unknownFieldWaba', 'unknownFieldTemplates') {
            $sdk.$name.error.status | Should -Be 400
            $sdk.$name.error.code | Should -Be 100
        }
    }
}

Describe 'Meta''s WhatsApp Node SDK against the emulator, through a local TLS shim' -Tag 'MetaSdk' -Skip:$skipSdkSuite -ForEach @($suiteData) {
    BeforeAll {
        $script:setup = Start-SdkEmulator -MissingPrerequisites $MissingPrerequisites -Customer '15550100003' `
            -Scope whatsapp_business_management, whatsapp_business_messaging
        $script:emu = $setup.Emulator
        $script:token = $setup.Token

        # The SDK speaks only https: a throw-away certificate for 127.0.0.1 for the shim, trusted by this node run only.
        $rsa = [System.Security.Cryptography.RSA]::Create(2048)
        $request = [System.Security.Cryptography.X509Certificates.CertificateRequest]::new(
            'CN=127.0.0.1', $rsa, [System.Security.Cryptography.HashAlgorithmName]::SHA256, [System.Security.Cryptography.RSASignaturePadding]::Pkcs1)
        $san = [System.Security.Cryptography.X509Certificates.SubjectAlternativeNameBuilder]::new()
        $san.AddIpAddress([System.Net.IPAddress]::Loopback)
        $request.CertificateExtensions.Add($san.Build())
        $certificate = $request.CreateSelfSigned([DateTimeOffset]::UtcNow.AddMinutes(-5), [DateTimeOffset]::UtcNow.AddHours(1))
        $certPath = Join-Path $TestDrive 'shim-cert.pem'
        $keyPath = Join-Path $TestDrive 'shim-key.pem'
        Set-Content -LiteralPath $certPath -Value $certificate.ExportCertificatePem()
        Set-Content -LiteralPath $keyPath -Value $rsa.ExportPkcs8PrivateKeyPem()

        $script:wa = Invoke-NodeDriver -Path (Join-Path $PSScriptRoot 'metasdk/whatsapp-sdk.mjs') -Environment @{
            NODE_EXTRA_CA_CERTS        = $certPath
            # Not production, the SDK imports dotenv, which it does not depend on.
            NODE_ENV                   = 'production'
            WA_BASE_URL                = '127.0.0.1'
            CLOUD_API_VERSION          = 'v25.0'
            CLOUD_API_ACCESS_TOKEN     = $token
            WA_PHONE_NUMBER_ID         = $PhoneId
            WA_BUSINESS_ACCOUNT_ID     = $WabaId
            M4D_APP_ID                 = $emu.AppId
            M4D_APP_SECRET             = $emu.AppSecretPlain
            WEBHOOK_ENDPOINT           = 'webhook'
            WEBHOOK_VERIFICATION_TOKEN = 'unused'
            LISTENER_PORT              = '0'
            FBT_EMULATOR_PORT          = $emu.BaseUri.Port
            FBT_TLS_KEY                = $keyPath
            FBT_TLS_CERT               = $certPath
            FBT_CUSTOMER               = '15550100003'
            FBT_CUSTOMER_WAMID         = $setup.CustomerWamid
        }
    }

    AfterAll {
        Stop-FacebookEmulator $script:emu
    }

    It 'sends a template and, inside the customer''s window, a text' {
        $wa.template.status | Should -Be 200 -Because ($wa.template | ConvertTo-Json -Compress -Depth 5)
        $wa.template.body.messages[0].id | Should -Match '^wamid\.'
        $wa.text.status | Should -Be 200 -Because ($wa.text | ConvertTo-Json -Compress -Depth 5)
        $wa.text.body.contacts[0].wa_id | Should -Be '15550100003'
        $sent = @(Invoke-EmulatorControl $emu -Method Get -Path 'whatsapp/messages')
        @($sent.to) | Should -Be @('15550100001', '15550100003')
    }

    It 'marks the customer''s message read (messages.status), and is refused an unknown wamid' {
        $wa.markRead.status | Should -Be 200 -Because ($wa.markRead | ConvertTo-Json -Compress -Depth 5)
        $wa.markRead.body.success | Should -BeTrue
        $wa.markReadUnknown.status | Should -Be 400
        $wa.markReadUnknown.body.error.code | Should -Be 100
    }

    It 'sets the two-step verification PIN (twoStepVerification.setPin: POST /{phone-number-id}/)' {
        $wa.setPin.status | Should -Be 200 -Because ($wa.setPin | ConvertTo-Json -Compress -Depth 5)
        $wa.setPin.body.success | Should -BeTrue
        # The PIN is now the number's: registering with another is refused.
        $refused = Invoke-RestMethod -Method Post -Uri "$($emu.Uri)/v25.0/$PhoneId/register" -NoProxy -Authentication Bearer `
            -Token (ConvertTo-SecureString $token -AsPlainText -Force) -AllowUnencryptedAuthentication -ContentType application/json `
            -Body '{"messaging_product":"whatsapp","pin":"000000"}' -SkipHttpErrorCheck -StatusCodeVariable status
        $status | Should -Be 400
        $refused.error.code | Should -Be 133005
    }
}
