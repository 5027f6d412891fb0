BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:emu = Start-FacebookEmulator
}

AfterAll {
    Stop-FacebookEmulator $script:emu
}

Describe 'Faults' {
    BeforeEach {
        Invoke-EmulatorControl $emu -Method Post -Path 'reset' | Out-Null
    }

    It 'Ctrl+C (stopping the PowerShell instance) ends a hung request promptly' {
        $token = (Invoke-EmulatorControl $emu -Method Post -Path 'tokens' -Body @{ appId = $emu.AppId; kind = 'short' }).access_token
        Invoke-EmulatorControl $emu -Method Post -Path 'faults' -Body @{ mode = 'hang'; count = -1 } | Out-Null
        Invoke-EmulatorControl $emu -Method Delete -Path 'requests' | Out-Null
        # The module comes with the session, not as a first statement: stopping a batch of statements can leave its next
        # statement queued on the thread pool, which then finds the runspace closed and ends the whole process.
        $state = [initialsessionstate]::CreateDefault2()
        $state.ImportPSModule($ModuleManifestPath)
        $ps = [powershell]::Create($state)
        try {
            $null = $ps.AddCommand('ConvertTo-LongLivedToken').AddParameter('AccessToken', $token).AddParameter('AppId', $emu.AppId).AddParameter('AppSecret', $emu.AppSecret).AddParameter('GraphBaseUri', $emu.Uri).AddParameter('TimeoutSec', 600)
            $async = $ps.BeginInvoke()
            $deadline = [DateTime]::UtcNow.AddSeconds(30)
            while (@(Invoke-EmulatorControl $emu -Method Get -Path 'requests').Count -eq 0 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
            @(Invoke-EmulatorControl $emu -Method Get -Path 'requests').Count | Should -Be 1 -Because 'the request is hanging at the emulator'
            $ps.InvocationStateInfo.State | Should -Be 'Running'

            $stop = $ps.BeginStop($null, $null)
            # A liveness bound, not a timing (Bench measures speed): a request that ignored Ctrl+C would hang for
            # its 600 s -TimeoutSec. Generous, because a loaded 2-core CI machine once took over 5 s to wind down.
            $stop.AsyncWaitHandle.WaitOne(20000) | Should -BeTrue
            $ps.EndStop($stop)
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
        }
        finally {
            $ps.Dispose()
        }
    }
}

Describe 'A vault call handed to the pipeline thread when the pipeline ends' {
    # The -Vault store runs SecretManagement's commands on the pipeline thread (PipelineMessages.OnPipelineThread) while a
    # core workflow waits on the thread pool. Ctrl+C makes the cmdlet's next Write* throw, so the pipeline can end with
    # such a call still queued: the waiting thread must end too, and the call must not run after the command is over.
    BeforeAll {
        Add-Type -TypeDefinition (Get-Content -Raw -LiteralPath (Join-Path $PSScriptRoot 'assets/PipelineMessagesProbe.cs'))
    }

    It 'ends the waiting thread without running the call when the call was <When>' -ForEach @(
        @{ When = 'queued before the pipeline ended'; DisposeFirst = $false }
        @{ When = 'handed over after the pipeline ended'; DisposeFirst = $true }
    ) {
        $probe = [FacebookToken.Tests.PipelineMessagesProbe]::Run([FacebookToken.Module.Commands.ReceiveFacebookAuthCodeCommand]::new(), $DisposeFirst, 20000)
        # A liveness bound, not a timing: a waiter nobody releases waits for ever, one thread-pool thread lost per Ctrl+C.
        $probe.Ended | Should -BeTrue -Because "the waiting thread ends once nobody can serve the call ($($probe.Outcome))"
        $probe.Outcome | Should -Be 'System.OperationCanceledException'
        $probe.WorkRan | Should -BeFalse
    }
}

Describe 'The cache under stress' {
    It '16 processes x 25 saves leave all 400 entries' {
        $dir = Join-Path ([IO.Path]::GetTempPath()) ('fbt-stress-' + [guid]::NewGuid().ToString('N'))
        $null = New-Item -ItemType Directory -Path $dir
        $keyPlain = 'stress-key-0123456789abcdef'
        $pwshArgs = Get-ChildPwshArguments
        $procs = foreach ($p in 1..16) {
            $script = "Import-Module '$ModuleManifestPath'; `$k = ConvertTo-SecureString '$keyPlain' -AsPlainText -Force; 1..25 | ForEach-Object { Save-FacebookToken -Name ('s$p-' + `$_) -AccessToken ('EAAGstress$p' + 'x' * 40) -CachePath '$dir' -CacheKey `$k -ErrorAction Stop }"
            Start-Process -FilePath $pwshArgs.FilePath -ArgumentList ($pwshArgs.Prefix + @('-NoProfile', '-NonInteractive', '-EncodedCommand', [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($script)))) -PassThru -RedirectStandardOutput (Join-Path $dir "p$p.out") -RedirectStandardError (Join-Path $dir "p$p.err")
        }
        $procs | Wait-Process -Timeout 400
        foreach ($p in 1..16) { Get-Content -Raw -LiteralPath (Join-Path $dir "p$p.err") | Should -BeNullOrEmpty }
        $procs | ForEach-Object { $_.ExitCode | Should -Be 0 }
        $names = (Get-FacebookToken -CachePath $dir -CacheKey (ConvertTo-SecureString $keyPlain -AsPlainText -Force)).Name
        $names.Count | Should -Be 400
        foreach ($p in 1..16) { foreach ($i in 1..25) { $names | Should -Contain "s$p-$i" } }
        Remove-Item -LiteralPath $dir -Recurse -Force -ErrorAction SilentlyContinue
    }
}
