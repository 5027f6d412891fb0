<#
.SYNOPSIS
Finds crossgen2 (the ReadyToRun compiler) for the .NET runtime this PowerShell runs on; returns {Path, Version, Rid,
Os, Arch, RuntimeMajor, FrameworkDirectory, Error}.

.DESCRIPTION
crossgen2 comes from NuGet through the SDK: a throw-away project with PublishReadyToRun=true is restored under
-CacheRoot, and the SDK picks the Microsoft.NETCore.App.Crossgen2.<rid> version it pairs with its runtime (named
nowhere here); the package's path is read back from the project's assets file. A ReadyToRun image is only used by
the runtime major version whose compiler made it, and loads only on the OS it was made for, so what this finds
makes images for this process's OS, architecture and .NET major version. Error is set (and the rest empty) when
there is no crossgen2 (offline, an unsupported platform): callers go on without ReadyToRun.
Used by build.ps1 (the core assembly's image) and benchmarks/BenchHelpers.ps1 (the ReadyToRun PowerShell).

.EXAMPLE
$crossgen = & ./build/Get-Crossgen2.ps1 -CacheRoot ./output/crossgen2
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)][string]$CacheRoot
)

$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot '../benchmarks/BenchHelpers.ps1')

$runtime = [Environment]::Version.ToString(3)
$os = if ($IsWindows) { 'win' } elseif ($IsMacOS) { 'osx' } else { 'linux' }
$arch = [System.Runtime.InteropServices.RuntimeInformation]::OSArchitecture.ToString().ToLowerInvariant()
$rid = "$os-$arch"
$result = [ordered]@{
    Path               = $null
    Version            = $null
    Rid                = $rid
    Os                 = $os
    Arch               = $arch
    RuntimeMajor       = [Environment]::Version.Major
    FrameworkDirectory = [System.Runtime.InteropServices.RuntimeEnvironment]::GetRuntimeDirectory()
    Error              = $null
}
try {
    $dotnet = [Environment]::ProcessPath
    if ([IO.Path]::GetFileNameWithoutExtension($dotnet) -ne 'dotnet') {
        $found = Get-Command -Name dotnet -CommandType Application -ErrorAction Ignore | Select-Object -First 1
        if (-not $found) { throw 'no dotnet on PATH' }
        $dotnet = $found.Source
    }
    $restoreDir = Join-Path $CacheRoot "crossgen2-restore-net$runtime-$rid"
    $null = New-Item -ItemType Directory -Path $restoreDir -Force
    $project = Join-Path $restoreDir 'Crossgen2Restore.csproj'
    $text = @"
<Project Sdk="Microsoft.NET.Sdk">
  <!-- Restored only, never built: the SDK adds the crossgen2 pack that matches its runtime (build/Get-Crossgen2.ps1). -->
  <PropertyGroup>
    <TargetFramework>net$([Environment]::Version.ToString(2))</TargetFramework>
    <RuntimeIdentifier>$rid</RuntimeIdentifier>
    <PublishReadyToRun>true</PublishReadyToRun>
    <SelfContained>false</SelfContained>
  </PropertyGroup>
</Project>
"@
    $assetsFile = Join-Path $restoreDir 'obj/project.assets.json'
    $packName = "Microsoft.NETCore.App.Crossgen2.$rid"
    $find = {
        # The pack's version as the SDK chose it, and its crossgen2 in the packages folder (null when not there).
        $assets = Get-Content -Raw -LiteralPath $assetsFile | ConvertFrom-Json -AsHashtable
        foreach ($framework in $assets.project.frameworks.Values) {
            if ($framework.ContainsKey('downloadDependencies')) {
                $dependency = $framework.downloadDependencies | Where-Object { $_.name -eq $packName } | Select-Object -First 1
                if ($dependency) { $result.Version = $dependency.version.Trim('[', ']').Split(',')[0].Trim() }
            }
        }
        if (-not $result.Version) { throw "the SDK restored no $packName (does it support ReadyToRun for $rid?)" }
        foreach ($folder in $assets.packageFolders.Keys) {
            $candidate = Join-Path $folder "$($packName.ToLowerInvariant())/$($result.Version)/tools/crossgen2$(if ($IsWindows) { '.exe' })"
            if (Test-Path -LiteralPath $candidate) { $result.Path = $candidate; break }
        }
    }
    # Restored before (the SDK has not changed and the pack is still in the packages folder): no restore.
    $current = (Test-Path -LiteralPath $assetsFile) -and (Test-Path -LiteralPath $project) -and [IO.File]::ReadAllText($project) -eq $text
    if ($current) { & $find }
    if (-not $result.Path) {
        [IO.File]::WriteAllText($project, $text)
        $restore = Invoke-BenchProcess -FilePath $dotnet -ArgumentList @('restore', $project, '--nologo', '-v:q') -Environment @{ DOTNET_CLI_TELEMETRY_OPTOUT = '1' } -TimeoutSec 300
        if ($restore.ExitCode -ne 0) { throw "dotnet restore of the crossgen2 project failed: $(Remove-Ansi ($restore.StdOut + $restore.StdErr).Trim())" }
        & $find
    }
    if (-not $result.Path) { throw "$packName $($result.Version) was restored but its tools/crossgen2 is missing" }
}
catch {
    $result.Path = $null
    $result.Error = ("$_" -split "`n")[0]
}
[pscustomobject]$result
