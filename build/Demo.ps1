<#
.SYNOPSIS
The demo build.ps1 -Task Demo runs in a fresh pwsh against the staged module.
Placeholder: the walk-through itself comes later.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)][string]$ModulePath
)

$ErrorActionPreference = 'Stop'

$module = Import-Module -Name $ModulePath -PassThru -Force
Write-Host "FacebookToken $($module.Version) from $($module.ModuleBase)"
Get-Command -Module $module.Name | Format-Table -Property CommandType, Name, Version -AutoSize | Out-Host
