# Shared helpers for benchmarks/*.ps1: dot-source it. Defines no state beyond functions, imports nothing.
#
# Child scripts report their numbers as one line on stdout: BENCH_RESULT=<compressed JSON>.

Set-StrictMode -Version 3.0

function Get-Median {
    param([double[]]$Values)
    if (-not $Values -or $Values.Count -eq 0) { return [double]::NaN }
    $sorted = [double[]]($Values | Sort-Object)
    $mid = [math]::Floor($sorted.Count / 2)
    if ($sorted.Count % 2) { return $sorted[$mid] }
    return ($sorted[$mid - 1] + $sorted[$mid]) / 2
}

function Get-Percentile {
    param([double[]]$Values, [double]$Percent)
    if (-not $Values -or $Values.Count -eq 0) { return [double]::NaN }
    $sorted = [double[]]($Values | Sort-Object)
    $index = [math]::Min($sorted.Count - 1, [math]::Max(0, [math]::Ceiling($Percent / 100 * $sorted.Count) - 1))
    return $sorted[$index]
}

function Get-PwshCommand {
    # How to start a fresh pwsh like this one: under `dotnet pwsh` this process is dotnet itself,
    # so the child needs pwsh.dll as its first argument.
    $processPath = [Environment]::ProcessPath
    $prefix = @()
    if ([IO.Path]::GetFileNameWithoutExtension($processPath) -eq 'dotnet') {
        $prefix = @(Join-Path $PSHOME 'pwsh.dll')
    }
    [pscustomobject]@{ FilePath = $processPath; Prefix = [string[]]$prefix }
}

function Invoke-BenchProcess {
    <#
    Runs a program to completion with stdout/stderr captured and returns
    {ExitCode, StdOut, StdErr, ElapsedMs}; ElapsedMs is Process.Start to exit, wall clock.
    -Environment sets (value) or removes ($null value) variables for the child only.
    #>
    param(
        [Parameter(Mandatory)][string]$FilePath,
        [string[]]$ArgumentList = @(),
        [hashtable]$Environment = @{},
        [int]$TimeoutSec = 300
    )

    $startInfo = [System.Diagnostics.ProcessStartInfo]::new($FilePath)
    foreach ($argument in $ArgumentList) { $startInfo.ArgumentList.Add($argument) }
    $startInfo.UseShellExecute = $false
    $startInfo.RedirectStandardOutput = $true
    $startInfo.RedirectStandardError = $true
    $startInfo.RedirectStandardInput = $true
    foreach ($name in $Environment.Keys) {
        if ($null -eq $Environment[$name]) { $null = $startInfo.Environment.Remove($name) }
        else { $startInfo.Environment[$name] = [string]$Environment[$name] }
    }

    $stopwatch = [System.Diagnostics.Stopwatch]::StartNew()
    $process = [System.Diagnostics.Process]::Start($startInfo)
    try {
        $process.StandardInput.Close()
        $stdout = $process.StandardOutput.ReadToEndAsync()
        $stderr = $process.StandardError.ReadToEndAsync()
        if (-not $process.WaitForExit($TimeoutSec * 1000)) {
            $process.Kill($true)
            $null = $process.WaitForExit(5000)
            throw "'$FilePath $($ArgumentList -join ' ')' did not finish within $TimeoutSec s and was killed."
        }
        $process.WaitForExit()   # lets the redirected streams drain
        $stopwatch.Stop()
        [pscustomobject]@{
            ExitCode  = $process.ExitCode
            StdOut    = $stdout.GetAwaiter().GetResult()
            StdErr    = $stderr.GetAwaiter().GetResult()
            ElapsedMs = $stopwatch.Elapsed.TotalMilliseconds
        }
    }
    finally {
        $process.Dispose()
    }
}

function Remove-Ansi {
    # Drops colour escape sequences from a child's output before it goes into an error message.
    param([AllowNull()][string]$Text)
    "$Text" -replace '\x1b\[[0-9;?]*[A-Za-z]', ''
}

function Read-BenchResult {
    # All BENCH_RESULT= lines of a child's stdout, parsed.
    param([string]$Text)
    foreach ($line in $Text -split "`r?`n") {
        if ($line.StartsWith('BENCH_RESULT=', [StringComparison]::Ordinal)) {
            $line.Substring('BENCH_RESULT='.Length) | ConvertFrom-Json
        }
    }
}

function Write-BenchResult {
    # Called by child scripts: one line the orchestrator picks out of stdout.
    param([Parameter(Mandatory)][object]$Result)
    [Console]::Out.WriteLine('BENCH_RESULT=' + (ConvertTo-Json -InputObject $Result -Depth 6 -Compress))
    [Console]::Out.Flush()
}

function Invoke-BenchScript {
    <#
    Runs a benchmarks/ child script in a fresh pwsh (-NoProfile -NonInteractive -File) with -Name value
    arguments and returns its BENCH_RESULT objects; throws with the child's output when it fails.
    #>
    param(
        [Parameter(Mandatory)][string]$Script,
        [hashtable]$Parameters = @{},
        [hashtable]$Environment = @{},
        [int]$TimeoutSec = 300,
        # Which PowerShell runs it ({FilePath, Prefix}, as Get-PwshCommand or Get-ReadyToRunPwsh return); default this one.
        [object]$Pwsh
    )

    $pwsh = if ($Pwsh) { $Pwsh } else { Get-PwshCommand }
    $arguments = [System.Collections.Generic.List[string]]::new()
    $arguments.AddRange($pwsh.Prefix)
    $arguments.AddRange([string[]]@('-NoProfile', '-NonInteractive', '-File', $Script))
    foreach ($name in $Parameters.Keys) {
        $arguments.Add("-$name")
        $arguments.Add([string]$Parameters[$name])
    }
    $run = Invoke-BenchProcess -FilePath $pwsh.FilePath -ArgumentList $arguments -Environment $Environment -TimeoutSec $TimeoutSec
    $results = @(Read-BenchResult $run.StdOut)
    if ($run.ExitCode -ne 0 -or $results.Count -eq 0) {
        throw "$([IO.Path]::GetFileName($Script)) failed (exit $($run.ExitCode)): $(Remove-Ansi ($run.StdOut + "`n" + $run.StdErr).Trim())"
    }
    $results
}

function Start-BenchEmulator {
    # Starts output/FacebookEmulator on an ephemeral 127.0.0.1 port; returns {Uri, Process}. It exits when its stdin closes.
    param([Parameter(Mandatory)][string]$EmulatorDll, [int]$TimeoutSec = 60)

    if (-not (Test-Path -LiteralPath $EmulatorDll)) {
        throw "The emulator is missing at '$EmulatorDll'. Run ./build.ps1 -Task Build first."
    }
    $dotnet = [Environment]::ProcessPath
    if ([IO.Path]::GetFileNameWithoutExtension($dotnet) -ne 'dotnet') { $dotnet = 'dotnet' }
    $startInfo = [System.Diagnostics.ProcessStartInfo]::new($dotnet)
    $startInfo.ArgumentList.Add($EmulatorDll)
    $startInfo.WorkingDirectory = Split-Path -Parent $EmulatorDll
    $startInfo.UseShellExecute = $false
    $startInfo.RedirectStandardInput = $true
    $startInfo.RedirectStandardOutput = $true
    $process = [System.Diagnostics.Process]::Start($startInfo)
    $prefix = 'FACEBOOK_EMULATOR_URL='
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSec)
    $uri = $null
    try {
        while (-not $uri) {
            $remaining = [int]($deadline - [DateTime]::UtcNow).TotalMilliseconds
            $read = $process.StandardOutput.ReadLineAsync()
            if ($remaining -le 0 -or -not $read.Wait($remaining)) { throw "The emulator printed no $prefix line within $TimeoutSec s." }
            $line = $read.Result
            if ($null -eq $line) { throw "The emulator exited with code $($process.ExitCode) before printing its URL." }
            if ($line.StartsWith($prefix, [StringComparison]::Ordinal)) { $uri = $line.Substring($prefix.Length).Trim().TrimEnd('/') }
        }
    }
    catch {
        if (-not $process.HasExited) { $process.Kill($true) }
        $process.Dispose()
        throw
    }
    # Keep draining its log so a full pipe never blocks it mid-request.
    $null = $process.StandardOutput.BaseStream.CopyToAsync([System.IO.Stream]::Null)
    [pscustomobject]@{ Uri = $uri; Process = $process }
}

function Stop-BenchEmulator {
    param([AllowNull()][object]$Emulator)
    if ($null -eq $Emulator -or $null -eq $Emulator.Process) { return }
    $process = $Emulator.Process
    try {
        if (-not $process.HasExited) {
            try { $process.StandardInput.Close() } catch [System.IO.IOException] { }
            if (-not $process.WaitForExit(5000)) { $process.Kill($true); $null = $process.WaitForExit(5000) }
        }
    }
    finally { $process.Dispose() }
}

function Invoke-BenchEmulatorControl {
    # POST/GET/DELETE {emulator}/_emulator/{Path} with a JSON body.
    param(
        [Parameter(Mandatory)][string]$BaseUri,
        [Parameter(Mandatory)][string]$Path,
        [string]$Method = 'Post',
        [object]$Body
    )
    $parameters = @{ Uri = '{0}/_emulator/{1}' -f $BaseUri, $Path.TrimStart('/'); Method = $Method; NoProxy = $true }
    if ($PSBoundParameters.ContainsKey('Body')) {
        $parameters.Body = ConvertTo-Json -InputObject $Body -Depth 5 -Compress
        $parameters.ContentType = 'application/json'
    }
    Invoke-RestMethod @parameters
}

function Measure-AlternatingBlock {
    # Runs each side's script block for -BlockSize calls, -Blocks rounds, rotating the order each round so none always
    # follows another, after a full collection before each block; returns ms/call per block for each side (in -Sides
    # order). With -PerCall, each side's block also gets that side's list (to add each call's ticks to). Clears the
    # emulator's request log after each round so later blocks do not pay for a long list.
    param(
        [Parameter(Mandatory)][System.Collections.Specialized.OrderedDictionary]$Sides,
        [Parameter(Mandatory)][int]$Blocks,
        [Parameter(Mandatory)][int]$BlockSize,
        [Parameter(Mandatory)][string]$EmulatorUri,
        [System.Collections.IDictionary]$PerCall
    )
    $perBlock = [ordered]@{}
    foreach ($name in $Sides.Keys) { $perBlock[$name] = [System.Collections.Generic.List[double]]::new() }
    $names = @($Sides.Keys)
    $sw = [System.Diagnostics.Stopwatch]::new()
    for ($round = 0; $round -lt $Blocks; $round++) {
        for ($k = 0; $k -lt $names.Count; $k++) {
            $name = $names[($round + $k) % $names.Count]
            # Assigned directly: the output of an if statement would unroll the (empty) list into $null.
            $calls = $null
            if ($PerCall) { $calls = $PerCall[$name] }
            [GC]::Collect()
            $sw.Restart()
            & $Sides[$name] $BlockSize $calls
            $sw.Stop()
            $perBlock[$name].Add($sw.Elapsed.TotalMilliseconds / $BlockSize)
        }
        $null = Invoke-BenchEmulatorControl -BaseUri $EmulatorUri -Path 'requests' -Method Delete
    }
    $perBlock
}

function New-BenchReferenceModules {
    <#
    Writes the modules the import is compared with into -Path (a folder that can go on PSModulePath) and
    returns their manifests by kind:
      Empty          BenchEmpty, a manifest and nothing else: what any Import-Module costs in a fresh process;
      OneCmdlet      BenchOneCmdlet, a one-cmdlet binary module (compiled here with Add-Type): what loading any
                     cmdlet assembly adds;
      OneCmdletViews BenchOneCmdletViews, the same with a one-view format file: the floor for a binary module
                     with views, as this one is.
    #>
    param([Parameter(Mandatory)][string]$Path)

    $null = New-Item -ItemType Directory -Path $Path -Force
    $manifest = {
        param([string]$Name, [string]$Body)
        $dir = Join-Path $Path $Name
        $null = New-Item -ItemType Directory -Path $dir -Force
        $file = Join-Path $dir "$Name.psd1"
        Set-Content -LiteralPath $file -Value "@{ ModuleVersion = '1.0.0'; GUID = '$([guid]::NewGuid())'; $Body FunctionsToExport = @(); VariablesToExport = @(); AliasesToExport = @() }"
        $file
    }
    $modules = [ordered]@{ Empty = & $manifest 'BenchEmpty' 'CmdletsToExport = @();' }

    $assembly = Join-Path $Path 'BenchOneCmdlet.dll'
    Add-Type -OutputAssembly $assembly -TypeDefinition @'
using System.Management.Automation;

namespace BenchOneCmdlet
{
    [Cmdlet(VerbsCommon.Get, "BenchThing")]
    [OutputType(typeof(BenchThing))]
    public sealed class GetBenchThingCommand : PSCmdlet
    {
        [Parameter]
        public string Name { get; set; } = "thing";

        protected override void ProcessRecord() => WriteObject(new BenchThing { Name = Name });
    }

    public sealed class BenchThing
    {
        public string Name { get; set; }
    }
}
'@
    foreach ($name in 'BenchOneCmdlet', 'BenchOneCmdletViews') {
        $dir = New-Item -ItemType Directory -Path (Join-Path $Path $name) -Force
        Copy-Item -LiteralPath $assembly -Destination $dir.FullName
    }
    Remove-Item -LiteralPath $assembly
    $modules.OneCmdlet = & $manifest 'BenchOneCmdlet' "RootModule = 'BenchOneCmdlet.dll'; CmdletsToExport = @('Get-BenchThing');"
    Set-Content -LiteralPath (Join-Path $Path 'BenchOneCmdletViews/BenchOneCmdletViews.Format.ps1xml') -Value @'
<?xml version="1.0" encoding="utf-8"?>
<Configuration>
  <ViewDefinitions>
    <View>
      <Name>BenchOneCmdlet.BenchThing</Name>
      <ViewSelectedBy><TypeName>BenchOneCmdlet.BenchThing</TypeName></ViewSelectedBy>
      <TableControl>
        <TableHeaders><TableColumnHeader /></TableHeaders>
        <TableRowEntries><TableRowEntry><TableColumnItems><TableColumnItem><PropertyName>Name</PropertyName></TableColumnItem></TableColumnItems></TableRowEntry></TableRowEntries>
      </TableControl>
    </View>
  </ViewDefinitions>
</Configuration>
'@
    $modules.OneCmdletViews = & $manifest 'BenchOneCmdletViews' "RootModule = 'BenchOneCmdlet.dll'; FormatsToProcess = @('BenchOneCmdletViews.Format.ps1xml'); CmdletsToExport = @('Get-BenchThing');"
    $modules
}

function Get-ReadyToRunPwsh {
    <#
    A ReadyToRun copy of the PowerShell this process runs (the dotnet tool ships IL only; PowerShell's own
    installers ship ReadyToRun assemblies), built once and cached under -CacheRoot in a folder named by the
    PowerShell version, the .NET runtime it runs on and the crossgen2 version. Returns
    {FilePath, Prefix, Label, Description} for Invoke-BenchProcess / Invoke-BenchScript, or {Error} when it
    cannot be made (no crossgen2 package, a failed compile): the caller says so and runs the IL rows alone.

    crossgen2 comes from build/Get-Crossgen2.ps1 (restored through the SDK, which picks the version that pairs
    with its runtime; its restore project is cached under -CacheRoot too).
    #>
    param(
        [Parameter(Mandatory)][string]$CacheRoot,
        # The assemblies PowerShell starts and imports with; the rest of the tool's folder stays IL.
        [string[]]$Assemblies = @('System.Management.Automation', 'Microsoft.PowerShell.ConsoleHost', 'Microsoft.PowerShell.Commands.Utility',
            'Microsoft.PowerShell.Commands.Management', 'Microsoft.PowerShell.Security', 'Newtonsoft.Json', 'pwsh')
    )

    $dotnet = [Environment]::ProcessPath
    if ([IO.Path]::GetFileNameWithoutExtension($dotnet) -ne 'dotnet') {
        $found = Get-Command -Name dotnet -CommandType Application -ErrorAction Ignore | Select-Object -First 1
        if (-not $found) { return [pscustomobject]@{ Error = 'no dotnet on PATH' } }
        $dotnet = $found.Source
    }
    $runtime = [Environment]::Version.ToString(3)
    $psVersion = $PSVersionTable.PSVersion.ToString()
    $os = if ($IsWindows) { 'win' } elseif ($IsMacOS) { 'osx' } else { 'linux' }
    $arch = [System.Runtime.InteropServices.RuntimeInformation]::OSArchitecture.ToString().ToLowerInvariant()
    $rid = "$os-$arch"
    $frameworkDir = [System.Runtime.InteropServices.RuntimeEnvironment]::GetRuntimeDirectory()
    $staging = $null

    try {
        # 1. crossgen2 for this runtime.
        $crossgen2 = & (Join-Path $PSScriptRoot '../build/Get-Crossgen2.ps1') -CacheRoot $CacheRoot
        if ($crossgen2.Error) { throw $crossgen2.Error }
        $crossgen = $crossgen2.Path
        $packVersion = $crossgen2.Version
        $packName = "Microsoft.NETCore.App.Crossgen2.$rid"

        # 2. The copy: the tool's folder with the start-up assemblies compiled, keyed by version + runtime + crossgen2.
        $key = "pwsh-$psVersion-net$runtime-crossgen2-$packVersion-$rid"
        $copy = Join-Path $CacheRoot $key
        $marker = Join-Path $copy '.readytorun-complete'
        $description = "PowerShell $psVersion, ReadyToRun copy ($($Assemblies.Count) assemblies by $packName $packVersion) on .NET $runtime"
        if (-not (Test-Path -LiteralPath $marker)) {
            Remove-Item -LiteralPath $copy -Recurse -Force -ErrorAction Ignore
            $staging = "$copy.tmp-$PID"
            Remove-Item -LiteralPath $staging -Recurse -Force -ErrorAction Ignore
            Copy-Item -LiteralPath $PSHOME -Destination $staging -Recurse
            $compile = Join-Path $staging 'crossgen2-input'
            $null = New-Item -ItemType Directory -Path $compile
            foreach ($name in $Assemblies) {
                $source = Join-Path $PSHOME "$name.dll"
                if (-not (Test-Path -LiteralPath $source)) { throw "$source is missing" }
                $arguments = @($source, '-o', (Join-Path $compile "$name.dll"), '-O', '--targetos', $os, '--targetarch', $arch,
                    '-r', (Join-Path $frameworkDir '*.dll'), '-r', (Join-Path $PSHOME '*.dll'))
                $run = Invoke-BenchProcess -FilePath $crossgen -ArgumentList $arguments -TimeoutSec 600
                if ($run.ExitCode -ne 0) { throw "crossgen2 $name.dll failed (exit $($run.ExitCode)): $(Remove-Ansi ($run.StdOut + $run.StdErr).Trim())" }
            }
            Get-ChildItem -LiteralPath $compile -Filter '*.dll' | Move-Item -Destination $staging -Force
            Remove-Item -LiteralPath $compile -Recurse -Force
            # It must start and be the same PowerShell.
            $check = Invoke-BenchProcess -FilePath $dotnet -ArgumentList @((Join-Path $staging 'pwsh.dll'), '-NoProfile', '-NonInteractive', '-c', '$PSVersionTable.PSVersion.ToString()') -TimeoutSec 120
            if ($check.ExitCode -ne 0 -or $check.StdOut.Trim() -ne $psVersion) { throw "the ReadyToRun copy does not start as PowerShell ${psVersion}: $(Remove-Ansi ($check.StdOut + $check.StdErr).Trim())" }
            Set-Content -LiteralPath (Join-Path $staging '.readytorun-complete') -Value $description
            Move-Item -LiteralPath $staging -Destination $copy
        }
        [pscustomobject]@{ FilePath = $dotnet; Prefix = [string[]]@(Join-Path $copy 'pwsh.dll'); Label = 'ReadyToRun'; Description = $description; Error = $null }
    }
    catch {
        if ($staging) { Remove-Item -LiteralPath $staging -Recurse -Force -ErrorAction Ignore }
        [pscustomobject]@{ Error = ("$_" -split "`n")[0] }
    }
}
