<#
.SYNOPSIS
Judges skipped tests against the skip allow-list (tests/skip-allowlist.txt): one object per skipped test,
{Name, Allowed, Reason}.

.DESCRIPTION
Under CI=true build.ps1 counts every skipped test that is not Allowed as failed.

The allow-list has one entry a line, three fields separated by '|':
    platform | test name | reason
platform is Linux, macOS, Windows or * (any); the test name is the xunit name (Namespace.Class.Method) or the
Pester name (Describe.Context.It, as Pester's ExpandedPath) and may use the wildcards of -like; the reason
says why the test cannot run there and is required. Blank lines and lines starting with # are ignored.
A malformed line throws, so the list cannot silently allow nothing or everything.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)][string]$Path,

    [AllowEmptyCollection()]
    [string[]]$Skipped = @(),

    # The platform to judge for; this machine's when left out.
    [ValidateSet('Linux', 'macOS', 'Windows')]
    [string]$Platform
)

$ErrorActionPreference = 'Stop'
if (-not $Platform) {
    $Platform = if ($IsWindows -or $PSVersionTable.PSEdition -eq 'Desktop') { 'Windows' } elseif ($IsMacOS) { 'macOS' } else { 'Linux' }
}

$entries = [System.Collections.Generic.List[object]]::new()
$lineNumber = 0
foreach ($line in Get-Content -LiteralPath $Path) {
    $lineNumber++
    $text = $line.Trim()
    if ($text.Length -eq 0 -or $text.StartsWith('#')) {
        continue
    }
    $fields = @($text.Split('|') | ForEach-Object { $_.Trim() })
    if ($fields.Count -ne 3 -or $fields[0] -notin 'Linux', 'macOS', 'Windows', '*' -or -not $fields[1] -or -not $fields[2]) {
        throw "${Path}:${lineNumber}: expected 'platform | test name | reason' with platform Linux, macOS, Windows or * and a reason; got: $text"
    }
    $entries.Add([pscustomobject]@{ Platform = $fields[0]; Name = $fields[1]; Reason = $fields[2] })
}

foreach ($name in $Skipped) {
    $entry = $entries | Where-Object { ($_.Platform -eq '*' -or $_.Platform -eq $Platform) -and $name -like $_.Name } | Select-Object -First 1
    [pscustomobject]@{
        Name    = $name
        Allowed = $null -ne $entry
        Reason  = if ($entry) { $entry.Reason } else { $null }
    }
}
