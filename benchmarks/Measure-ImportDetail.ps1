<#
.SYNOPSIS
Child of Invoke-Benchmarks.ps1, run in a fresh pwsh: where does Import-Module FacebookToken spend its time?

.DESCRIPTION
-Step Total: times Import-Module of the staged manifest in-process and lists the assemblies it loaded.
-Step NoFormat: the same from a temporary copy whose manifest has no FormatsToProcess (the format file's share).
-Step Psm1: Import-Module of the loader FacebookToken.psm1 itself, without the manifest (and so without the format file).
-Step Binary: only the loader's two loads (LoadFrom the core assembly, Import-Module of the cmdlet assembly).
-Step Empty: times Import-Module of an empty script module: what any first Import-Module costs in a fresh process.
-Step EmptyWithFormat: the empty module with a one-view format file: PowerShell's fixed cost of a first format file.
Writes one BENCH_RESULT= line.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)][string]$ModulePath,
    [ValidateSet('Total', 'NoFormat', 'Psm1', 'Binary', 'Empty', 'EmptyWithFormat')][string]$Step = 'Total',

    # pwsh keeps loading and compiling on background threads for a moment after start; let that settle first
    # so it neither competes with nor is counted in the import (2 cores).
    [int]$SettleMs = 1000
)

$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'BenchHelpers.ps1')

Start-Sleep -Milliseconds $SettleMs
$before = @([AppDomain]::CurrentDomain.GetAssemblies() | ForEach-Object { $_.GetName().Name })
$result = [ordered]@{ Step = $Step }
$sw = [System.Diagnostics.Stopwatch]::new()

switch ($Step) {
    'Total' {
        $sw.Restart()
        Import-Module -Name $ModulePath
        $sw.Stop()
        $result.ImportMs = $sw.Elapsed.TotalMilliseconds
    }
    'NoFormat' {
        # The same module from a temporary copy whose manifest has no FormatsToProcess: what the format file costs.
        $dir = Join-Path ([IO.Path]::GetTempPath()) ('fbt-bench-noformat-' + [guid]::NewGuid().ToString('N'))
        Copy-Item -LiteralPath (Split-Path -Parent $ModulePath) -Destination $dir -Recurse
        try {
            $manifest = Join-Path $dir (Split-Path -Leaf $ModulePath)
            $text = [IO.File]::ReadAllText($manifest)
            $text = [regex]::Replace($text, 'FormatsToProcess\s*=\s*@\([^)]*\)', 'FormatsToProcess = @()')
            [IO.File]::WriteAllText($manifest, $text)
            $sw.Restart()
            Import-Module -Name $manifest
            $sw.Stop()
            $result.ImportMs = $sw.Elapsed.TotalMilliseconds
        }
        finally {
            Remove-Module -Name FacebookToken -ErrorAction SilentlyContinue
            Remove-Item -LiteralPath $dir -Recurse -Force -ErrorAction SilentlyContinue
        }
    }
    'Psm1' {
        $sw.Restart()
        Import-Module -Name (Join-Path (Split-Path -Parent $ModulePath) 'FacebookToken.psm1')
        $sw.Stop()
        $result.ImportMs = $sw.Elapsed.TotalMilliseconds
    }
    'Binary' {
        # Only the loader's two loads, without the manifest, the .psm1 or the format file.
        $moduleRoot = Split-Path -Parent $ModulePath
        $framework = if ([IO.Directory]::Exists((Join-Path $moduleRoot 'bin/net8.0'))) { 'net8.0' } else { 'netstandard2.0' }
        $bin = Join-Path $moduleRoot "bin/$framework"
        $sw.Restart()
        $null = [System.Reflection.Assembly]::LoadFrom((Join-Path $bin 'FacebookToken.dll'))
        $result.CoreLoadFromMs = $sw.Elapsed.TotalMilliseconds
        $sw.Restart()
        $null = Import-Module -Name (Join-Path $bin 'FacebookToken.Module.dll') -PassThru
        $result.CmdletAssemblyImportMs = $sw.Elapsed.TotalMilliseconds
        $result.ImportMs = $result.CoreLoadFromMs + $result.CmdletAssemblyImportMs
    }
    { $_ -in 'Empty', 'EmptyWithFormat' } {
        $dir = Join-Path ([IO.Path]::GetTempPath()) ('fbt-bench-empty-' + [guid]::NewGuid().ToString('N'))
        $null = New-Item -ItemType Directory -Path $dir
        try {
            Set-Content -LiteralPath (Join-Path $dir 'BenchEmpty.psm1') -Value '# empty'
            $formats = '@()'
            if ($Step -eq 'EmptyWithFormat') {
                $formats = "@('BenchEmpty.Format.ps1xml')"
                Set-Content -LiteralPath (Join-Path $dir 'BenchEmpty.Format.ps1xml') -Value @'
<?xml version="1.0" encoding="utf-8"?>
<Configuration>
  <ViewDefinitions>
    <View>
      <Name>BenchEmpty.Thing</Name>
      <ViewSelectedBy><TypeName>BenchEmpty.Thing</TypeName></ViewSelectedBy>
      <TableControl>
        <TableHeaders><TableColumnHeader /></TableHeaders>
        <TableRowEntries><TableRowEntry><TableColumnItems><TableColumnItem><PropertyName>Name</PropertyName></TableColumnItem></TableColumnItems></TableRowEntry></TableRowEntries>
      </TableControl>
    </View>
  </ViewDefinitions>
</Configuration>
'@
            }
            Set-Content -LiteralPath (Join-Path $dir 'BenchEmpty.psd1') -Value "@{ ModuleVersion = '1.0.0'; RootModule = 'BenchEmpty.psm1'; FormatsToProcess = $formats; FunctionsToExport = @(); CmdletsToExport = @(); VariablesToExport = @(); AliasesToExport = @() }"
            $sw.Restart()
            Import-Module -Name (Join-Path $dir 'BenchEmpty.psd1')
            $sw.Stop()
            $result.ImportMs = $sw.Elapsed.TotalMilliseconds
        }
        finally {
            Remove-Item -LiteralPath $dir -Recurse -Force -ErrorAction SilentlyContinue
        }
    }
}

$after = @([AppDomain]::CurrentDomain.GetAssemblies() | ForEach-Object { $_.GetName().Name })
$result.NewAssemblies = @($after | Where-Object { $before -notcontains $_ } | Sort-Object -Unique)
$result.MsalLoaded = [bool]($after | Where-Object { $_ -like 'Microsoft.Identity.Client*' })
Write-BenchResult $result
