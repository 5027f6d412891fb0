<#
.SYNOPSIS
Where the vault suites and the vault bench find Microsoft.PowerShell.SecretManagement and Microsoft.PowerShell.SecretStore.

.DESCRIPTION
Returns '' when both are installed on PSModulePath (a user's own installation comes first); else a folder holding
both, to put first on a child's PSModulePath: FACEBOOK_TOKEN_TEST_PSMODULES, else ../shared/psmodules beside the
repository, or beside its main checkout when the repository is a git worktree (PSGallery is not reachable on every
machine, so the two modules are kept there, built from their public sources); else $null.
#>
[CmdletBinding()]
param([string]$RepoRoot = (Split-Path -Parent $PSScriptRoot))

$names = 'Microsoft.PowerShell.SecretManagement', 'Microsoft.PowerShell.SecretStore'
if (@(Get-Module -ListAvailable -Name $names | Select-Object -ExpandProperty Name -Unique).Count -eq 2) {
    return ''
}
$candidates = @($env:FACEBOOK_TOKEN_TEST_PSMODULES, (Join-Path $RepoRoot '../shared/psmodules'))
# A worktree's .git is a file: gitdir: <main checkout>/.git/worktrees/<name>.
$gitFile = Join-Path $RepoRoot '.git'
if (Test-Path -LiteralPath $gitFile -PathType Leaf) {
    $gitDir = ((Get-Content -LiteralPath $gitFile -TotalCount 1) -replace '^gitdir:\s*', '').Trim()
    $candidates += Join-Path (Split-Path -Parent (Split-Path -Parent (Split-Path -Parent $gitDir))) '../shared/psmodules'
}
foreach ($folder in $candidates | Where-Object { $_ }) {
    if (@($names | Where-Object { Test-Path -LiteralPath (Join-Path $folder $_) }).Count -eq 2) {
        return (Resolve-Path -LiteralPath $folder).Path
    }
}
$null
