<#
.SYNOPSIS
The module's command surface as text, one line per cmdlet, parameter set and parameter: what a user types and
what binds (type, mandatory, position, pipeline, aliases, wildcards, hidden). tests/CommandSurface.Tests.ps1
compares it with tests/assets/command-surface.txt; after a deliberate change, regenerate that file with
  dotnet pwsh -NoProfile -File build/Get-CommandSurface.ps1 -ManifestPath output/FacebookToken/FacebookToken.psd1 > tests/assets/command-surface.txt
and review the diff.
#>
param([Parameter(Mandatory)][string]$ManifestPath)
$ErrorActionPreference = 'Stop'
$module = Import-Module $ManifestPath -PassThru -Force
$common = @([System.Management.Automation.PSCmdlet]::CommonParameters) + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
foreach ($command in @(Get-Command -Module $module.Name -CommandType Cmdlet | Sort-Object Name)) {
    $default = $command.DefaultParameterSet
    foreach ($set in @($command.ParameterSets | Sort-Object Name)) {
        foreach ($parameter in @($set.Parameters | Where-Object { $common -notcontains $_.Name } | Sort-Object Name)) {
            $metadata = $command.Parameters[$parameter.Name]
            $flags = @(
                if ($parameter.IsMandatory) { 'Mandatory' }
                if ($parameter.Position -ge 0) { "Position=$($parameter.Position)" }
                if ($parameter.ValueFromPipeline) { 'ByValue' }
                if ($parameter.ValueFromPipelineByPropertyName) { 'ByPropertyName' }
                if ($parameter.ValueFromRemainingArguments) { 'Remaining' }
                if ($parameter.Aliases.Count) { "Aliases=$($parameter.Aliases -join ',')" }
                if (@($metadata.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] }).Count) { 'Wildcards' }
                if (@($metadata.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and $_.DontShow }).Count) { 'DontShow' }
            )
            $setName = if ($set.Name -eq $default) { "$($set.Name)(default)" } else { $set.Name }
            "$($command.Name) $setName -$($parameter.Name) <$($parameter.ParameterType.Name)> $($flags -join ' ')".TrimEnd()
        }
    }
}
