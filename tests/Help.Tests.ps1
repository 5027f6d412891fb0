# Offline help: every exported cmdlet has full help (synopsis, description, examples, every parameter
# described) from the MAML that build/ConvertTo-MamlHelp.ps1 makes of docs/en-US, and about_FacebookToken
# is found. Each page's SYNTAX and yaml parameter blocks (platyPS's markdown shape) must say what the
# cmdlet itself says (Get-Command), and so must Get-Help. These fail when a cmdlet or a parameter has no
# help, or when a page and its cmdlet disagree: that is their point.

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
    $docsPath = Join-Path $RepoRoot 'docs/en-US'
    $converterPath = Join-Path $RepoRoot 'build/ConvertTo-MamlHelp.ps1'
    # -WhatIf and -Confirm are documented like the cmdlet's own parameters, as platyPS does.
    $commonParameterNames = @([System.Management.Automation.PSCmdlet]::CommonParameters) + 'UseTransaction'

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

    function Get-VisibleParameter {
        # What users can type: every parameter but the common ones and those hidden with DontShow.
        param([System.Management.Automation.CommandInfo]$Command)
        foreach ($parameter in $Command.Parameters.Values) {
            if ($commonParameterNames -contains $parameter.Name) {
                continue
            }
            $attributes = @($parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] })
            if ($attributes.Count -gt 0 -and @($attributes | Where-Object { -not $_.DontShow }).Count -eq 0) {
                continue
            }
            $parameter
        }
    }

    function Get-TypeString {
        # A parameter type as platyPS writes it: the short name, T for Nullable<T>, the full name of a generic.
        param([type]$Type)
        if ($Type.IsGenericType -and $Type.GetGenericTypeDefinition() -eq [Nullable`1]) { return $Type.GenericTypeArguments[0].Name }
        if ($Type.IsGenericType) { return $Type.ToString() }
        $Type.Name
    }

    function Get-PipelineString {
        param([System.Management.Automation.CommandParameterInfo]$Parameter)
        $how = @(if ($Parameter.ValueFromPipelineByPropertyName) { 'ByPropertyName' }; if ($Parameter.ValueFromPipeline) { 'ByValue' })
        if ($how) { "True ($($how -join ', '))" } else { 'False' }
    }

    function Get-ExpectedPage {
        <#
        What platyPS would write for a command from its metadata alone: the syntax line of each parameter set
        and, per parameter, the yaml values. Default value is knowable only where the cmdlet's property starts
        with a value (read from a new instance); elsewhere it is $null and the page may describe it in words.
        #>
        param([System.Management.Automation.CommandInfo]$Command)

        $instance = if ($Command.ImplementingType) { [Activator]::CreateInstance($Command.ImplementingType) }
        $visible = @(Get-VisibleParameter $Command | ForEach-Object Name)
        $syntax = [ordered]@{}
        $parameters = [ordered]@{}
        foreach ($set in $Command.ParameterSets) {
            # PowerShell's own order (Get-Command -Syntax): positional by position, then mandatory, then the rest.
            $ordered = @($set.Parameters | Where-Object { $visible -contains $_.Name } |
                    Sort-Object -Stable { if ($_.Position -ge 0) { $_.Position } else { [int]::MaxValue } }, { -not $_.IsMandatory })
            $tokens = foreach ($parameter in $ordered) {
                $type = Get-TypeString $parameter.ParameterType
                $token = if ($parameter.Position -ge 0) { "[-$($parameter.Name)]" } else { "-$($parameter.Name)" }
                if ($type -eq 'SwitchParameter') { "[-$($parameter.Name)]" }
                elseif ($parameter.IsMandatory) { "$token <$type>" }
                else { "[$token <$type>]" }

                if (-not $parameters.Contains($parameter.Name)) {
                    $metadata = $Command.Parameters[$parameter.Name]
                    $default = $null
                    if ($instance) {
                        $value = $instance.($parameter.Name)
                        if ($value -is [System.Management.Automation.SwitchParameter]) { $default = "$($value.IsPresent)" }
                        elseif ($value -is [uri]) { $default = $value.OriginalString }
                        elseif ("$value" -ne '') { $default = [string]$value }
                    }
                    $values = @($metadata.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] } | ForEach-Object ValidValues)
                    $underlying = [Nullable]::GetUnderlyingType($parameter.ParameterType) ?? $parameter.ParameterType
                    if (-not $values -and $underlying.IsEnum) { $values = [enum]::GetNames($underlying) }
                    $parameters[$parameter.Name] = [ordered]@{
                        'Type'                       = $type
                        'Aliases'                    = $metadata.Aliases -join ', '
                        'Accepted values'            = $values -join ', '
                        'Default value'              = $default
                        'Accept wildcard characters' = "$(@($metadata.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] }).Count -gt 0)"
                        'Sets'                       = [ordered]@{}
                    }
                }
                $parameters[$parameter.Name].Sets[$set.Name] = [ordered]@{
                    'Required'              = "$($parameter.IsMandatory)"
                    'Position'              = if ($parameter.Position -ge 0) { "$($parameter.Position)" } else { 'Named' }
                    'Accept pipeline input' = Get-PipelineString $parameter
                }
            }
            $heading = if (@($Command.ParameterSets).Count -gt 1 -and $set.IsDefault) { "$($set.Name) (Default)" } else { $set.Name }
            $syntax[$heading] = @($Command.Name) + @($tokens) + '[<CommonParameters>]'
        }
        [pscustomobject]@{ Syntax = $syntax; Parameters = $parameters; SetCount = @($Command.ParameterSets).Count }
    }

    function Read-PageMetadata {
        # What a page says about its cmdlet: each ### set under SYNTAX with its code joined into one line, and each
        # ### -Name under PARAMETERS with its yaml blocks as ordered Key -> value tables.
        param([string]$Path)

        $syntax = [ordered]@{}
        $parameters = [ordered]@{}
        $section = $heading = $code = $null
        foreach ($line in [System.IO.File]::ReadAllLines($Path)) {
            if ($null -ne $code) {
                if ($line -notmatch '^```\s*$') { $code.Lines.Add($line); continue }
                if ($section -eq 'SYNTAX') {
                    # The parameters of the syntax line, one token each ("[-Name] <String[]>", "[-Force]").
                    # The parameters of the syntax line, one token each ("[-Name] <String[]>", "[-Force]"), after
                    # the command name, kept as the first element.
                    $words = ($code.Lines -join ' ').Trim() -split '\s+', 2
                    $syntax[$heading ?? ''] = @($words[0]) + @([regex]::Matches("$($words[1])", '\[?\[?-\w+\]?(?: <[^>]+>)?\]?|\[<CommonParameters>\]').Value)
                }
                elseif ($section -eq 'PARAMETERS' -and $code.Language -eq 'yaml' -and $heading -match '^-(\w+)$') {
                    $parameterName = $Matches[1]
                    $yaml = [ordered]@{}
                    foreach ($entry in $code.Lines) {
                        if ($entry -match '^([^:]+):\s*(.*?)\s*$') { $yaml[$Matches[1].Trim()] = $Matches[2] }
                    }
                    $parameters[$parameterName].Add($yaml)
                }
                $code = $null
            }
            elseif ($line -match '^```(\w*)') { $code = @{ Language = $Matches[1]; Lines = [System.Collections.Generic.List[string]]::new() } }
            elseif ($line -match '^## (.+?)\s*$') { $section = $Matches[1]; $heading = $null }
            elseif ($line -match '^### (.+?)\s*$') {
                $heading = $Matches[1]
                if ($section -eq 'PARAMETERS' -and $heading -match '^-(\w+)$') { $parameters[$Matches[1]] = [System.Collections.Generic.List[object]]::new() }
            }
        }
        [pscustomobject]@{ Syntax = $syntax; Parameters = $parameters }
    }

    function Compare-HelpPage {
        <#
        The ways a platyPS-style page disagrees with its command, one line each: a parameter missing from the
        page or from the command, a SYNTAX set or line that differs, a yaml value (Type, Parameter Sets,
        Aliases, Accepted values, Required, Position, Default value, Accept pipeline input, Accept wildcard
        characters) that differs from Get-Command's. Nothing when they agree.
        #>
        param([string]$Path, [System.Management.Automation.CommandInfo]$Command)

        $expected = Get-ExpectedPage $Command
        $page = Read-PageMetadata $Path
        $headings = @($page.Syntax.Keys | Where-Object { $_ })
        if ($expected.SetCount -eq 1 -and $headings.Count -eq 0 -and $page.Syntax.Count -eq 1) {
            # platyPS writes no ### heading when there is a single parameter set.
            $page.Syntax = [ordered]@{ @($expected.Syntax.Keys)[0] = $page.Syntax[''] }
        }
        foreach ($set in $expected.Syntax.Keys) {
            # Tokens, not their order: PowerShell orders named parameters by declaration, which a refactoring
            # of base classes may change without changing what users type. The MAML takes Get-Command's order.
            if (-not $page.Syntax.Contains($set)) { "SYNTAX has no '### $set'"; continue }
            $extra = @($page.Syntax[$set] | Where-Object { $expected.Syntax[$set] -cnotcontains $_ })
            $missing = @($expected.Syntax[$set] | Where-Object { $page.Syntax[$set] -cnotcontains $_ })
            if ($extra -or $missing) {
                "SYNTAX of '$set' shows '$($extra -join ' ')' instead of '$($missing -join ' ')'; the cmdlet's is '$($Command.Name) $($expected.Syntax[$set] -join ' ')'"
            }
        }
        foreach ($set in $page.Syntax.Keys) {
            if (-not $expected.Syntax.Contains($set)) { "SYNTAX has '### $set', which is not a parameter set of $($Command.Name) ($($expected.Syntax.Keys -join ', '))" }
        }

        foreach ($name in $page.Parameters.Keys) {
            if (-not $expected.Parameters.Contains($name)) { "-$name is documented but $($Command.Name) has no such parameter" }
        }
        foreach ($name in $expected.Parameters.Keys) {
            $want = $expected.Parameters[$name]
            $blocks = $page.Parameters[$name]
            if ($null -eq $blocks) { "-$name has no '### -$name' section"; continue }
            if ($blocks.Count -eq 0) { "-$name has no yaml block"; continue }
            $covered = @{}
            foreach ($block in $blocks) {
                foreach ($key in 'Type', 'Aliases', 'Accepted values', 'Accept wildcard characters') {
                    if ("$($block[$key])" -cne $want[$key]) { "-${name}: '${key}: $($block[$key])'; the cmdlet says '$($want[$key])'" }
                }
                if ($null -ne $want['Default value'] -and $block['Default value'] -cne $want['Default value']) {
                    "-${name}: 'Default value: $($block['Default value'])'; the cmdlet's property starts as '$($want['Default value'])'"
                }
                $sets = if ($block['Parameter Sets'] -eq '(All)') { @($want.Sets.Keys) } else { @("$($block['Parameter Sets'])".Split(',').Trim()) }
                if ($block['Parameter Sets'] -eq '(All)' -and $expected.SetCount -gt 1 -and $want.Sets.Count -lt $expected.SetCount) {
                    "-${name}: 'Parameter Sets: (All)'; it is only in $($want.Sets.Keys -join ', ')"
                }
                foreach ($set in $sets) {
                    if (-not $want.Sets.Contains($set)) { "-${name}: 'Parameter Sets' names '$set'; the parameter is in $($want.Sets.Keys -join ', ')"; continue }
                    $covered[$set] = $true
                    foreach ($key in $want.Sets[$set].Keys) {
                        if ("$($block[$key])" -cne $want.Sets[$set][$key]) { "-$name in ${set}: '${key}: $($block[$key])'; the cmdlet says '$($want.Sets[$set][$key])'" }
                    }
                }
            }
            foreach ($set in $want.Sets.Keys) {
                if (-not $covered[$set]) { "-${name}: no yaml block covers parameter set '$set'" }
            }
        }
    }
}

Describe 'Help for <_>' -ForEach $cmdletNames {
    BeforeAll {
        $name = $_
        $command = Get-Command -Name $name -Module FacebookToken -CommandType Cmdlet -ErrorAction Stop
        $help = Get-Help -Name $name -Category Cmdlet -Full -ErrorAction Stop
        $expectedParameters = @(Get-VisibleParameter $command | ForEach-Object Name)
    }

    It 'has a page whose SYNTAX and parameter metadata agree with Get-Command' {
        $page = Join-Path $docsPath "$name.md"
        $page | Should -Exist

        $differences = @(Compare-HelpPage -Path $page -Command $command)

        $differences | Should -BeNullOrEmpty -Because "docs/en-US/$name.md must say what the cmdlet says"
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

    It 'shows in Get-Help the type, required flag, position, pipeline input, aliases and wildcards of Get-Command' {
        $default = $command.ParameterSets | Where-Object IsDefault | Select-Object -First 1
        $differences = foreach ($parameterName in $expectedParameters) {
            $shown = Get-Help -Name $name -Category Cmdlet -Parameter $parameterName -ErrorAction Stop
            $metadata = $command.Parameters[$parameterName]
            $inSet = @($command.ParameterSets | Where-Object { $_.Parameters.Name -contains $parameterName })
            $info = @($inSet | Where-Object Name -EQ $default.Name | ForEach-Object { $_.Parameters | Where-Object Name -EQ $parameterName }) + @($inSet[0].Parameters | Where-Object Name -EQ $parameterName) | Select-Object -First 1
            $want = [ordered]@{
                type          = Get-TypeString $metadata.ParameterType
                required      = "$($info.IsMandatory)".ToLowerInvariant()
                position      = if ($info.Position -ge 0) { "$($info.Position)" } else { 'named' }
                pipelineInput = Get-PipelineString $info
                aliases       = if ($metadata.Aliases.Count) { $metadata.Aliases -join ', ' } else { 'none' }
                globbing      = "$(@($metadata.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] }).Count -gt 0)".ToLowerInvariant()
            }
            $got = [ordered]@{
                type = "$($shown.type.name)"; required = "$($shown.required)"; position = "$($shown.position)"
                pipelineInput = "$($shown.pipelineInput)"; aliases = "$($shown.aliases)"; globbing = "$($shown.globbing)"
            }
            foreach ($key in $want.Keys) {
                if ($got[$key] -ne $want[$key]) { "-${parameterName} ${key}: Get-Help shows '$($got[$key])', Get-Command '$($want[$key])'" }
            }
        }

        $differences | Should -BeNullOrEmpty
    }

    It 'shows each parameter set''s syntax as Get-Command does, the default first' {
        $syntaxItems = @($help.syntax.syntaxItem | Where-Object { $null -ne $_ })
        $sets = @($command.ParameterSets | Sort-Object { -not $_.IsDefault })

        $syntaxItems.Count | Should -Be $sets.Count
        for ($n = 0; $n -lt $sets.Count; $n++) {
            $shown = @($syntaxItems[$n].parameter | Where-Object { $null -ne $_ } | ForEach-Object { [string]$_.name })
            $visible = @(Get-VisibleParameter $command | ForEach-Object Name)
            $want = @($sets[$n].Parameters | Where-Object { $visible -contains $_.Name } |
                    Sort-Object -Stable { if ($_.Position -ge 0) { $_.Position } else { [int]::MaxValue } }, { -not $_.IsMandatory } | ForEach-Object Name)
            $shown | Should -Be $want -Because "set $($sets[$n].Name) shows its parameters in Get-Command's order"
        }
    }
}

Describe 'Compare-HelpPage' {
    # The check above is only worth something if it fails on a wrong page: break a real page one way at a time.
    It 'reports <Case>' -ForEach @(
        @{ Case = 'a wrong type'; Cmdlet = 'Get-FacebookToken'; Find = "Type: String[]"; With = 'Type: String'; Expect = "-Name: 'Type: String'; the cmdlet says 'String[]'" }
        @{ Case = 'a wrong position'; Cmdlet = 'Get-FacebookToken'; Find = "Position: 0"; With = 'Position: 1'; Expect = "-Name in __AllParameterSets: 'Position: 1'; the cmdlet says '0'" }
        @{ Case = 'a wrong required flag'; Cmdlet = 'Remove-FacebookToken'; Find = "Required: True"; With = 'Required: False'; Expect = "-Name in __AllParameterSets: 'Required: False'; the cmdlet says 'True'" }
        @{ Case = 'wrong pipeline input'; Cmdlet = 'Get-FacebookToken'; Find = "Accept pipeline input: True (ByPropertyName, ByValue)"; With = 'Accept pipeline input: False'; Expect = "-Name in __AllParameterSets: 'Accept pipeline input: False'; the cmdlet says 'True (ByPropertyName, ByValue)'" }
        @{ Case = 'wrong wildcards'; Cmdlet = 'Get-FacebookToken'; Find = "Accept wildcard characters: True"; With = 'Accept wildcard characters: False'; Expect = "-Name: 'Accept wildcard characters: False'; the cmdlet says 'True'" }
        @{ Case = 'a wrong default'; Cmdlet = 'Invoke-FacebookLogin'; Find = "Default value: 300"; With = 'Default value: 100'; Expect = "-TimeoutSec: 'Default value: 100'; the cmdlet's property starts as '300'" }
        @{ Case = 'a parameter in a set it is not in'; Cmdlet = 'Invoke-FacebookLogin'; Find = "Type: PSCredential`nParameter Sets: Credential"; With = "Type: PSCredential`nParameter Sets: (All)"; Expect = "-Credential: 'Parameter Sets: (All)'; it is only in Credential" }
        @{ Case = 'a parameter the cmdlet lacks'; Cmdlet = 'Get-FacebookToken'; Find = "### CommonParameters"; With = "### -Bogus`nNot real.`n`n### CommonParameters"; Expect = '-Bogus is documented but Get-FacebookToken has no such parameter' }
        @{ Case = 'a parameter the page lacks'; Cmdlet = 'Get-FacebookToken'; Find = "### -IncludeExpired"; With = '### IncludeExpired'; Expect = "-IncludeExpired has no '### -IncludeExpired' section" }
        @{ Case = 'a wrong syntax line'; Cmdlet = 'Get-FacebookToken'; Find = '[-IncludeExpired] [-CachePath'; With = '[-CachePath'; Expect = "SYNTAX of '__AllParameterSets' shows '' instead of '[-IncludeExpired]'" }
        @{ Case = 'a wrong set name'; Cmdlet = 'Invoke-FacebookLogin'; Find = '### Credential'; With = '### Credentials'; Expect = "SYNTAX has no '### Credential'" }
    ) {
        $text = [System.IO.File]::ReadAllText((Join-Path $docsPath "$Cmdlet.md")).Replace("`r`n", "`n")
        $text.Contains($Find) | Should -BeTrue -Because 'the test must really break the page'
        $path = Join-Path $TestDrive "$Cmdlet.md"
        [System.IO.File]::WriteAllText($path, $text.Replace($Find, $With))
        $command = Get-Command -Name $Cmdlet -Module FacebookToken

        $differences = @(Compare-HelpPage -Path $path -Command $command)

        $differences -join "`n" | Should -Match ([regex]::Escape($Expect))
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

    It 'puts a copy next to every staged cmdlet assembly, in bin/<tfm>/en-US' {
        $assemblies = @(Get-ChildItem -LiteralPath (Join-Path $StagedModulePath 'bin') -Filter 'FacebookToken.Module.dll' -Recurse)
        $assemblies.Count | Should -BeGreaterOrEqual 2 -Because 'one cmdlet assembly per edition'

        foreach ($assembly in $assemblies) {
            $copy = Join-Path $assembly.DirectoryName "en-US/$helpFileName"
            $copy | Should -Exist
            (Get-FileHash -LiteralPath $copy).Hash | Should -Be (Get-FileHash -LiteralPath (Join-Path $StagedModulePath "en-US/$helpFileName")).Hash
        }
    }

    It 'has about_FacebookToken for Get-Help' {
        Join-Path $StagedModulePath 'en-US/about_FacebookToken.help.txt' | Should -Exist

        $text = Get-Help -Name about_FacebookToken -ErrorAction Stop | Out-String

        $text | Should -Match 'FACEBOOK_TOKEN_CACHE_KEY'
        $text | Should -Match 'SHORT DESCRIPTION'
        $text | Should -Not -Match '\*\*|```' -Because 'markdown markup is removed'
    }

    # The depth the README links to (issue 25): each topic of docs/en-US is built into en-US/ and Get-Help finds it
    # offline in a fresh pwsh that finds the module only through PSModulePath, as an installed module is found.
    It 'builds <Topic> and Get-Help finds it by name in a fresh pwsh, offline' -ForEach @(
        @{ Topic = 'about_FacebookToken'; Says = 'FACEBOOK_TOKEN_CACHE_KEY' }
        @{ Topic = 'about_FacebookToken_Cache'; Says = 'What stays in memory' }
        @{ Topic = 'about_FacebookToken_Security'; Says = 'InsecureBaseUri' }
        @{ Topic = 'about_FacebookToken_Emulator'; Says = 'Send-Reminder.Tests.ps1' }
    ) {
        Join-Path $RepoRoot "docs/en-US/$Topic.md" | Should -Exist
        Join-Path $StagedModulePath "en-US/$Topic.help.txt" | Should -Exist

        $modules = (Split-Path -Parent $StagedModulePath) + [IO.Path]::PathSeparator + (Join-Path $PSHOME 'Modules')
        $text = (Invoke-ChildPwsh -Command "Get-Help -Name $Topic -ErrorAction Stop | Out-String -Width 120" -Environment @{ PSModulePath = $modules }) -join "`n"

        $text | Should -Match ([regex]::Escape($Topic.ToUpperInvariant())) -Because 'the topic starts with its name'
        $text | Should -Match 'SHORT DESCRIPTION'
        $text | Should -Match ([regex]::Escape($Says))
        $text | Should -Not -Match '\*\*|```|<!--' -Because 'markdown markup and HTML comments are removed'
    }

    It 'ships every docs/en-US/about_*.md as a topic' {
        $sources = @(Get-ChildItem -LiteralPath (Join-Path $RepoRoot 'docs/en-US') -Filter 'about_*.md' | ForEach-Object BaseName | Sort-Object)
        $built = @(Get-ChildItem -LiteralPath (Join-Path $StagedModulePath 'en-US') -Filter 'about_*.help.txt' | ForEach-Object { $_.Name -replace '\.help\.txt$' } | Sort-Object)

        $sources.Count | Should -BeGreaterOrEqual 4
        $built | Should -Be $sources
    }

    It 'keeps the about topics'' prose within 80 columns' {
        foreach ($path in Get-ChildItem -LiteralPath (Join-Path $StagedModulePath 'en-US') -Filter 'about_*.help.txt') {
            $lines = Get-Content -LiteralPath $path.FullName
            # Code (indented 8) and a lone long URL cannot be wrapped.
            $long = @($lines | Where-Object { $_.Length -gt 80 -and $_ -notmatch '^ {8}' -and $_.Trim() -notmatch '^\S+$' })

            $long | Should -BeNullOrEmpty -Because "$($path.Name) wraps its prose"
        }
    }
}

Describe 'ConvertTo-MamlHelp' {
    BeforeAll {
        # A command of its own, in a script module: Get-Command gives an advanced function the same metadata.
        $moduleFolder = Join-Path $TestDrive 'Thing'
        $null = New-Item -ItemType Directory -Path $moduleFolder -Force
        Set-Content -LiteralPath (Join-Path $moduleFolder 'Thing.psm1') -Encoding utf8 -Value @'
function Get-Thing {
    [CmdletBinding(DefaultParameterSetName = 'ByName')]
    param(
        [Parameter(Mandatory, Position = 0, ValueFromPipeline, ValueFromPipelineByPropertyName, ParameterSetName = 'ByName')]
        [SupportsWildcards()]
        [Alias('N')]
        [string[]]$Name,

        [Parameter(Mandatory, ParameterSetName = 'ById')]
        [int]$Id,

        [ValidateSet('Fast', 'Slow')]
        [string]$Mode,

        [switch]$Force
    )
}
Export-ModuleMember -Function Get-Thing
'@

        function New-HelpPage {
            # A page whose yaml blocks lie about every value; -Replace swaps text in it to break one rule at a time.
            param([string]$Folder, [hashtable]$Replace = @{})

            $page = @'
---
external help file: Thing-Help.xml
Module Name: Thing
online version:
schema: 2.0.0
---

# Get-Thing

## SYNOPSIS
Gets a thing & its <parts>.

## SYNTAX

### ByName (Default)
```
Get-Thing -Wrong <Nothing> [<CommonParameters>]
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
Type: Int32
Parameter Sets: (All)
Aliases:

Required: False
Position: 7
Default value: None
Accept pipeline input: False
Accept wildcard characters: False
```

### -Force
Forces it.

```yaml
Type: SwitchParameter
Parameter Sets: (All)
Aliases:

Required: True
Position: Named
Default value: False
Accept pipeline input: False
Accept wildcard characters: False
```

### -Mode
How fast.

```yaml
Type: String
Parameter Sets: (All)
Aliases:

Required: False
Position: Named
Default value: Fast unless $env:THING_MODE says otherwise
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

[about_Thing]()
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
            & $converterPath -SourcePath $Folder -DestinationPath (Join-Path $Folder 'out/Thing/en-US') -ModulePath (Join-Path $moduleFolder 'Thing.psm1') 6>$null
        }
    }

    AfterAll {
        Remove-Module -Name Thing -ErrorAction SilentlyContinue
    }

    It 'writes escaped MAML with the page''s prose and the command''s own syntax and parameter metadata' {
        $folder = Join-Path $TestDrive 'valid'
        $null = New-HelpPage -Folder $folder

        Invoke-Converter $folder

        [xml]$maml = Get-Content -Raw -LiteralPath (Join-Path $folder 'out/Thing/en-US/Thing-Help.xml')
        $command = $maml.helpItems.command
        $command.details.name | Should -Be 'Get-Thing'
        $command.details.verb | Should -Be 'Get'
        $command.details.description.para | Should -Be 'Gets a thing & its <parts>.'
        $command.description.para | Should -Be 'Uses bold, code and a link (https://example.invalid/x?a=1&b=2).'
        $command.examples.example.title | Should -Be 'Example 1: Get one'
        $command.examples.example.code | Should -Match "^# a comment, not a heading\r?\nGet-Thing -Name 'a&b'"
        $command.inputTypes.inputType.type.name | Should -Be 'System.String[]'
        $command.returnValues.returnValue.type.name | Should -Be 'Thing'
        # Every value below contradicts the page's yaml: the command's metadata wins.
        $name = $command.parameters.parameter | Where-Object name -EQ 'Name'
        $name.description.para | Should -Be 'The names.'
        $name.type.name | Should -Be 'String[]'
        $name.required | Should -Be 'true'
        $name.position | Should -Be '0'
        $name.globbing | Should -Be 'true'
        $name.pipelineInput | Should -Be 'True (ByPropertyName, ByValue)'
        $name.aliases | Should -Be 'N'
        ($command.parameters.parameter | Where-Object name -EQ 'Force').required | Should -Be 'false'
        $mode = $command.parameters.parameter | Where-Object name -EQ 'Mode'
        @($mode.parameterValueGroup.parameterValue.'#text') | Should -Be @('Fast', 'Slow')
        $mode.defaultValue | Should -Be 'Fast unless $env:THING_MODE says otherwise' -Because 'a default the command cannot tell comes from the page'
        # -Id is on no page: it is still documented, from the command.
        @($command.parameters.parameter.name) | Should -Be @('Name', 'Force', 'Mode', 'Id')
        @($command.syntax.syntaxItem).Count | Should -Be 2
        @($command.syntax.syntaxItem[0].parameter.name) | Should -Be @('Name', 'Mode', 'Force')
        @($command.syntax.syntaxItem[1].parameter.name) | Should -Be @('Id', 'Mode', 'Force')
    }

    It 'stops with the file and line when <Case>' -ForEach @(
        @{ Case = 'SYNOPSIS is missing'; Find = "## SYNOPSIS`nGets a thing & its <parts>.`n"; With = ''; Message = 'no ''## SYNOPSIS''' }
        @{ Case = 'an example has no code'; Find = "``````powershell`n# a comment, not a heading`nGet-Thing -Name 'a&b' | Where-Object { `$_.Size -lt 3 }`n``````"; With = 'No code here.'; Message = 'has no code block' }
        @{ Case = 'a section is misspelt'; Find = '## PARAMETERS'; With = '## PARAMETER'; Message = 'Unknown section' }
        @{ Case = 'the heading is not the file name'; Find = '# Get-Thing'; With = '# Thing-Get'; Message = 'heading is ''# Thing-Get''' }
    ) {
        $folder = Join-Path $TestDrive ($Case -replace '\W', '-')
        $path = New-HelpPage -Folder $folder -Replace @{ $Find = $With }
        (Get-Content -Raw -LiteralPath $path).Contains($Find) | Should -BeFalse -Because 'the test must really break the page'

        { Invoke-Converter $folder } | Should -Throw -ExpectedMessage "*Get-Thing.md:*$Message*"
    }

    It 'stops when a page documents a command the module does not have' {
        $folder = Join-Path $TestDrive 'unknown'
        $path = New-HelpPage -Folder $folder -Replace @{ '# Get-Thing' = '# Get-Other' }
        Move-Item -LiteralPath $path -Destination (Join-Path $folder 'Get-Other.md')

        { Invoke-Converter $folder } | Should -Throw -ExpectedMessage '*Get-Other.md:*Module Thing has no command Get-Other*'
    }
}
