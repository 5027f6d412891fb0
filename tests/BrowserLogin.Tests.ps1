# The interactive login with a real browser: Receive-FacebookAuthCode listens on the redirect URI's
# loopback port and launches $env:BROWSER, here tests/browser/launch-browser.sh, which drives Debian's
# chromium (headless, through playwright-core) through the emulator's login dialog.
#
# Needs chromium (/usr/bin/chromium or $env:FBT_CHROMIUM), node and tests/browser/node_modules
# (npm ci --prefix tests/browser); build.ps1 -Task Test installs them when it can. Without them the suite
# is skipped with a warning, or fails under CI=true.

BeforeDiscovery {
    $browserDir = Join-Path $PSScriptRoot 'browser'
    $chromium = if ($env:FBT_CHROMIUM) { $env:FBT_CHROMIUM } else { '/usr/bin/chromium' }

    $missing = [System.Collections.Generic.List[string]]::new()
    if (-not ($IsLinux -or $IsMacOS)) {
        $missing.Add('a Unix shell: tests/browser/launch-browser.sh is a bash script (Linux or macOS only)')
    }
    if (-not (Test-Path -LiteralPath $chromium -PathType Leaf)) {
        $missing.Add("chromium at '$chromium' (apt-get install chromium, or set FBT_CHROMIUM)")
    }
    if (-not (Get-Command -Name node -CommandType Application -ErrorAction Ignore)) {
        $missing.Add('node on PATH (Node.js 20 or later)')
    }
    if (-not (Test-Path -LiteralPath (Join-Path $browserDir 'node_modules/playwright-core/package.json'))) {
        $missing.Add("playwright-core in '$(Join-Path $browserDir 'node_modules')' (npm ci --prefix tests/browser)")
    }

    $skipBrowserSuite = $missing.Count -gt 0 -and $env:CI -ne 'true'
    if ($skipBrowserSuite) {
        Write-Warning (@(
                '=================================================================================='
                'SKIPPED: BrowserLogin.Tests.ps1 (the real-browser login suite) did not run. Missing:'
                $missing | ForEach-Object { "  - $_" }
                'Run ./build.ps1 -Task Test as root on Debian to install them, or install them by hand.'
                '=================================================================================='
            ) -join [Environment]::NewLine)
    }
    $suiteData = @{ MissingPrerequisites = [string[]]$missing }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')

    $script:launcher = Join-Path $PSScriptRoot 'browser/launch-browser.sh'
    $script:browserEnvNames = 'BROWSER', 'FBT_BROWSER_ACTION', 'FBT_BROWSER_LOG', 'FBT_BROWSER_TIMEOUT_MS'

    # The default app's redirect URIs (EmulatorOptions.RedirectUris). POST /_emulator/apps replaces an app
    # and there is no endpoint to read one, so they are repeated here to keep them registered.
    $script:defaultRedirectUris = @(
        'http://localhost:8765/callback/'
        'http://127.0.0.1:8765/callback'
        'https://www.facebook.com/connect/login_success.html'
    )

    function Get-FreeTcpPort {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        try {
            return ([System.Net.IPEndPoint]$listener.LocalEndpoint).Port
        }
        finally {
            $listener.Stop()
        }
    }

    function Wait-BrowserResult {
        <#
        .SYNOPSIS
        Waits for click-through.mjs's JSON result (it lands just after the module's listener has answered)
        and returns it; throws with the browser's stderr when none arrives.
        #>
        param(
            [Parameter(Mandatory)][string]$LogPath,
            [int]$TimeoutSec = 30
        )

        $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSec)
        while (-not (Test-Path -LiteralPath $LogPath)) {
            if ([DateTime]::UtcNow -gt $deadline) {
                throw "The browser wrote no result to '$LogPath' within $TimeoutSec s. Its stderr: $(Get-BrowserStderr $LogPath)"
            }
            Start-Sleep -Milliseconds 100
        }
        Get-Content -Raw -LiteralPath $LogPath | ConvertFrom-Json
    }

    function Get-BrowserStderr {
        param([Parameter(Mandatory)][string]$LogPath)

        $stderr = "$LogPath.stderr"
        if (Test-Path -LiteralPath $stderr) {
            (Get-Content -LiteralPath $stderr) -join [Environment]::NewLine
        }
        else {
            '(none: was the browser launched at all?)'
        }
    }

    function Stop-BrowserDriver {
        <#
        .SYNOPSIS
        Gives the browser driver launched for this test a few seconds to finish, then ends it and its
        chromium (it bounds itself at FBT_BROWSER_TIMEOUT_MS anyway).
        #>
        param([Parameter(Mandatory)][string]$LogPath)

        $pidFile = "$LogPath.pid"
        if (-not (Test-Path -LiteralPath $pidFile)) {
            return
        }
        $driverId = 0
        if (-not [int]::TryParse((Get-Content -Raw -LiteralPath $pidFile).Trim(), [ref]$driverId)) {
            return
        }
        try {
            $driver = [System.Diagnostics.Process]::GetProcessById($driverId)
        }
        catch [System.ArgumentException] {
            return   # already gone
        }
        try {
            if (-not $driver.WaitForExit(10000)) {
                Write-Host "Browser driver $driverId still running after the test; ending it." -ForegroundColor Yellow
                $driver.Kill($true)
                $null = $driver.WaitForExit(5000)
            }
        }
        catch [System.InvalidOperationException] {
            # It exited between the look-up and the wait.
        }
        finally {
            $driver.Dispose()
        }
    }

    function ConvertTo-PlainText {
        param([Parameter(Mandatory)][securestring]$SecureString)

        [System.Net.NetworkCredential]::new('', $SecureString).Password
    }
}

Describe 'Receive-FacebookAuthCode with a real browser' -Tag 'Browser' -Skip:$skipBrowserSuite -ForEach @($suiteData) {
    BeforeAll {
        if ($MissingPrerequisites.Count -gt 0) {
            # Only reached under CI=true: elsewhere the suite is skipped.
            throw "CI=true and the real-browser suite cannot run. Missing: $($MissingPrerequisites -join '; ')"
        }
        if (-not (Get-Item -LiteralPath $launcher).UnixFileMode.HasFlag([System.IO.UnixFileMode]::UserExecute)) {
            throw "'$launcher' is not executable (git update-index --chmod=+x, or chmod +x)."
        }
        $script:emu = Start-FacebookEmulator
    }

    AfterAll {
        Stop-FacebookEmulator $script:emu
    }

    BeforeEach {
        $script:savedEnv = Save-Environment $browserEnvNames

        $null = Invoke-EmulatorControl $emu -Method Post -Path 'reset'
        $null = Invoke-EmulatorControl $emu -Method Post -Path 'settings' -Body @{ autoApprove = 'none' }

        $port = Get-FreeTcpPort
        $script:redirect = "http://127.0.0.1:$port/callback"
        $script:callbackOrigin = "http://127.0.0.1:$port/"
        $null = Invoke-EmulatorControl $emu -Method Post -Path 'apps' -Body @{
            appId        = $emu.AppId
            appSecret    = $emu.AppSecretPlain
            redirectUris = @($defaultRedirectUris) + $redirect
        }

        $script:browserLog = Join-Path ([IO.Path]::GetTempPath()) "fbt-browser-$([guid]::NewGuid().ToString('n')).json"
        $env:BROWSER = $launcher
        $env:FBT_BROWSER_ACTION = 'continue'
        $env:FBT_BROWSER_LOG = $browserLog
        $env:FBT_BROWSER_TIMEOUT_MS = '60000'
    }

    AfterEach {
        Stop-BrowserDriver -LogPath $browserLog
        $result = if (Test-Path -LiteralPath $browserLog) { Get-Content -Raw -LiteralPath $browserLog | ConvertFrom-Json }
        if ($null -eq $result -or $result.error) {
            # Shown with the test's own failure, if any: what the browser saw.
            Write-Host "Browser result: $(if ($result) { $result.error } else { 'none' })" -ForegroundColor Yellow
            Write-Host "Browser stderr:$([Environment]::NewLine)$(Get-BrowserStderr $browserLog)" -ForegroundColor Yellow
        }
        foreach ($path in $browserLog, "$browserLog.url", "$browserLog.pid", "$browserLog.stderr") {
            Remove-Item -LiteralPath $path -Force -ErrorAction Ignore
        }
        Set-Environment $savedEnv
    }

    It 'Continue: catches the code and the pipeline yields a long-lived token' {
        $request = Get-FacebookAuthUrl -AppId $emu.AppId -RedirectUri $redirect -Scope whatsapp_business_management -LoginBaseUri $emu.Uri

        $code = $request | Receive-FacebookAuthCode -TimeoutSec 60

        @($code).Count | Should -Be 1
        $code.GetType().FullName | Should -Be 'FacebookToken.FacebookAuthCode'
        $code.Code | Should -BeOfType ([securestring])
        $code.State | Should -BeExactly $request.State
        $code.AppId | Should -Be $emu.AppId
        $code.RedirectUri | Should -BeExactly $redirect
        $code.ApiVersion | Should -Be $request.ApiVersion
        $code.CodeVerifier | Should -BeNullOrEmpty

        # The module launched exactly the request's URL.
        Get-Content -Raw -LiteralPath "$browserLog.url" | Should -BeExactly $request.Uri

        $long = $code |
            Invoke-FacebookCodeExchange -AppSecret $emu.AppSecret -GraphBaseUri $emu.Uri |
            ConvertTo-LongLivedToken -AppSecret $emu.AppSecret -GraphBaseUri $emu.Uri
        $long.Kind | Should -Be 'LongLivedUser'
        $long.AppId | Should -Be $emu.AppId
        $long.AccessToken | Should -BeOfType ([securestring])

        # The page the browser lands on: a plain "done" page that never echoes the code.
        $result = Wait-BrowserResult -LogPath $browserLog
        $result.error | Should -BeNullOrEmpty
        $result.finalUrl | Should -BeLike "$callbackOrigin*"
        $result.status | Should -Be 200
        $result.bodyText | Should -Match 'You can close this window'
        $plainCode = ConvertTo-PlainText $code.Code
        $plainCode | Should -Not -BeNullOrEmpty
        $result.bodyText | Should -Not -Match 'code='
        $result.bodyText.Contains($plainCode) | Should -BeFalse -Because 'the success page must not show the code'
        $result.html.Contains($plainCode) | Should -BeFalse -Because 'the success page must not carry the code anywhere'
    }

    It 'Continue with -UsePkce: the verifier travels with the code and the exchange sends it' {
        $request = Get-FacebookAuthUrl -AppId $emu.AppId -RedirectUri $redirect -Scope whatsapp_business_management -LoginBaseUri $emu.Uri -UsePkce
        $request.Uri | Should -Match 'code_challenge='

        $code = $request | Receive-FacebookAuthCode -TimeoutSec 60

        @($code).Count | Should -Be 1
        $code.CodeVerifier | Should -BeOfType ([securestring])
        ConvertTo-PlainText $code.CodeVerifier | Should -BeExactly (ConvertTo-PlainText $request.CodeVerifier)

        $long = $code |
            Invoke-FacebookCodeExchange -AppSecret $emu.AppSecret -GraphBaseUri $emu.Uri |
            ConvertTo-LongLivedToken -AppSecret $emu.AppSecret -GraphBaseUri $emu.Uri
        $long.Kind | Should -Be 'LongLivedUser'

        $log = Invoke-EmulatorControl $emu -Method Get -Path 'requests'
        $exchange = @($log | Where-Object { $_.path -like '*/oauth/access_token' -and $_.form.code })[-1]
        $exchange.form.code_verifier | Should -BeExactly (ConvertTo-PlainText $request.CodeVerifier)

        $result = Wait-BrowserResult -LogPath $browserLog
        $result.error | Should -BeNullOrEmpty
        $result.bodyText | Should -Match 'You can close this window'
        $result.bodyText.Contains((ConvertTo-PlainText $code.Code)) | Should -BeFalse
    }

    It 'Cancel: writes a LoginDenied error at once and outputs nothing' {
        $env:FBT_BROWSER_ACTION = 'cancel'
        $request = Get-FacebookAuthUrl -AppId $emu.AppId -RedirectUri $redirect -Scope whatsapp_business_management -LoginBaseUri $emu.Uri

        # A non-terminating error lands in $errors, a terminating one in $thrown: either way it is one record.
        $errors = $null
        $thrown = $null
        $output = $null
        try {
            $output = $request | Receive-FacebookAuthCode -TimeoutSec 60 -ErrorAction SilentlyContinue -ErrorVariable errors
        }
        catch {
            $thrown = $_
        }
        $records = @(@($errors) + @($thrown) | Where-Object { $null -ne $_ })

        $output | Should -BeNullOrEmpty
        $records.Count | Should -Be 1 -Because "one error, not a timeout; got: $($records | ForEach-Object { "$($_.FullyQualifiedErrorId): $_" })"
        $records[0].FullyQualifiedErrorId | Should -BeExactly 'LoginDenied,FacebookToken.Module.Commands.ReceiveFacebookAuthCodeCommand'
        $records[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
        $records[0].ToString() | Should -Match 'user_denied'

        # The browser was launched with the request's URL and got an answer from the listener.
        Get-Content -Raw -LiteralPath "$browserLog.url" | Should -BeExactly $request.Uri
        $result = Wait-BrowserResult -LogPath $browserLog
        $result.error | Should -BeNullOrEmpty
        $result.finalUrl | Should -BeLike "$callbackOrigin*"
    }
}
