# Loads the cmdlet assembly and re-exports its cmdlets as this module's own, so the manifest's
# CmdletsToExport applies and Get-Command -Module FacebookToken lists them (jborean93's pattern).
# Kept to the minimum on purpose: every statement here is paid on each Import-Module.

# A net8.0 build, when one is shipped, is for PowerShell 7; Windows PowerShell takes netstandard2.0.
$framework = if ($PSEdition -eq 'Core' -and [System.IO.Directory]::Exists([System.IO.Path]::Combine($PSScriptRoot, 'bin', 'net8.0'))) {
    'net8.0'
}
else {
    'netstandard2.0'
}

# The cmdlet from Microsoft.PowerShell.Core, not whatever proxy or alias a session may have defined;
# GetCmdlet is several times faster than Get-Command here.
$importModule = $ExecutionContext.InvokeCommand.GetCmdlet('Microsoft.PowerShell.Core\Import-Module')

# The models (FacebookToken.FacebookAccessToken, ...) live in the core assembly; load it now so scripts can name
# the types right after import. It is small and references no third-party assembly.
$null = [System.Reflection.Assembly]::LoadFrom([System.IO.Path]::Combine($PSScriptRoot, 'bin', $framework, 'FacebookToken.dll'))

$innerMod = &$importModule -Name ([System.IO.Path]::Combine($PSScriptRoot, 'bin', $framework, 'FacebookToken.Module.dll')) -PassThru -ErrorAction Stop

$addExportedCmdlet = [System.Management.Automation.PSModuleInfo].GetMethod(
    'AddExportedCmdlet',
    [System.Reflection.BindingFlags]'Instance, NonPublic')
foreach ($cmdlet in $innerMod.ExportedCmdlets.Values) {
    $null = $addExportedCmdlet.Invoke($ExecutionContext.SessionState.Module, @(, $cmdlet))
}
