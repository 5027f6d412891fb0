<#
.SYNOPSIS
Writes a module's MAML help and about_*.help.txt topics from the platyPS-style markdown in docs/en-US.

.DESCRIPTION
platyPS is not available here (no PSGallery), so this stands in for its New-ExternalHelp, with one
difference: everything the cmdlets can say about themselves comes from the cmdlets, as platyPS's
New-MarkdownHelp takes it. The module at -ModulePath is imported into this session (build.ps1 runs this
script in a child pwsh) and Get-Command gives each parameter set's syntax and each parameter's type,
sets, position, required flag, pipeline input, aliases, accepted values (ValidateSet or enum) and
wildcard support (SupportsWildcards); a default value comes from a new instance of the cmdlet where the
property starts with one. The pages give the prose: synopsis, description, parameter descriptions,
examples, inputs, outputs, notes and related links. Their SYNTAX and yaml blocks are not read (only a
yaml 'Default value' where the cmdlet has none, such as an environment variable read at run time);
tests/Help.Tests.ps1 checks they agree with the cmdlets, so that platyPS could take over the same pages.

Writes, for the cmdlet pages (*-*.md but README*) of -SourcePath:
- <DestinationPath>/FacebookToken.Module.dll-Help.xml (the page's 'external help file'), copied to
  <culture>/ next to every staged assembly of that name under bin/<tfm>/, where Get-Help also looks;
- <DestinationPath>/about_*.help.txt from each about_*.md, wrapped at 80 columns.
A malformed page (no SYNOPSIS, an example without code, an unknown section ...) or a page with no
command in the module stops the build with the file and line. docs/en-US/README-format.md has the format.

.EXAMPLE
pwsh -File build/ConvertTo-MamlHelp.ps1 -SourcePath docs/en-US -DestinationPath output/FacebookToken/en-US -ModulePath output/FacebookToken/FacebookToken.psd1
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)][string]$SourcePath,
    [Parameter(Mandatory)][string]$DestinationPath,
    # The module whose commands the pages document; imported into this session.
    [Parameter(Mandatory)][string]$ModulePath
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$stopwatch = [System.Diagnostics.Stopwatch]::StartNew()
$MamlNs = 'http://schemas.microsoft.com/maml/2004/10'
$CommandNs = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
$DevNs = 'http://schemas.microsoft.com/maml/dev/2004/10'

function New-PageError([string]$File, [int]$Line, [string]$Message) {
    # What a writer needs to fix a page: the file and the line.
    [System.FormatException]::new("${File}:${Line}: $Message")
}

function Read-Markdown([string]$File) {
    # Blocks of a page: Heading (Level, Text), Code (Language, Lines) and Text (Lines, a paragraph), each with its
    # Line, after a leading '---' front matter (Data). Fences are found first, so '# x' in code is no heading.
    $lines = [System.IO.File]::ReadAllLines($File)
    $page = @{ Data = @{}; Blocks = [System.Collections.Generic.List[hashtable]]::new() }
    $i = 0
    if ($lines.Count -gt 0 -and $lines[0].Trim() -eq '---') {
        for ($i = 1; $i -lt $lines.Count -and $lines[$i].Trim() -ne '---'; $i++) {
            if ($lines[$i] -match '^\s*([^:#][^:]*):\s*(.*)$') { $page.Data[$Matches[1].Trim()] = $Matches[2].Trim() }
        }
        if ($i -ge $lines.Count) { throw (New-PageError $File 1 'The front matter that starts with --- is never closed by a --- line.') }
        $i++
    }
    $text = $null
    for (; $i -lt $lines.Count; $i++) {
        $line = $lines[$i]
        if ($line -match '^(\s*)(`{3,}|~{3,})\s*([^`\s]*)') {
            $text = $null
            $indent = $Matches[1].Length
            $fence = $Matches[2]
            $code = @{ Kind = 'Code'; Line = $i + 1; Language = $Matches[3]; Lines = [System.Collections.Generic.List[string]]::new() }
            for ($i++; $i -lt $lines.Count; $i++) {
                $inner = $lines[$i]
                if ($inner.Trim().StartsWith($fence) -and $inner.Trim().Trim($fence[0]).Length -eq 0) { break }
                # Code in an indented fence (inside a list item) loses that indentation.
                if ($indent -gt 0 -and $inner.Length -ge $indent -and $inner.Substring(0, $indent).Trim().Length -eq 0) { $inner = $inner.Substring($indent) }
                $code.Lines.Add($inner)
            }
            if ($i -ge $lines.Count) { throw (New-PageError $File $code.Line "The code block opened here with $fence is never closed.") }
            $page.Blocks.Add($code)
        }
        elseif ($line -match '^(#{1,6})\s+(.*?)(?:\s+#+)?\s*$') {
            $text = $null
            $page.Blocks.Add(@{ Kind = 'Heading'; Line = $i + 1; Level = $Matches[1].Length; Text = $Matches[2].Trim() })
        }
        elseif ($line.Trim().Length -eq 0) { $text = $null }
        elseif ($line.TrimStart().StartsWith('<!--')) {
            # An HTML comment (an EXAMPLE marker, a note to writers) is not shown; it may span lines.
            $text = $null
            $start = $i
            while ($i -lt $lines.Count -and -not $lines[$i].Contains('-->')) { $i++ }
            if ($i -ge $lines.Count) { throw (New-PageError $File ($start + 1) 'The HTML comment opened here with <!-- is never closed with -->.') }
        }
        else {
            if ($null -eq $text) {
                $text = @{ Kind = 'Text'; Line = $i + 1; Lines = [System.Collections.Generic.List[string]]::new() }
                $page.Blocks.Add($text)
            }
            $text.Lines.Add($line)
        }
    }
    $page
}

function Split-Section([object[]]$Blocks, [int]$Level) {
    # The blocks under each heading of $Level; the first section (Title $null) holds what precedes the first one.
    $current = @{ Title = $null; Line = 0; Blocks = [System.Collections.Generic.List[hashtable]]::new() }
    $current
    foreach ($block in $Blocks) {
        if ($block.Kind -eq 'Heading' -and $block.Level -eq $Level) {
            $current = @{ Title = $block.Text; Line = $block.Line; Blocks = [System.Collections.Generic.List[hashtable]]::new() }
            $current
        }
        else { $current.Blocks.Add($block) }
    }
}

function ConvertFrom-Inline([string]$Text) {
    # Plain text from a line of markdown: **bold**, *italic*, `code` and \escapes lose their markers; [text](uri)
    # becomes "text (uri)", or "text" for a link to a .md page or to nothing. Underscores stay (scope names).
    if ($Text.IndexOfAny([char[]]'`*_[\') -lt 0) { return $Text }
    $parts = foreach ($part in [regex]::Split($Text, '(`+[^`]*`+)')) {
        if ($part.Length -ge 2 -and $part[0] -eq '`' -and $part[$part.Length - 1] -eq '`') { $part.Trim('`').Trim(); continue }
        $part -replace '!?\[([^\]]*)\]\((?:[^)\s]*\.md|\1)?\)', '$1' -replace '!?\[([^\]]*)\]\(([^)\s]+)\)', '$1 ($2)' `
            -replace '(\*\*|__)(?=\S)(.+?)(?<=\S)\1', '$2' -replace '(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])', '$1' `
            -replace '\\([\\`*_{}\[\]()#+\-.!|<>])', '$1'
    }
    -join $parts
}

function ConvertTo-Paragraph([object[]]$Blocks) {
    # MAML paragraphs: a paragraph's lines joined (Get-Help wraps), list items on lines of their own, code
    # indented by four.
    foreach ($block in $Blocks) {
        if ($block.Kind -eq 'Code') { ($block.Lines | ForEach-Object { "    $_".TrimEnd() }) -join [Environment]::NewLine; continue }
        if ($block.Kind -eq 'Heading') { ConvertFrom-Inline $block.Text; continue }
        $items = [System.Collections.Generic.List[string]]::new()
        foreach ($line in $block.Lines) {
            if ($items.Count -eq 0 -or $line -match '^\s*([-*+]|\d+[.)])\s+') { $items.Add($line.Trim()) }
            else { $items[$items.Count - 1] += ' ' + $line.Trim() }
        }
        ($items | ForEach-Object { ConvertFrom-Inline $_ }) -join [Environment]::NewLine
    }
}

function Read-CommandPage([System.IO.FileInfo]$Page) {
    # The prose of a cmdlet page. SYNTAX and the yaml blocks are left to the cmdlet (and to the tests).
    $file = $Page.FullName
    $markdown = Read-Markdown $file
    $titled = @(Split-Section $markdown.Blocks 1 | Where-Object { $null -ne $_.Title })
    if ($titled.Count -ne 1) {
        throw (New-PageError $file $(if ($titled.Count) { $titled[1].Line } else { 1 }) "A cmdlet page has exactly one '# Verb-Noun' heading; found $($titled.Count).")
    }
    if ($titled[0].Title -ne $Page.BaseName) { throw (New-PageError $file $titled[0].Line "The page is named $($Page.Name) but its heading is '# $($titled[0].Title)'.") }
    $command = @{
        Name = $Page.BaseName; File = $file; Line = $titled[0].Line; HelpFile = $markdown.Data['external help file']
        Links = [System.Collections.Generic.List[object]]::new(); Synopsis = @(); Description = @(); Notes = @()
        Parameters = [ordered]@{}; Inputs = @(); Outputs = @(); Examples = [System.Collections.Generic.List[object]]::new()
    }
    # Get-Help -Online opens the uri of the first link.
    if ($markdown.Data['online version']) { $command.Links.Add(@{ Text = 'Online Version:'; Uri = $markdown.Data['online version'] }) }
    $known = 'SYNOPSIS', 'SYNTAX', 'DESCRIPTION', 'EXAMPLES', 'PARAMETERS', 'INPUTS', 'OUTPUTS', 'NOTES', 'RELATED LINKS'
    $seen = @{}
    foreach ($section in Split-Section $titled[0].Blocks 2) {
        $subsections = @(Split-Section $section.Blocks 3)
        if ($subsections[0].Blocks.Count -gt 0 -and ($null -eq $section.Title -or $section.Title -in 'EXAMPLES', 'PARAMETERS')) {
            throw (New-PageError $file $subsections[0].Blocks[0].Line "This text belongs under a heading of its own ('## SECTION', '### Example N: ...' or '### -Name').")
        }
        if ($null -eq $section.Title) { continue }
        $title = $section.Title.ToUpperInvariant()
        if ($known -notcontains $title) { throw (New-PageError $file $section.Line "Unknown section '## $($section.Title)'; expected one of: $($known -join ', ').") }
        if ($seen.ContainsKey($title)) { throw (New-PageError $file $section.Line "Section '## $title' appears twice (first at line $($seen[$title])).") }
        $seen[$title] = $section.Line
        switch ($title) {
            'SYNOPSIS' { $command.Synopsis = @(ConvertTo-Paragraph $section.Blocks) }
            'DESCRIPTION' { $command.Description = @(ConvertTo-Paragraph $section.Blocks) }
            'NOTES' { $command.Notes = @(ConvertTo-Paragraph $section.Blocks) }
            'PARAMETERS' {
                foreach ($parameter in $subsections | Select-Object -Skip 1) {
                    if ($parameter.Title -eq 'CommonParameters') { continue }
                    $name = $parameter.Title.TrimStart('-')
                    if ($parameter.Title -notmatch '^-\w+$') { throw (New-PageError $file $parameter.Line "A parameter heading is '### -Name' (or '### CommonParameters'), not '### $($parameter.Title)'.") }
                    $yaml = @($parameter.Blocks | Where-Object { $_.Kind -eq 'Code' -and $_.Language -eq 'yaml' })
                    $default = @($yaml | ForEach-Object Lines | Where-Object { $_ -match '^\s*Default value:\s*(\S.*?)\s*$' } | ForEach-Object { $Matches[1] })
                    $command.Parameters[$name] = @{
                        Description = @(ConvertTo-Paragraph @($parameter.Blocks | Where-Object { $yaml -notcontains $_ }))
                        Default     = if ($default) { $default[0] } else { 'None' }
                    }
                }
            }
            { $_ -in 'INPUTS', 'OUTPUTS' } {
                # '### TypeName' and its text, or a plain paragraph ("None").
                $types = foreach ($entry in $subsections) {
                    $paragraphs = @(ConvertTo-Paragraph $entry.Blocks)
                    if ($null -ne $entry.Title) { @{ Name = ConvertFrom-Inline $entry.Title; Description = $paragraphs } }
                    elseif ($paragraphs) { @{ Name = $paragraphs[0]; Description = @($paragraphs | Select-Object -Skip 1) } }
                }
                $command[$title.Substring(0, 1) + $title.Substring(1).ToLowerInvariant()] = @($types)
            }
            'EXAMPLES' {
                foreach ($example in $subsections | Select-Object -Skip 1) {
                    if ($example.Title -notmatch '^Example \d+\s*:\s*\S') { throw (New-PageError $file $example.Line "Examples are titled '### Example N: What it shows', not '### $($example.Title)'.") }
                    # The first code block is the example; the text around it (and any later code) explains it.
                    $code = @($example.Blocks | Where-Object Kind -EQ 'Code')
                    if ($code.Count -eq 0 -or ($code[0].Lines -join '').Trim().Length -eq 0) { throw (New-PageError $file $example.Line "'### $($example.Title)' has no code block (or only an empty one).") }
                    $command.Examples.Add(@{
                            Title = ConvertFrom-Inline $example.Title; Code = ($code[0].Lines -join [Environment]::NewLine).TrimEnd()
                            Remarks = @(ConvertTo-Paragraph @($example.Blocks | Where-Object { $_ -ne $code[0] }))
                        })
                }
            }
            'RELATED LINKS' {
                foreach ($line in @($section.Blocks | Where-Object Kind -EQ 'Text' | ForEach-Object Lines)) {
                    $text = $line.Trim() -replace '^[-*+]\s+', ''
                    # A link to another page of these docs means nothing to Get-Help; the name is enough.
                    if ($text -match '^\[([^\]]*)\]\(([^)]*)\)$') { $command.Links.Add(@{ Text = $Matches[1]; Uri = ($Matches[2] -replace '^.*\.md$', '') }) }
                    elseif ($text) { $command.Links.Add(@{ Text = ConvertFrom-Inline $text; Uri = '' }) }
                }
            }
        }
    }
    if (-not $command.Synopsis) { throw (New-PageError $file $command.Line "The page has no '## SYNOPSIS' section, or an empty one.") }
    $command
}

function Get-ParameterModel($Parameter, [System.Management.Automation.ParameterMetadata]$Metadata, $Instance, $Page) {
    # One parameter of one set as MAML needs it, all from the command's metadata; the type as platyPS writes it.
    $type = $Parameter.ParameterType
    $underlying = [Nullable]::GetUnderlyingType($type)
    $typeName = if ($underlying) { $underlying.Name } elseif ($type.IsGenericType) { $type.ToString() } else { $type.Name }
    $values = @($Metadata.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] } | ForEach-Object ValidValues)
    if (-not $values -and ($underlying ?? $type).IsEnum) { $values = [enum]::GetNames(($underlying ?? $type)) }
    $pipeline = @(if ($Parameter.ValueFromPipelineByPropertyName) { 'ByPropertyName' }; if ($Parameter.ValueFromPipeline) { 'ByValue' })
    # A default is known where a new cmdlet's property starts with a value; else the page may say it in words.
    $default = if ($Instance -and $Instance.PSObject.Properties[$Parameter.Name]) { $Instance.($Parameter.Name) }
    $default = if ($default -is [System.Management.Automation.SwitchParameter]) { "$($default.IsPresent)" }
    elseif ($default -is [uri]) { $default.OriginalString }
    elseif ("$default" -ne '') { [string]$default }
    elseif ($Page -and $Page.Parameters.Contains($Parameter.Name)) { $Page.Parameters[$Parameter.Name].Default }
    else { 'None' }
    @{
        Name = $Parameter.Name; Type = $typeName; Switch = $type -eq [System.Management.Automation.SwitchParameter]; Values = $values
        Required = "$($Parameter.IsMandatory)".ToLowerInvariant(); Position = if ($Parameter.Position -ge 0) { "$($Parameter.Position)" } else { 'named' }
        Pipeline = if ($pipeline) { "True ($($pipeline -join ', '))" } else { 'False' }; Default = $default
        Aliases = if ($Metadata.Aliases.Count) { $Metadata.Aliases -join ', ' } else { 'none' }; VariableLength = "$($type.IsArray)".ToLowerInvariant()
        Globbing = "$(@($Metadata.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] }).Count -gt 0)".ToLowerInvariant()
    }
}

function Get-CommandModel([System.Management.Automation.CommandInfo]$Command, $Page) {
    # The syntax of each parameter set (the default first, parameters in Get-Command -Syntax's order) and one
    # entry per parameter (from the default set where it is in it), in page order then the command's order.
    $instance = if ($Command -is [System.Management.Automation.CmdletInfo]) { [Activator]::CreateInstance($Command.ImplementingType) }
    $hidden = @([System.Management.Automation.PSCmdlet]::CommonParameters) + 'UseTransaction' + @($Command.Parameters.Values |
            Where-Object { @($_.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and -not $_.DontShow }).Count -eq 0 } | ForEach-Object Name)
    $byName = [ordered]@{}
    $syntax = [System.Collections.Generic.List[object]]::new()
    foreach ($set in @($Command.ParameterSets | Sort-Object -Stable { -not $_.IsDefault })) {
        $syntax.Add(@($set.Parameters | Where-Object { $hidden -notcontains $_.Name } |
                Sort-Object -Stable { if ($_.Position -ge 0) { $_.Position } else { [int]::MaxValue } }, { -not $_.IsMandatory } | ForEach-Object {
                    $model = Get-ParameterModel $_ $Command.Parameters[$_.Name] $instance $Page
                    if (-not $byName.Contains($_.Name)) { $byName[$_.Name] = $model }
                    $model
                }))
    }
    $order = @($Page.Parameters.Keys | Where-Object { $byName.Contains($_) }) + @($byName.Keys | Where-Object { -not $Page.Parameters.Contains($_) })
    @{ Syntax = $syntax; Parameters = @($order | ForEach-Object { $byName[$_] }) }
}

function ConvertTo-Xml([string]$Text) { [System.Security.SecurityElement]::Escape($Text) }

function Format-Paragraphs([object[]]$Paragraphs) { -join @($Paragraphs | ForEach-Object { "<maml:para>$(ConvertTo-Xml $_)</maml:para>" }) }

function Format-DevType([string]$Name) { "<dev:type><maml:name>$(ConvertTo-Xml $Name)</maml:name><maml:uri /></dev:type>" }

function Format-Parameter($Parameter, [object[]]$Description, [bool]$InSyntax) {
    # In a syntax item a switch shows as [-Name], so it gets no parameterValue there.
    $p = @{}
    foreach ($key in $Parameter.Keys) { $p[$key] = ConvertTo-Xml "$($Parameter[$key])" }
    $group = if ($Parameter.Values) {
        '<command:parameterValueGroup>' + -join @($Parameter.Values | ForEach-Object { "<command:parameterValue required=""false"" variableLength=""false"">$(ConvertTo-Xml $_)</command:parameterValue>" }) + '</command:parameterValueGroup>'
    }
    $value = if (-not ($InSyntax -and $Parameter.Switch)) { "<command:parameterValue required=""$("$(-not $Parameter.Switch)".ToLowerInvariant())"" variableLength=""false"">$($p.Type)</command:parameterValue>" }
    "<command:parameter required=""$($p.Required)"" variableLength=""$($p.VariableLength)"" globbing=""$($p.Globbing)"" pipelineInput=""$($p.Pipeline)"" position=""$($p.Position)"" aliases=""$($p.Aliases)"">" +
    "<maml:name>$($p.Name)</maml:name><maml:description>$(Format-Paragraphs $Description)</maml:description>$group$value$(Format-DevType $Parameter.Type)<dev:defaultValue>$($p.Default)</dev:defaultValue></command:parameter>"
}

function Format-Command($Page, $Model) {
    # One command:command in the shape of PowerShell's own help files; the caller parses and indents it.
    $name = ConvertTo-Xml $Page.Name
    $syntax = foreach ($set in $Model.Syntax) { "<command:syntaxItem><maml:name>$name</maml:name>$(-join @($set | ForEach-Object { Format-Parameter $_ @() $true }))</command:syntaxItem>" }
    $parameters = foreach ($parameter in $Model.Parameters) {
        Format-Parameter $parameter $(if ($Page.Parameters.Contains($parameter.Name)) { $Page.Parameters[$parameter.Name].Description } else { @() }) $false
    }
    $inputs = foreach ($type in $Page.Inputs) { "<command:inputType>$(Format-DevType $type.Name)<maml:description>$(Format-Paragraphs $type.Description)</maml:description></command:inputType>" }
    $outputs = foreach ($type in $Page.Outputs) { "<command:returnValue>$(Format-DevType $type.Name)<maml:description>$(Format-Paragraphs $type.Description)</maml:description></command:returnValue>" }
    # An empty last paragraph: Get-Help then leaves a blank line before the next example's title.
    $examples = foreach ($example in $Page.Examples) {
        "<command:example><maml:title>$(ConvertTo-Xml $example.Title)</maml:title><dev:code>$(ConvertTo-Xml $example.Code)</dev:code><dev:remarks>$(Format-Paragraphs ($example.Remarks + ''))</dev:remarks></command:example>"
    }
    $links = foreach ($link in $Page.Links) { "<maml:navigationLink><maml:linkText>$(ConvertTo-Xml $link.Text)</maml:linkText><maml:uri>$(ConvertTo-Xml $link.Uri)</maml:uri></maml:navigationLink>" }
    "<command:command xmlns:maml=""$MamlNs"" xmlns:command=""$CommandNs"" xmlns:dev=""$DevNs""><command:details><command:name>$name</command:name>" +
    "<command:verb>$($name.Split('-')[0])</command:verb><command:noun>$($name.Substring($name.IndexOf('-') + 1))</command:noun><maml:description>$(Format-Paragraphs $Page.Synopsis)</maml:description></command:details>" +
    "<maml:description>$(Format-Paragraphs $Page.Description)</maml:description><command:syntax>$(-join $syntax)</command:syntax><command:parameters>$(-join $parameters)</command:parameters>" +
    "<command:inputTypes>$(-join $inputs)</command:inputTypes><command:returnValues>$(-join $outputs)</command:returnValues><maml:alertSet><maml:alert>$(Format-Paragraphs $Page.Notes)</maml:alert></maml:alertSet>" +
    "<command:examples>$(-join $examples)</command:examples><command:relatedLinks>$(-join $links)</command:relatedLinks></command:command>"
}

function Format-Wrapped([string]$Text, [int]$Indent, [int]$Hanging) {
    # Words of $Text wrapped at 80 columns: the first line indented by $Indent, the rest by $Hanging.
    $line = ' ' * $Indent
    $empty = $true
    foreach ($word in $Text.Split([char[]]" `t", [System.StringSplitOptions]::RemoveEmptyEntries)) {
        if (-not $empty -and $line.Length + 1 + $word.Length -gt 80) { $line; $line = ' ' * $Hanging; $empty = $true }
        $line += $(if ($empty) { $word } else { " $word" })
        $empty = $false
    }
    if (-not $empty) { $line }
}

function Format-Table([string[]]$Rows, [int]$Indent) {
    # A markdown table as aligned columns, or one block per row ("header: value" lines) when wider than 80.
    $cells = @(foreach ($row in $Rows) {
            if ($row -match '^\s*\|?\s*:?-{2,}') { continue }
            , @($row.Trim().Trim('|').Split('|') | ForEach-Object { ConvertFrom-Inline $_.Trim() })
        })
    $columns = ($cells | ForEach-Object Count | Measure-Object -Maximum).Maximum
    $widths = @(for ($c = 0; $c -lt $columns; $c++) { ($cells | ForEach-Object { if ($c -lt $_.Count) { $_[$c].Length } else { 0 } } | Measure-Object -Maximum).Maximum })
    $pad = ' ' * $Indent
    if ($Indent + 2 * ($columns - 1) + ($widths | Measure-Object -Sum).Sum -le 80) {
        for ($r = 0; $r -lt $cells.Count; $r++) {
            ($pad + ((0..($columns - 1) | ForEach-Object { "$(if ($_ -lt $cells[$r].Count) { $cells[$r][$_] })".PadRight($widths[$_]) }) -join '  ')).TrimEnd()
            if ($r -eq 0) { $pad + (($widths | ForEach-Object { '-' * $_ }) -join '  ') }
        }
        return
    }
    for ($r = 1; $r -lt $cells.Count; $r++) {
        Format-Wrapped $cells[$r][0] $Indent $Indent
        for ($c = 1; $c -lt $cells[$r].Count; $c++) {
            $label = if ($c -lt $cells[0].Count -and $cells[0][$c]) { "$($cells[0][$c]): " } else { '' }
            Format-Wrapped ($label + $cells[$r][$c]) ($Indent + 4) ($Indent + 6)
        }
        if ($r -lt $cells.Count - 1) { '' }
    }
}

function ConvertTo-AboutText([System.IO.FileInfo]$Page) {
    # about_*.help.txt: '## TOPIC' first; '## X' an upper-case header at column 0, '### Y' an underlined
    # sub-header; text indented 4 and wrapped at 80 columns; list items hang; code indented 8, never wrapped.
    $blocks = (Read-Markdown $Page.FullName).Blocks
    if ($blocks.Count -eq 0 -or $blocks[0].Kind -ne 'Heading' -or $blocks[0].Text -ne 'TOPIC') {
        throw (New-PageError $Page.FullName $(if ($blocks.Count) { $blocks[0].Line } else { 1 }) "An about page starts with the heading '## TOPIC'.")
    }
    if (-not @($blocks | Where-Object { $_.Kind -eq 'Heading' -and $_.Text -eq 'SHORT DESCRIPTION' })) {
        throw (New-PageError $Page.FullName 1 "An about page needs a '## SHORT DESCRIPTION' section.")
    }
    $out = [System.Collections.Generic.List[string]]::new()
    foreach ($block in $blocks) {
        if ($block.Kind -eq 'Heading') {
            if ($out.Count -gt 0 -and $out[$out.Count - 1] -ne '') { $out.Add('') }
            $text = ConvertFrom-Inline $block.Text
            if ($block.Level -le 2) { $out.Add($text.ToUpperInvariant()) } else { $out.Add("    $text"); $out.Add('    ' + ('-' * $text.Length)) }
            continue
        }
        if ($block.Kind -eq 'Code') { foreach ($line in $block.Lines) { $out.Add("        $line".TrimEnd()) } }
        elseif ($block.Lines[0].TrimStart().StartsWith('|')) { $out.AddRange([string[]]@(Format-Table $block.Lines 4)) }
        else {
            # A paragraph, or list items that each hang under their bullet.
            $items = [System.Collections.Generic.List[object]]::new()
            foreach ($line in $block.Lines) {
                if ($line -match '^(\s*)([-*+]|\d+[.)])\s+(.*)$') {
                    $items.Add(@{ Bullet = ($Matches[2] -replace '^[-*+]$', '-'); Depth = [math]::Floor($Matches[1].Length / 2); Text = $Matches[3].Trim() })
                }
                elseif ($items.Count -gt 0) { $items[$items.Count - 1].Text += ' ' + $line.Trim() }
                else { $items.Add(@{ Bullet = ''; Depth = 0; Text = $line.Trim() }) }
            }
            foreach ($item in $items) {
                $text = ConvertFrom-Inline $item.Text
                $indent = 4 + 2 * $item.Depth
                if ($item.Bullet) { $out.AddRange([string[]]@(Format-Wrapped "$($item.Bullet) $text" $indent ($indent + $item.Bullet.Length + 1))) }
                else { $out.AddRange([string[]]@(Format-Wrapped $text 4 4)) }
            }
        }
        $out.Add('')
    }
    while ($out.Count -gt 0 -and $out[$out.Count - 1] -eq '') { $out.RemoveAt($out.Count - 1) }
    ($out -join "`n") + "`n"
}

$source = $PSCmdlet.GetUnresolvedProviderPathFromPSPath($SourcePath)
if (-not [System.IO.Directory]::Exists($source)) { throw "The help source folder '$source' does not exist." }
$destination = $PSCmdlet.GetUnresolvedProviderPathFromPSPath($DestinationPath).TrimEnd('/', '\')
$null = [System.IO.Directory]::CreateDirectory($destination)
$module = Import-Module -Name $PSCmdlet.GetUnresolvedProviderPathFromPSPath($ModulePath) -PassThru -ErrorAction Stop
$commands = @{}
foreach ($command in Get-Command -Module $module.Name -CommandType Cmdlet, Function) { $commands[$command.Name] = $command }

# Cmdlet pages, grouped by the help file their front matter names (all of ours: one).
$groups = [ordered]@{}
foreach ($file in ([System.IO.DirectoryInfo]$source).GetFiles('*-*.md') | Where-Object Name -NotLike 'README*' | Sort-Object Name) {
    $page = Read-CommandPage $file
    if (-not $commands.ContainsKey($page.Name)) { throw (New-PageError $file.FullName $page.Line "Module $($module.Name) has no command $($page.Name) to take its syntax and parameters from.") }
    $helpFile = if ($page.HelpFile) { $page.HelpFile } else { "$($module.Name).dll-Help.xml" }
    if (-not $groups.Contains($helpFile)) { $groups[$helpFile] = [System.Collections.Generic.List[object]]::new() }
    $groups[$helpFile].Add(@{ Page = $page; Model = Get-CommandModel $commands[$page.Name] $page })
    $commands.Remove($page.Name)
}
if ($commands.Count -gt 0) { throw "$source has no page for $(@($commands.Keys | Sort-Object) -join ', ') of module $($module.Name); add docs/en-US/<Verb-Noun>.md." }

$moduleRoot = [System.IO.Path]::GetDirectoryName($destination)
$culture = [System.IO.Path]::GetFileName($destination)
$written = [System.Collections.Generic.List[string]]::new()
$settings = [System.Xml.XmlWriterSettings]@{ Indent = $true; IndentChars = '  '; NewLineChars = "`n"; Encoding = [System.Text.UTF8Encoding]::new($false) }
foreach ($helpFile in $groups.Keys) {
    $target = [System.IO.Path]::Combine($destination, $helpFile)
    # The root of PowerShell's own help files: <helpItems schema="maml" xmlns="http://msh">. Parsing the text
    # proves it well-formed; the writer indents it.
    $document = [xml]("<helpItems schema=""maml"" xmlns=""http://msh"">$(-join @($groups[$helpFile] | ForEach-Object { Format-Command $_.Page $_.Model }))</helpItems>")
    $w = [System.Xml.XmlWriter]::Create($target, $settings)
    try { $document.Save($w) } finally { $w.Dispose() }
    $written.Add($target)

    # Get-Help also looks for a binary cmdlet's help in <culture>/ next to its assembly: bin/<tfm>/en-US/.
    $assemblyName = $helpFile -replace '-Help\.xml$', ''
    $binRoot = [System.IO.Path]::Combine($moduleRoot, 'bin')
    foreach ($framework in $(if ([System.IO.Directory]::Exists($binRoot)) { [System.IO.Directory]::GetDirectories($binRoot) })) {
        if (-not [System.IO.File]::Exists([System.IO.Path]::Combine($framework, $assemblyName))) { continue }
        $copy = [System.IO.Path]::Combine([System.IO.Directory]::CreateDirectory([System.IO.Path]::Combine($framework, $culture)).FullName, $helpFile)
        [System.IO.File]::Copy($target, $copy, $true)
        $written.Add($copy)
    }
}

foreach ($about in ([System.IO.DirectoryInfo]$source).GetFiles('about_*.md')) {
    $target = [System.IO.Path]::Combine($destination, $about.BaseName + '.help.txt')
    [System.IO.File]::WriteAllText($target, (ConvertTo-AboutText $about), [System.Text.UTF8Encoding]::new($false))
    $written.Add($target)
}

Write-Host ("Help: {0} cmdlet page(s) with metadata from {1}, {2} file(s) written under {3} in {4:N1} s" -f
    @($groups.Values | ForEach-Object Count | Measure-Object -Sum).Sum, $module.Name, $written.Count, $moduleRoot, $stopwatch.Elapsed.TotalSeconds) -ForegroundColor Green
foreach ($path in $written) { Write-Verbose "Wrote $path" }
