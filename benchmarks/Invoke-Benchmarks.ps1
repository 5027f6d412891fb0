<#
.SYNOPSIS
Measures FacebookToken side by side with its baselines and prints one table: measure, this module, baseline,
ratio, target, met? (build.ps1 -Task Bench runs it after a build, in a fresh pwsh).

.DESCRIPTION
1. Import:   wall time of `pwsh -NoProfile -c "Import-Module FacebookToken"` (the staged module by name) vs
             `pwsh -NoProfile -c exit`, alternating, median; in the same rotation a bare manifest and a one-cmdlet
             binary module with one view, PowerShell's own floor (plus the children's CPU time, and an in-process
             breakdown). Each command keeps its own pwsh start-up JIT profile (XDG_CACHE_HOME per command).
2. Per call: ConvertTo-LongLivedToken vs a hand-written Invoke-RestMethod of the same POST vs a raw reused
             HttpClient, alternating blocks of 100 calls in one process against the emulator.
3. Cache:    per backend (key file; libsecret inside a gnome-keyring session when available): warm
             Get-FacebookToken per call, cold first use in a fresh process, Save-FacebookToken per call.
4. Scale:    Get-FacebookTokenInfo over 500 piped tokens with 20 ms added latency, sequential and with
             -ThrottleLimit 8 when the cmdlet has it.
5. GraphRequest: Invoke-FacebookGraphRequest GET vs a hand-written Invoke-RestMethod of the same request (alternating
             blocks), and -All over 10,000 templates in pages of 100: items/s and peak working set vs one page.
6. ColdJob:  the cold runbook job (issue 24), whole pwsh -c processes in alternating pairs: job A imports the module,
             reads a token by name from a key-file cache with a raw base64: key and POSTs one WhatsApp template message
             with Invoke-FacebookGraphRequest; job B POSTs the same body with Invoke-RestMethod and a token from an
             environment variable. Plus an in-process breakdown (import, first cache read, first request; wall and
             CPU). On both PowerShells; on the ReadyToRun one also with the Desktop build (bin/net472) imported.
7. Vault:    the SecretManagement vault store (issue 23; see Measure-Vault.ps1).
8. CacheScale: the cache at 100, 1,000 and 10,000 entries (key file, raw key): rows piped into one
             Save-FacebookToken, one more save into the full cache, a warm Get-FacebookToken of one name and of a
             wildcard; the one-call-per-row fill at 100 as the reference.
9. Baseline: this module against a baseline build of it (-BaselineRef, built once with that rev's own build.ps1 into
             output/baseline/<commit>/, or -BaselineModulePath), alternating in the same run: pwsh -c Import-Module
             (wall, CPU) and in-process Import-Module, per call (ConvertTo-LongLivedToken; Invoke-FacebookGraphRequest
             when the baseline has it), warm Get-FacebookToken (key file with a raw key; unencrypted file). Each figure
             is measured a third time for this module (A/A: the run's own noise). Verdict per row: yes when
             this/baseline <= -BaselineTolerance (1.05x), noise when above it but within the A/A spread, NO (a
             regression) otherwise. See BaselineBench.ps1 and docs/performance.md.
Timings are reported, never asserted: the script exits 0 when a target is missed (it says so in the table).
Each part runs in its own child pwsh (benchmarks/Measure-*.ps1), so this process never imports the module.

.PARAMETER ModulePath
The staged manifest; default output/FacebookToken/FacebookToken.psd1 (build.ps1 passes it).

.PARAMETER Measure
Run only some parts (for working on one of them): Import, PerCall, Cache, Scale, GraphRequest, ColdJob, Vault, CacheScale, Baseline.

.PARAMETER PowerShell
The PowerShells to measure on (Import, PerCall, Cache, ColdJob, Baseline): IL (the dotnet tool), R2R (its ReadyToRun copy); default both.

.PARAMETER BaselineRef
Baseline: the git rev to build and compare with; default 6f22dd6, the commit issue 22 was filed at (its README table
is the "measure (one run, both PowerShells)" table in docs/performance.md).

.PARAMETER BaselineModulePath
Baseline: a staged baseline FacebookToken.psd1 to compare with instead of building -BaselineRef.

.EXAMPLE
dotnet pwsh ./build.ps1 -Task Bench

.EXAMPLE
dotnet pwsh ./benchmarks/Invoke-Benchmarks.ps1 -Measure PerCall, Scale

.EXAMPLE
dotnet pwsh ./benchmarks/Invoke-Benchmarks.ps1 -Measure Baseline -BaselineRef 6f22dd6
#>
[CmdletBinding()]
param(
    [string]$ModulePath,

    # Passed by build.ps1; only printed: what is measured is the staged module at -ModulePath.
    [string]$Configuration = 'Release',

    # Under pwsh -File a list arrives as one comma-separated string; it is split below.
    [string[]]$Measure = @('Import', 'PerCall', 'Cache', 'Scale', 'GraphRequest', 'ColdJob', 'Vault', 'CacheScale', 'Baseline'),

    # The PowerShells to run on: IL, R2R (comma-separated under pwsh -File).
    [string[]]$PowerShell = @('IL', 'R2R'),

    # Baseline: the rev to compare with (or a staged baseline manifest), alternating rounds of whole pwsh -c imports,
    # of in-process imports, processes per side for per call and warm cache, Get calls per cache process, and the
    # ratio this/baseline up to which a figure is no regression.
    [string]$BaselineRef = '6f22dd6',
    [string]$BaselineModulePath,
    [ValidateRange(1, 100)]
    [int]$BaselineImportRuns = 9,
    [ValidateRange(1, 100)]
    [int]$BaselineDetailRuns = 5,
    [ValidateRange(1, 100)]
    [int]$BaselineRounds = 3,
    [ValidateRange(1, 100000)]
    [int]$BaselineCacheCalls = 200,
    [double]$BaselineTolerance = 1.05,
    # Baseline: which figures (Import, PerCall, Cache; comma-separated under pwsh -File); default all three.
    [string[]]$BaselineFigures = @('Import', 'PerCall', 'Cache'),

    # GraphRequest: templates listed with -All, and the page size.
    [int]$TemplateCount = 10000,
    [int]$TemplatePageSize = 100,

    # Import: alternating runs of each command after one warm-up of each (the target asks for 7 or more).
    [ValidateRange(7, 100)]
    [int]$ImportRuns = 15,

    # Per call: blocks of BlockSize calls per side.
    [int]$Blocks = 7,
    [int]$BlockSize = 100,

    # Cache: fresh processes for the cold first use.
    [int]$ColdRuns = 3,

    # ColdJob: alternating pairs of whole job processes (after two warm-ups of each), and in-process breakdown runs.
    [int]$ColdJobPairs = 9,
    [int]$ColdJobDetailRuns = 3,

    # Scale: piped tokens, added latency, throttle limit.
    [int]$ScaleCount = 500,
    [int]$LatencyMs = 20,
    [int]$ThrottleLimit = 8
)

$ErrorActionPreference = 'Stop'
$PSNativeCommandUseErrorActionPreference = $false
$Measure = @($Measure | ForEach-Object { $_ -split ',' } | ForEach-Object Trim | Where-Object { $_ })
foreach ($name in $Measure) {
    if ($name -notin 'Import', 'PerCall', 'Cache', 'Scale', 'GraphRequest', 'ColdJob', 'Vault', 'CacheScale', 'Baseline') { throw "-Measure '$name' is not one of Import, PerCall, Cache, Scale, GraphRequest, ColdJob, Vault, CacheScale, Baseline." }
}
$PowerShell = @($PowerShell | ForEach-Object { $_ -split ',' } | ForEach-Object Trim | Where-Object { $_ })
foreach ($name in $PowerShell) {
    if ($name -notin 'IL', 'R2R') { throw "-PowerShell '$name' is not one of IL, R2R." }
}
if ($PowerShell.Count -eq 0) { throw '-PowerShell needs IL, R2R or both.' }
$BaselineFigures = @($BaselineFigures | ForEach-Object { $_ -split ',' } | ForEach-Object Trim | Where-Object { $_ })
foreach ($name in $BaselineFigures) {
    if ($name -notin 'Import', 'PerCall', 'Cache') { throw "-BaselineFigures '$name' is not one of Import, PerCall, Cache." }
}
. (Join-Path $PSScriptRoot 'BenchHelpers.ps1')
. (Join-Path $PSScriptRoot 'BaselineBench.ps1')

$repoRoot = Split-Path -Parent $PSScriptRoot
if (-not $ModulePath) { $ModulePath = Join-Path $repoRoot 'output/FacebookToken/FacebookToken.psd1' }
$ModulePath = (Resolve-Path -LiteralPath $ModulePath).ProviderPath
$emulatorDll = Join-Path $repoRoot 'output/FacebookEmulator/FacebookEmulator.dll'
$pwsh = Get-PwshCommand
# The PowerShell each part runs on: $pwsh (the dotnet tool, IL only) first, then its ReadyToRun copy.
$script:runner = $pwsh
$script:runnerTag = $null
$totalWatch = [System.Diagnostics.Stopwatch]::StartNew()

$rows = [System.Collections.Generic.List[object]]::new()
$notes = [System.Collections.Generic.List[string]]::new()

function Add-Row {
    param(
        [string]$Name,
        [string]$This = '-',
        [string]$Baseline = '-',
        [string]$Ratio = '-',
        [string]$Target = '-',
        [string]$Met = '-'
    )
    if ($This.Length -gt 90) { $This = $This.Substring(0, 87) + '...' }
    if ($script:runnerTag) { $Name = "[$script:runnerTag] $Name" }
    $rows.Add([pscustomobject][ordered]@{ Measure = $Name; 'This module' = $This; Baseline = $Baseline; Ratio = $Ratio; Target = $Target; 'Met?' = $Met })
}

function Add-Note {
    param([string]$Text)
    if ($script:runnerTag) { $Text = "[$script:runnerTag] $Text" }
    $notes.Add($Text)
}

function Format-Ms {
    param([double]$Ms)
    if ([double]::IsNaN($Ms)) { return 'n/a' }
    if ($Ms -ge 10000) { return '{0:0.00} s' -f ($Ms / 1000) }
    if ($Ms -ge 100) { return '{0:0} ms' -f $Ms }
    if ($Ms -ge 10) { return '{0:0.0} ms' -f $Ms }
    return '{0:0.00} ms' -f $Ms
}

function Format-Ratio {
    param([double]$Value)
    if ([double]::IsNaN($Value) -or [double]::IsInfinity($Value)) { return 'n/a' }
    '{0:0.00}x' -f $Value
}

function Format-Difference {
    # A signed difference in ms: +12.3 ms, -4.50 ms.
    param([double]$Ms)
    if ($Ms -lt 0) { return '-' + (Format-Ms (-$Ms)) }
    '+' + (Format-Ms $Ms)
}

function Format-Met {
    param([bool]$Met)
    if ($Met) { 'yes' } else { 'NO' }
}

function Write-Section {
    param([string]$Text)
    Write-Host ''
    $tag = if ($script:runnerTag) { "[$script:runnerTag] " } else { '' }
    Write-Host "== $tag$Text ($('{0:0}' -f $totalWatch.Elapsed.TotalSeconds) s elapsed)" -ForegroundColor Cyan
}

function Get-ChildCpuMs {
    # User+system CPU of this process's terminated, waited-for children (cutime+cstime in /proc/self/stat);
    # NaN where there is no /proc. .NET reaps a child before WaitForExit returns, so a difference around one
    # child run is that child's CPU time.
    if (-not (Test-Path -LiteralPath '/proc/self/stat')) { return [double]::NaN }
    $stat = [IO.File]::ReadAllText('/proc/self/stat')
    $fields = $stat.Substring($stat.LastIndexOf(')') + 2).Split(' ')
    # After "pid (comm) " the fields start at #3 (state); cutime is #16, cstime #17.
    ([double]$fields[13] + [double]$fields[14]) * 1000 / $script:clockTicks
}

function Get-MachineDescription {
    $cpuModel = 'unknown'
    if (Test-Path -LiteralPath '/proc/cpuinfo') {
        $line = Select-String -LiteralPath '/proc/cpuinfo' -Pattern '^(model name|Hardware|cpu model)\s*:' -CaseSensitive | Select-Object -First 1
        if ($line) { $cpuModel = ($line.Line -split ':', 2)[1].Trim() }
    }
    $os = [System.Runtime.InteropServices.RuntimeInformation]::OSDescription
    if (Test-Path -LiteralPath '/etc/os-release') {
        $pretty = Select-String -LiteralPath '/etc/os-release' -Pattern '^PRETTY_NAME=' | Select-Object -First 1
        if ($pretty) { $os = ($pretty.Line -split '=', 2)[1].Trim('"') }
        if (Get-Command -Name uname -CommandType Application -ErrorAction Ignore) { $os += ', kernel ' + "$(& uname -srm)".Trim() }
    }
    $nproc = [Environment]::ProcessorCount
    if (Get-Command -Name nproc -CommandType Application -ErrorAction Ignore) { $nproc = "$(& nproc)".Trim() }
    $memory = 'unknown'
    if (Test-Path -LiteralPath '/proc/meminfo') {
        $total = Select-String -LiteralPath '/proc/meminfo' -Pattern '^MemTotal:\s+(\d+)' | Select-Object -First 1
        if ($total) { $memory = '{0:0.0} GiB' -f ([double]$total.Matches[0].Groups[1].Value / 1MB) }
    }
    [ordered]@{
        'nproc'      = $nproc
        'CPU'        = $cpuModel
        'Memory'     = $memory
        'OS'         = $os
        'PowerShell' = (@($runners | ForEach-Object { "[$($_.Tag)] $($_.Description): $($_.FilePath) $($_.Prefix -join ' ')" }) -join "`n                ")
        '.NET'       = [System.Runtime.InteropServices.RuntimeInformation]::FrameworkDescription
    }
}

function Get-LoadAverage {
    if (Test-Path -LiteralPath '/proc/loadavg') { return ([IO.File]::ReadAllText('/proc/loadavg').Split(' ')[0..2] -join ' ') }
    'n/a'
}

$script:clockTicks = 100
if (Get-Command -Name getconf -CommandType Application -ErrorAction Ignore) {
    $ticks = "$(& getconf CLK_TCK 2>$null)".Trim()
    if ($ticks -match '^\d+$' -and [int]$ticks -gt 0) { $script:clockTicks = [int]$ticks }
}

$loadAtStart = Get-LoadAverage
Write-Host "FacebookToken benchmarks: $ModulePath" -ForegroundColor Cyan
Write-Host "Load average at start: $loadAtStart on $([Environment]::ProcessorCount) cores (other work on this machine skews wall times)."

# ---------------------------------------------------------------------------------------------------------
# 1. Import
# ---------------------------------------------------------------------------------------------------------
function Invoke-ImportBench {
    Write-Section 'Import: pwsh -NoProfile -c "Import-Module FacebookToken" vs pwsh -NoProfile -c exit'
    # Reference modules in the same rotation, to show PowerShell's own floor: a bare manifest (what the first
    # Import-Module costs any module; `exit` is a keyword and runs no command) and a one-cmdlet binary module
    # with a one-view format file (the least a binary module with views, such as this one, can cost).
    $referencePath = Join-Path ([IO.Path]::GetTempPath()) ('fbt-bench-reference-' + [guid]::NewGuid().ToString('N'))
    $cachePath = Join-Path ([IO.Path]::GetTempPath()) ('fbt-bench-pwshcache-' + [guid]::NewGuid().ToString('N'))
    try {
        $reference = New-BenchReferenceModules -Path $referencePath
        # Imported by name, as the target says (`Import-Module FacebookToken`), from a PSModulePath that holds the
        # staged module's folder and the reference modules ahead of the usual folders.
        $modulePathVariable = @((Split-Path -Parent (Split-Path -Parent $ModulePath)), $referencePath, $env:PSModulePath) -join [IO.Path]::PathSeparator
        $importByName = { param([string]$Manifest) 'Import-Module ' + [IO.Path]::GetFileNameWithoutExtension($Manifest) }
        $commands = [ordered]@{
            Exit           = 'exit'
            Import         = & $importByName $ModulePath
            Empty          = & $importByName $reference.Empty
            OneCmdletViews = & $importByName $reference.OneCmdletViews
        }
        $labels = @{ Exit = 'exit'; Import = 'FacebookToken'; Empty = 'bare manifest'; OneCmdletViews = 'one cmdlet + view' }
        $wall = @{}
        $cpu = @{}
        $environment = @{}
        foreach ($name in $commands.Keys) {
            $wall[$name] = [System.Collections.Generic.List[double]]::new()
            $cpu[$name] = [System.Collections.Generic.List[double]]::new()
            # pwsh records the methods it compiles at start-up in a multi-core JIT profile under its cache folder
            # (StartupProfileData-NonInteractive) and replays it on the next start. Shared, each command would
            # start with the profile of whichever ran before it; with one folder per command, each runs warm
            # with its own, as a runbook that repeats the same command does.
            $environment[$name] = @{ XDG_CACHE_HOME = (Join-Path $cachePath $name); PSModulePath = $modulePathVariable }
        }

        $runOne = {
            param([string]$Which, [bool]$Record)
            $cpuBefore = Get-ChildCpuMs
            $run = Invoke-BenchProcess -FilePath $script:runner.FilePath -ArgumentList (@($script:runner.Prefix) + @('-NoProfile', '-c', $commands[$Which])) -Environment $environment[$Which] -TimeoutSec 120
            $cpuAfter = Get-ChildCpuMs
            if ($run.ExitCode -ne 0 -or $run.StdErr.Trim()) {
                throw "pwsh -c for '$Which' failed (exit $($run.ExitCode)): $(Remove-Ansi ($run.StdOut + $run.StdErr))"
            }
            if ($Record) {
                $wall[$Which].Add($run.ElapsedMs)
                $cpu[$Which].Add($cpuAfter - $cpuBefore)
            }
        }

        $names = @($commands.Keys)
        # Two unrecorded runs each: the first writes the command's start-up profile, the second uses it.
        foreach ($name in $names) { & $runOne $name $false; & $runOne $name $false }
        for ($i = 0; $i -lt $ImportRuns; $i++) {
            # Rotate the order each round, so no command always runs right after the same one.
            foreach ($k in 0..($names.Count - 1)) { & $runOne $names[($i + $k) % $names.Count] $true }
            Write-Host ('  run {0}/{1}: {2}' -f ($i + 1), $ImportRuns, (($names | ForEach-Object { '{0} {1}' -f $labels[$_], (Format-Ms $wall[$_][-1]) }) -join ', '))
        }

        $median = @{}
        $medianCpu = @{}
        foreach ($name in $names) {
            $median[$name] = Get-Median $wall[$name]
            $medianCpu[$name] = Get-Median $cpu[$name]
            Write-Host ('  wall runs (ms) {0,-17} {1}' -f $labels[$name], (($wall[$name] | ForEach-Object { '{0:0}' -f $_ }) -join ' '))
        }
        $ratio = $median.Import / $median.Exit
        $overBare = $median.Import / $median.Empty
        if ($script:runnerTag -eq 'R2R') {
            # The target of issue 15: on the PowerShell users run (ReadyToRun), this module costs no more than any module.
            Add-Row -Name "Import: pwsh -c Import-Module FacebookToken vs a bare manifest (wall, median of $ImportRuns alternating)" -This (Format-Ms $median.Import) -Baseline (Format-Ms $median.Empty) -Ratio (Format-Ratio $overBare) -Target '<= 1.05x' -Met (Format-Met ($overBare -le 1.05))
            Add-Row -Name 'Import: pwsh -c Import-Module vs -c exit (same runs)' -This (Format-Ms $median.Import) -Baseline (Format-Ms $median.Exit) -Ratio (Format-Ratio $ratio) -Target 'info'
        }
        else {
            Add-Row -Name "Import: pwsh -c Import-Module vs -c exit (wall, median of $ImportRuns alternating)" -This (Format-Ms $median.Import) -Baseline (Format-Ms $median.Exit) -Ratio (Format-Ratio $ratio) -Target '<= 1.10x' -Met (Format-Met ($ratio -le 1.10))
            Add-Row -Name 'Import: FacebookToken vs a bare manifest (same runs)' -This (Format-Ms $median.Import) -Baseline (Format-Ms $median.Empty) -Ratio (Format-Ratio $overBare) -Target 'info'
        }
        Add-Row -Name 'Import: floor, a bare manifest vs -c exit (same runs)' -This (Format-Ms $median.Empty) -Baseline (Format-Ms $median.Exit) -Ratio (Format-Ratio ($median.Empty / $median.Exit)) -Target 'info'
        Add-Row -Name 'Import: floor, a one-cmdlet binary module with a view vs -c exit' -This (Format-Ms $median.OneCmdletViews) -Baseline (Format-Ms $median.Exit) -Ratio (Format-Ratio ($median.OneCmdletViews / $median.Exit)) -Target 'info'
        Add-Row -Name 'Import: FacebookToken vs that one-cmdlet module with a view' -This (Format-Ms $median.Import) -Baseline (Format-Ms $median.OneCmdletViews) -Ratio (Format-Ratio ($median.Import / $median.OneCmdletViews)) -Target 'info'
        if (-not [double]::IsNaN($medianCpu.Exit)) {
            Add-Row -Name 'Import: same runs, CPU user+sys of the child vs -c exit (median)' -This (Format-Ms $medianCpu.Import) -Baseline (Format-Ms $medianCpu.Exit) -Ratio (Format-Ratio ($medianCpu.Import / $medianCpu.Exit)) -Target 'info'
            Add-Note ('Import, CPU user+sys medians: ' + (($names | ForEach-Object { '{0} {1}' -f $labels[$_], (Format-Ms $medianCpu[$_]) }) -join ', ') + '.')
        }
        Add-Note ('Import, wall medians: ' + (($names | ForEach-Object { '{0} {1} ({2})' -f $labels[$_], (Format-Ms $median[$_]), (Format-Ratio ($median[$_] / $median.Exit)) }) -join ', ') + '. Each command keeps its own pwsh start-up JIT profile (XDG_CACHE_HOME per command).')

        # Where the time goes: Import-Module in-process in fresh pwsh processes.
        $script = Join-Path $PSScriptRoot 'Measure-ImportDetail.ps1'
        $steps = 'Total', 'NoFormat', 'CmdletAssembly', 'Empty', 'OneCmdlet', 'OneCmdletViews'
        $detail = @{}
        foreach ($step in $steps) { $detail[$step] = [System.Collections.Generic.List[object]]::new() }
        for ($i = 0; $i -lt 3; $i++) {
            foreach ($step in $steps) {
                $detail[$step].Add((Invoke-BenchScript -Script $script -Parameters @{ ModulePath = $ModulePath; Step = $step; ReferencePath = $referencePath } -TimeoutSec 120 -Pwsh $script:runner)[0])
            }
        }
        $inProcess = @{}
        $jit = @{}
        foreach ($step in $steps) {
            $inProcess[$step] = Get-Median ($detail[$step] | ForEach-Object ImportMs)
            $jit[$step] = Get-Median ($detail[$step] | ForEach-Object JitMethods)
        }
        Add-Row -Name 'Import-Module in-process in a fresh pwsh vs the one-cmdlet module with a view (median of 3)' -This (Format-Ms $inProcess.Total) -Baseline (Format-Ms $inProcess.OneCmdletViews) -Ratio (Format-Ratio ($inProcess.Total / $inProcess.OneCmdletViews)) -Target 'info'
        Add-Note (('Import breakdown (in-process Import-Module, a fresh pwsh each after 1 s to settle, median of 3; methods JIT-compiled in brackets): FacebookToken {0} [{1}]; without its format file {2} [{3}]; its cmdlet assembly alone, no manifest {4} [{5}]; a bare manifest {6} [{7}]; a one-cmdlet binary module {8} [{9}]; the same with a one-view format file {10} [{11}].' -f
                (Format-Ms $inProcess.Total), $jit.Total, (Format-Ms $inProcess.NoFormat), $jit.NoFormat, (Format-Ms $inProcess.CmdletAssembly), $jit.CmdletAssembly,
                (Format-Ms $inProcess.Empty), $jit.Empty, (Format-Ms $inProcess.OneCmdlet), $jit.OneCmdlet, (Format-Ms $inProcess.OneCmdletViews), $jit.OneCmdletViews))
        $loaded = @($detail.Total | ForEach-Object { $_.NewAssemblies } | Sort-Object -Unique)
        # Where the import's time over a bare manifest goes, from the same in-process runs: the format file (the
        # same fixed price a one-cmdlet module pays for a one-view file: PowerShell rebuilds its whole format table,
        # built-in views included), the cmdlet assembly, and the rest (the manifest, its edition if).
        Add-Note (('Import over a bare manifest, in-process: {0} in all = format file {1} (a one-cmdlet module''s one-view file costs {2}: a fixed price for any format file, not per view) + cmdlet assembly alone {3} + manifest and the rest {4}.' -f
                (Format-Ms ($inProcess.Total - $inProcess.Empty)), (Format-Ms ($inProcess.Total - $inProcess.NoFormat)), (Format-Ms ($inProcess.OneCmdletViews - $inProcess.OneCmdlet)),
                (Format-Ms ($inProcess.CmdletAssembly - $inProcess.Empty)), (Format-Ms ($inProcess.NoFormat - $inProcess.CmdletAssembly))))
        Add-Note ("Assemblies loaded during Import-Module FacebookToken (union of 3 runs): $($loaded -join ', '); MSAL loaded at import: $(@($detail.Total | ForEach-Object MsalLoaded) -join '/').")
    }
    finally {
        Remove-Item -LiteralPath $referencePath, $cachePath -Recurse -Force -ErrorAction SilentlyContinue
    }
}

# ---------------------------------------------------------------------------------------------------------
# 2. Per call
# ---------------------------------------------------------------------------------------------------------
function Invoke-PerCallBench {
    param([Parameter(Mandatory)][string]$GraphBaseUri)
    Write-Section "Per call: ConvertTo-LongLivedToken vs Invoke-RestMethod vs HttpClient ($Blocks alternating blocks of $BlockSize)"
    $r = (Invoke-BenchScript -Script (Join-Path $PSScriptRoot 'Measure-PerCall.ps1') -Parameters @{ ModulePath = $ModulePath; GraphBaseUri = $GraphBaseUri; Blocks = $Blocks; BlockSize = $BlockSize } -TimeoutSec 600 -Pwsh $script:runner)[0]
    foreach ($side in 'Module', 'ModuleSecureInput', 'InvokeRestMethod', 'HttpClient') {
        Write-Host ('  {0,-18} ms/call per block: {1}' -f $side, (($r.$side | ForEach-Object { '{0:0.00}' -f $_ }) -join ' '))
    }
    $module = Get-Median $r.Module
    $irm = Get-Median $r.InvokeRestMethod
    $http = Get-Median $r.HttpClient
    Add-Row -Name "Per call: ConvertTo-LongLivedToken vs Invoke-RestMethod (ms/call, median of $Blocks x $BlockSize)" -This (Format-Ms $module) -Baseline (Format-Ms $irm) -Ratio (Format-Ratio ($module / $irm)) -Target '<= 1.00x' -Met (Format-Met ($module -le $irm))
    Add-Row -Name 'Per call: ConvertTo-LongLivedToken vs raw reused HttpClient (floor)' -This (Format-Ms $module) -Baseline (Format-Ms $http) -Ratio (Format-Ratio ($module / $http)) -Target 'report'
    $c = $r.CallMedianMs
    Add-Note (('Per call, median of every single call ({0} each): ConvertTo-LongLivedToken {1} (SecureString token {2}), Invoke-RestMethod {3}, HttpClient {4}; module/IRM {5}, module/HttpClient {6}.' -f
            ($Blocks * $BlockSize), (Format-Ms $c.Module), (Format-Ms $c.ModuleSecureInput), (Format-Ms $c.InvokeRestMethod), (Format-Ms $c.HttpClient),
            (Format-Ratio ($c.Module / $c.InvokeRestMethod)), (Format-Ratio ($c.Module / $c.HttpClient))))
    Add-Note (('Per call (block medians): module overhead over the raw HttpClient floor {0}/call; Invoke-RestMethod''s {1}/call. Get-FacebookAuthUrl (a module cmdlet, no network) {2}/call; ConvertTo-LongLivedToken given a SecureString token {3}/call.' -f
            (Format-Ms ($module - $http)), (Format-Ms ($irm - $http)), (Format-Ms $r.AuthUrlMsPerCall), (Format-Ms (Get-Median $r.ModuleSecureInput))))
}

# ---------------------------------------------------------------------------------------------------------
# 3. Cache
# ---------------------------------------------------------------------------------------------------------
function Add-CacheRows {
    param([object]$Warm, [object[]]$Cold, [string]$Label)
    $backend = if ($Label) { $Label } else { $Warm.Backend }
    $get = Get-Median $Warm.GetMs
    $plainGet = Get-Median $Warm.PlainGetMs
    $getMany = Get-Median $Warm.GetManyMs
    $plainGetMany = Get-Median $Warm.PlainGetManyMs
    $save = Get-Median $Warm.SaveMs
    $plainSave = Get-Median $Warm.PlainSaveMs
    $coldFirst = Get-Median ($Cold | ForEach-Object FirstGetMs)
    $coldImport = Get-Median ($Cold | ForEach-Object ImportMs)
    $coldSecond = Get-Median ($Cold | ForEach-Object SecondGetMs)
    $calls = @($Warm.GetMs).Count
    Add-Row -Name "Cache ${backend}: warm Get-FacebookToken, 1 entry (ms/call, median of $calls)" -This (Format-Ms $get) -Baseline (Format-Ms $plainGet) -Ratio (Format-Ratio ($get / $plainGet)) -Target '<= 2 ms' -Met (Format-Met ($get -le 2))
    Add-Row -Name "Cache ${backend}: warm Get-FacebookToken, $($Warm.Entries) entries (ms/call, median of $calls)" -This (Format-Ms $getMany) -Baseline (Format-Ms $plainGetMany) -Ratio (Format-Ratio ($getMany / $plainGetMany)) -Target '<= 2 ms' -Met (Format-Met ($getMany -le 2))
    Add-Row -Name "Cache ${backend}: cold first Get-FacebookToken in a fresh pwsh (median of $(@($Cold).Count))" -This (Format-Ms $coldFirst) -Baseline "(import $(Format-Ms $coldImport))" -Target 'report'
    Add-Row -Name "Cache ${backend}: Save-FacebookToken (ms/call, median of $(@($Warm.SaveMs).Count))" -This (Format-Ms $save) -Baseline (Format-Ms $plainSave) -Ratio (Format-Ratio ($save / $plainSave)) -Target 'report'
    Write-Host ('  {0}: warm Get median {1} (p95 {2}), with {3} entries {4} (p95 {5}); Save median {6} (p95 {7}); first Save in process {8}; cold first Get {9}, second {10}; reason: {11}' -f
        $backend, (Format-Ms $get), (Format-Ms (Get-Percentile $Warm.GetMs 95)), $Warm.Entries, (Format-Ms $getMany), (Format-Ms (Get-Percentile $Warm.GetManyMs 95)),
        (Format-Ms $save), (Format-Ms (Get-Percentile $Warm.SaveMs 95)), (Format-Ms $Warm.FirstSaveMs), (Format-Ms $coldFirst), (Format-Ms $coldSecond), $Warm.Reason)
    Add-Note ("Cache ${backend}: cold first Get (on the $($Warm.Entries)-entry cache) $(Format-Ms $coldFirst) then $(Format-Ms $coldSecond) for the second call in the same fresh process (import $(Format-Ms $coldImport)); first Save in a process $(Format-Ms $Warm.FirstSaveMs); MSAL loaded after the first Get: $(@($Cold | ForEach-Object MsalLoadedAfterFirstGet) -join '/').")
}

function Invoke-CacheBench {
    $script = Join-Path $PSScriptRoot 'Measure-Cache.ps1'
    $work = Join-Path ([IO.Path]::GetTempPath()) ('fbt-bench-cache-' + [guid]::NewGuid().ToString('N'))
    $null = New-Item -ItemType Directory -Path $work
    try {
        # Key file (no D-Bus session), the key from FACEBOOK_TOKEN_CACHE_KEY: a passphrase (600,000 PBKDF2 rounds on the
        # first use in a process), a raw 256-bit key (base64:, no rounds); then an unencrypted file (-AllowPlaintextStorage).
        $rawKey = 'base64:' + [Convert]::ToBase64String([System.Security.Cryptography.RandomNumberGenerator]::GetBytes(32))
        $variants = @(
            @{ Label = 'KeyFile passphrase'; Folder = 'keyfile'; Key = 'bench-cache-key-' + [guid]::NewGuid().ToString('N'); Plaintext = 'False' }
            @{ Label = 'KeyFile raw key'; Folder = 'keyfile-raw'; Key = $rawKey; Plaintext = 'False' }
            @{ Label = 'Plaintext'; Folder = 'plaintext'; Key = $null; Plaintext = 'True' }
        )
        foreach ($variant in $variants) {
            Write-Section "Cache: $($variant.Label) (no D-Bus session)"
            try {
                $environment = @{
                    DBUS_SESSION_BUS_ADDRESS  = $null
                    FACEBOOK_TOKEN_CACHE_PATH = $null
                    FACEBOOK_TOKEN_CACHE_KEY  = $variant.Key
                }
                $cachePath = Join-Path $work "$($script:runnerTag)-$($variant.Folder)"
                $parameters = @{ ModulePath = $ModulePath; CachePath = $cachePath; AllowPlaintext = $variant.Plaintext }
                $warm = (Invoke-BenchScript -Script $script -Parameters ($parameters + @{ Mode = 'Warm' }) -Environment $environment -Pwsh $script:runner)[0]
                $cold = @(for ($i = 0; $i -lt $ColdRuns; $i++) { (Invoke-BenchScript -Script $script -Parameters ($parameters + @{ Mode = 'Cold' }) -Environment $environment -Pwsh $script:runner)[0] })
                Add-CacheRows -Warm $warm -Cold $cold -Label $variant.Label
            }
            catch {
                Add-Row -Name "Cache $($variant.Label)" -This "error: $(("$_" -split "`n")[0])"
                Write-Host "  $($variant.Label) cache bench failed: $_" -ForegroundColor Yellow
            }
        }

        # libsecret: a real gnome-keyring inside dbus-run-session (the pattern of tests/Keyring.Tests.ps1).
        Write-Section 'Cache: libsecret (gnome-keyring under dbus-run-session)'
        $missing = @(foreach ($tool in 'dbus-run-session', 'gnome-keyring-daemon', 'bash') {
                if (-not (Get-Command -Name $tool -CommandType Application -ErrorAction Ignore)) { $tool }
            })
        if (-not (Get-ChildItem -Path '/usr/lib*/libsecret-1.so.0', '/usr/lib*/*/libsecret-1.so.0', '/lib*/*/libsecret-1.so.0' -ErrorAction Ignore)) { $missing += 'libsecret-1.so.0' }
        if ($missing.Count -gt 0) {
            Add-Row -Name 'Cache libsecret' -This "n/a (missing: $($missing -join ', '))"
            Write-Host "  skipped: missing $($missing -join ', ') (Debian: gnome-keyring libsecret-1-0 dbus-x11)" -ForegroundColor Yellow
            return
        }
        try {
            $session = Join-Path $work 'keyring'
            $cachePath = Join-Path $session "cache-$($script:runnerTag)"
            $null = New-Item -ItemType Directory -Path (Join-Path $session 'data'), (Join-Path $session 'config') -Force
            $quote = { param([string]$s) "'" + $s.Replace("'", "'\''") + "'" }
            $child = ((@($script:runner.FilePath) + $script:runner.Prefix + @('-NoProfile', '-NonInteractive', '-File', $script, '-ModulePath', $ModulePath, '-CachePath', $cachePath)) | ForEach-Object { & $quote $_ }) -join ' '
            $lines = @(
                'set -e'
                "export XDG_DATA_HOME=$(& $quote (Join-Path $session 'data')) XDG_CONFIG_HOME=$(& $quote (Join-Path $session 'config'))"
                'unset FACEBOOK_TOKEN_CACHE_KEY FACEBOOK_TOKEN_CACHE_PATH'
                'echo -n pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null'
                "$child -Mode Warm"
                "for i in `$(seq 1 $ColdRuns); do $child -Mode Cold; done"
            )
            $sessionScript = Join-Path $session 'session.sh'
            [IO.File]::WriteAllText($sessionScript, ($lines -join "`n") + "`n")
            $run = Invoke-BenchProcess -FilePath 'dbus-run-session' -ArgumentList @('--', 'bash', $sessionScript) -TimeoutSec 600
            $results = @(Read-BenchResult $run.StdOut)
            $warm = $results | Where-Object Mode -EQ 'Warm' | Select-Object -First 1
            $cold = @($results | Where-Object Mode -EQ 'Cold')
            if ($run.ExitCode -ne 0 -or -not $warm -or $cold.Count -eq 0) {
                throw "keyring session failed (exit $($run.ExitCode)): $(Remove-Ansi ($run.StdOut + "`n" + $run.StdErr).Trim())"
            }
            Add-CacheRows -Warm $warm -Cold $cold -Label 'libsecret'
        }
        catch {
            Add-Row -Name 'Cache libsecret' -This "error: $(("$_" -split "`n")[0])"
            Write-Host "  libsecret cache bench failed: $_" -ForegroundColor Yellow
        }
    }
    finally {
        Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction SilentlyContinue
    }
}

function Invoke-VaultBench {
    # Get-FacebookToken -Vault from SecretStore (no password) against Get-Secret itself: warm in one process, cold in fresh ones.
    Write-Section 'Vault: Get-FacebookToken -Vault (SecretStore) against Get-Secret'
    $modules = & (Join-Path $repoRoot 'build/Find-SecretManagement.ps1') -RepoRoot $repoRoot
    if ($null -eq $modules) {
        Add-Row -Name 'Vault SecretStore' -This 'n/a (SecretManagement and SecretStore not found)'
        return
    }
    $script = Join-Path $PSScriptRoot 'Measure-Vault.ps1'
    $work = Join-Path ([IO.Path]::GetTempPath()) ('fbt-bench-vault-' + [guid]::NewGuid().ToString('N'))
    $null = New-Item -ItemType Directory -Path $work
    try {
        $environment = @{
            HOME                 = $work
            XDG_DATA_HOME        = $null
            XDG_CONFIG_HOME      = $null
            FACEBOOK_TOKEN_VAULT = $null
            PSModulePath         = if ($modules) { $modules + [IO.Path]::PathSeparator + $env:PSModulePath } else { $env:PSModulePath }
        }
        $parameters = @{ ModulePath = $ModulePath }
        $setup = (Invoke-BenchScript -Script $script -Parameters ($parameters + @{ Mode = 'Setup' }) -Environment $environment)[0]
        $warm = (Invoke-BenchScript -Script $script -Parameters ($parameters + @{ Mode = 'Warm'; Blocks = $Blocks }) -Environment $environment -TimeoutSec 600)[0]
        $cold = @(for ($i = 0; $i -lt $ColdRuns; $i++) {
                foreach ($side in $(if ($i % 2) { 'GetSecret', 'FacebookToken' } else { 'FacebookToken', 'GetSecret' })) {
                    (Invoke-BenchScript -Script $script -Parameters ($parameters + @{ Mode = 'Cold'; Side = $side }) -Environment $environment)[0]
                }
            })
        $get = Get-Median $warm.FacebookTokenMs
        $secret = Get-Median $warm.GetSecretMs
        $coldGet = Get-Median @($cold | Where-Object Side -EQ 'FacebookToken' | ForEach-Object FirstMs)
        $coldSecret = Get-Median @($cold | Where-Object Side -EQ 'GetSecret' | ForEach-Object FirstMs)
        Add-Row -Name "Vault SecretStore: warm Get-FacebookToken -Vault vs Get-Secret (ms/call, median of $(@($warm.FacebookTokenMs).Count) blocks of $($warm.BlockSize))" -This (Format-Ms $get) -Baseline (Format-Ms $secret) -Ratio (Format-Ratio ($get / $secret)) -Target 'report'
        Add-Row -Name "Vault SecretStore: cold first Get-FacebookToken -Vault vs first Get-Secret in a fresh pwsh (median of $ColdRuns)" -This (Format-Ms $coldGet) -Baseline (Format-Ms $coldSecret) -Ratio (Format-Ratio ($coldGet / $coldSecret)) -Target 'report'
        Add-Note "Vault: $($setup.Reason). Get-FacebookToken -Vault asks the vault on every call (Get-SecretVault, Get-SecretInfo, Get-Secret; no process-wide copy, so a renewal by another worker is seen at once); the metadata probe runs once per process."
        Write-Host ('  warm: Get-FacebookToken -Vault {0}, Get-Secret {1}; cold first: {2} vs {3}' -f (Format-Ms $get), (Format-Ms $secret), (Format-Ms $coldGet), (Format-Ms $coldSecret))
    }
    finally {
        Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction SilentlyContinue
    }
}

# ---------------------------------------------------------------------------------------------------------
# 4. Scale
# ---------------------------------------------------------------------------------------------------------
function Invoke-ScaleBench {
    param([Parameter(Mandatory)][string]$GraphBaseUri)
    Write-Section "Scale: Get-FacebookTokenInfo over $ScaleCount piped tokens, $LatencyMs ms added latency"
    $null = Invoke-BenchEmulatorControl -BaseUri $GraphBaseUri -Path 'faults' -Body @{ latencyMs = $LatencyMs }
    try {
        $r = (Invoke-BenchScript -Script (Join-Path $PSScriptRoot 'Measure-Scale.ps1') -Parameters @{ ModulePath = $ModulePath; GraphBaseUri = $GraphBaseUri; Count = $ScaleCount; ThrottleLimit = $ThrottleLimit } -TimeoutSec 600)[0]
    }
    finally {
        $null = Invoke-BenchEmulatorControl -BaseUri $GraphBaseUri -Path 'faults' -Method Delete
    }
    foreach ($side in 'ModuleSequential', 'IrmSequential', 'ModuleParallel', 'IrmParallel') {
        if ($r.PSObject.Properties[$side]) {
            $s = $r.$side
            Write-Host ('  {0,-17} {1} ({2} results, {3} valid)' -f $side, (Format-Ms $s.Ms), $s.Results, $s.Valid)
            if ($s.Valid -ne $ScaleCount) { Add-Note ("Scale ${side}: only $($s.Valid) of $ScaleCount tokens came back valid.") }
        }
    }
    $floor = $ScaleCount * $LatencyMs
    Add-Row -Name "Scale: $ScaleCount piped tokens at $LatencyMs ms, sequential vs Invoke-RestMethod loop" -This (Format-Ms $r.ModuleSequential.Ms) -Baseline (Format-Ms $r.IrmSequential.Ms) -Ratio (Format-Ratio ($r.ModuleSequential.Ms / $r.IrmSequential.Ms)) -Target "report (latency alone $(Format-Ms $floor))"
    if ($r.HasThrottleLimit) {
        Add-Row -Name "Scale: -ThrottleLimit $ThrottleLimit vs ForEach-Object -Parallel -ThrottleLimit $ThrottleLimit + Invoke-RestMethod" -This (Format-Ms $r.ModuleParallel.Ms) -Baseline (Format-Ms $r.IrmParallel.Ms) -Ratio (Format-Ratio ($r.ModuleParallel.Ms / $r.IrmParallel.Ms)) -Target "report (latency alone $(Format-Ms ($floor / $ThrottleLimit)))"
        Add-Row -Name "Scale: speed-up of -ThrottleLimit $ThrottleLimit over sequential (baseline: IRM parallel over loop)" -This (Format-Ratio ($r.ModuleSequential.Ms / $r.ModuleParallel.Ms)) -Baseline (Format-Ratio ($r.IrmSequential.Ms / $r.IrmParallel.Ms)) -Target "report (ideal ${ThrottleLimit}x)"
    }
    else {
        Add-Row -Name "Scale: -ThrottleLimit $ThrottleLimit and speed-up" -This 'n/a (no -ThrottleLimit yet)' -Baseline (Format-Ms $r.IrmParallel.Ms) -Target 'report'
    }
}

# ---------------------------------------------------------------------------------------------------------
# 5. GraphRequest (its own emulator: no fault or latency of another part applies)
# ---------------------------------------------------------------------------------------------------------
function Invoke-GraphRequestBench {
    $script = Join-Path $PSScriptRoot 'Measure-GraphRequest.ps1'
    $graphEmulator = Start-BenchEmulator -EmulatorDll $emulatorDll
    try {
        $base = @{ ModulePath = $ModulePath; GraphBaseUri = $graphEmulator.Uri }
        Write-Section "GraphRequest: Invoke-FacebookGraphRequest GET me vs Invoke-RestMethod ($Blocks alternating blocks of $BlockSize)"
        try {
            $r = (Invoke-BenchScript -Script $script -Parameters ($base + @{ Mode = 'PerCall'; Blocks = $Blocks; BlockSize = $BlockSize }) -TimeoutSec 600)[0]
            foreach ($side in 'Module', 'InvokeRestMethod') {
                Write-Host ('  {0,-18} ms/call per block: {1}' -f $side, (($r.$side | ForEach-Object { '{0:0.00}' -f $_ }) -join ' '))
            }
            $module = Get-Median $r.Module
            $irm = Get-Median $r.InvokeRestMethod
            Add-Row -Name "GraphRequest: GET me, Invoke-FacebookGraphRequest vs Invoke-RestMethod (ms/call, median of $Blocks x $BlockSize)" -This (Format-Ms $module) -Baseline (Format-Ms $irm) -Ratio (Format-Ratio ($module / $irm)) -Target '<= 1.00x' -Met (Format-Met ($module -le $irm))
        }
        catch { Add-Row -Name 'GraphRequest: per call' -This "error: $(("$_" -split "`n")[0])"; Write-Host "  graph request per-call bench failed: $_" -ForegroundColor Yellow }

        Write-Section "GraphRequest: -All over $TemplateCount templates in pages of $TemplatePageSize vs one page (fresh process each)"
        try {
            $seeded = Invoke-BenchEmulatorControl -BaseUri $graphEmulator.Uri -Path 'whatsapp/templates' -Body @{ count = $TemplateCount; prefix = 'bench' }
            $page = (Invoke-BenchScript -Script $script -Parameters ($base + @{ Mode = 'Page'; PageSize = $TemplatePageSize }) -TimeoutSec 600)[0]
            $all = (Invoke-BenchScript -Script $script -Parameters ($base + @{ Mode = 'All'; PageSize = $TemplatePageSize }) -TimeoutSec 900)[0]
            if ($all.Items -ne $seeded.total) { $notes.Add("GraphRequest: -All wrote $($all.Items) of $($seeded.total) templates.") }
            $perSecond = $all.Items / ($all.Ms / 1000)
            Write-Host ('  one page: {0} items in {1}, peak working set {2:0.0} MB; -All: {3} items in {4}, peak working set {5:0.0} MB' -f
                $page.Items, (Format-Ms $page.Ms), ($page.PeakWorkingSet / 1MB), $all.Items, (Format-Ms $all.Ms), ($all.PeakWorkingSet / 1MB))
            Add-Row -Name "GraphRequest: -All over $($all.Items) templates, pages of $TemplatePageSize (items/s)" -This ('{0:0} items/s' -f $perSecond) -Baseline (Format-Ms $all.Ms) -Target 'report'
            $ratio = $all.PeakWorkingSet / $page.PeakWorkingSet
            Add-Row -Name 'GraphRequest: -All peak working set vs one page (fresh process each)' -This ('{0:0.0} MB' -f ($all.PeakWorkingSet / 1MB)) -Baseline ('{0:0.0} MB' -f ($page.PeakWorkingSet / 1MB)) -Ratio (Format-Ratio $ratio) -Target '<= 1.20x' -Met (Format-Met ($ratio -le 1.2))
        }
        catch { Add-Row -Name 'GraphRequest: -All' -This "error: $(("$_" -split "`n")[0])"; Write-Host "  graph request -All bench failed: $_" -ForegroundColor Yellow }
    }
    finally {
        Stop-BenchEmulator $graphEmulator
    }
}

# ---------------------------------------------------------------------------------------------------------
# 6. Cold runbook job (issue 24): whole processes, alternating pairs, plus an in-process breakdown
# ---------------------------------------------------------------------------------------------------------
function New-BenchDesktopModule {
    # A folder holding a manifest named FacebookToken that imports the staged Desktop build (bin/net472) and the
    # staged format file by full path, as tests/common.ps1 does for the Desktop-build Pester pass.
    param([Parameter(Mandatory)][string]$Path)
    $desktop = & (Join-Path $repoRoot 'build/Read-ModuleManifest.ps1') -Path $ModulePath -Edition Desktop
    $staged = Split-Path -Parent $ModulePath
    $quote = { param([string]$Text) "'" + $Text.Replace("'", "''") + "'" }
    $list = { param([string[]]$Items) '@(' + (($Items | ForEach-Object { & $quote $_ }) -join ', ') + ')' }
    $directory = Join-Path $Path 'FacebookToken'
    $null = New-Item -ItemType Directory -Path $directory -Force
    $text = "@{ RootModule = $(& $quote (Join-Path $staged $desktop.RootModule)); ModuleVersion = $(& $quote $desktop.ModuleVersion); GUID = $(& $quote $desktop.GUID); " +
        "FormatsToProcess = $(& $list @($desktop.FormatsToProcess | ForEach-Object { Join-Path $staged $_ })); CmdletsToExport = $(& $list $desktop.CmdletsToExport); " +
        'FunctionsToExport = @(); VariablesToExport = @(); AliasesToExport = @() }'
    [IO.File]::WriteAllText((Join-Path $directory 'FacebookToken.psd1'), $text)
    $Path
}

function Invoke-ColdJobBench {
    <#
    Job A: `Import-Module FacebookToken`, the token read by name from a key-file cache with a raw base64: key, one
    WhatsApp template message by Invoke-FacebookGraphRequest -Method POST -Name wa-prod. Job B, hand-written: the
    same body by Invoke-RestMethod with the token as text from an environment variable. Whole `pwsh -c` processes,
    alternating pairs (the order flips each pair), median; then the in-process breakdown (Measure-ColdJob.ps1).
    -Build Desktop imports the Desktop build (bin/net472) into this PowerShell instead.
    #>
    param([Parameter(Mandatory)][string]$GraphBaseUri, [ValidateSet('Core', 'Desktop')][string]$Build = 'Core')
    $buildLabel = if ($Build -eq 'Desktop') { ', Desktop build' } else { '' }
    Write-Section "Cold runbook job$buildLabel`: job A (Import-Module, cached token by name, POST a template message) vs job B (Invoke-RestMethod), $ColdJobPairs alternating pairs"
    $work = Join-Path ([IO.Path]::GetTempPath()) ('fbt-bench-coldjob-' + [guid]::NewGuid().ToString('N'))
    $null = New-Item -ItemType Directory -Path $work
    try {
        $phoneId = '106540352242922'
        $moduleFolder = if ($Build -eq 'Desktop') { New-BenchDesktopModule -Path (Join-Path $work 'desktop') } else { Split-Path -Parent (Split-Path -Parent $ModulePath) }
        $token = (Invoke-BenchEmulatorControl -BaseUri $GraphBaseUri -Path 'tokens' -Body @{ kind = 'long' }).access_token
        $cachePath = Join-Path $work 'cache'
        $environment = @{
            PSModulePath              = (@($moduleFolder, $env:PSModulePath) -join [IO.Path]::PathSeparator)
            DBUS_SESSION_BUS_ADDRESS  = $null
            FACEBOOK_TOKEN_CACHE_PATH = $cachePath
            FACEBOOK_TOKEN_CACHE_KEY  = 'base64:' + [Convert]::ToBase64String([System.Security.Cryptography.RandomNumberGenerator]::GetBytes(32))
            WA_TOKEN                  = $token
        }
        # The cache the runbook reads: one token saved as wa-prod (by the build under test).
        $save = Invoke-BenchProcess -FilePath $script:runner.FilePath -ArgumentList (@($script:runner.Prefix) + @('-NoProfile', '-NonInteractive', '-c',
                'Import-Module FacebookToken; Save-FacebookToken -Name wa-prod -AccessToken (ConvertTo-SecureString $env:WA_TOKEN -AsPlainText -Force)')) -Environment $environment -TimeoutSec 120
        if ($save.ExitCode -ne 0 -or $save.StdErr.Trim()) { throw "saving wa-prod failed: $(Remove-Ansi ($save.StdOut + $save.StdErr))" }

        $body = "`$body = @{ messaging_product = 'whatsapp'; to = '15550100002'; type = 'template'; template = @{ name = 'hello_world'; language = @{ code = 'en_US' } } }"
        $commands = [ordered]@{
            A = "Import-Module FacebookToken; $body; `$null = Invoke-FacebookGraphRequest '$phoneId/messages' -Method POST -Body `$body -Name wa-prod -GraphBaseUri '$GraphBaseUri'"
            B = "$body; `$null = Invoke-RestMethod -Uri '$GraphBaseUri/v25.0/$phoneId/messages' -Method Post -Body (ConvertTo-Json -InputObject `$body -Depth 5) -ContentType 'application/json' -Headers @{ Authorization = `"Bearer `$env:WA_TOKEN`" }"
        }
        $wall = @{ A = [System.Collections.Generic.List[double]]::new(); B = [System.Collections.Generic.List[double]]::new() }
        $cpu = @{ A = [System.Collections.Generic.List[double]]::new(); B = [System.Collections.Generic.List[double]]::new() }
        $jobEnvironment = @{}
        foreach ($name in 'A', 'B') {
            # Each job keeps its own pwsh start-up JIT profile, as a runbook that repeats the same job does.
            $jobEnvironment[$name] = $environment + @{ XDG_CACHE_HOME = (Join-Path $work "pwshcache-$name") }
        }
        # Invoke-RestMethod writes a JSON array as one object: ForEach-Object unrolls it.
        $sentBefore = @(Invoke-BenchEmulatorControl -BaseUri $GraphBaseUri -Path 'whatsapp/messages' -Method Get | ForEach-Object { $_ }).Count
        $runOne = {
            param([string]$Which, [bool]$Record)
            $cpuBefore = Get-ChildCpuMs
            $run = Invoke-BenchProcess -FilePath $script:runner.FilePath -ArgumentList (@($script:runner.Prefix) + @('-NoProfile', '-NonInteractive', '-c', $commands[$Which])) -Environment $jobEnvironment[$Which] -TimeoutSec 120
            $cpuAfter = Get-ChildCpuMs
            if ($run.ExitCode -ne 0 -or $run.StdErr.Trim()) { throw "job $Which failed (exit $($run.ExitCode)): $(Remove-Ansi ($run.StdOut + $run.StdErr))" }
            if ($Record) { $wall[$Which].Add($run.ElapsedMs); $cpu[$Which].Add($cpuAfter - $cpuBefore) }
        }
        # Two unrecorded runs each: the first writes the job's start-up profile, the second uses it.
        foreach ($name in 'A', 'B') { & $runOne $name $false; & $runOne $name $false }
        for ($i = 0; $i -lt $ColdJobPairs; $i++) {
            $order = if ($i % 2) { 'B', 'A' } else { 'A', 'B' }
            foreach ($name in $order) { & $runOne $name $true }
            Write-Host ('  pair {0}/{1}: A {2} (CPU {3}), B {4} (CPU {5}), {6:0.00}x; load {7}' -f ($i + 1), $ColdJobPairs, (Format-Ms $wall.A[-1]), (Format-Ms $cpu.A[-1]), (Format-Ms $wall.B[-1]), (Format-Ms $cpu.B[-1]), ($wall.A[-1] / $wall.B[-1]), (Get-LoadAverage))
            $null = Invoke-BenchEmulatorControl -BaseUri $GraphBaseUri -Path 'requests' -Method Delete
        }
        $sent = @(Invoke-BenchEmulatorControl -BaseUri $GraphBaseUri -Path 'whatsapp/messages' -Method Get | ForEach-Object { $_ }).Count - $sentBefore
        if ($sent -ne 2 * (2 + $ColdJobPairs)) { Add-Note "Cold runbook job${buildLabel}: the emulator got $sent messages for $(2 * (2 + $ColdJobPairs)) jobs." }
        $a = Get-Median $wall.A
        $b = Get-Median $wall.B
        $ratio = $a / $b
        $pairRatios = @(for ($i = 0; $i -lt $wall.A.Count; $i++) { $wall.A[$i] / $wall.B[$i] })
        $target = if ($Build -eq 'Core') { '<= 1.05x' } else { 'info' }
        $met = if ($Build -eq 'Core') { Format-Met ($ratio -le 1.05) } else { '-' }
        Add-Row -Name "Cold runbook job$buildLabel`: job A (Import-Module, -Name wa-prod from a raw-key key file, POST template) vs job B (Invoke-RestMethod, token in env), wall, median of $ColdJobPairs alternating pairs" -This (Format-Ms $a) -Baseline (Format-Ms $b) -Ratio (Format-Ratio $ratio) -Target $target -Met $met
        Add-Row -Name "Cold runbook job$buildLabel`: same runs, CPU user+sys of the child (median)" -This (Format-Ms (Get-Median $cpu.A)) -Baseline (Format-Ms (Get-Median $cpu.B)) -Ratio (Format-Ratio ((Get-Median $cpu.A) / (Get-Median $cpu.B))) -Target 'info'
        Add-Note ("Cold runbook job${buildLabel}: wall A {0}; B {1}; per-pair ratios {2} (median {3})." -f (($wall.A | ForEach-Object { '{0:0}' -f $_ }) -join ' '), (($wall.B | ForEach-Object { '{0:0}' -f $_ }) -join ' '),
                (($pairRatios | ForEach-Object { '{0:0.00}' -f $_ }) -join ' '), (Format-Ratio (Get-Median $pairRatios)))

        # Where job A's extra time goes: the same steps in-process, a fresh pwsh each, A and B alternating.
        $script = Join-Path $PSScriptRoot 'Measure-ColdJob.ps1'
        $detail = @{ A = [System.Collections.Generic.List[object]]::new(); B = [System.Collections.Generic.List[object]]::new() }
        for ($i = 0; $i -lt $ColdJobDetailRuns; $i++) {
            foreach ($name in 'A', 'B') {
                $detailEnvironment = $environment + @{ XDG_CACHE_HOME = (Join-Path $work "pwshcache-detail-$name") }
                $detail[$name].Add((Invoke-BenchScript -Script $script -Parameters @{ Job = $name; GraphBaseUri = $GraphBaseUri; PhoneId = $phoneId } -Environment $detailEnvironment -TimeoutSec 120 -Pwsh $script:runner)[0])
            }
        }
        $stepText = {
            param([string]$JobName, [string]$Step)
            $values = @($detail[$JobName] | ForEach-Object { $_.Steps | Where-Object Name -EQ $Step })
            [pscustomobject]@{
                Wall = Get-Median ($values | ForEach-Object WallMs)
                Cpu  = Get-Median ($values | ForEach-Object CpuMs)
                Jit  = Get-Median ($values | ForEach-Object JitMethods)
                Text = '{0} (CPU {1}, {2} methods JIT-compiled, {3} assemblies)' -f (Format-Ms (Get-Median ($values | ForEach-Object WallMs))), (Format-Ms (Get-Median ($values | ForEach-Object CpuMs))),
                    (Get-Median ($values | ForEach-Object JitMethods)), (Get-Median ($values | ForEach-Object Assemblies))
            }
        }
        $import = & $stepText 'A' 'Import'
        $read = & $stepText 'A' 'FirstCacheRead'
        $requestA = & $stepText 'A' 'FirstRequest'
        $requestB = & $stepText 'B' 'FirstRequest'
        $sumA = $import.Wall + $read.Wall + $requestA.Wall
        $sumCpuA = $import.Cpu + $read.Cpu + $requestA.Cpu
        Add-Row -Name "Cold runbook job$buildLabel`: in-process, import + first cache read + first request vs first Invoke-RestMethod (wall, median of $ColdJobDetailRuns)" -This (Format-Ms $sumA) -Baseline (Format-Ms $requestB.Wall) -Ratio (Format-Difference ($sumA - $requestB.Wall)) -Target 'info'
        Add-Row -Name "Cold runbook job$buildLabel`: the same in CPU time (user+sys, all threads)" -This (Format-Ms $sumCpuA) -Baseline (Format-Ms $requestB.Cpu) -Ratio (Format-Difference ($sumCpuA - $requestB.Cpu)) -Target 'info'
        Add-Note ("Cold runbook job${buildLabel}, in-process breakdown (a fresh pwsh each after 1 s to settle, median of $ColdJobDetailRuns): A = Import-Module {0} + first Get-FacebookToken -Name wa-prod {1} + first Invoke-FacebookGraphRequest POST {2}; B = first ConvertTo-Json + Invoke-RestMethod POST {3}." -f
                $import.Text, $read.Text, $requestA.Text, $requestB.Text)
        $loadedA = @($detail.A | ForEach-Object { $_.NewAssemblies } | Sort-Object -Unique)
        $loadedB = @($detail.B | ForEach-Object { $_.NewAssemblies } | Sort-Object -Unique)
        Add-Note ("Cold runbook job${buildLabel}: assemblies job A loads that job B does not: $(@($loadedA | Where-Object { $loadedB -notcontains $_ }) -join ', '); B loads that A does not: $(@($loadedB | Where-Object { $loadedA -notcontains $_ }) -join ', ').")
    }
    finally {
        Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction SilentlyContinue
    }
}

# ---------------------------------------------------------------------------------------------------------
# Run
# ---------------------------------------------------------------------------------------------------------
$sections = [ordered]@{ Import = 'Import'; PerCall = 'Per call'; Cache = 'Cache'; Scale = 'Scale' }

# The ReadyToRun copy of this PowerShell (built once, cached under output/); without crossgen2 the IL rows run alone.
$runners = [System.Collections.Generic.List[object]]::new()
if ($PowerShell -contains 'IL') {
    $runners.Add([pscustomobject]@{ FilePath = $pwsh.FilePath; Prefix = $pwsh.Prefix; Tag = 'IL'; Description = "PowerShell $($PSVersionTable.PSVersion), the dotnet tool (IL only, JIT at start-up)" })
}
if ($PowerShell -contains 'R2R' -and ($Measure | Where-Object { $_ -in 'Import', 'PerCall', 'Cache', 'ColdJob', 'Baseline' })) {
    Write-Section 'ReadyToRun PowerShell: build or reuse the cached copy under output/'
    $readyToRun = Get-ReadyToRunPwsh -CacheRoot (Join-Path $repoRoot 'output/pwsh-readytorun')
    if ($readyToRun.Error) {
        Write-Host "  no ReadyToRun PowerShell: $($readyToRun.Error). The IL rows run alone." -ForegroundColor Yellow
        Add-Row -Name 'ReadyToRun PowerShell' -This "n/a: $($readyToRun.Error)"
        Add-Note "No ReadyToRun rows: $($readyToRun.Error)."
    }
    else {
        Write-Host "  $($readyToRun.Description): $($readyToRun.FilePath) $($readyToRun.Prefix -join ' ')"
        $runners.Add([pscustomobject]@{ FilePath = $readyToRun.FilePath; Prefix = $readyToRun.Prefix; Tag = 'R2R'; Description = $readyToRun.Description })
    }
}
if ($runners.Count -eq 0) {
    # -PowerShell R2R alone and no ReadyToRun copy: the parts that run on the IL PowerShell only (Scale, Vault) still need it.
    $runners.Add([pscustomobject]@{ FilePath = $pwsh.FilePath; Prefix = $pwsh.Prefix; Tag = 'IL'; Description = "PowerShell $($PSVersionTable.PSVersion), the dotnet tool (IL only, JIT at start-up)" })
}

if ($Measure -contains 'Import') {
    # First, before the emulator runs, so nothing else of ours competes for the 2 cores.
    foreach ($each in $runners) {
        $script:runner = $each
        $script:runnerTag = $each.Tag
        try { Invoke-ImportBench }
        catch { Add-Row -Name 'Import' -This "error: $(("$_" -split "`n")[0])"; Write-Host "  import bench failed: $_" -ForegroundColor Yellow }
    }
}

if ($Measure -contains 'ColdJob') {
    # Right after the import, with its own emulator: start-up costs, measured while little else of ours runs.
    $coldJobEmulator = $null
    try {
        $coldJobEmulator = Start-BenchEmulator -EmulatorDll $emulatorDll
        foreach ($each in $runners) {
            $script:runner = $each
            $script:runnerTag = $each.Tag
            $builds = if ($each.Tag -eq 'R2R') { 'Core', 'Desktop' } else { @('Core') }
            foreach ($build in $builds) {
                try { Invoke-ColdJobBench -GraphBaseUri $coldJobEmulator.Uri -Build $build }
                catch { Add-Row -Name "Cold runbook job ($build build)" -This "error: $(("$_" -split "`n")[0])"; Write-Host "  cold runbook job bench failed: $_" -ForegroundColor Yellow }
            }
        }
    }
    catch { Add-Row -Name 'Cold runbook job' -This "error: no emulator ($(("$_" -split "`n")[0]))" }
    finally {
        $script:runnerTag = $null
        Stop-BenchEmulator $coldJobEmulator
    }
}

$baseline = $null
if ($Measure -contains 'Baseline') {
    # After the import and the cold job, before the other parts: its import rows want the machine as quiet.
    Write-Section "Baseline: stage the module to compare with ($(if ($BaselineModulePath) { $BaselineModulePath } else { $BaselineRef }))"
    $baseline = Get-BenchBaseline -RepoRoot $repoRoot -Ref $BaselineRef -ModulePath $BaselineModulePath
    if ($baseline.Error) {
        Add-Row -Name 'Baseline' -This "n/a: $(("$($baseline.Error)" -split "`n")[0])"
        Write-Host "  no baseline: $($baseline.Error)" -ForegroundColor Yellow
    }
    else {
        Write-Host "  baseline: $($baseline.ModulePath)"
        $baselineEmulator = $null
        try {
            if ($BaselineFigures -contains 'PerCall') {
                try { $baselineEmulator = Start-BenchEmulator -EmulatorDll $emulatorDll }
                catch { Write-Host "  could not start the emulator: $_" -ForegroundColor Yellow }
            }
            foreach ($each in $runners) {
                $script:runner = $each
                $script:runnerTag = $each.Tag
                Invoke-BaselineBench -BaselineModulePath $baseline.ModulePath -BaselineLabel $baseline.Label -GraphBaseUri $(if ($baselineEmulator) { $baselineEmulator.Uri })
            }
        }
        finally {
            $script:runnerTag = $null
            Stop-BenchEmulator $baselineEmulator
        }
    }
}

$emulator = $null
try {
    $script:runnerTag = $null
    if ($Measure -contains 'PerCall' -or $Measure -contains 'Scale') {
        try { $emulator = Start-BenchEmulator -EmulatorDll $emulatorDll }
        catch {
            Write-Host "  could not start the emulator: $_" -ForegroundColor Yellow
            foreach ($name in 'PerCall', 'Scale') { if ($Measure -contains $name) { Add-Row -Name $sections[$name] -This "error: no emulator ($(("$_" -split "`n")[0]))" } }
        }
    }
    foreach ($each in $runners) {
        $script:runner = $each
        $script:runnerTag = $each.Tag
        if ($emulator -and $Measure -contains 'PerCall') {
            try { Invoke-PerCallBench -GraphBaseUri $emulator.Uri }
            catch { Add-Row -Name 'Per call' -This "error: $(("$_" -split "`n")[0])"; Write-Host "  per-call bench failed: $_" -ForegroundColor Yellow }
        }
        if ($Measure -contains 'Cache') {
            Invoke-CacheBench
        }
    }
    # Scale is about latency and parallelism, not start-up: the IL PowerShell alone.
    $script:runner = $runners[0]
    $script:runnerTag = $null
    if ($emulator -and $Measure -contains 'Scale') {
        try { Invoke-ScaleBench -GraphBaseUri $emulator.Uri }
        catch { Add-Row -Name 'Scale' -This "error: $(("$_" -split "`n")[0])"; Write-Host "  scale bench failed: $_" -ForegroundColor Yellow }
    }
}
finally {
    $script:runnerTag = $null
    Stop-BenchEmulator $emulator
}

if ($Measure -contains 'Vault') {
    $script:runner = $runners[0]
    try { Invoke-VaultBench }
    catch { Add-Row -Name 'Vault' -This "error: $(("$_" -split "`n")[0])"; Write-Host "  vault bench failed: $_" -ForegroundColor Yellow }
}

if ($Measure -contains 'GraphRequest') {
    try { Invoke-GraphRequestBench }
    catch { Add-Row -Name 'GraphRequest' -This "error: $(("$_" -split "`n")[0])"; Write-Host "  graph request bench failed: $_" -ForegroundColor Yellow }
}

if ($Measure -contains 'CacheScale') {
    Write-Section 'CacheScale: the cache at 100, 1,000 and 10,000 entries (key file, raw key)'
    $work = Join-Path ([IO.Path]::GetTempPath()) ('fbt-bench-scale-' + [guid]::NewGuid().ToString('N'))
    $null = New-Item -ItemType Directory -Path $work
    try {
        $environment = @{
            DBUS_SESSION_BUS_ADDRESS  = $null
            FACEBOOK_TOKEN_CACHE_PATH = $null
            FACEBOOK_TOKEN_VAULT      = $null
            FACEBOOK_TOKEN_CACHE_KEY  = 'base64:' + [Convert]::ToBase64String([System.Security.Cryptography.RandomNumberGenerator]::GetBytes(32))
        }
        $scale = (Invoke-BenchScript -Script (Join-Path $PSScriptRoot 'Measure-CacheScale.ps1') -Parameters @{ ModulePath = $ModulePath; WorkPath = $work } -Environment $environment -TimeoutSec 900)[0]
        $smallest = @($scale.Rows)[0]
        foreach ($row in @($scale.Rows)) {
            $n = '{0:N0}' -f $row.Count
            Add-Row -Name "CacheScale: warm Get-FacebookToken of one name, $n entries (ms/call)" -This (Format-Ms $row.GetMs) -Baseline "$(Format-Ms $smallest.GetMs) at $('{0:N0}' -f $smallest.Count)" -Ratio (Format-Ratio ($row.GetMs / $smallest.GetMs)) -Target '<= 0.5 ms' -Met (Format-Met ($row.GetMs -le 0.5))
            Add-Row -Name "CacheScale: warm Get-FacebookToken -Name 'cust-00001*', $n entries (ms/call)" -This (Format-Ms $row.PatternMs) -Baseline "$(Format-Ms $smallest.PatternMs) at $('{0:N0}' -f $smallest.Count)" -Ratio (Format-Ratio ($row.PatternMs / $smallest.PatternMs)) -Target 'report'
            Add-Row -Name "CacheScale: one more Save-FacebookToken into $n entries (ms/call)" -This (Format-Ms $row.SaveMs) -Baseline "$(Format-Ms $smallest.SaveMs) at $('{0:N0}' -f $smallest.Count)" -Ratio (Format-Ratio ($row.SaveMs / $smallest.SaveMs)) -Target '<= 100 ms' -Met (Format-Met ($row.SaveMs -le 100))
            $fillBaseline = if ($row.PSObject.Properties['FillOneByOneMs']) { "$(Format-Ms $row.FillOneByOneMs) one call per row" } else { '-' }
            $fillRatio = if ($row.PSObject.Properties['FillOneByOneMs']) { Format-Ratio ($row.FillMs / $row.FillOneByOneMs) } else { '-' }
            Add-Row -Name "CacheScale: $n rows piped into one Save-FacebookToken (ms)" -This (Format-Ms $row.FillMs) -Baseline $fillBaseline -Ratio $fillRatio -Target $(if ($row.Count -ge 10000) { '<= 10 s' } else { 'report' }) -Met $(if ($row.Count -ge 10000) { Format-Met ($row.FillMs -le 10000) } else { '-' })
        }
    }
    catch { Add-Row -Name 'CacheScale' -This "error: $(("$_" -split "`n")[0])"; Write-Host "  cache scale bench failed: $_" -ForegroundColor Yellow }
    finally { Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction SilentlyContinue }
}

# ---------------------------------------------------------------------------------------------------------
# Report: the machine, notes, then the one table.
# ---------------------------------------------------------------------------------------------------------
Write-Host ''
Write-Host "== Machine" -ForegroundColor Cyan
$machine = Get-MachineDescription
$machine['Load average'] = "$loadAtStart at start, $(Get-LoadAverage) at end"
$machine['Module'] = "$ModulePath ($Configuration build)"
$machine['Bench time'] = '{0:0} s' -f $totalWatch.Elapsed.TotalSeconds
foreach ($key in $machine.Keys) { Write-Host ('  {0,-13} {1}' -f $key, $machine[$key]) }

if ($notes.Count -gt 0) {
    Write-Host ''
    Write-Host '== Notes' -ForegroundColor Cyan
    foreach ($note in $notes) { Write-Host "  - $note" }
    Write-Host '  - Cache baselines are a hand-written plain-text JSON file (Get-Content | ConvertFrom-Json; read-modify-write on save): no encryption, no lock. "info"/"report" rows have no target.'
}

Write-Host ''
Write-Host '== Results' -ForegroundColor Cyan
$headers = 'Measure', 'This module', 'Baseline', 'Ratio', 'Target', 'Met?'
$widths = foreach ($h in $headers) { [math]::Max($h.Length, ($rows | ForEach-Object { "$($_.$h)".Length } | Measure-Object -Maximum).Maximum) }
$format = { param($values) '| ' + ((0..($headers.Count - 1) | ForEach-Object { "$($values[$_])".PadRight($widths[$_]) }) -join ' | ') + ' |' }
Write-Host (& $format $headers)
Write-Host ('|' + ((0..($headers.Count - 1) | ForEach-Object { '-' * ($widths[$_] + 2) }) -join '|') + '|')
foreach ($row in $rows) {
    $line = & $format @(foreach ($h in $headers) { $row.$h })
    if ($row.'Met?' -eq 'NO') { Write-Host $line -ForegroundColor Yellow } else { Write-Host $line }
}
$missed = @($rows | Where-Object { $_.'Met?' -eq 'NO' }).Count
$failed = @($rows | Where-Object { $_.'This module' -like 'error:*' }).Count
Write-Host ''
Write-Host $(if ($missed) { "$missed target(s) missed on this run (reported, not failed)." } elseif ($failed) { 'The targets that ran were met.' } else { 'All measured targets met on this run.' })
if ($failed) { Write-Host "$failed measure(s) could not run; see their rows." -ForegroundColor Yellow }
$baselineRows = @($rows | Where-Object { $_.Measure -match '(^|\] )Baseline: ' -and $_.'Met?' -ne '-' })
if ($baselineRows.Count -gt 0) {
    $regressed = @($baselineRows | Where-Object { $_.'Met?' -eq 'NO' })
    $noisy = @($baselineRows | Where-Object { $_.'Met?' -eq 'noise' })
    $verdict = if ($regressed.Count) { "REGRESSION in $($regressed.Count) of $($baselineRows.Count) figures" } elseif ($noisy.Count) { "no regression beyond this run's noise ($($noisy.Count) of $($baselineRows.Count) figures above ${BaselineTolerance}x but within their A/A spread; run again on a quieter machine)" } else { "no regression: all $($baselineRows.Count) figures within ${BaselineTolerance}x" }
    Write-Host "Baseline $(if ($baseline) { $baseline.Label }): $verdict." -ForegroundColor $(if ($regressed.Count) { 'Yellow' } else { 'Green' })
}
exit 0
