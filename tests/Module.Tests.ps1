BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')

    $manifestData = Import-PowerShellDataFile -LiteralPath $ModuleManifestPath
    $formatPath = Join-Path $StagedModulePath 'FacebookToken.Format.ps1xml'
}

Describe 'The staged module' {
    It 'has a manifest that passes Test-ModuleManifest' {
        $manifest = Test-ModuleManifest -Path $ModuleManifestPath -ErrorAction Stop

        $manifest.Name | Should -Be 'FacebookToken'
        $manifest.RootModule | Should -Be 'FacebookToken.psm1'
    }

    It 'is compatible with PowerShell Core and Desktop' {
        $manifestData.CompatiblePSEditions | Should -Contain 'Core'
        $manifestData.CompatiblePSEditions | Should -Contain 'Desktop'
        $manifestData.PrivateData.PSData.Tags | Should -Contain 'PSEdition_Core'
        $manifestData.PrivateData.PSData.Tags | Should -Contain 'PSEdition_Desktop'
    }

    It 'lists its cmdlets alphabetically and exports nothing else' {
        $manifestData.CmdletsToExport | Should -Be ($manifestData.CmdletsToExport | Sort-Object)
        $manifestData.FunctionsToExport | Should -BeNullOrEmpty
        $manifestData.VariablesToExport | Should -BeNullOrEmpty
        $manifestData.AliasesToExport | Should -BeNullOrEmpty
    }

    It 'exports exactly the cmdlets the manifest lists' {
        $exported = (Get-Module -Name FacebookToken).ExportedCommands.Values |
            Sort-Object -Property Name

        $exported.Name | Should -Be ($manifestData.CmdletsToExport | Sort-Object)
        $exported.CommandType | Select-Object -Unique | Should -Be 'Cmdlet'
    }

    It 'has every cmdlet in the assembly listed in the manifest' {
        # A cmdlet the assembly defines but the manifest forgets would be silently hidden.
        $assembly = (Get-Command -Name $manifestData.CmdletsToExport[0] -Module FacebookToken).ImplementingType.Assembly
        $defined = $assembly.GetExportedTypes() |
            Where-Object { $_.IsDefined([System.Management.Automation.CmdletAttribute], $false) } |
            ForEach-Object {
                $attribute = $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
                '{0}-{1}' -f $attribute.VerbName, $attribute.NounName
            } |
            Sort-Object

        $defined | Should -Be ($manifestData.CmdletsToExport | Sort-Object)
    }

    It 'ships only its own assemblies in bin/<_>, built with the manifest version' -ForEach 'netstandard2.0', 'net8.0' {
        $binFiles = Get-ChildItem -LiteralPath (Join-Path $StagedModulePath "bin/$_") -Filter *.dll
        $binFiles.Name | Sort-Object | Should -Be @('FacebookToken.dll', 'FacebookToken.Module.dll')
        Get-ChildItem -LiteralPath (Join-Path $StagedModulePath "bin/$_/storage") -Filter 'Microsoft.Identity.Client*.dll' | Should -Not -BeNullOrEmpty

        foreach ($file in $binFiles) {
            $info = [System.Diagnostics.FileVersionInfo]::GetVersionInfo($file.FullName)
            '{0}.{1}.{2}' -f $info.FileMajorPart, $info.FileMinorPart, $info.FileBuildPart |
                Should -Be $manifestData.ModuleVersion -Because "$($file.Name) gets its version from the manifest"
        }
    }

    It 'loads its cmdlets from the net8.0 build on PowerShell 7' {
        $assembly = (Get-Command -Name $manifestData.CmdletsToExport[0] -Module FacebookToken).ImplementingType.Assembly

        $assembly.Location | Should -Be (Join-Path $StagedModulePath 'bin/net8.0/FacebookToken.Module.dll')
    }

    It 'makes the model types usable right after import' {
        [FacebookToken.FacebookAccessToken].Assembly.Location | Should -Be (Join-Path $StagedModulePath 'bin/net8.0/FacebookToken.dll')
    }

    It 'does not load MSAL on import' {
        # The encrypted cache loads Microsoft.Identity.* lazily; a fresh process shows what import alone loads.
        $command = @"
`$ErrorActionPreference = 'Stop'
Import-Module -Name '$($ModuleManifestPath.Replace("'", "''"))'
'MODULE=' + (Get-Module -Name FacebookToken).Name
[AppDomain]::CurrentDomain.GetAssemblies() | ForEach-Object { 'ASSEMBLY=' + `$_.GetName().Name }
"@
        $output = Invoke-ChildPwsh -Command $command

        $output | Should -Contain 'MODULE=FacebookToken'
        $output | Should -Contain 'ASSEMBLY=FacebookToken.Module'
        $output | Where-Object { $_ -like 'ASSEMBLY=Microsoft.Identity.*' } | Should -BeNullOrEmpty
    }
}

Describe 'The format file' {
    It 'loads with Update-FormatData' {
        { Update-FormatData -PrependPath $formatPath -ErrorAction Stop } | Should -Not -Throw
    }

    It 'defines table and list views for FacebookAccessToken' {
        $controls = (Get-FormatData -TypeName 'FacebookToken.FacebookAccessToken').FormatViewDefinition |
            ForEach-Object { $_.Control.GetType().Name }

        $controls | Should -Contain 'TableControl'
        $controls | Should -Contain 'ListControl'
    }

    It 'defines a table view for <_>' -ForEach 'FacebookToken.FacebookTokenInfo', 'FacebookToken.FacebookAuthRequest', 'FacebookToken.FacebookAuthCode' {
        $controls = (Get-FormatData -TypeName $_).FormatViewDefinition |
            ForEach-Object { $_.Control.GetType().Name }

        $controls | Should -Contain 'TableControl'
    }

    It 'never shows a secret property' {
        # Tokens and PKCE verifiers must not reach a default view; views show MaskedToken instead.
        [xml]$format = Get-Content -Raw -LiteralPath $formatPath
        $shown = @($format.SelectNodes('//PropertyName').InnerText) + @($format.SelectNodes('//ScriptBlock').InnerText)

        $shown | Should -Not -BeNullOrEmpty
        $shown | Where-Object { $_ -match '\bAccessToken\b|CodeVerifier|AppSecret|\bCode\b' } | Should -BeNullOrEmpty
        $shown | Should -Contain '$_.MaskedToken'
    }
}
