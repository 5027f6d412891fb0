BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')

    $manifestData = Read-ModuleManifestData
    $formatPath = Join-Path $StagedModulePath 'FacebookToken.Format.ps1xml'
    # Core as PowerShell 7 loads it: the build's ReadyToRun image for this OS, architecture and .NET major version.
    $coreImagePath = Join-Path $StagedModulePath "bin/net8.0/r2r/$([FacebookToken.Loader.ReadyToRunCoreResolver]::PlatformFolder)/FacebookToken.dll"
}

Describe 'The staged module' {
    It 'has a manifest that passes Test-ModuleManifest' {
        $manifest = Test-ModuleManifest -Path $ModuleManifestPath -ErrorAction Stop

        $manifest.Name | Should -Be 'FacebookToken'
        $manifest.RootModule | Should -Be 'bin/net8.0/FacebookToken.Module.dll'
    }

    It 'loads the net8.0 cmdlet assembly straight from the manifest on PowerShell 7, with no script module' {
        $module = Get-Module -Name FacebookToken

        $module.ModuleType | Should -Be 'Binary'
        $module.Path | Should -Be (Join-Path $StagedModulePath 'bin/net8.0/FacebookToken.Module.dll')
        # The one nested module picks core's ReadyToRun image (tests/ReadyToRunCore.Tests.ps1).
        $module.NestedModules.Name | Should -Be 'FacebookToken.Loader'
        $module.NestedModules.ModuleType | Should -Be 'Binary'
        Get-ChildItem -LiteralPath $StagedModulePath -Filter '*.psm1' -Recurse | Should -BeNullOrEmpty
    }

    It 'names a net472 build that exists for Windows PowerShell' {
        # The Desktop branch cannot run here, so read it from the manifest's syntax tree.
        $ast = [System.Management.Automation.Language.Parser]::ParseFile($ModuleManifestPath, [ref]$null, [ref]$null)
        $pair = $ast.Find({ param($node) $node -is [System.Management.Automation.Language.HashtableAst] }, $false).KeyValuePairs |
            Where-Object { $_.Item1.Value -eq 'RootModule' }
        $if = $pair.Item2.Find({ param($node) $node -is [System.Management.Automation.Language.IfStatementAst] }, $true)
        $if | Should -Not -BeNullOrEmpty -Because 'RootModule is chosen with if ($PSEdition -eq ''Core'')'
        $if.Clauses[0].Item1.Extent.Text | Should -Be '$PSEdition -eq ''Core'''
        $desktopPath = $if.ElseClause.Find({ param($node) $node -is [System.Management.Automation.Language.StringConstantExpressionAst] }, $true).Value

        $desktopPath | Should -Be 'bin/net472/FacebookToken.Module.dll'
        $file = Join-Path $StagedModulePath $desktopPath
        $file | Should -Exist
        $stream = [IO.File]::OpenRead($file)
        try {
            $reader = [System.Reflection.PortableExecutable.PEReader]::new($stream)
            $metadata = [System.Reflection.Metadata.PEReaderExtensions]::GetMetadataReader($reader)
            $targets = foreach ($handle in $metadata.GetAssemblyDefinition().GetCustomAttributes()) {
                $attribute = $metadata.GetCustomAttribute($handle)
                $ctor = $metadata.GetMemberReference([System.Reflection.Metadata.MemberReferenceHandle]$attribute.Constructor)
                $type = $metadata.GetTypeReference([System.Reflection.Metadata.TypeReferenceHandle]$ctor.Parent)
                if ($metadata.GetString($type.Name) -eq 'TargetFrameworkAttribute') {
                    $blob = $metadata.GetBlobReader($attribute.Value)
                    $null = $blob.ReadUInt16()
                    $blob.ReadSerializedString()
                }
            }
            $reader.Dispose()
        }
        finally {
            $stream.Dispose()
        }
        $targets | Should -Be '.NETFramework,Version=v4.7.2'
    }

    It 'lets a fresh session name the model types right after Import-Module' {
        $script = "Import-Module '$($ModuleManifestPath.Replace("'", "''"))'; [FacebookToken.FacebookAccessToken].Assembly.Location"
        $location = Invoke-ChildPwsh -Command $script

        $location | Should -Be $coreImagePath
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

    It 'ships only its own assemblies in bin/<Framework>, built with the manifest version' -ForEach @(
        @{ Framework = 'net472'; Expected = @('FacebookToken.dll', 'FacebookToken.Module.dll') }
        @{ Framework = 'net8.0'; Expected = @('FacebookToken.dll', 'FacebookToken.Loader.dll', 'FacebookToken.Module.dll') }
    ) {
        $binFiles = @(Get-ChildItem -LiteralPath (Join-Path $StagedModulePath "bin/$Framework") -Filter *.dll)
        $binFiles.Name | Sort-Object | Should -Be $Expected
        # PowerShell 7's core images (one per platform folder) are core too: the same version.
        $binFiles += @(Get-ChildItem -LiteralPath (Join-Path $StagedModulePath "bin/$Framework/r2r") -Filter *.dll -Recurse -ErrorAction Ignore)
        Get-ChildItem -LiteralPath (Join-Path $StagedModulePath "bin/$Framework/storage") -Filter 'Microsoft.Identity.Client*.dll' | Should -Not -BeNullOrEmpty

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
        [FacebookToken.FacebookAccessToken].Assembly.Location | Should -Be $coreImagePath
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
        # Code is an authorization code everywhere but on WhatsApp errors, where it is Facebook's error number.
        [xml]$format = Get-Content -Raw -LiteralPath $formatPath
        $errorViews = 'FacebookToken.FacebookWhatsAppError', 'FacebookToken.FacebookWhatsAppStatus'
        $shown = foreach ($view in $format.SelectNodes('//View')) {
            $items = @($view.SelectNodes('.//PropertyName').InnerText) + @($view.SelectNodes('.//ScriptBlock').InnerText)
            if ($view.ViewSelectedBy.TypeName -in $errorViews) { $items -replace '\bCode\b', 'ErrorNumber' } else { $items }
        }

        $shown | Should -Not -BeNullOrEmpty
        $shown | Where-Object { $_ -match '\bAccessToken\b|CodeVerifier|AppSecret|\bCode\b' } | Should -BeNullOrEmpty
        $shown | Should -Contain 'MaskedToken'
    }
}
