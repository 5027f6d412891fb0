BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:emu = Start-FacebookEmulator
    $script:fakeBrowser = Join-Path $PSScriptRoot 'assets/fake-browser.sh'
    $script:savedBrowser = $env:BROWSER

    function Assert-EndedWithOneError {
        # A paste-back scenario that ended with no code and exactly one error of -ErrorId after -Reads reads.
        param($Result, [string]$ErrorId, [int]$Reads)
        $Result.Reason | Should -BeNullOrEmpty
        $Result.Reads | Should -Be $Reads
        @($Result.Codes).Count | Should -Be 0
        @($Result.ErrorIds).Count | Should -Be 1
        $Result.ErrorIds[0] | Should -BeLike "$ErrorId,*"
    }

    function Get-BrowserPage {
        # The listener answers the browser before the wait ends, but the stand-in browser (curl) writes the page to
        # its log a moment later: wait for curl's status line (written once it is done), a liveness bound, not a timing.
        param([string]$Path)
        $deadline = [DateTime]::UtcNow.AddSeconds(30)
        while (-not ((Test-Path -LiteralPath "$Path.status") -and (Get-Item -LiteralPath "$Path.status").Length -gt 0) -and [DateTime]::UtcNow -lt $deadline) {
            Start-Sleep -Milliseconds 50
        }
        Get-Content -Raw -LiteralPath $Path
    }
}

AfterAll {
    $env:BROWSER = $script:savedBrowser
    Stop-FacebookEmulator $script:emu
}

Describe 'Receive-FacebookAuthCode with the loopback listener' {
    BeforeEach {
        Invoke-EmulatorControl $emu -Method Post -Path 'reset' | Out-Null
        $script:redirect = New-LoopbackRedirect $emu
        $script:log = Join-Path ([IO.Path]::GetTempPath()) ("fbt-browser-" + [guid]::NewGuid() + '.html')
        $env:BROWSER = $fakeBrowser
        $env:FBT_BROWSER_LOG = $log
        $env:FBT_FAKE_PRELUDE = $null
        $env:FBT_FAKE_REPEAT = $null
    }

    AfterEach {
        $env:BROWSER = $savedBrowser
        Remove-Item env:FBT_BROWSER_LOG, env:FBT_FAKE_PRELUDE, env:FBT_FAKE_REPEAT -ErrorAction SilentlyContinue
        Get-ChildItem -Path "$log*" -ErrorAction SilentlyContinue | Remove-Item -Force
    }

    It 'opens $env:BROWSER on the login URL, receives the code and pipes into the exchange to a long-lived token' {
        Invoke-EmulatorControl $emu -Method Post -Path 'settings' -Body @{ autoApprove = 'approve' } | Out-Null
        $req = Get-FacebookAuthUrl -AppId $emu.AppId -RedirectUri $redirect -Scope whatsapp_business_management, whatsapp_business_messaging -LoginBaseUri $emu.Uri
        $code = $req | Receive-FacebookAuthCode -TimeoutSec 60
        $code | Should -BeOfType ([FacebookToken.FacebookAuthCode])
        $code.Code | Should -BeOfType ([securestring])
        $code.State | Should -BeExactly $req.State
        $code.RedirectUri | Should -BeExactly $redirect
        $code.GrantedScopes | Should -Be @('whatsapp_business_management', 'whatsapp_business_messaging')
        Get-Content -Raw "$log.url" | Should -BeExactly $req.Uri

        $page = Get-BrowserPage $log
        $page | Should -Match 'You can close this window'
        $page | Should -Not -Match 'code='
        $page | Should -Not -Match ([regex]::Escape([Net.NetworkCredential]::new('', $code.Code).Password))

        $long = $code | Invoke-FacebookCodeExchange -AppSecret $emu.AppSecret -GraphBaseUri $emu.Uri | ConvertTo-LongLivedToken -AppSecret $emu.AppSecret -GraphBaseUri $emu.Uri
        $long.Kind | Should -Be 'LongLivedUser'
        $long.Scopes | Should -Be @('whatsapp_business_management', 'whatsapp_business_messaging')
    }

    It 'round-trips PKCE: the verifier travels and the emulator checks it' {
        Invoke-EmulatorControl $emu -Method Post -Path 'settings' -Body @{ autoApprove = 'approve' } | Out-Null
        $code = Get-FacebookAuthUrl -AppId $emu.AppId -RedirectUri $redirect -LoginBaseUri $emu.Uri -UsePkce | Receive-FacebookAuthCode -TimeoutSec 60
        $code.UsesPkce | Should -BeTrue
        $short = $code | Invoke-FacebookCodeExchange -AppSecret $emu.AppSecret -GraphBaseUri $emu.Uri
        $short.Kind | Should -Be 'ShortLivedUser'
        $exchange = @(Invoke-EmulatorControl $emu -Method Get -Path 'requests' | Where-Object { $_.endpoint -eq '/oauth/access_token' })[-1]
        $exchange.form.code_verifier | Should -Not -BeNullOrEmpty
    }

    It 'ignores forged callbacks and stray paths, then takes the real one' {
        Invoke-EmulatorControl $emu -Method Post -Path 'settings' -Body @{ autoApprove = 'approve' } | Out-Null
        $env:FBT_FAKE_PRELUDE = "$redirect`?code=AQforged&state=forged $redirect`?error=access_denied&error_reason=user_denied&state=forged $($redirect -replace '/callback$','/favicon.ico') $redirect"
        $env:FBT_FAKE_REPEAT = '5'
        $req = Get-FacebookAuthUrl -AppId $emu.AppId -RedirectUri $redirect -LoginBaseUri $emu.Uri
        $code = $req | Receive-FacebookAuthCode -TimeoutSec 60
        [Net.NetworkCredential]::new('', $code.Code).Password | Should -Not -Be 'AQforged'
        $short = $code | Invoke-FacebookCodeExchange -AppSecret $emu.AppSecret -GraphBaseUri $emu.Uri
        $short.Kind | Should -Be 'ShortLivedUser'
    }

    It 'ends at once with LoginDenied when the user cancels' {
        Invoke-EmulatorControl $emu -Method Post -Path 'settings' -Body @{ autoApprove = 'deny' } | Out-Null
        $out = Get-FacebookAuthUrl -AppId $emu.AppId -RedirectUri $redirect -LoginBaseUri $emu.Uri | Receive-FacebookAuthCode -TimeoutSec 120 -ErrorVariable err -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -Be 'LoginDenied,FacebookToken.Module.Commands.ReceiveFacebookAuthCodeCommand'
        $err[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
        $err[0].Exception.ErrorReason | Should -Be 'user_denied'
        $err[0].Exception.Message | Should -Match 'user_denied'
        Get-Content -Raw $log | Should -Match 'cancelled or the permissions were declined'
        Test-TcpPortFree ([uri]$redirect).Port | Should -BeTrue
    }

    It 'ends with LoginDenied showing Facebook''s message when the dialog is cancelled with only error_code 4201' {
        Invoke-EmulatorControl $emu -Method Post -Path 'settings' -Body @{ autoApprove = 'cancel' } | Out-Null
        $out = Get-FacebookAuthUrl -AppId $emu.AppId -RedirectUri $redirect -LoginBaseUri $emu.Uri | Receive-FacebookAuthCode -TimeoutSec 120 -ErrorVariable err -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -Be 'LoginDenied,FacebookToken.Module.Commands.ReceiveFacebookAuthCodeCommand'
        $err[0].Exception.ErrorCode | Should -Be '4201'
        $err[0].Exception.Message | Should -Match 'User canceled the Dialog flow'
        $err[0].Exception.Message | Should -Not -Match 'no code. Use response type'
    }

    It '-NoBrowser shows the URL on the Information stream only, and -TimeoutSec ends the wait and frees the port' {
        $env:BROWSER = '/nonexistent/should-not-run'
        $req = Get-FacebookAuthUrl -AppId $emu.AppId -RedirectUri $redirect -LoginBaseUri $emu.Uri
        # In a watchdog: a -TimeoutSec that stopped working fails here instead of hanging the run.
        $run = Invoke-WithWatchdog -Variables @{ req = $req } -ScriptBlock {
            $req | Receive-FacebookAuthCode -NoBrowser -TimeoutSec 1
        }
        $out = $run.Output
        $info = $run.Information
        $err = $run.Error
        $out | Should -BeNullOrEmpty
        ($info | Out-String) | Should -Match ([regex]::Escape($req.Uri))
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'LoginTimedOut,*'
        $err[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
        Test-TcpPortFree ([uri]$redirect).Port | Should -BeTrue
    }

    It 'takes the code on a [::1] redirect URI' {
        Invoke-EmulatorControl $emu -Method Post -Path 'settings' -Body @{ autoApprove = 'approve' } | Out-Null
        $redirect6 = New-LoopbackRedirect $emu -HostName '[::1]'
        $req = Get-FacebookAuthUrl -AppId $emu.AppId -RedirectUri $redirect6 -LoginBaseUri $emu.Uri
        $code = $req | Receive-FacebookAuthCode -TimeoutSec 60
        $code.RedirectUri | Should -BeExactly $redirect6
        Get-BrowserPage $log | Should -Match 'You can close this window'
        ($code | Invoke-FacebookCodeExchange -AppSecret $emu.AppSecret -GraphBaseUri $emu.Uri).Kind | Should -Be 'ShortLivedUser'
    }

    It 'Ctrl+C (stopping the pipeline) ends the wait and frees the port' {
        $req = Get-FacebookAuthUrl -AppId $emu.AppId -RedirectUri $redirect -LoginBaseUri $emu.Uri
        # The module comes with the session, not as a first statement: stopping a batch of statements can leave its next
        # statement queued on the thread pool, which then finds the runspace closed and ends the whole process.
        $state = [initialsessionstate]::CreateDefault2()
        $state.ImportPSModule($ModuleManifestPath)
        $ps = [powershell]::Create($state)
        # A running invocation holds a reference on its Error stream, and enumerating such a PSDataCollection waits until
        # the run ends: reading it here (for the message below) once waited out the whole -TimeoutSec. Never block.
        $ps.Streams.Error.EnumeratorNeverBlocks = $true
        $ps.Streams.Information.EnumeratorNeverBlocks = $true
        $stopped = $false
        try {
            $null = $ps.AddCommand('Receive-FacebookAuthCode').AddParameter('AuthRequest', $req).AddParameter('NoBrowser').AddParameter('TimeoutSec', 300)
            $null = $ps.BeginInvoke()
            $deadline = [DateTime]::UtcNow.AddSeconds(30)
            # Up once it says it is waiting (it listens before it says so); probing the port with a bind of our own raced it.
            while (-not ($ps.Streams.Information | Where-Object { "$_" -like 'Waiting up to*' }) -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
            # When the listener never came up, say why: the invocation's state and what it wrote.
            $why = '{0} {1}; errors: {2}; information: {3}' -f $ps.InvocationStateInfo.State, $ps.InvocationStateInfo.Reason,
                (($ps.Streams.Error | ForEach-Object { "$_" }) -join ' | '), (($ps.Streams.Information | ForEach-Object { "$_" }) -join ' | ')
            Test-TcpPortFree ([uri]$redirect).Port | Should -BeFalse -Because "the listener is up ($why)"
            # A liveness bound far below -TimeoutSec, not a timing: a Ctrl+C that did not end the wait fails here.
            $stopped = $ps.BeginStop($null, $null).AsyncWaitHandle.WaitOne([TimeSpan]::FromSeconds(60))
            $stopped | Should -BeTrue -Because 'stopping the pipeline ends the wait long before -TimeoutSec (300 s)'
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
            Test-TcpPortFree ([uri]$redirect).Port | Should -BeTrue
        }
        finally {
            if ($stopped) {
                $ps.Dispose()
            }
            elseif ($ps.InvocationStateInfo.State -eq 'Running') {
                # Dispose would wait for a run that ignores the stop: ask once more and leave it rather than hang the suite.
                $null = $ps.BeginStop($null, $null)
            }
        }
    }

    It 'reports a busy port as ListenerUnavailable when it cannot prompt' {
        $squatter = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, ([uri]$redirect).Port)
        $squatter.Start()
        try {
            $null = Get-FacebookAuthUrl -AppId $emu.AppId -RedirectUri $redirect -LoginBaseUri $emu.Uri | Receive-FacebookAuthCode -NoBrowser -TimeoutSec 5 -ErrorVariable err -ErrorAction SilentlyContinue 6>$null
            $err[0].FullyQualifiedErrorId | Should -BeLike 'ListenerUnavailable,*'
            $err[0].Exception.Message | Should -Match ([uri]$redirect).Port
        }
        finally {
            $squatter.Stop()
        }
    }
}

Describe 'Receive-FacebookAuthCode paste-back' {
    BeforeEach {
        Invoke-EmulatorControl $emu -Method Post -Path 'reset' | Out-Null
    }

    It 'takes the final login_success.html URL with #_=_ and no listener at all' {
        $req = Get-FacebookAuthUrl -AppId $emu.AppId -RedirectUri 'https://www.facebook.com/connect/login_success.html' -LoginBaseUri $emu.Uri -Scope whatsapp_business_management
        Invoke-EmulatorControl $emu -Method Post -Path 'settings' -Body @{ autoApprove = 'approve' } | Out-Null
        $response = Invoke-WebRequest -Uri $req.Uri -MaximumRedirection 0 -SkipHttpErrorCheck -NoProxy -ErrorAction SilentlyContinue
        $final = @($response.Headers['Location'])[0]
        $final | Should -BeLike 'https://www.facebook.com/connect/login_success.html?code=*#_=_'

        $code = $req | Receive-FacebookAuthCode -CallbackUri $final
        $code.RedirectUri | Should -Be 'https://www.facebook.com/connect/login_success.html'
        ($code | Invoke-FacebookCodeExchange -AppSecret $emu.AppSecret -GraphBaseUri $emu.Uri).Kind | Should -Be 'ShortLivedUser'
    }

    It 'accepts the code in the fragment too' {
        $req = Get-FacebookAuthUrl -AppId $emu.AppId -RedirectUri 'https://www.facebook.com/connect/login_success.html' -State 'fixed-state-1'
        $code = $req | Receive-FacebookAuthCode -CallbackUri 'https://www.facebook.com/connect/login_success.html#code=AQfragmentcode&state=fixed-state-1'
        [Net.NetworkCredential]::new('', $code.Code).Password | Should -Be 'AQfragmentcode'
    }

    It 'refuses a pasted URL whose state does not match, as a SecurityError' {
        $req = Get-FacebookAuthUrl -AppId $emu.AppId -RedirectUri 'https://www.facebook.com/connect/login_success.html'
        $out = $req | Receive-FacebookAuthCode -CallbackUri 'https://www.facebook.com/connect/login_success.html?code=AQstolen&state=someone-elses#_=_' -ErrorVariable err -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -Be 'StateMismatch,FacebookToken.Module.Commands.ReceiveFacebookAuthCodeCommand'
        $err[0].CategoryInfo.Category | Should -Be 'SecurityError'
        $err[0].Exception.Message | Should -Not -Match 'AQstolen'
    }

    It 'refuses a non-loopback redirect without -CallbackUri in a non-interactive session' {
        $req = Get-FacebookAuthUrl -AppId $emu.AppId -RedirectUri 'https://www.facebook.com/connect/login_success.html'
        $null = $req | Receive-FacebookAuthCode -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'ListenerUnavailable,*'
        $err[0].Exception.Message | Should -Match '-CallbackUri'
    }
}

Describe 'Receive-FacebookAuthCode paste-back prompt (a scripted host)' {
    BeforeAll {
        # The cmdlet never prompts in a -NonInteractive process (this Pester run is one), so the scenarios run in a
        # pwsh started without it, each in a runspace whose host answers ReadLine from a script. The child is
        # killed at a liveness bound: a prompt that waited for a real user would fail the tests, not hang them.
        $pwsh = Get-ChildPwshArguments
        $startInfo = [System.Diagnostics.ProcessStartInfo]::new($pwsh.FilePath)
        foreach ($argument in @($pwsh.Prefix) + @(
                '-NoProfile', '-File', (Join-Path $PSScriptRoot 'assets/paste-back-scenarios.ps1')
                '-ModulePath', $ModuleManifestPath, '-HostSource', (Join-Path $PSScriptRoot 'assets/ScriptedHost.cs'))) {
            $startInfo.ArgumentList.Add($argument)
        }
        $startInfo.UseShellExecute = $false
        $startInfo.RedirectStandardInput = $true
        $startInfo.RedirectStandardOutput = $true
        $startInfo.RedirectStandardError = $true
        $child = [System.Diagnostics.Process]::Start($startInfo)
        try {
            $child.StandardInput.Close()
            $stdout = $child.StandardOutput.ReadToEndAsync()
            $stderr = $child.StandardError.ReadToEndAsync()
            if (-not $child.WaitForExit(120000)) {
                $child.Kill($true)
                throw 'The paste-back scenarios were still running after 120 s (a prompt waiting for a user?).'
            }
            $child.WaitForExit()
            $line = @($stdout.Result -split '\r?\n' | Where-Object { $_.StartsWith('RESULT=') })[0]
            if (-not $line) {
                throw "The paste-back scenarios printed no result (exit code $($child.ExitCode)): $($stdout.Result) $($stderr.Result)"
            }
        }
        finally {
            $child.Dispose()
        }
        $script:scenarios = @{}
        foreach ($result in ConvertFrom-Json -InputObject $line.Substring('RESULT='.Length)) {
            $scenarios[$result.Name] = $result
        }
    }

    It 'gives up after three wrong pastes, warning after the first two' {
        $result = $scenarios['three wrong pastes']
        Assert-EndedWithOneError $result -ErrorId InvalidCallback -Reads 3
        $result.Prompts | Should -Be 3
        @($result.Warnings).Count | Should -Be 2
    }

    It 'takes a right paste on the third try' {
        $result = $scenarios['right on the third try']
        $result.Reason | Should -BeNullOrEmpty
        $result.Reads | Should -Be 3
        @($result.Warnings).Count | Should -Be 2
        $result.Warnings[1] | Should -Match 'state'
        @($result.ErrorIds).Count | Should -Be 0
        $result.Codes | Should -Be @('AQthirdtime')
    }

    It 'stops at an empty paste without asking again' {
        Assert-EndedWithOneError $scenarios['an empty paste'] -ErrorId InvalidCallback -Reads 1
    }

    It 'does not ask again after a denial' {
        $result = $scenarios['a denial']
        Assert-EndedWithOneError $result -ErrorId LoginDenied -Reads 1
        @($result.Warnings).Count | Should -Be 0
    }

    # A busy port is an error naming it, never paste-back: the browser would still be redirected, code and state
    # included, to whatever holds the port (issue 12.6).
    It 'refuses <Name> with ListenerUnavailable naming the port, without prompting' -ForEach @(
        @{ Name = 'a busy redirect port'; Scenario = 'a busy port'; Says = 'Port {0} is already in use' }
        @{ Name = 'localhost when only [::1] is squatted'; Scenario = 'a squatted ::1'; Says = 'Port {0} is already in use on [::1]' }
    ) {
        $result = $scenarios[$Scenario]
        Assert-EndedWithOneError $result -ErrorId ListenerUnavailable -Reads 0
        $result.Prompts | Should -Be 0
        @($result.Warnings).Count | Should -Be 0
        $result.Errors[0] | Should -Match ([regex]::Escape(($Says -f $result.Port)))
    }
}
