# benchmarks/Invoke-Benchmarks.ps1 -Measure Baseline stays runnable: the comparison with a baseline build (issue 22)
# runs here in a quick mode (one round of everything, IL PowerShell only) against a real git rev built with its own
# build.ps1, and the table it prints is checked for its rows, figures, ratios and verdicts. Nothing here times
# anything: the figures are read as text, never compared with a bound (speed belongs to build.ps1 -Task Bench).

BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')

    $script:benchScript = Join-Path $RepoRoot 'benchmarks/Invoke-Benchmarks.ps1'
    $script:quick = @('-Measure', 'Baseline', '-PowerShell', 'IL', '-BaselineImportRuns', '1', '-BaselineDetailRuns', '1', '-BaselineRounds', '1',
        '-Blocks', '1', '-BlockSize', '5', '-BaselineCacheCalls', '10')

    function Invoke-QuickBench([string[]]$Arguments) {
        # The orchestrator in a fresh pwsh (-File, as build.ps1 -Task Bench runs it), its output read from a pipe so it
        # does not flood this log; returns its lines. It exits 0 even when a measure fails or a target is missed.
        $pwsh = Get-ChildPwshArguments
        $startInfo = [System.Diagnostics.ProcessStartInfo]::new($pwsh.FilePath)
        foreach ($argument in @($pwsh.Prefix) + @('-NoProfile', '-NonInteractive', '-File', $benchScript, '-ModulePath', $StagedManifestPath) + $quick + $Arguments) {
            $startInfo.ArgumentList.Add($argument)
        }
        $startInfo.UseShellExecute = $false
        $startInfo.RedirectStandardOutput = $true
        $startInfo.RedirectStandardError = $true
        $process = [System.Diagnostics.Process]::Start($startInfo)
        try {
            $stderr = $process.StandardError.ReadToEndAsync()
            $stdout = $process.StandardOutput.ReadToEnd()
            $process.WaitForExit()
            $lines = @(($stdout + "`n" + $stderr.GetAwaiter().GetResult()) -split "`r?`n" | ForEach-Object { $_ -replace '\x1b\[[0-9;?]*[A-Za-z]', '' })
            if ($process.ExitCode -ne 0) { throw "Invoke-Benchmarks.ps1 exited with $($process.ExitCode):`n$($lines -join "`n")" }
            $lines
        }
        finally {
            $process.Dispose()
        }
    }

    function Get-TableRow([string[]]$Output) {
        # The rows of the printed table: | Measure | This module | Baseline | Ratio | Target | Met? |
        $lines = @($Output | Where-Object { $_ -match '^\| ' -and $_ -notmatch '^\| Measure\s+\|' })
        foreach ($line in $lines) {
            $cells = @($line.Trim().Trim('|').Split('|') | ForEach-Object Trim)
            [pscustomobject]@{ Measure = $cells[0]; This = $cells[1]; Baseline = $cells[2]; Ratio = $cells[3]; Target = $cells[4]; Met = $cells[5] }
        }
    }

    function ConvertFrom-BenchMs([string]$Text) {
        # '0.37 ms', '91.4 ms', '12.34 s' (Format-Ms) as milliseconds.
        if ($Text -notmatch '^(?<n>\d+(\.\d+)?) (?<u>ms|s)$') { throw "'$Text' is not a time as Format-Ms writes one." }
        [double]$Matches.n * $(if ($Matches.u -eq 's') { 1000 } else { 1 })
    }
}

Describe 'Invoke-Benchmarks -Measure Baseline' {
    Context 'against a git rev (HEAD), built with its own build.ps1' {
        BeforeAll {
            $head = "$(& git -C $RepoRoot rev-parse HEAD)".Trim()
            $script:builtRoot = Join-Path $RepoRoot "output/baseline/$($head.Substring(0, 12))"
            $script:keepBuilt = Test-Path -LiteralPath $builtRoot
            $script:output = @(Invoke-QuickBench '-BaselineRef', 'HEAD')
            $script:rows = @(Get-TableRow $output | Where-Object Measure -Like '`[IL`] Baseline: *')
        }
        AfterAll {
            # A build this test made is removed (one per commit would pile up under output/); one made before is kept.
            if ($builtRoot -and -not $keepBuilt) { Remove-Item -LiteralPath $builtRoot -Recurse -Force -ErrorAction SilentlyContinue }
        }

        It 'builds the rev once into output/baseline/ and measures that build' {
            Join-Path $builtRoot '.bench-baseline-built' | Should -Exist
            Join-Path $builtRoot 'output/FacebookToken/FacebookToken.psd1' | Should -Exist
            $output | Where-Object { $_ -like "*baseline: $(Join-Path $builtRoot 'output/FacebookToken/FacebookToken.psd1')*" } | Should -Not -BeNullOrEmpty
        }

        It 'has one row for each import, per-call and warm-cache figure' {
            $expected = @(
                'pwsh -c Import-Module FacebookToken (wall, median of 1 alternating)'
                'Import-Module in-process in a fresh pwsh (median of 1)'
                'per call, ConvertTo-LongLivedToken (ms/call, *'
                'per call, Invoke-FacebookGraphRequest GET me (ms/call, *'
                'warm Get-FacebookToken, key file, raw key, 1 entry (ms/call, median of 10)'
                'warm Get-FacebookToken, key file, raw key, 51 entries (ms/call, median of 10)'
                'warm Get-FacebookToken, unencrypted file, 1 entry (ms/call, median of 10)'
                'warm Get-FacebookToken, unencrypted file, 51 entries (ms/call, median of 10)'
            )
            # The CPU time of a child comes from /proc.
            if (Test-Path -LiteralPath '/proc/self/stat') { $expected += 'pwsh -c Import-Module FacebookToken, same runs (CPU user+sys of the child)' }
            foreach ($name in $expected) {
                @($rows | Where-Object Measure -Like "``[IL``] Baseline: $([WildcardPattern]::Escape($name).Replace('`*', '*'))").Count | Should -Be 1 -Because "the table should have the row '$name'`n$($output -join "`n")"
            }
            $rows.Count | Should -Be $expected.Count
        }

        It 'gives each row both figures, their ratio this/baseline, the tolerance with the A/A ratio, and a verdict' {
            $rows.Count | Should -BeGreaterThan 0
            foreach ($row in $rows) {
                $this = ConvertFrom-BenchMs $row.This
                $baseline = ConvertFrom-BenchMs $row.Baseline
                $row.Ratio | Should -Match '^\d+\.\d\dx$' -Because $row.Measure
                $ratio = [double]$row.Ratio.TrimEnd('x')
                # Rounded figures: the printed ratio is this/baseline within their rounding.
                [math]::Abs($ratio - $this / $baseline) | Should -BeLessOrEqual (0.03 + 0.05 * $ratio) -Because $row.Measure
                $row.Target | Should -Match '^<= 1\.05x \(A/A \d+\.\d\dx\)$' -Because $row.Measure
                $row.Met | Should -BeIn 'yes', 'noise', 'NO' -Because $row.Measure
            }
        }

        It 'ends with one verdict on the whole comparison' {
            $verdicts = @($output | Where-Object { $_ -match '^Baseline HEAD \([0-9a-f]{12}\): (no regression|REGRESSION in \d+ of \d+ figures)' })
            $verdicts.Count | Should -Be 1 -Because ($output -join "`n")
        }
    }

    Context '-BaselineFigures' {
        It 'measures only the figures asked for (Cache: the four warm Get rows), here against the staged module itself' {
            $output = @(Invoke-QuickBench '-BaselineModulePath', $StagedManifestPath, '-BaselineFigures', 'Cache')
            $rows = @(Get-TableRow $output | Where-Object Measure -Like '`[IL`] Baseline: *')
            $rows.Count | Should -Be 4 -Because ($output -join "`n")
            $rows | ForEach-Object { $_.Measure | Should -BeLike '`[IL`] Baseline: warm Get-FacebookToken, *' }
            $rows | ForEach-Object { $_.Ratio | Should -Match '^\d+\.\d\dx$' }
            # No emulator is started for the cache alone, and no import is measured.
            $output | Where-Object { $_ -like '*Import-Module*this vs baseline*' } | Should -BeNullOrEmpty
        }
    }

    Context 'no baseline to compare with' {
        It 'a rev that is not a commit gives one row that says so and what to do' {
            $output = @(Invoke-QuickBench '-BaselineRef', 'no-such-rev-for-the-bench')
            $row = @(Get-TableRow $output | Where-Object Measure -EQ 'Baseline')
            $row.Count | Should -Be 1
            $row[0].This | Should -BeLike "n/a: 'no-such-rev-for-the-bench' is not a commit of *"
            # The row is cut to fit the table; the whole message, with what to do, is printed above it.
            $output | Where-Object { $_ -like "*no baseline:*'no-such-rev-for-the-bench' is not a commit*git fetch --unshallow*-BaselineModulePath*" } | Should -Not -BeNullOrEmpty
            Join-Path $RepoRoot 'output/baseline/no-such-rev-for-the-bench' | Should -Not -Exist
        }

        It 'a -BaselineModulePath that is not a file gives one row that says so' {
            $missing = Join-Path ([IO.Path]::GetTempPath()) ('fbt-no-baseline-' + [guid]::NewGuid().ToString('N') + '.psd1')
            $output = @(Invoke-QuickBench '-BaselineModulePath', $missing)
            $row = @(Get-TableRow $output | Where-Object Measure -EQ 'Baseline')
            $row.Count | Should -Be 1
            $row[0].This | Should -BeLike "n/a: -BaselineModulePath '*"
            $output | Where-Object { $_ -like "*no baseline: -BaselineModulePath '$missing' is not a file; give a staged FacebookToken.psd1.*" } | Should -Not -BeNullOrEmpty
        }
    }
}
