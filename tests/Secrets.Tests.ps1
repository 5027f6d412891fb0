BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:emu = Start-FacebookEmulator
}

AfterAll {
    Stop-FacebookEmulator $script:emu
}

Describe 'No secret reaches a transcript' {
    It 'a -Verbose -Debug run of every cmdlet, happy and failing paths, shows no secret, token, code or verifier' {
        $work = Join-Path ([IO.Path]::GetTempPath()) ("fbt-secrets-" + [guid]::NewGuid())
        $null = New-Item -ItemType Directory -Path $work
        $transcript = Join-Path $work 'transcript.txt'
        $secretsFile = Join-Path $work 'secrets.json'
        $common = Join-Path $PSScriptRoot 'common.ps1'
        $child = @"
`$ErrorActionPreference = 'Continue'
. '$common'
`$emu = [pscustomobject]@{ Uri = '$($emu.Uri)'; AppId = '$($emu.AppId)' }
`$secret = ConvertTo-SecureString '$($emu.AppSecretPlain)' -AsPlainText -Force
`$cred = [pscredential]::new(`$emu.AppId, `$secret)
Start-Transcript -LiteralPath '$transcript' | Out-Null
`$req = Get-FacebookAuthUrl -AppId `$emu.AppId -RedirectUri 'http://localhost:8765/callback/' -Scope whatsapp_business_management -LoginBaseUri `$emu.Uri -UsePkce -Verbose -Debug
`$req | Format-List * | Out-String | Write-Host
`$withCode = `$req | Get-EmulatorCode `$emu
# The test helper's own Invoke-WebRequest leaves the redirect (with the code) in `$Error; only the module's errors are examined.
`$Error.Clear()
`$short = `$withCode | Invoke-FacebookCodeExchange -AppSecret `$secret -GraphBaseUri `$emu.Uri -Verbose -Debug
`$short | Format-List * | Out-String | Write-Host
`$short | Out-String | Write-Host
`$withCode | Invoke-FacebookCodeExchange -AppSecret `$secret -GraphBaseUri `$emu.Uri -Verbose -Debug
`$bad = ConvertTo-SecureString 'wrong-secret-0123456789' -AsPlainText -Force
`$short | ConvertTo-LongLivedToken -AppSecret `$bad -GraphBaseUri `$emu.Uri -Verbose -Debug
`$long = `$short | ConvertTo-LongLivedToken -Credential `$cred -GraphBaseUri `$emu.Uri -Verbose -Debug
`$long | Format-Table | Out-String | Write-Host
`$long | Format-List | Out-String | Write-Host
`$long | Get-FacebookTokenInfo -Credential `$cred -GraphBaseUri `$emu.Uri -Verbose -Debug | Format-List * | Out-String | Write-Host
`$long | Get-FacebookTokenInfo -GraphBaseUri `$emu.Uri -Verbose -Debug | Out-String | Write-Host
# A variable, as a script would hold it: a literal on the command line would show in the error's position message.
`$fake = 'EAAGnotarealtokennotarealtoken123'
Get-FacebookTokenInfo -AccessToken `$fake -Credential `$cred -GraphBaseUri `$emu.Uri -Verbose -Debug
Invoke-EmulatorControl `$emu -Method Post -Path 'faults' -Body @{ mode = 'html502'; count = -1 } | Out-Null
`$long | ConvertTo-LongLivedToken -Credential `$cred -GraphBaseUri `$emu.Uri -TimeoutSec 5 -Verbose -Debug
Invoke-EmulatorControl `$emu -Method Delete -Path 'faults' | Out-Null
# The cache cmdlets, happy and failing paths.
`$cacheDir = Join-Path ([IO.Path]::GetTempPath()) ('fbt-secret-cache-' + [guid]::NewGuid().ToString('N'))
`$cacheKey = ConvertTo-SecureString 'transcript-cache-key-0123456789' -AsPlainText -Force
`$long | Save-FacebookToken -Name wa-prod -CachePath `$cacheDir -CacheKey `$cacheKey -PassThru -Verbose -Debug | Format-List | Out-String | Write-Host
Get-FacebookToken wa-prod -CachePath `$cacheDir -CacheKey `$cacheKey -Verbose -Debug | Format-Table | Out-String | Write-Host
Get-FacebookToken missing -CachePath `$cacheDir -CacheKey `$cacheKey -Verbose -Debug
`$wrongKey = ConvertTo-SecureString 'not-the-transcript-key-000' -AsPlainText -Force
Get-FacebookToken -CachePath `$cacheDir -CacheKey `$wrongKey -Verbose -Debug
Get-FacebookTokenCacheInfo -CachePath `$cacheDir -CacheKey `$cacheKey -Verbose -Debug | Format-List | Out-String | Write-Host
Remove-FacebookToken wa-prod -CachePath `$cacheDir -CacheKey `$cacheKey -Confirm:`$false -Verbose -Debug
# Paste-back with the code, the right and a wrong state.
`$pasteReq = Get-FacebookAuthUrl -AppId `$emu.AppId -RedirectUri 'https://www.facebook.com/connect/login_success.html' -LoginBaseUri `$emu.Uri
`$pasted = 'https://www.facebook.com/connect/login_success.html?code=AQpastedcodepastedcode0123456789&state=' + `$pasteReq.State + '#_=_'
`$pasteReq | Receive-FacebookAuthCode -CallbackUri `$pasted -Verbose -Debug | Format-List | Out-String | Write-Host
`$forged = 'https://www.facebook.com/connect/login_success.html?code=AQpastedcodepastedcode0123456789&state=forged'
`$pasteReq | Receive-FacebookAuthCode -CallbackUri `$forged -Verbose -Debug
# The whole login, with the stand-in browser.
Invoke-EmulatorControl `$emu -Method Post -Path 'settings' -Body @{ autoApprove = 'approve' } | Out-Null
`$env:BROWSER = '$((Join-Path $PSScriptRoot 'assets/fake-browser.sh'))'
`$login = Invoke-FacebookLogin -Credential `$cred -RedirectUri 'http://localhost:8765/callback/' -LoginBaseUri `$emu.Uri -GraphBaseUri `$emu.Uri -UsePkce -TimeoutSec 60 -Verbose -Debug
`$login | Format-List | Out-String | Write-Host
Remove-Item -LiteralPath `$cacheDir -Recurse -Force -ErrorAction SilentlyContinue
`$Error | ForEach-Object { `$_ | Format-List * -Force | Out-String | Write-Host; `$_.Exception | Format-List * -Force | Out-String | Write-Host }
Stop-Transcript | Out-Null
`$plain = @(
    '$($emu.AppSecretPlain)'
    'wrong-secret-0123456789'
    `$withCode.Code
    [Net.NetworkCredential]::new('', `$req.CodeVerifier).Password
    [Net.NetworkCredential]::new('', `$short.AccessToken).Password
    [Net.NetworkCredential]::new('', `$long.AccessToken).Password
    'EAAGnotarealtokennotarealtoken123'
    'AQpastedcodepastedcode0123456789'
    [Net.NetworkCredential]::new('', `$login.AccessToken).Password
    'transcript-cache-key-0123456789'
    'not-the-transcript-key-000'
)
`$plain | ConvertTo-Json | Set-Content -LiteralPath '$secretsFile'
"@
        $null = Invoke-ChildPwsh -Command $child
        $text = Get-Content -LiteralPath $transcript -Raw
        $secrets = Get-Content -LiteralPath $secretsFile -Raw | ConvertFrom-Json

        # The run did what it claims: verbose lines, the used-code and bad-secret errors, and real values to look for.
        $text | Should -Match 'VERBOSE: POST http://127\.0\.0\.1:\d+/v25\.0/oauth/access_token'
        $text | Should -Match 'CodeAlreadyUsed'
        $text | Should -Match 'InvalidAppSecret'
        $text | Should -Match 'HTTP 502'
        $text | Should -Match 'DEBUG: '
        $text | Should -Match 'CachedTokenNotFound'
        $text | Should -Match 'WrongCacheKey'
        $text | Should -Match 'StateMismatch'
        $text | Should -Match 'Step 3: exchanging it for a long-lived token'
        @($secrets | Where-Object { $_ -and $_.Length -ge 16 }).Count | Should -Be 11

        foreach ($s in $secrets) {
            $text.Contains($s) | Should -BeFalse -Because "the transcript must not contain the secret starting '$($s.Substring(0,4))'"
            # Nor any 12-character run of it.
            for ($i = 0; $i + 12 -le $s.Length; $i += 6) {
                $text.Contains($s.Substring($i, 12)) | Should -BeFalse -Because 'no long fragment of a secret may show'
            }
        }
        Remove-Item -LiteralPath $work -Recurse -Force
    }
}
