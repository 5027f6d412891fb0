# Dot-sourced by Invoke-Benchmarks.ps1 (-Measure Baseline): this module against a BASELINE build of it, side by side
# in one run. Get-BenchBaseline stages the baseline (a git rev, built once with that rev's own build.ps1 and reused
# from output/baseline/<commit>/); Invoke-BaselineBench measures the import, per-call and warm-cache figures of both,
# alternating, through the same child scripts the other parts use (Measure-ImportDetail.ps1, Measure-PerCall.ps1,
# Measure-GraphRequest.ps1, Measure-Cache.ps1), and adds one row per figure with the ratio this/baseline and a verdict.
#
# The verdict, per figure: every figure is also measured a second time for this module in the same rotation ("this
# again": the same module twice, each with its own series, an A/A pair). Their ratio is the run's own noise for that
# figure; its spread is max(A/A, 1/A/A).
#   yes    this/baseline <= -BaselineTolerance (1.05x by default): no regression;
#   noise  above the tolerance, but the faster of the two series of this module is within the A/A spread of the
#          baseline: not distinguishable from this run's noise; run again on a quieter machine;
#   NO     both series of this module slower than the baseline by more than the tolerance and more than they differ
#          from each other: a regression (reported like a missed target, never failed).
# Uses the orchestrator's Add-Row, Add-Note, Format-*, Write-Section, Get-ChildCpuMs, $script:runner, and its parameters.

function Get-BenchBaseline {
    <#
    Returns {ModulePath, Label, Error}. With -ModulePath, that staged manifest as it is (no git, no build). Otherwise
    -Ref is resolved to a commit of -RepoRoot; its tree is written with `git archive` into
    output/baseline/<12 hex>/ and built there with its own build.ps1 -Task Build (whatever that rev's build does; it
    must stage output/FacebookToken/FacebookToken.psd1 as every build since 0.1.0 does), once: a finished build leaves
    a marker and the next run reuses it. The build runs in a staging folder moved into place when done, so an
    interrupted one is never reused.
    #>
    param(
        [Parameter(Mandatory)][string]$RepoRoot,
        [string]$Ref,
        [string]$ModulePath,
        [int]$BuildTimeoutSec = 1800
    )

    if ($ModulePath) {
        if (-not (Test-Path -LiteralPath $ModulePath -PathType Leaf)) {
            return [pscustomobject]@{ Error = "-BaselineModulePath '$ModulePath' is not a file; give a staged FacebookToken.psd1." }
        }
        $resolved = (Resolve-Path -LiteralPath $ModulePath).ProviderPath
        return [pscustomobject]@{ ModulePath = $resolved; Label = "the module at $resolved"; Error = $null }
    }

    if (-not (Get-Command -Name git -CommandType Application -ErrorAction Ignore)) {
        return [pscustomobject]@{ Error = 'git is not on PATH; install git or pass -BaselineModulePath (a staged baseline FacebookToken.psd1).' }
    }
    $commit = "$(& git -C $RepoRoot rev-parse --verify --quiet "$Ref^{commit}" 2>$null)".Trim()
    if ($LASTEXITCODE -ne 0 -or $commit -notmatch '^[0-9a-f]{40}$') {
        return [pscustomobject]@{ Error = "'$Ref' is not a commit of $RepoRoot (a shallow clone? run git fetch --unshallow), or pass -BaselineModulePath." }
    }
    $short = $commit.Substring(0, 12)
    $label = "$Ref ($short)"
    $root = Join-Path $RepoRoot "output/baseline/$short"
    $manifest = Join-Path $root 'output/FacebookToken/FacebookToken.psd1'
    $marker = Join-Path $root '.bench-baseline-built'
    if ((Test-Path -LiteralPath $marker) -and (Test-Path -LiteralPath $manifest)) {
        Write-Host "  reusing the baseline built at $root"
        return [pscustomobject]@{ ModulePath = $manifest; Label = $label; Error = $null }
    }

    $staging = "$root.tmp-$PID"
    try {
        Remove-Item -LiteralPath $root, $staging -Recurse -Force -ErrorAction Ignore
        $null = New-Item -ItemType Directory -Path $staging
        $tar = Join-Path $staging '.baseline.tar'
        & git -C $RepoRoot archive --format=tar -o $tar $commit
        if ($LASTEXITCODE -ne 0) { throw "git archive $commit failed (exit $LASTEXITCODE)." }
        & tar -xf $tar -C $staging
        if ($LASTEXITCODE -ne 0) { throw "tar -xf of the archive of $commit failed (exit $LASTEXITCODE)." }
        Remove-Item -LiteralPath $tar -Force
        $build = Join-Path $staging 'build.ps1'
        if (-not (Test-Path -LiteralPath $build)) { throw "$Ref has no build.ps1; pass -BaselineModulePath instead." }

        # Its own build with this PowerShell (not its pinned tool: no dotnet tool restore in the copy).
        Write-Host "  building the baseline $label with its own build.ps1 -Task Build (once; kept in $root) ..."
        $pwsh = Get-PwshCommand
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        # No MSBuild node, build server or compiler server left running after it (they would compete with the measures).
        $buildEnvironment = @{ MSBUILDDISABLENODEREUSE = '1'; DOTNET_CLI_USE_MSBUILD_SERVER = '0'; UseSharedCompilation = 'false' }
        $run = Invoke-BenchProcess -FilePath $pwsh.FilePath -ArgumentList (@($pwsh.Prefix) + @('-NoProfile', '-NonInteractive', '-File', $build, '-Task', 'Build', '-Configuration', 'Release')) -Environment $buildEnvironment -TimeoutSec $BuildTimeoutSec
        $staged = Join-Path $staging 'output/FacebookToken/FacebookToken.psd1'
        if ($run.ExitCode -ne 0 -or -not (Test-Path -LiteralPath $staged)) {
            $tail = @((Remove-Ansi ($run.StdOut + "`n" + $run.StdErr)).Trim() -split "`r?`n" | Select-Object -Last 15) -join "`n"
            throw "the baseline's build.ps1 -Task Build failed (exit $($run.ExitCode)) or staged no output/FacebookToken/FacebookToken.psd1:`n$tail"
        }
        Set-Content -LiteralPath (Join-Path $staging '.bench-baseline-built') -Value "$commit built by benchmarks/BaselineBench.ps1 in $('{0:0}' -f $watch.Elapsed.TotalSeconds) s"
        Move-Item -LiteralPath $staging -Destination $root
        Write-Host ('  built in {0:0} s' -f $watch.Elapsed.TotalSeconds)
        [pscustomobject]@{ ModulePath = $manifest; Label = $label; Error = $null }
    }
    catch {
        Remove-Item -LiteralPath $staging -Recurse -Force -ErrorAction Ignore
        # Another run that built the same commit at the same time got there first: use its build.
        if ((Test-Path -LiteralPath $marker) -and (Test-Path -LiteralPath $manifest)) {
            return [pscustomobject]@{ ModulePath = $manifest; Label = $label; Error = $null }
        }
        [pscustomobject]@{ Error = "baseline ${label}: $_" }
    }
}

function Get-BaselineVerdict {
    # yes / noise / NO (see the top of this file) from the three medians; '-' when a figure is missing.
    param([double]$This, [double]$Baseline, [double]$Again, [double]$Tolerance)
    $ratio = $This / $Baseline
    if ([double]::IsNaN($ratio) -or [double]::IsInfinity($ratio) -or $ratio -le 0) { return '-' }
    if ($ratio -le $Tolerance) { return 'yes' }
    $aa = $Again / $This
    if ([double]::IsNaN($aa) -or [double]::IsInfinity($aa) -or $aa -le 0) { return 'NO' }
    $spread = [math]::Max($aa, 1 / $aa)
    if ([math]::Min($This, $Again) / $Baseline -le [math]::Max($Tolerance, $spread)) { return 'noise' }
    'NO'
}

function Add-BaselineRow {
    # One figure: this module (median), the baseline (median), this/baseline, and the A/A ratio in the target column.
    param([string]$Name, [double]$This, [double]$Baseline, [double]$Again)
    $ratio = $This / $Baseline
    $aa = $Again / $This
    $verdict = Get-BaselineVerdict -This $This -Baseline $Baseline -Again $Again -Tolerance $BaselineTolerance
    Add-Row -Name "Baseline: $Name" -This (Format-Ms $This) -Baseline (Format-Ms $Baseline) -Ratio (Format-Ratio $ratio) -Target ('<= {0:0.00}x (A/A {1})' -f $BaselineTolerance, (Format-Ratio $aa)) -Met $verdict
}

function Invoke-BaselineRotation {
    # Runs & $Body $side $round for each round and each side (This, Baseline, Again), rotating the order each round
    # so no side always follows another; returns side -> list of whatever $Body returned.
    param([Parameter(Mandatory)][int]$Rounds, [Parameter(Mandatory)][scriptblock]$Body)
    $names = 'This', 'Baseline', 'Again'
    $results = @{}
    foreach ($name in $names) { $results[$name] = [System.Collections.Generic.List[object]]::new() }
    for ($round = 0; $round -lt $Rounds; $round++) {
        foreach ($k in 0..2) {
            $name = $names[($round + $k) % 3]
            foreach ($item in @(& $Body $name $round)) { $results[$name].Add($item) }
        }
    }
    $results
}

function Invoke-BaselineBench {
    param(
        [Parameter(Mandatory)][string]$BaselineModulePath,
        [Parameter(Mandatory)][string]$BaselineLabel,
        [string]$GraphBaseUri
    )
    $modules = @{ This = $ModulePath; Baseline = $BaselineModulePath; Again = $ModulePath }
    $work = Join-Path ([IO.Path]::GetTempPath()) ('fbt-bench-baseline-' + [guid]::NewGuid().ToString('N'))
    $null = New-Item -ItemType Directory -Path $work
    try {
        if ($BaselineFigures -contains 'Import') {
            # (a) Import: whole pwsh -c processes, alternating, each side with its own start-up JIT profile (as in Import).
            Write-Section "Baseline ${BaselineLabel}: pwsh -c Import-Module FacebookToken, this vs baseline vs this again ($BaselineImportRuns alternating rounds)"
            try {
                $environment = @{}
                foreach ($side in $modules.Keys) {
                    $environment[$side] = @{
                        XDG_CACHE_HOME = (Join-Path $work "pwshcache-$side")
                        PSModulePath   = (@((Split-Path -Parent (Split-Path -Parent $modules[$side])), $env:PSModulePath) -join [IO.Path]::PathSeparator)
                    }
                }
                # The warm-up runs also check that the side's own module was imported; the measured runs only import it.
                $checkCommand = 'Import-Module FacebookToken; if ((Get-Module FacebookToken).Path -notlike ''{0}*'') {{ throw "imported $((Get-Module FacebookToken).Path)" }}'
                $runOne = {
                    param([string]$Side, [bool]$Check)
                    $command = if ($Check) { $checkCommand -f (Split-Path -Parent $modules[$Side]).Replace("'", "''") } else { 'Import-Module FacebookToken' }
                    $cpuBefore = Get-ChildCpuMs
                    $run = Invoke-BenchProcess -FilePath $script:runner.FilePath -ArgumentList (@($script:runner.Prefix) + @('-NoProfile', '-c', $command)) -Environment $environment[$Side] -TimeoutSec 120
                    $cpuAfter = Get-ChildCpuMs
                    if ($run.ExitCode -ne 0 -or $run.StdErr.Trim()) { throw "pwsh -c Import-Module for '$Side' failed (exit $($run.ExitCode)): $(Remove-Ansi ($run.StdOut + $run.StdErr))" }
                    [pscustomobject]@{ Wall = $run.ElapsedMs; Cpu = $cpuAfter - $cpuBefore }
                }
                # Two unrecorded runs of each: the first writes the side's start-up profile, the second uses it.
                foreach ($side in 'This', 'Baseline', 'Again') { $null = & $runOne $side $true; $null = & $runOne $side $false }
                $import = Invoke-BaselineRotation -Rounds $BaselineImportRuns -Body { param($side) & $runOne $side $false }
                foreach ($side in 'This', 'Baseline', 'Again') {
                    Write-Host ('  {0,-8} wall (ms) {1}' -f $side, (($import[$side] | ForEach-Object { '{0:0}' -f $_.Wall }) -join ' '))
                }
                $wall = @{}; $cpu = @{}
                foreach ($side in $import.Keys) { $wall[$side] = Get-Median ($import[$side] | ForEach-Object Wall); $cpu[$side] = Get-Median ($import[$side] | ForEach-Object Cpu) }
                Add-BaselineRow -Name "pwsh -c Import-Module FacebookToken (wall, median of $BaselineImportRuns alternating)" -This $wall.This -Baseline $wall.Baseline -Again $wall.Again
                if (-not [double]::IsNaN($cpu.This)) {
                    Add-BaselineRow -Name 'pwsh -c Import-Module FacebookToken, same runs (CPU user+sys of the child)' -This $cpu.This -Baseline $cpu.Baseline -Again $cpu.Again
                }
            }
            catch { Add-Row -Name 'Baseline: pwsh -c Import-Module' -This "error: $(("$_" -split "`n")[0])"; Write-Host "  baseline import bench failed: $_" -ForegroundColor Yellow }

            # In-process Import-Module in a fresh pwsh (Measure-ImportDetail.ps1 -Step Total).
            Write-Section "Baseline ${BaselineLabel}: Import-Module in-process in a fresh pwsh ($BaselineDetailRuns alternating rounds)"
            try {
                $detail = Invoke-BaselineRotation -Rounds $BaselineDetailRuns -Body {
                    param($side)
                    (Invoke-BenchScript -Script (Join-Path $PSScriptRoot 'Measure-ImportDetail.ps1') -Parameters @{ ModulePath = $modules[$side]; Step = 'Total' } -TimeoutSec 120 -Pwsh $script:runner)[0]
                }
                $ms = @{}
                foreach ($side in $detail.Keys) { $ms[$side] = Get-Median ($detail[$side] | ForEach-Object ImportMs) }
                Add-BaselineRow -Name "Import-Module in-process in a fresh pwsh (median of $BaselineDetailRuns)" -This $ms.This -Baseline $ms.Baseline -Again $ms.Again
            }
            catch { Add-Row -Name 'Baseline: Import-Module in-process' -This "error: $(("$_" -split "`n")[0])"; Write-Host "  baseline in-process import bench failed: $_" -ForegroundColor Yellow }
        }

        if ($BaselineFigures -contains 'PerCall') {
            # (b) Per call against the emulator: Measure-PerCall.ps1 (ConvertTo-LongLivedToken), and Measure-GraphRequest.ps1
            # -Mode PerCall (Invoke-FacebookGraphRequest GET me) when the baseline exports it. One module per process, so the
            # sides alternate by process; each child also times Invoke-RestMethod, shown in a note as a per-process yardstick.
            if (-not $GraphBaseUri) {
                Add-Row -Name 'Baseline: per call' -This 'error: no emulator'
            }
            else {
                Write-Section "Baseline ${BaselineLabel}: per call, ConvertTo-LongLivedToken ($BaselineRounds alternating processes per side, $Blocks blocks of $BlockSize each)"
                try {
                    $perCall = Invoke-BaselineRotation -Rounds $BaselineRounds -Body {
                        param($side)
                        (Invoke-BenchScript -Script (Join-Path $PSScriptRoot 'Measure-PerCall.ps1') -Parameters @{ ModulePath = $modules[$side]; GraphBaseUri = $GraphBaseUri; Blocks = $Blocks; BlockSize = $BlockSize } -TimeoutSec 600 -Pwsh $script:runner)[0]
                    }
                    $ms = @{}; $overIrm = @{}
                    foreach ($side in $perCall.Keys) {
                        $ms[$side] = Get-Median @($perCall[$side] | ForEach-Object { $_.Module })
                        $overIrm[$side] = Get-Median @($perCall[$side] | ForEach-Object { (Get-Median $_.Module) / (Get-Median $_.InvokeRestMethod) })
                    }
                    Add-BaselineRow -Name "per call, ConvertTo-LongLivedToken (ms/call, median of $BaselineRounds x $Blocks blocks of $BlockSize)" -This $ms.This -Baseline $ms.Baseline -Again $ms.Again
                    Add-Note ("Baseline ${BaselineLabel}, per call over Invoke-RestMethod in the same process (a yardstick for process-to-process drift): ConvertTo-LongLivedToken {0} this, {1} baseline, {2} this again." -f
                        (Format-Ratio $overIrm.This), (Format-Ratio $overIrm.Baseline), (Format-Ratio $overIrm.Again))
                }
                catch { Add-Row -Name 'Baseline: per call, ConvertTo-LongLivedToken' -This "error: $(("$_" -split "`n")[0])"; Write-Host "  baseline per-call bench failed: $_" -ForegroundColor Yellow }

                if (Select-String -LiteralPath $BaselineModulePath -SimpleMatch "'Invoke-FacebookGraphRequest'" -Quiet) {
                    Write-Section "Baseline ${BaselineLabel}: per call, Invoke-FacebookGraphRequest GET me ($BaselineRounds alternating processes per side)"
                    try {
                        $graph = Invoke-BaselineRotation -Rounds $BaselineRounds -Body {
                            param($side)
                            (Invoke-BenchScript -Script (Join-Path $PSScriptRoot 'Measure-GraphRequest.ps1') -Parameters @{ ModulePath = $modules[$side]; GraphBaseUri = $GraphBaseUri; Mode = 'PerCall'; Blocks = $Blocks; BlockSize = $BlockSize } -TimeoutSec 600 -Pwsh $script:runner)[0]
                        }
                        $ms = @{}
                        foreach ($side in $graph.Keys) { $ms[$side] = Get-Median @($graph[$side] | ForEach-Object { $_.Module }) }
                        Add-BaselineRow -Name "per call, Invoke-FacebookGraphRequest GET me (ms/call, median of $BaselineRounds x $Blocks blocks of $BlockSize)" -This $ms.This -Baseline $ms.Baseline -Again $ms.Again
                    }
                    catch { Add-Row -Name 'Baseline: per call, Invoke-FacebookGraphRequest' -This "error: $(("$_" -split "`n")[0])"; Write-Host "  baseline graph request bench failed: $_" -ForegroundColor Yellow }
                }
                else {
                    Add-Row -Name 'Baseline: per call, Invoke-FacebookGraphRequest' -This 'n/a (the baseline does not export it)'
                }
            }
        }

        # (c) Warm cache: Measure-Cache.ps1 -Mode Warm on a key file with a raw key and on an unencrypted file, a fresh
        # cache folder per process.
        $rawKey = 'base64:' + [Convert]::ToBase64String([System.Security.Cryptography.RandomNumberGenerator]::GetBytes(32))
        $variants = @(
            @{ Label = 'key file, raw key'; Folder = 'raw'; Key = $rawKey; Plaintext = 'False' }
            @{ Label = 'unencrypted file'; Folder = 'plain'; Key = $null; Plaintext = 'True' }
        )
        foreach ($variant in $(if ($BaselineFigures -contains 'Cache') { $variants })) {
            Write-Section "Baseline ${BaselineLabel}: warm cache, $($variant.Label) ($BaselineRounds alternating processes per side)"
            try {
                $environment = @{ DBUS_SESSION_BUS_ADDRESS = $null; FACEBOOK_TOKEN_CACHE_PATH = $null; FACEBOOK_TOKEN_VAULT = $null; FACEBOOK_TOKEN_CACHE_KEY = $variant.Key }
                $cache = Invoke-BaselineRotation -Rounds $BaselineRounds -Body {
                    param($side, $round)
                    $cachePath = Join-Path $work "cache-$($script:runnerTag)-$($variant.Folder)-$side-$round"
                    (Invoke-BenchScript -Script (Join-Path $PSScriptRoot 'Measure-Cache.ps1') -Parameters @{ ModulePath = $modules[$side]; CachePath = $cachePath; AllowPlaintext = $variant.Plaintext; Mode = 'Warm'; GetCalls = $BaselineCacheCalls } -Environment $environment -TimeoutSec 600 -Pwsh $script:runner)[0]
                }
                $get = @{}; $getMany = @{}; $save = @{}
                foreach ($side in $cache.Keys) {
                    $get[$side] = Get-Median @($cache[$side] | ForEach-Object { $_.GetMs })
                    $getMany[$side] = Get-Median @($cache[$side] | ForEach-Object { $_.GetManyMs })
                    $save[$side] = Get-Median @($cache[$side] | ForEach-Object { $_.SaveMs })
                }
                $calls = $BaselineRounds * $BaselineCacheCalls
                $entries = @($cache.This)[0].Entries
                Add-BaselineRow -Name "warm Get-FacebookToken, $($variant.Label), 1 entry (ms/call, median of $calls)" -This $get.This -Baseline $get.Baseline -Again $get.Again
                Add-BaselineRow -Name "warm Get-FacebookToken, $($variant.Label), $entries entries (ms/call, median of $calls)" -This $getMany.This -Baseline $getMany.Baseline -Again $getMany.Again
                Add-Note ("Baseline ${BaselineLabel}, Save-FacebookToken per call, $($variant.Label) (not a figure of the comparison): {0} this, {1} baseline, {2} this again." -f (Format-Ms $save.This), (Format-Ms $save.Baseline), (Format-Ms $save.Again))
            }
            catch { Add-Row -Name "Baseline: warm cache, $($variant.Label)" -This "error: $(("$_" -split "`n")[0])"; Write-Host "  baseline cache bench failed: $_" -ForegroundColor Yellow }
        }
    }
    finally {
        Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction SilentlyContinue
    }
}
