<#
.SYNOPSIS
Returns a module manifest's hashtable as Import-Module sees it in this PowerShell edition.

.DESCRIPTION
FacebookToken's manifest picks its RootModule with `if ($PSEdition -eq 'Core')`, which
Import-PowerShellDataFile refuses as a dynamic expression. This evaluates the manifest under the same
restricted-language rules PowerShell applies to module manifests (only $PSEdition, $PSScriptRoot and
$EnabledExperimentalFeatures besides constants), so commands or other variables in it are still refused.
Used by build.ps1 and the Pester tests. -Edition reads it as the other edition would (the tests load the
Desktop build into PowerShell 7 from the manifest's Desktop branch).

.EXAMPLE
(& ./build/Read-ModuleManifest.ps1 -Path ./module/FacebookToken.psd1).ModuleVersion

.EXAMPLE
(& ./build/Read-ModuleManifest.ps1 -Path ./module/FacebookToken.psd1 -Edition Desktop).RootModule
#>
[CmdletBinding()]
[OutputType([hashtable])]
param(
    [Parameter(Mandatory)]
    [string]$Path,

    # The edition $PSEdition stands for; this one's when omitted.
    [ValidateSet('Core', 'Desktop')]
    [string]$Edition
)

$text = [System.IO.File]::ReadAllText((Resolve-Path -LiteralPath $Path).ProviderPath)
if ($Edition) {
    # $PSEdition is a constant, so each use of it becomes the literal, found by the tokenizer (never in a string).
    $tokens = $null
    $null = [System.Management.Automation.Language.Parser]::ParseInput($text, [ref]$tokens, [ref]$null)
    $uses = @($tokens.Where({ $_ -is [System.Management.Automation.Language.VariableToken] -and $_.Name -eq 'PSEdition' }))
    # Last first, so the offsets of the earlier ones still hold.
    for ($i = $uses.Count - 1; $i -ge 0; $i--) {
        $use = $uses[$i]
        $text = $text.Remove($use.Extent.StartOffset, $use.Extent.EndOffset - $use.Extent.StartOffset).Insert($use.Extent.StartOffset, "'$Edition'")
    }
}
$block = [scriptblock]::Create($text)
$block.CheckRestrictedLanguage([string[]]@(), [string[]]@('PSEdition', 'PSScriptRoot', 'EnabledExperimentalFeatures'), $false)
$data = & $block
if ($data -isnot [hashtable]) {
    throw "The module manifest '$Path' does not evaluate to a hashtable."
}
$data
