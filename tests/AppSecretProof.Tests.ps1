# Get-FacebookAppSecretProof and Require App Secret: the proof against an independent HMAC, what it takes, how the
# emulator (Require App Secret per app) treats it, the advice when the module has no secret, and no secret shown.

BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:emu = Start-FacebookEmulator

    function New-EmulatorToken {
        param([string]$Kind = 'long')
        (Invoke-EmulatorControl $emu -Method Post -Path 'tokens' -Body @{ kind = $Kind }).access_token
    }

    function Get-IndependentProof {
        # HMAC-SHA256 keyed by the secret over "token|time", lower-case hex: written here, not taken from the module.
        param([string]$Token, [string]$Secret, [long]$Time)
        $hmac = [System.Security.Cryptography.HMACSHA256]::new([Text.Encoding]::UTF8.GetBytes($Secret))
        try {
            -join ($hmac.ComputeHash([Text.Encoding]::UTF8.GetBytes("$Token|$Time")) | ForEach-Object { $_.ToString('x2') })
        }
        finally {
            $hmac.Dispose()
        }
    }

    function Invoke-Me {
        # GET /me with the token as bearer and an optional query; returns {Status, Body}.
        param([string]$Token, [string]$Query)
        $uri = "$($emu.Uri)/v25.0/me" + $(if ($Query) { "?$Query" })
        $response = Invoke-WebRequest -Uri $uri -Headers @{ Authorization = "Bearer $Token" } -SkipHttpErrorCheck -NoProxy
        [pscustomobject]@{ Status = [int]$response.StatusCode; Body = $response.Content | ConvertFrom-Json }
    }
}

AfterAll {
    Stop-FacebookEmulator $script:emu
}

Describe 'Get-FacebookAppSecretProof' {
    BeforeEach {
        Invoke-EmulatorControl $emu -Method Post -Path 'reset' | Out-Null
    }

    It 'makes HMAC-SHA256(app secret, "token|Time") in hex, with Query, Parameters and a 5-minute ExpiresOn to match' {
        $token = New-EmulatorToken
        $before = [DateTimeOffset]::UtcNow.ToUnixTimeSeconds()

        $proof = $token | Get-FacebookAppSecretProof -AppSecret $emu.AppSecret

        $proof | Should -BeOfType ([FacebookToken.FacebookAppSecretProof])
        $proof.Time | Should -BeGreaterOrEqual $before
        $proof.Time | Should -BeLessOrEqual ([DateTimeOffset]::UtcNow.ToUnixTimeSeconds())
        $proof.Proof | Should -BeExactly (Get-IndependentProof -Token $token -Secret $emu.AppSecretPlain -Time $proof.Time)
        $proof.Proof | Should -Match '^[0-9a-f]{64}$'
        $proof.Query | Should -BeExactly "appsecret_proof=$($proof.Proof)&appsecret_time=$($proof.Time)"
        $proof.Parameters['appsecret_proof'] | Should -BeExactly $proof.Proof
        $proof.Parameters['appsecret_time'] | Should -BeExactly "$($proof.Time)"
        $proof.ExpiresOn | Should -Be ([DateTimeOffset]::FromUnixTimeSeconds($proof.Time).AddMinutes(5))
    }

    It 'takes the token as a SecureString, as text or as a piped FacebookAccessToken, and the secret by -Credential' {
        $token = New-EmulatorToken
        $secure = ConvertTo-SecureString $token -AsPlainText -Force
        $object = [FacebookToken.FacebookAccessToken]::new($secure, 'LongLivedUser', $emu.AppId)

        $fromSecure = Get-FacebookAppSecretProof -AccessToken $secure -Credential $emu.Credential
        $fromObject = $object | Get-FacebookAppSecretProof -Credential $emu.Credential

        $fromSecure.Proof | Should -BeExactly (Get-IndependentProof -Token $token -Secret $emu.AppSecretPlain -Time $fromSecure.Time)
        $fromObject.Proof | Should -BeExactly (Get-IndependentProof -Token $token -Secret $emu.AppSecretPlain -Time $fromObject.Time)
        $fromObject.AppId | Should -Be $emu.AppId
        $fromObject.MaskedToken | Should -Be $object.MaskedToken
    }

    It 'reads cached tokens by -Name and names them in the result' {
        $dir = Join-Path ([IO.Path]::GetTempPath()) ('fbt-proof-' + [guid]::NewGuid().ToString('N'))
        $key = ConvertTo-SecureString 'proof-test-cache-key-0123456789' -AsPlainText -Force
        try {
            $token = New-EmulatorToken
            $secure = ConvertTo-SecureString $token -AsPlainText -Force
            [FacebookToken.FacebookAccessToken]::new($secure, 'LongLivedUser', $emu.AppId) | Save-FacebookToken -Name wa-proof -CachePath $dir -CacheKey $key

            $proof = Get-FacebookAppSecretProof -Name 'wa-pr*' -Credential $emu.Credential -CachePath $dir -CacheKey $key

            $proof.Name | Should -Be 'wa-proof'
            $proof.Proof | Should -BeExactly (Get-IndependentProof -Token $token -Secret $emu.AppSecretPlain -Time $proof.Time)
        }
        finally {
            Remove-Item -LiteralPath $dir -Recurse -Force -ErrorAction SilentlyContinue
        }
    }

    It 'is accepted by an app with Require App Secret on, where the same call without it is refused' {
        $app = '5550001112'
        $appSecret = ConvertTo-SecureString 'required-app-secret-0123456789' -AsPlainText -Force
        Invoke-EmulatorControl $emu -Method Post -Path 'apps' -Body @{ appId = $app; appSecret = 'required-app-secret-0123456789'; requireAppSecret = $true } | Out-Null
        $token = (Invoke-EmulatorControl $emu -Method Post -Path 'tokens' -Body @{ kind = 'long'; appId = $app }).access_token

        $without = Invoke-Me -Token $token
        $with = Invoke-Me -Token $token -Query ($token | Get-FacebookAppSecretProof -AppSecret $appSecret -AppId $app).Query
        $otherSecret = Invoke-Me -Token $token -Query ($token | Get-FacebookAppSecretProof -AppSecret $emu.AppSecret).Query

        $without.Status | Should -Be 400
        $without.Body.error.message | Should -BeExactly 'API calls from the server require an appsecret_proof argument'
        $without.Body.error.type | Should -BeExactly 'GraphMethodException'
        $with.Status | Should -Be 200
        $with.Body.id | Should -Not -BeNullOrEmpty
        $otherSecret.Status | Should -Be 400
        $otherSecret.Body.error.message | Should -BeExactly 'Invalid appsecret_proof provided in the API argument'
    }

    It 'is refused once the emulator clock is more than 5 minutes past its Time' {
        Invoke-EmulatorControl $emu -Method Post -Path 'settings' -Body @{ requireAppSecret = $true } | Out-Null
        $token = New-EmulatorToken
        $proof = $token | Get-FacebookAppSecretProof -Credential $emu.Credential

        $fresh = Invoke-Me -Token $token -Query $proof.Query
        Invoke-EmulatorControl $emu -Method Post -Path 'clock' -Body @{ seconds = 360 } | Out-Null
        $stale = Invoke-Me -Token $token -Query $proof.Query

        $fresh.Status | Should -Be 200
        $stale.Status | Should -Be 400
        $stale.Body.error.message | Should -BeExactly 'Invalid appsecret_proof provided in the API argument'
    }

    It 'needs the app secret: AppSecretRequired without one, AppCredentialsTwice with both' {
        $token = New-EmulatorToken

        $none = $token | Get-FacebookAppSecretProof -ErrorVariable noneErrors -ErrorAction SilentlyContinue
        $both = $token | Get-FacebookAppSecretProof -AppSecret $emu.AppSecret -Credential $emu.Credential -ErrorVariable bothErrors -ErrorAction SilentlyContinue

        $none | Should -BeNullOrEmpty
        $noneErrors[0].FullyQualifiedErrorId | Should -BeLike 'AppSecretRequired,*'
        $noneErrors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $both | Should -BeNullOrEmpty
        $bothErrors[0].FullyQualifiedErrorId | Should -BeLike 'AppCredentialsTwice,*'
    }

    It 'refuses a token of another app (AppIdMismatch) rather than make a proof Facebook would refuse' {
        $secure = ConvertTo-SecureString (New-EmulatorToken) -AsPlainText -Force
        $foreign = [FacebookToken.FacebookAccessToken]::new($secure, 'LongLivedUser', '999000111')

        $result = $foreign | Get-FacebookAppSecretProof -Credential $emu.Credential -ErrorVariable mismatch -ErrorAction SilentlyContinue

        $result | Should -BeNullOrEmpty
        $mismatch[0].FullyQualifiedErrorId | Should -BeLike 'AppIdMismatch,*'
    }

    It 'shows only masks in its default view' {
        $token = New-EmulatorToken
        $proof = $token | Get-FacebookAppSecretProof -AppSecret $emu.AppSecret

        $text = ($proof | Out-String -Width 250) + ($proof | Format-List | Out-String -Width 250)

        $text | Should -Match ([regex]::Escape($proof.MaskedProof))
        $text | Should -Match ([regex]::Escape($proof.MaskedToken))
        $text.Contains($proof.Proof) | Should -BeFalse
        $text.Contains($token) | Should -BeFalse
    }
}

Describe 'Require App Secret when the module has no app secret' {
    BeforeEach {
        Invoke-EmulatorControl $emu -Method Post -Path 'reset' | Out-Null
    }

    It 'says to pass -Credential when a token inspecting itself is refused, keeping code and fbtrace_id' {
        Invoke-EmulatorControl $emu -Method Post -Path 'settings' -Body @{ requireAppSecret = $true } | Out-Null
        Invoke-EmulatorControl $emu -Method Post -Path 'roles' -Body @{} | Out-Null
        $token = New-EmulatorToken

        $info = Get-FacebookTokenInfo -AccessToken $token -GraphBaseUri $emu.Uri -ErrorVariable refused -ErrorAction SilentlyContinue
        $asApp = Get-FacebookTokenInfo -AccessToken $token -Credential $emu.Credential -GraphBaseUri $emu.Uri

        $info | Should -BeNullOrEmpty
        $refused[0].ErrorDetails.RecommendedAction | Should -Match '-Credential'
        $refused[0].ErrorDetails.RecommendedAction | Should -Match 'Require App Secret'
        $refused[0].Exception.Code | Should -Be 100
        $refused[0].Exception.ErrorType | Should -BeExactly 'GraphMethodException'
        $refused[0].Exception.FacebookMessage | Should -BeExactly 'API calls from the server require an appsecret_proof argument'
        $refused[0].Exception.FbTraceId | Should -Not -BeNullOrEmpty
        $asApp.IsValid | Should -BeTrue
    }
}

Describe 'No secret in a transcript of Get-FacebookAppSecretProof' {
    It 'shows neither the token, the app secret nor the proof, with -Verbose -Debug, happy and failing paths' {
        $work = Join-Path ([IO.Path]::GetTempPath()) ('fbt-proof-transcript-' + [guid]::NewGuid().ToString('N'))
        $null = New-Item -ItemType Directory -Path $work
        $transcript = Join-Path $work 'transcript.txt'
        $secretsFile = Join-Path $work 'secrets.json'
        $token = New-EmulatorToken
        $child = @"
`$ErrorActionPreference = 'Continue'
. '$(Join-Path $PSScriptRoot 'common.ps1')'
`$secret = ConvertTo-SecureString '$($emu.AppSecretPlain)' -AsPlainText -Force
`$cred = [pscredential]::new('$($emu.AppId)', `$secret)
`$token = '$token'
Start-Transcript -LiteralPath '$transcript' | Out-Null
`$proof = `$token | Get-FacebookAppSecretProof -Credential `$cred -Verbose -Debug
`$proof | Out-String | Write-Host
`$proof | Format-List | Out-String | Write-Host
`$token | Get-FacebookAppSecretProof -Verbose -Debug
`$foreign = [FacebookToken.FacebookAccessToken]::new((ConvertTo-SecureString `$token -AsPlainText -Force), 'LongLivedUser', '999000111')
`$foreign | Get-FacebookAppSecretProof -Credential `$cred -Verbose -Debug
`$Error | ForEach-Object { `$_ | Format-List * -Force | Out-String | Write-Host }
Stop-Transcript | Out-Null
@('$($emu.AppSecretPlain)', `$token, `$proof.Proof) | ConvertTo-Json | Set-Content -LiteralPath '$secretsFile'
"@
        try {
            $null = Invoke-ChildPwsh -Command $child
            $text = Get-Content -LiteralPath $transcript -Raw
            $secrets = @(Get-Content -LiteralPath $secretsFile -Raw | ConvertFrom-Json)

            $text | Should -Match 'VERBOSE: Made an appsecret_proof'
            $text | Should -Match 'AppSecretRequired'
            $text | Should -Match 'AppIdMismatch'
            $secrets.Count | Should -Be 3
            foreach ($s in $secrets) {
                $s.Length | Should -BeGreaterOrEqual 16
                for ($i = 0; $i + 12 -le $s.Length; $i += 6) {
                    $text.Contains($s.Substring($i, 12)) | Should -BeFalse -Because "no long fragment of a secret starting '$($s.Substring(0, 4))' may show"
                }
            }
        }
        finally {
            Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction SilentlyContinue
        }
    }
}
