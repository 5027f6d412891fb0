# Offline help: every exported cmdlet has full help (synopsis, description, examples, every parameter
# described) from the MAML that build/ConvertTo-MamlHelp.ps1 makes of docs/en-US, and about_FacebookToken
# is found. These fail when a cmdlet or a parameter has no help: that is their point.

BeforeDiscovery {
    # Discovery runs before BeforeAll imports the module, so the cmdlet list comes from the staged manifest
    # (the source manifest when nothing is staged yet; BeforeAll then fails with "run Build first").
    $repoRoot = Split-Path -Parent $PSScriptRoot
    $manifest = Join-Path $repoRoot 'output/FacebookToken/FacebookToken.psd1'
    if (-not (Test-Path -LiteralPath $manifest)) {
        $manifest = Join-Path $repoRoot 'module/FacebookToken.psd1'
    }
    $cmdletNames = @((& (Join-Path $repoRoot 'build/Read-ModuleManifest.ps1') -Path $manifest).CmdletsToExport)
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')

    $helpFileName = 'FacebookToken.Module.dll-Help.xml'
    $converterPath = Join-Path $RepoRoot 'build/ConvertTo-MamlHelp.ps1'
    $commonParameterNames = [System.Management.Automation.PSCmdlet]::CommonParameters +
        [System.Management.Automation.PSCmdlet]::OptionalCommonParameters

    function Get-HelpText {
        # The text of a help property that holds paragraphs ({Text} objects), joined; '' when absent.
        param([object]$Value)
        (@($Value) | Where-Object { $null -ne $_ } | ForEach-Object {
                if ($_.PSObject.Properties['Text']) { $_.Text } else { "$_" }
            }) -join "`n"
    }

    function Get-DocumentedParameterName {
        # The parameters a cmdlet's help documents.
        param([object]$Help)
        @($Help.parameters.parameter | Where-Object { $null -ne $_ } | ForEach-Object { [string]$_.name })
    }
}

Describe 'Help for <_>' -ForEach $cmdletNames {
    BeforeAll {
        $name = $_
        $command = Get-Command -Name $name -Module FacebookToken -CommandType Cmdlet -ErrorAction Stop
        $help = Get-Help -Name $name -Category Cmdlet -Full -ErrorAction Stop

        # What users can type: every parameter but the common ones and those hidden with DontShow.
        $expectedParameters = @(foreach ($parameter in $command.Parameters.Values) {
                if ($commonParameterNames -contains $parameter.Name) {
                    continue
                }
                $attributes = @($parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] })
                if ($attributes.Count -gt 0 -and @($attributes | Where-Object { -not $_.DontShow }).Count -eq 0) {
                    continue
                }
                $parameter.Name
            })
    }

    It 'has a synopsis of its own, not the generated syntax' {
        $synopsis = "$($help.Synopsis)".Trim()

        $synopsis | Should -Not -BeNullOrEmpty
        # Without help, Get-Help puts the syntax line ("Verb-Noun [-Param] <type> ...") in the synopsis.
        $synopsis | Should -Not -Match ('^' + [regex]::Escape($name) + '(\s|$)') -Because 'a synopsis generated from the syntax means the cmdlet has no help'
    }

    It 'has a description' {
        Get-HelpText $help.description | Should -Not -BeNullOrEmpty -Because "docs/en-US/$name.md needs a ## DESCRIPTION"
    }

    It 'has at least two examples, each titled, with code and a remark' {
        $examples = @($help.examples.example | Where-Object { $null -ne $_ })

        $examples.Count | Should -BeGreaterOrEqual 2 -Because "docs/en-US/$name.md needs two or more examples"
        foreach ($example in $examples) {
            "$($example.title)".Trim() | Should -Match '^Example \d+: \S'
            "$($example.code)".Trim() | Should -Not -BeNullOrEmpty -Because "$($example.title) needs code"
            (Get-HelpText $example.remarks).Trim() | Should -Not -BeNullOrEmpty -Because "$($example.title) needs an explanation"
        }
    }

    It 'describes every parameter' {
        $described = @{}
        foreach ($parameter in @($help.parameters.parameter | Where-Object { $null -ne $_ })) {
            $described[[string]$parameter.name] = (Get-HelpText $parameter.description).Trim()
        }

        $undocumented = @($expectedParameters | Where-Object { -not $described.ContainsKey($_) -or -not $described[$_] })
        $undocumented | Should -BeNullOrEmpty -Because "docs/en-US/$name.md needs a described ### -Name section for each of: $($undocumented -join ', ')"
    }

    It 'documents only parameters the cmdlet has' {
        $unknown = @(Get-DocumentedParameterName $help | Where-Object { -not $command.Parameters.ContainsKey($_) })

        $unknown | Should -BeNullOrEmpty -Because "docs/en-US/$name.md documents parameters $name does not have"
    }

    It 'shows every parameter set in its syntax' {
        $syntaxItems = @($help.syntax.syntaxItem | Where-Object { $null -ne $_ })

        $syntaxItems.Count | Should -Be @($command.ParameterSets).Count -Because "docs/en-US/$name.md needs one ### SetName per parameter set ($(@($command.ParameterSets.Name) -join ', '))"
    }
}

Describe 'The help files' {
    It 'documents every exported cmdlet and nothing else' {
        $exported = @((Get-Module -Name FacebookToken).ExportedCmdlets.Keys | Sort-Object)
        [xml]$maml = Get-Content -Raw -LiteralPath (Join-Path $StagedModulePath "en-US/$helpFileName")
        $documented = @($maml.helpItems.command | ForEach-Object { $_.details.name } | Sort-Object)

        $documented | Should -Be $exported
    }

    It 'stages en-US/<_> as valid MAML' -ForEach 'FacebookToken.Module.dll-Help.xml' {
        $path = Join-Path $StagedModulePath "en-US/$_"
        $path | Should -Exist

        # XmlDocument.Load throws on anything that is not well-formed XML (an unescaped & or <, say).
        $document = [System.Xml.XmlDocument]::new()
        $document.Load($path)
        $document.DocumentElement.LocalName | Should -Be 'helpItems'
        $document.DocumentElement.GetAttribute('schema') | Should -Be 'maml'
        $namespaces = [System.Xml.XmlNamespaceManager]::new($document.NameTable)
        $namespaces.AddNamespace('command', 'http://schemas.microsoft.com/maml/dev/command/2004/10')
        $document.SelectNodes('//command:command', $namespaces).Count | Should -BeGreaterThan 0
    }

    It 'puts a copy next to the cmdlet assembly in bin/<_>/en-US' -ForEach 'net8.0', 'net472' {
        $copy = Join-Path $StagedModulePath "bin/$_/en-US/$helpFileName"

        $copy | Should -Exist
        (Get-FileHash -LiteralPath $copy).Hash | Should -Be (Get-FileHash -LiteralPath (Join-Path $StagedModulePath "en-US/$helpFileName")).Hash
    }

    It 'has about_FacebookToken for Get-Help' {
        Join-Path $StagedModulePath 'en-US/about_FacebookToken.help.txt' | Should -Exist

        $text = Get-Help -Name about_FacebookToken -ErrorAction Stop | Out-String

        $text | Should -Match 'FACEBOOK_TOKEN_CACHE_KEY'
        $text | Should -Match 'SHORT DESCRIPTION'
        $text | Should -Not -Match '\*\*|```' -Because 'markdown markup is removed'
    }

    It 'keeps about_FacebookToken prose within 80 columns' {
        $path = Join-Path $StagedModulePath 'en-US/about_FacebookToken.help.txt'
        $path | Should -Exist
        $lines = Get-Content -LiteralPath $path
        # Code (indented 8) and a lone long URL cannot be wrapped.
        $long = @($lines | Where-Object { $_.Length -gt 80 -and $_ -notmatch '^ {8}' -and $_.Trim() -notmatch '^\S+$' })

        $long | Should -BeNullOrEmpty
    }
}

Describe 'ConvertTo-MamlHelp' {
    BeforeAll {
        function New-HelpPage {
            # A minimal valid cmdlet page; -Replace swaps text in it to break one rule at a time.
            param([string]$Folder, [hashtable]$Replace = @{})

            $page = @'
---
external help file: FacebookToken.Module.dll-Help.xml
Module Name: FacebookToken
online version:
schema: 2.0.0
---

# Get-Thing

## SYNOPSIS
Gets a thing & its <parts>.

## SYNTAX

### Default (Default)
```
Get-Thing [-Name] <String[]> [-Force] [<CommonParameters>]
```

## DESCRIPTION
Uses **bold**, `code` and [a link](https://example.invalid/x?a=1&b=2).

## EXAMPLES

### Example 1: Get one
```powershell
# a comment, not a heading
Get-Thing -Name 'a&b' | Where-Object { $_.Size -lt 3 }
```

Gets the thing named a&b.

## PARAMETERS

### -Name
The names.

```yaml
Type: String[]
Parameter Sets: (All)
Aliases: N

Required: True
Position: 0
Default value: None
Accept pipeline input: True (ByPropertyName, ByValue)
Accept wildcard characters: True
```

### -Force
Forces it.

```yaml
Type: SwitchParameter
Parameter Sets: (All)
Aliases:

Required: False
Position: Named
Default value: False
Accept pipeline input: False
Accept wildcard characters: False
```

### CommonParameters
This cmdlet supports the common parameters.

## INPUTS

### System.String[]
Names.

## OUTPUTS

### Thing
A thing.

## NOTES
A note.

## RELATED LINKS

[about_FacebookToken]()
'@
            $page = $page.Replace("`r`n", "`n")
            foreach ($key in $Replace.Keys) {
                $page = $page.Replace($key, $Replace[$key])
            }
            $null = New-Item -ItemType Directory -Path $Folder -Force
            Set-Content -LiteralPath (Join-Path $Folder 'Get-Thing.md') -Value $page -Encoding utf8
            Join-Path $Folder 'Get-Thing.md'
        }

        function Invoke-Converter {
            param([string]$Folder)
            & $converterPath -SourcePath $Folder -DestinationPath (Join-Path $Folder 'out/Mod/en-US') 6>$null
        }
    }

    It 'writes escaped MAML with the page''s synopsis, syntax, parameters and examples' {
        $folder = Join-Path $TestDrive 'valid'
        $null = New-HelpPage -Folder $folder

        Invoke-Converter $folder

        [xml]$maml = Get-Content -Raw -LiteralPath (Join-Path $folder "out/Mod/en-US/$helpFileName")
        $command = $maml.helpItems.command
        $command.details.name | Should -Be 'Get-Thing'
        $command.details.verb | Should -Be 'Get'
        $command.details.description.para | Should -Be 'Gets a thing & its <parts>.'
        $command.description.para | Should -Be 'Uses bold, code and a link (https://example.invalid/x?a=1&b=2).'
        $command.examples.example.title | Should -Be 'Example 1: Get one'
        $command.examples.example.code | Should -Match "^# a comment, not a heading\r?\nGet-Thing -Name 'a&b'"
        $name = $command.parameters.parameter | Where-Object name -EQ 'Name'
        $name.required | Should -Be 'true'
        $name.position | Should -Be '0'
        $name.globbing | Should -Be 'true'
        $name.pipelineInput | Should -Be 'True (ByPropertyName, ByValue)'
        $name.aliases | Should -Be 'N'
        @($command.syntax.syntaxItem.parameter.name) | Should -Be @('Name', 'Force')
        $command.inputTypes.inputType.type.name | Should -Be 'System.String[]'
        $command.returnValues.returnValue.type.name | Should -Be 'Thing'
    }

    It 'stops with the file and line when <Case>' -ForEach @(
        @{ Case = 'SYNOPSIS is missing'; Find = "## SYNOPSIS`nGets a thing & its <parts>.`n"; With = ''; Message = 'no ''## SYNOPSIS''' }
        @{ Case = 'an example has no code'; Find = "``````powershell`n# a comment, not a heading`nGet-Thing -Name 'a&b' | Where-Object { `$_.Size -lt 3 }`n``````"; With = 'No code here.'; Message = 'has no code block' }
        @{ Case = 'a parameter has no yaml'; Find = "Forces it.`n`n``````yaml"; With = "Forces it.`n`n``````text"; Message = 'has no*yaml block' }
        @{ Case = 'a section is misspelt'; Find = '## PARAMETERS'; With = '## PARAMETER'; Message = 'Unknown section' }
    ) {
        $folder = Join-Path $TestDrive ($Case -replace '\W', '-')
        $path = New-HelpPage -Folder $folder -Replace @{ $Find = $With }
        (Get-Content -Raw -LiteralPath $path).Contains($Find) | Should -BeFalse -Because 'the test must really break the page'

        { Invoke-Converter $folder } | Should -Throw -ExpectedMessage "*Get-Thing.md:*$Message*"
    }
}
