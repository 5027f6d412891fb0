<#
.SYNOPSIS
Returns a module manifest's hashtable as Import-Module sees it in this PowerShell edition.

.DESCRIPTION
FacebookToken's manifest picks its RootModule with `if ($PSEdition -eq 'Core')`, which
Import-PowerShellDataFile refuses as a dynamic expression. This evaluates the manifest under the same
restricted-language rules PowerShell applies to module manifests (only $PSEdition, $PSScriptRoot and
$EnabledExperimentalFeatures besides constants), so commands or other variables in it are still refused.
Used by build.ps1 and the Pester tests.

.EXAMPLE
(& ./build/Read-ModuleManifest.ps1 -Path ./module/FacebookToken.psd1).ModuleVersion
#>
[CmdletBinding()]
[OutputType([hashtable])]
param(
    [Parameter(Mandatory)]
    [string]$Path
)

$block = [scriptblock]::Create([System.IO.File]::ReadAllText((Resolve-Path -LiteralPath $Path).ProviderPath))
$block.CheckRestrictedLanguage([string[]]@(), [string[]]@('PSEdition', 'PSScriptRoot', 'EnabledExperimentalFeatures'), $false)
$data = & $block
if ($data -isnot [hashtable]) {
    throw "The module manifest '$Path' does not evaluate to a hashtable."
}
$data
