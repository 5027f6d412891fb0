BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:emu = Start-FacebookEmulator

    function New-LongToken {
        param([int]$Count = 1)
        1..$Count | ForEach-Object { (Invoke-EmulatorControl $emu -Method Post -Path 'tokens' -Body @{ appId = $emu.AppId; kind = 'long' }).access_token }
    }

    function Get-DebugTokenRequestCount {
        # The log comes back as one array: enumerate it before filtering.
        @((Invoke-EmulatorControl $emu -Method Get -Path 'requests') | ForEach-Object { $_ } | Where-Object { $_.endpoint -eq '/debug_token' }).Count
    }

    function Wait-EmulatorInFlight {
        # Polls the emulator until -Count Graph requests are in flight; a liveness bound, not a timing.
        param([int]$Count, [int]$BoundSec = 30)
        $deadline = [DateTime]::UtcNow.AddSeconds($BoundSec)
        do {
            $now = (Invoke-EmulatorControl $emu -Method Get -Path 'concurrency').inFlight
            if ($now -eq $Count) {
                return
            }
            Start-Sleep -Milliseconds 50
        } while ([DateTime]::UtcNow -lt $deadline)
        throw "After $BoundSec s the emulator had $now Graph requests in flight, not $Count."
    }
}

AfterAll {
    Stop-FacebookEmulator $script:emu
}

Describe 'Get-FacebookTokenInfo -ThrottleLimit' {
    BeforeEach {
        Invoke-EmulatorControl $emu -Method Post -Path 'reset' | Out-Null
    }

    It 'inspects piped tokens concurrently and still writes results in input order, errors in place' {
        $tokens = New-LongToken -Count 24
        $tokens[10] = 'EAAGnotatokenthatfacebookknows000'
        Invoke-EmulatorControl $emu -Method Post -Path 'faults' -Body @{ latencyMs = 30 } | Out-Null
        $masks = $tokens | ForEach-Object { $_.Substring(0, 4) + [char]0x2026 + $_.Substring($_.Length - 3) }

        $infos = $tokens | Get-FacebookTokenInfo -Credential $emu.Credential -GraphBaseUri $emu.Uri -ThrottleLimit 6 -ErrorVariable err -ErrorAction SilentlyContinue
        $infos.Count | Should -Be 23
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'InvalidToken,*'
        $err[0].TargetObject | Should -Be $masks[10]
        $infos.MaskedToken | Should -Be ($masks | Where-Object { $_ -ne $masks[10] })
        $infos | ForEach-Object { $_.IsValid | Should -BeTrue }
    }

    It 'with -ThrottleLimit 6 has exactly six requests in flight at once over slow requests' {
        # Each request takes 1.5 s at the emulator, so the six of a wave overlap however slowly they are sent;
        # a sequential implementation peaks at 1, one that ignores the limit at 12.
        $tokens = New-LongToken -Count 12
        Invoke-EmulatorControl $emu -Method Post -Path 'faults' -Body @{ latencyMs = 1500; pathContains = 'debug_token' } | Out-Null

        $infos = $tokens | Get-FacebookTokenInfo -Credential $emu.Credential -GraphBaseUri $emu.Uri -ThrottleLimit 6

        $infos.Count | Should -Be 12
        Get-DebugTokenRequestCount | Should -Be 12
        (Invoke-EmulatorControl $emu -Method Get -Path 'concurrency').peak | Should -Be 6
    }

    It 'is sequential by default: one request in flight at a time' {
        (Get-Command Get-FacebookTokenInfo).Parameters['ThrottleLimit'].Attributes.Where({ $_ -is [ValidateRange] }).MinRange | Should -Be 1
        $tokens = New-LongToken -Count 4
        Invoke-EmulatorControl $emu -Method Post -Path 'faults' -Body @{ latencyMs = 300; pathContains = 'debug_token' } | Out-Null

        $infos = $tokens | Get-FacebookTokenInfo -Credential $emu.Credential -GraphBaseUri $emu.Uri

        $infos.Count | Should -Be 4
        $infos | ForEach-Object { $_.IsValid | Should -BeTrue }
        Get-DebugTokenRequestCount | Should -Be 4
        (Invoke-EmulatorControl $emu -Method Get -Path 'concurrency').peak | Should -Be 1
    }

    It 'Ctrl+C with six requests in flight stops at once, aborts them, and starts and writes nothing after' {
        # A minute at the emulator per request: only a stop that cancels them ends this within the watchdog's bound.
        $tokens = New-LongToken -Count 24
        Invoke-EmulatorControl $emu -Method Post -Path 'faults' -Body @{ latencyMs = 60000; pathContains = 'debug_token' } | Out-Null

        $sessionState = [initialsessionstate]::CreateDefault2()
        $sessionState.ImportPSModule($ModuleManifestPath)
        $ps = [powershell]::Create($sessionState)
        $stopped = $false
        try {
            $null = $ps.AddCommand('Get-FacebookTokenInfo').AddParameter('Credential', $emu.Credential).AddParameter('GraphBaseUri', $emu.Uri).AddParameter('ThrottleLimit', 6)
            $inputs = [System.Management.Automation.PSDataCollection[psobject]]::new()
            foreach ($token in $tokens) {
                $inputs.Add($token)
            }
            $inputs.Complete()
            $output = [System.Management.Automation.PSDataCollection[psobject]]::new()
            $async = $ps.BeginInvoke($inputs, $output)

            Wait-EmulatorInFlight -Count 6
            $stop = $ps.BeginStop($null, $null)
            $stopped = $stop.AsyncWaitHandle.WaitOne([TimeSpan]::FromSeconds(30))
            $stopped | Should -BeTrue -Because 'Ctrl+C must not wait for the requests in flight (a liveness bound, not a timing)'
            $async.IsCompleted | Should -BeTrue
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
            $output.Count | Should -Be 0

            Wait-EmulatorInFlight -Count 0
            # Nothing may start, or come out, once stopped: give a stray continuation the chance to show itself.
            Start-Sleep -Milliseconds 500
            Get-DebugTokenRequestCount | Should -Be 6
            $output.Count | Should -Be 0
            (Invoke-EmulatorControl $emu -Method Get -Path 'concurrency').inFlight | Should -Be 0
        }
        finally {
            if ($stopped) {
                $ps.Dispose()
            }
        }
    }
}
