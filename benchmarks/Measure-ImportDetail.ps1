<#
.SYNOPSIS
Child of Invoke-Benchmarks.ps1, run in a fresh pwsh: where does Import-Module FacebookToken spend its time?

.DESCRIPTION
-Step Total: Import-Module of the staged manifest in-process; lists the assemblies it loaded.
-Step NoFormat: the same from a temporary copy whose manifest has no FormatsToProcess (the format file's share).
-Step CmdletAssembly: Import-Module of the cmdlet assembly itself (bin/<tfm>/FacebookToken.Module.dll), no manifest.
-Step Empty, OneCmdlet, OneCmdletViews: the reference modules New-BenchReferenceModules wrote under -ReferencePath
  (a bare manifest; a one-cmdlet binary module; the same with a one-view format file).
Each step also counts the methods the JIT compiled during the import (PowerShell's own code is IL-only in the
dotnet tool package, so most of an import's cost is compiling PowerShell's module-loading code).
Writes one BENCH_RESULT= line.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)][string]$ModulePath,
    [ValidateSet('Total', 'NoFormat', 'CmdletAssembly', 'Empty', 'OneCmdlet', 'OneCmdletViews')][string]$Step = 'Total',

    # The folder New-BenchReferenceModules wrote (Empty, OneCmdlet, OneCmdletViews steps).
    [string]$ReferencePath,

    # pwsh keeps loading and compiling on background threads for a moment after start; let that settle first
    # so it neither competes with nor is counted in the import (2 cores).
    [int]$SettleMs = 1000
)

$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'BenchHelpers.ps1')

Start-Sleep -Milliseconds $SettleMs
$copy = $null
$target = switch ($Step) {
    'Total' { $ModulePath }
    'CmdletAssembly' {
        $framework = if ($PSEdition -eq 'Core') { 'net8.0' } else { 'net472' }
        Join-Path (Split-Path -Parent $ModulePath) "bin/$framework/FacebookToken.Module.dll"
    }
    'NoFormat' {
        # A temporary copy whose manifest has no FormatsToProcess: what the format file costs.
        $copy = Join-Path ([IO.Path]::GetTempPath()) ('fbt-bench-noformat-' + [guid]::NewGuid().ToString('N'))
        Copy-Item -LiteralPath (Split-Path -Parent $ModulePath) -Destination $copy -Recurse
        $manifest = Join-Path $copy (Split-Path -Leaf $ModulePath)
        $text = [regex]::Replace([IO.File]::ReadAllText($manifest), 'FormatsToProcess\s*=\s*@\([^)]*\)', 'FormatsToProcess = @()')
        [IO.File]::WriteAllText($manifest, $text)
        $manifest
    }
    default {
        if (-not $ReferencePath) { throw "-Step $Step needs -ReferencePath." }
        Join-Path $ReferencePath "Bench$Step/Bench$Step.psd1"
    }
}

$before = @([AppDomain]::CurrentDomain.GetAssemblies() | ForEach-Object { $_.GetName().Name })
$result = [ordered]@{ Step = $Step }
try {
    $jitBefore = [System.Runtime.JitInfo]::GetCompiledMethodCount($false)
    $sw = [System.Diagnostics.Stopwatch]::StartNew()
    Import-Module -Name $target
    $sw.Stop()
    $result.ImportMs = $sw.Elapsed.TotalMilliseconds
    $result.JitMethods = [System.Runtime.JitInfo]::GetCompiledMethodCount($false) - $jitBefore
}
finally {
    if ($copy) {
        Remove-Module -Name FacebookToken -ErrorAction SilentlyContinue
        Remove-Item -LiteralPath $copy -Recurse -Force -ErrorAction SilentlyContinue
    }
}

$after = @([AppDomain]::CurrentDomain.GetAssemblies() | ForEach-Object { $_.GetName().Name })
$result.NewAssemblies = @($after | Where-Object { $before -notcontains $_ } | Sort-Object -Unique)
$result.MsalLoaded = [bool]($after | Where-Object { $_ -like 'Microsoft.Identity.Client*' })
Write-BenchResult $result
