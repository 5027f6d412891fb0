<#
.SYNOPSIS
Runs the Pester suites; build.ps1 starts it in a fresh pwsh so the tests import the staged module
into a clean session.

.DESCRIPTION
Writes the counts to -SummaryPath as JSON {Passed, Failed, Skipped, SkippedTests, NotRun, Total, Result, Crashed, Note}
(SkippedTests: each skipped test's full name, Describe and Context names and the test's, joined with '.')
so the caller reads numbers, not console text. Exits 1 when a test failed or Pester itself broke.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)][string]$PesterManifest,
    [Parameter(Mandatory)][string[]]$TestPath,
    [Parameter(Mandatory)][string]$ResultPath,
    [Parameter(Mandatory)][string]$SummaryPath
)

$ErrorActionPreference = 'Stop'
# No ANSI colour codes in error text: they end up in test messages and the NUnit XML cannot hold them.
$env:NO_COLOR = '1'
if ($PSStyle) {
    $PSStyle.OutputRendering = 'PlainText'
}
# build.ps1 passes several paths as one comma-separated argument (pwsh -File cannot pass an array).
$TestPath = @($TestPath | ForEach-Object { $_ -split ',' } | Where-Object { $_ })

function Write-Summary {
    param([hashtable]$Summary)

    $directory = Split-Path -Parent $SummaryPath
    $null = New-Item -ItemType Directory -Path $directory -Force
    $Summary | ConvertTo-Json | Set-Content -LiteralPath $SummaryPath -Encoding utf8
}

function Test-HasFailedTest {
    # Whether a Pester container or block has a failed test anywhere below it.
    param([object]$Node)

    foreach ($test in $Node.Tests) {
        if ($test.Result -eq 'Failed') {
            return $true
        }
    }
    foreach ($block in $Node.Blocks) {
        if (Test-HasFailedTest $block) {
            return $true
        }
    }
    return $false
}

try {
    Import-Module -Name $PesterManifest -Force

    $configuration = New-PesterConfiguration
    $configuration.Run.Path = $TestPath
    $configuration.Run.ExcludePath = @('*/bin/*', '*/obj/*', '*\bin\*', '*\obj\*')
    $configuration.Run.PassThru = $true
    $configuration.Output.Verbosity = 'Detailed'
    $configuration.TestResult.Enabled = $true
    $configuration.TestResult.OutputFormat = 'NUnitXml'
    $configuration.TestResult.OutputPath = $ResultPath

    $run = Invoke-Pester -Configuration $configuration
    if ($null -eq $run) {
        throw 'Invoke-Pester returned no result; see its error above (no test file found?).'
    }

    # A failed BeforeAll already fails the tests under it, but a failed AfterAll or a file that does not
    # even parse fails no test: count each such block or container once, so no failure goes unseen.
    $uncounted = @(
        $run.FailedBlocks
        $run.FailedContainers
    ).Where({ $null -ne $_ -and -not (Test-HasFailedTest $_) }).Count
    Write-Summary @{
        Passed       = $run.PassedCount
        Failed       = $run.FailedCount + $uncounted
        Skipped      = $run.SkippedCount
        SkippedTests = @($run.Skipped | ForEach-Object { $_.ExpandedPath })
        NotRun       = $run.NotRunCount
        Total        = $run.TotalCount
        Result       = $run.Result
        Crashed      = $false
        Note         = ''
    }
    exit $(if ($run.Result -eq 'Passed') { 0 } else { 1 })
}
catch {
    Write-Host "Pester run broke: $_" -ForegroundColor Red
    Write-Summary @{ Passed = 0; Failed = 0; Skipped = 0; SkippedTests = @(); NotRun = 0; Total = 0; Result = 'Crashed'; Crashed = $true; Note = "$_" }
    exit 1
}
