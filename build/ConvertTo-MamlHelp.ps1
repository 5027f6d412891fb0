<#
.SYNOPSIS
Turns the platyPS-style markdown in docs/en-US into MAML help and about_*.help.txt topics.

.DESCRIPTION
platyPS is not available here (no PSGallery), so this is the small converter the build runs instead.
It reads every cmdlet page (*-*.md except README*) of -SourcePath and writes:

- <DestinationPath>/<external help file> (FacebookToken.Module.dll-Help.xml): one MAML document with a
  command:command per page, and a copy in bin/<tfm>/<culture>/ next to every staged
  FacebookToken.Module.dll. Get-Help looks for a cmdlet's help file under the module base (the module
  root, output/FacebookToken/en-US) and under the directory of the assembly that defines the cmdlet (the
  nested binary module, bin/<tfm>/en-US). PowerShell 7 finds it in either place and takes the module
  root's first; both are written so neither lookup misses it, on Windows PowerShell 5.1
  (bin/net472) as well.
- <DestinationPath>/about_*.help.txt from each about_*.md: plain text wrapped at 80 columns, where
  Get-Help about_* finds a module's topics.

A malformed page (no SYNOPSIS, an example without code, a parameter without its yaml block, an unknown
section ...) stops the build with the file and line. The format is described in
docs/en-US/README-format.md. Needs no module. The work is done in class methods rather than functions:
a method call costs a fraction of a function call, which matters for the thousands of small steps here.

.EXAMPLE
./build/ConvertTo-MamlHelp.ps1 -SourcePath docs/en-US -DestinationPath output/FacebookToken/en-US
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)]
    [string]$SourcePath,

    [Parameter(Mandatory)]
    [string]$DestinationPath
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$stopwatch = [System.Diagnostics.Stopwatch]::StartNew()

class MdBlock {
    [string]$Kind          # Heading, Code or Text
    [int]$Line
    [int]$Level            # heading level
    [string]$Text          # heading text
    [string]$Language      # code fence language
    [System.Collections.Generic.List[string]]$Lines = [System.Collections.Generic.List[string]]::new()
}

class MdSection {
    [string]$Title
    [int]$Line
    [System.Collections.Generic.List[MdBlock]]$Blocks = [System.Collections.Generic.List[MdBlock]]::new()
}

class MdDocument {
    [hashtable]$FrontMatter = @{}
    [System.Collections.Generic.List[MdBlock]]$Blocks = [System.Collections.Generic.List[MdBlock]]::new()
}

class HelpParameterEntry {
    [int]$Line
    [string]$Type
    [string[]]$Sets
    [string[]]$Aliases
    [string]$Required
    [string]$Position
    [string]$Pipeline
    [bool]$Globbing
    [string]$DefaultValue
}

class HelpParameter {
    [string]$Name
    [int]$Line
    [string[]]$Description
    [System.Collections.Generic.List[HelpParameterEntry]]$Entries = [System.Collections.Generic.List[HelpParameterEntry]]::new()
}

class HelpSyntaxSet {
    [string]$Name
    [int]$Line
    [string[]]$Order
    [bool]$IsDefault
}

class HelpTypeEntry {
    [string]$Name
    [string[]]$Description
}

class HelpExample {
    [string]$Title
    [string]$Code
    [string[]]$Remarks
}

class HelpLink {
    [string]$Text
    [string]$Uri
}

class HelpCommand {
    [string]$Name
    [string]$Verb
    [string]$Noun
    [string]$File
    [string]$HelpFile
    [string]$OnlineVersion
    [string[]]$Synopsis = @()
    [string[]]$Description = @()
    [string[]]$Notes = @()
    [System.Collections.Generic.List[HelpSyntaxSet]]$SyntaxSets = [System.Collections.Generic.List[HelpSyntaxSet]]::new()
    [System.Collections.Generic.List[HelpParameter]]$Parameters = [System.Collections.Generic.List[HelpParameter]]::new()
    [System.Collections.Generic.List[HelpTypeEntry]]$Inputs = [System.Collections.Generic.List[HelpTypeEntry]]::new()
    [System.Collections.Generic.List[HelpTypeEntry]]$Outputs = [System.Collections.Generic.List[HelpTypeEntry]]::new()
    [System.Collections.Generic.List[HelpExample]]$Examples = [System.Collections.Generic.List[HelpExample]]::new()
    [System.Collections.Generic.List[HelpLink]]$Links = [System.Collections.Generic.List[HelpLink]]::new()

    [HelpParameter] FindParameter([string]$name) {
        foreach ($parameter in $this.Parameters) {
            if ($parameter.Name -eq $name) {
                return $parameter
            }
        }
        return $null
    }
}

class MarkdownReader {
    # An exception naming the file and line, which is what a writer needs to fix a page.
    static [System.FormatException] PageError([string]$file, [int]$line, [string]$message) {
        return [System.FormatException]::new("${file}:${line}: $message")
    }

    # Splits markdown into blocks: front matter (a leading --- ... --- block), headings, fenced code and
    # paragraphs (runs of non-blank lines). Fences are recognised first, so '# comment' inside code is
    # never taken for a heading.
    static [MdDocument] Read([string]$file) {
        $lines = [System.IO.File]::ReadAllLines($file)
        $document = [MdDocument]::new()
        $i = 0

        if ($lines.Count -gt 0 -and $lines[0].Trim() -eq '---') {
            $i = 1
            while ($i -lt $lines.Count -and $lines[$i].Trim() -ne '---') {
                $match = [regex]::Match($lines[$i], '^\s*([^:#][^:]*):\s*(.*)$')
                if ($match.Success) {
                    $document.FrontMatter[$match.Groups[1].Value.Trim()] = $match.Groups[2].Value.Trim()
                }
                $i++
            }
            if ($i -ge $lines.Count) {
                throw [MarkdownReader]::PageError($file, 1, 'The front matter that starts with --- is never closed by a --- line.')
            }
            $i++
        }

        $paragraph = $null
        while ($i -lt $lines.Count) {
            $line = $lines[$i]
            $lineNumber = $i + 1

            $fenceMatch = [regex]::Match($line, '^(\s*)(`{3,}|~{3,})\s*([^`\s]*)')
            if ($fenceMatch.Success) {
                $paragraph = $null
                $indent = $fenceMatch.Groups[1].Value.Length
                $fence = $fenceMatch.Groups[2].Value
                $block = [MdBlock]@{ Kind = 'Code'; Line = $lineNumber; Language = $fenceMatch.Groups[3].Value }
                $i++
                $closed = $false
                while ($i -lt $lines.Count) {
                    $inner = $lines[$i]
                    $trimmed = $inner.Trim()
                    if ($trimmed.StartsWith($fence) -and $trimmed.Trim($fence[0]).Length -eq 0) {
                        $closed = $true
                        break
                    }
                    # Code in an indented fence (inside a list item) loses that indentation.
                    if ($indent -gt 0 -and $inner.Length -ge $indent -and $inner.Substring(0, $indent).Trim().Length -eq 0) {
                        $inner = $inner.Substring($indent)
                    }
                    $block.Lines.Add($inner)
                    $i++
                }
                if (-not $closed) {
                    throw [MarkdownReader]::PageError($file, $lineNumber, "The code block opened here with $fence is never closed.")
                }
                $document.Blocks.Add($block)
                $i++
                continue
            }

            $headingMatch = [regex]::Match($line, '^(#{1,6})\s+(.*?)(?:\s+#+)?\s*$')
            if ($headingMatch.Success) {
                $paragraph = $null
                $document.Blocks.Add([MdBlock]@{ Kind = 'Heading'; Line = $lineNumber; Level = $headingMatch.Groups[1].Length; Text = $headingMatch.Groups[2].Value.Trim() })
                $i++
                continue
            }

            if ($line.Trim().Length -eq 0) {
                $paragraph = $null
                $i++
                continue
            }

            if ($null -eq $paragraph) {
                $paragraph = [MdBlock]@{ Kind = 'Text'; Line = $lineNumber }
                $document.Blocks.Add($paragraph)
            }
            $paragraph.Lines.Add($line)
            $i++
        }
        return $document
    }

    # Groups the blocks under each heading of $level; the first section (Title $null) holds what precedes
    # the first such heading.
    static [System.Collections.Generic.List[MdSection]] Split([System.Collections.Generic.IEnumerable[MdBlock]]$blocks, [int]$level) {
        $sections = [System.Collections.Generic.List[MdSection]]::new()
        $current = [MdSection]::new()
        $sections.Add($current)
        foreach ($block in $blocks) {
            if ($block.Kind -eq 'Heading' -and $block.Level -eq $level) {
                $current = [MdSection]@{ Title = $block.Text; Line = $block.Line }
                $sections.Add($current)
            }
            else {
                $current.Blocks.Add($block)
            }
        }
        return $sections
    }

    # Plain text from one line of markdown: **bold**, *italic*, `code` and \escapes lose their markers,
    # [text](uri) becomes "text (uri)" (just "text" for a link to another .md page or to nothing).
    # Underscores are left alone: they are part of names such as whatsapp_business_messaging. Emphasis
    # is not touched inside code spans.
    static [string] Inline([string]$text) {
        if ($text.IndexOfAny([char[]]'`*_[\') -lt 0) {
            return $text
        }
        $builder = [System.Text.StringBuilder]::new()
        foreach ($part in [regex]::Split($text, '(`+[^`]*`+)')) {
            if ($part.Length -ge 2 -and $part[0] -eq '`' -and $part[$part.Length - 1] -eq '`') {
                $null = $builder.Append($part.Trim('`').Trim())
                continue
            }
            $plain = $part -replace '!?\[([^\]]*)\]\((?:[^)\s]*\.md|\1)?\)', '$1' -replace '!?\[([^\]]*)\]\(([^)\s]+)\)', '$1 ($2)'
            $plain = $plain -replace '(\*\*|__)(?=\S)(.+?)(?<=\S)\1', '$2'
            $plain = $plain -replace '(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])', '$1'
            $plain = $plain -replace '\\([\\`*_{}\[\]()#+\-.!|<>])', '$1'
            $null = $builder.Append($plain)
        }
        return $builder.ToString()
    }

    static [bool] IsListItem([string]$line) {
        return $line -match '^\s*([-*+]|\d+[.)])\s+'
    }

    # MAML paragraphs from a section's blocks. A paragraph's lines are joined (Get-Help wraps them
    # itself); list items stay on lines of their own; a code block keeps its lines, indented by four.
    static [string[]] Paragraphs([System.Collections.Generic.IEnumerable[MdBlock]]$blocks) {
        $paragraphs = [System.Collections.Generic.List[string]]::new()
        foreach ($block in $blocks) {
            $text = ''
            if ($block.Kind -eq 'Text') {
                $items = [System.Collections.Generic.List[string]]::new()
                foreach ($line in $block.Lines) {
                    if ($items.Count -eq 0 -or [MarkdownReader]::IsListItem($line)) {
                        $items.Add($line.Trim())
                    }
                    else {
                        $items[$items.Count - 1] += ' ' + $line.Trim()
                    }
                }
                for ($n = 0; $n -lt $items.Count; $n++) {
                    $items[$n] = [MarkdownReader]::Inline($items[$n])
                }
                $text = $items -join [Environment]::NewLine
            }
            elseif ($block.Kind -eq 'Code') {
                $code = [System.Collections.Generic.List[string]]::new()
                foreach ($line in $block.Lines) {
                    $code.Add(("    $line").TrimEnd())
                }
                $text = $code -join [Environment]::NewLine
            }
            else {
                $text = [MarkdownReader]::Inline($block.Text)
            }
            if ($text.Trim().Length -gt 0) {
                $paragraphs.Add($text)
            }
        }
        return $paragraphs.ToArray()
    }
}

class CommandPageReader {
    static [string[]] $KnownSections = @('SYNOPSIS', 'SYNTAX', 'DESCRIPTION', 'EXAMPLES', 'PARAMETERS', 'INPUTS', 'OUTPUTS', 'NOTES', 'RELATED LINKS')

    # One yaml block of a parameter ("Key: value" lines) as the attributes MAML needs.
    static [HelpParameterEntry] ReadYaml([MdBlock]$block, [string]$file, [string]$name) {
        $yaml = @{}
        for ($n = 0; $n -lt $block.Lines.Count; $n++) {
            $line = $block.Lines[$n]
            if ($line.Trim().Length -eq 0 -or $line.TrimStart().StartsWith('#')) {
                continue
            }
            $match = [regex]::Match($line, '^\s*([A-Za-z][A-Za-z ]*?)\s*:\s*(.*?)\s*$')
            if (-not $match.Success) {
                throw [MarkdownReader]::PageError($file, $block.Line + 1 + $n, "This yaml line of parameter -$name is not 'Key: value': '$line'.")
            }
            $yaml[$match.Groups[1].Value] = $match.Groups[2].Value
        }

        $type = [string]$yaml['Type']
        if (-not $type) {
            throw [MarkdownReader]::PageError($file, $block.Line, "The yaml block of parameter -$name has no 'Type:'.")
        }
        $required = [string]$yaml['Required']
        if ($required -notmatch '^(?i:true|false)$') {
            throw [MarkdownReader]::PageError($file, $block.Line, "The yaml block of parameter -$name needs 'Required: True' or 'Required: False', not '$required'.")
        }
        $position = [string]$yaml['Position']
        if (-not $position -or $position -match '^(?i:named)$') {
            $position = 'named'
        }
        elseif ($position -notmatch '^\d+$') {
            throw [MarkdownReader]::PageError($file, $block.Line, "The yaml block of parameter -$name has 'Position: $position'; use a number or Named.")
        }
        $pipeline = [string]$yaml['Accept pipeline input']
        if (-not $pipeline) {
            $pipeline = 'False'
        }
        $sets = [string]$yaml['Parameter Sets']
        $setNames = [System.Collections.Generic.List[string]]::new()
        if (-not $sets -or $sets -eq '(All)') {
            $setNames.Add('(All)')
        }
        else {
            foreach ($set in $sets.Split(',')) {
                if ($set.Trim()) { $setNames.Add($set.Trim()) }
            }
        }
        $aliases = [System.Collections.Generic.List[string]]::new()
        foreach ($alias in ([string]$yaml['Aliases']).Split(',')) {
            if ($alias.Trim() -and $alias.Trim() -ne 'None') { $aliases.Add($alias.Trim()) }
        }
        $default = [string]$yaml['Default value']

        return [HelpParameterEntry]@{
            Line         = $block.Line
            Type         = $type
            Sets         = $setNames.ToArray()
            Aliases      = $aliases.ToArray()
            Required     = $required.ToLowerInvariant()
            Position     = $position
            Pipeline     = $pipeline
            Globbing     = ([string]$yaml['Accept wildcard characters']) -match '^(?i:true)$'
            DefaultValue = $(if ($default) { $default } else { 'None' })
        }
    }

    # Throws unless a section holds nothing before its first ### heading.
    static [void] AssertNothingBefore([MdSection]$section, [string]$file, [string]$what) {
        if ($null -eq $section.Title -and $section.Blocks.Count -gt 0) {
            throw [MarkdownReader]::PageError($file, $section.Blocks[0].Line, $what)
        }
    }

    static [HelpCommand] Read([System.IO.FileInfo]$path) {
        $file = $path.FullName
        $markdown = [MarkdownReader]::Read($file)
        $titled = [System.Collections.Generic.List[MdSection]]::new()
        foreach ($section in [MarkdownReader]::Split($markdown.Blocks, 1)) {
            if ($null -ne $section.Title) { $titled.Add($section) }
        }
        if ($titled.Count -ne 1) {
            $line = if ($titled.Count -gt 1) { $titled[1].Line } else { 1 }
            throw [MarkdownReader]::PageError($file, $line, "A cmdlet page has exactly one '# Verb-Noun' heading; found $($titled.Count).")
        }
        $name = $titled[0].Title
        if ($name -ne $path.BaseName) {
            throw [MarkdownReader]::PageError($file, $titled[0].Line, "The page is named $($path.Name) but its heading is '# $name'.")
        }
        $nameMatch = [regex]::Match($name, '^([A-Za-z]+)-([A-Za-z0-9]+)$')
        if (-not $nameMatch.Success) {
            throw [MarkdownReader]::PageError($file, $titled[0].Line, "'$name' is not a Verb-Noun cmdlet name.")
        }
        $command = [HelpCommand]@{
            Name          = $name
            Verb          = $nameMatch.Groups[1].Value
            Noun          = $nameMatch.Groups[2].Value
            File          = $file
            HelpFile      = [string]$markdown.FrontMatter['external help file']
            OnlineVersion = [string]$markdown.FrontMatter['online version']
        }

        $seen = @{}
        foreach ($section in [MarkdownReader]::Split($titled[0].Blocks, 2)) {
            if ($null -eq $section.Title) {
                [CommandPageReader]::AssertNothingBefore($section, $file, "Text before the first '## ' section; it belongs under ## SYNOPSIS or ## DESCRIPTION.")
                continue
            }
            $title = $section.Title.ToUpperInvariant()
            if ([CommandPageReader]::KnownSections -notcontains $title) {
                throw [MarkdownReader]::PageError($file, $section.Line, "Unknown section '## $($section.Title)'; expected one of: $([CommandPageReader]::KnownSections -join ', ').")
            }
            if ($seen.ContainsKey($title)) {
                throw [MarkdownReader]::PageError($file, $section.Line, "Section '## $title' appears twice (first at line $($seen[$title])).")
            }
            $seen[$title] = $section.Line

            switch ($title) {
                'SYNOPSIS' {
                    $command.Synopsis = [MarkdownReader]::Paragraphs($section.Blocks)
                    if ($command.Synopsis.Count -eq 0) {
                        throw [MarkdownReader]::PageError($file, $section.Line, '## SYNOPSIS is empty.')
                    }
                }
                'DESCRIPTION' { $command.Description = [MarkdownReader]::Paragraphs($section.Blocks) }
                'NOTES' { $command.Notes = [MarkdownReader]::Paragraphs($section.Blocks) }
                'SYNTAX' { [CommandPageReader]::ReadSyntax($command, $section) }
                'PARAMETERS' { [CommandPageReader]::ReadParameters($command, $section) }
                'INPUTS' { [CommandPageReader]::ReadTypes($command.Inputs, $section) }
                'OUTPUTS' { [CommandPageReader]::ReadTypes($command.Outputs, $section) }
                'EXAMPLES' { [CommandPageReader]::ReadExamples($command, $section) }
                'RELATED LINKS' { [CommandPageReader]::ReadLinks($command, $section) }
            }
        }
        foreach ($required in 'SYNOPSIS', 'SYNTAX') {
            if (-not $seen.ContainsKey($required)) {
                throw [MarkdownReader]::PageError($file, $titled[0].Line, "The page has no '## $required' section.")
            }
        }

        # Every set a parameter names must be a set of ## SYNTAX, and every parameter a syntax line
        # shows must be documented, or the syntax Get-Help prints would be wrong.
        $setNames = [System.Collections.Generic.List[string]]::new()
        foreach ($set in $command.SyntaxSets) { $setNames.Add($set.Name) }
        foreach ($parameter in $command.Parameters) {
            foreach ($entry in $parameter.Entries) {
                foreach ($set in $entry.Sets) {
                    if ($set -ne '(All)' -and -not $setNames.Contains($set)) {
                        throw [MarkdownReader]::PageError($file, $entry.Line, "Parameter -$($parameter.Name) names set '$set', which ## SYNTAX does not have (it has: $($setNames -join ', ')).")
                    }
                }
            }
        }
        foreach ($set in $command.SyntaxSets) {
            foreach ($parameterName in $set.Order) {
                if ($null -eq $command.FindParameter($parameterName)) {
                    throw [MarkdownReader]::PageError($file, $set.Line, "The syntax of set '$($set.Name)' shows -$parameterName, which ## PARAMETERS does not document.")
                }
            }
        }
        return $command
    }

    static [void] ReadSyntax([HelpCommand]$command, [MdSection]$section) {
        foreach ($set in [MarkdownReader]::Split($section.Blocks, 3)) {
            if ($null -eq $set.Title) {
                [CommandPageReader]::AssertNothingBefore($set, $command.File, "Syntax belongs under a '### SetName' heading.")
                continue
            }
            $code = $null
            $codeCount = 0
            foreach ($block in $set.Blocks) {
                if ($block.Kind -eq 'Code') { $code = $block; $codeCount++ }
            }
            if ($codeCount -ne 1) {
                throw [MarkdownReader]::PageError($command.File, $set.Line, "Parameter set '### $($set.Title)' needs exactly one code block with its syntax; it has $codeCount.")
            }
            # Parameter order as the syntax line shows it, for the syntax Get-Help prints.
            $order = [System.Collections.Generic.List[string]]::new()
            foreach ($match in [regex]::Matches(($code.Lines -join ' '), '(?<=[\s\[])-(\w+)')) {
                $order.Add($match.Groups[1].Value)
            }
            $command.SyntaxSets.Add([HelpSyntaxSet]@{
                    Name      = ($set.Title -replace '\s*\(Default\)\s*$', '').Trim()
                    Line      = $set.Line
                    Order     = $order.ToArray()
                    IsDefault = $set.Title -match '\(Default\)\s*$'
                })
        }
        if ($command.SyntaxSets.Count -eq 0) {
            throw [MarkdownReader]::PageError($command.File, $section.Line, '## SYNTAX has no ### parameter set.')
        }
    }

    static [void] ReadParameters([HelpCommand]$command, [MdSection]$section) {
        foreach ($parameter in [MarkdownReader]::Split($section.Blocks, 3)) {
            if ($null -eq $parameter.Title) {
                [CommandPageReader]::AssertNothingBefore($parameter, $command.File, "Parameter text belongs under a '### -Name' heading.")
                continue
            }
            if ($parameter.Title -eq 'CommonParameters') {
                continue
            }
            $nameMatch = [regex]::Match($parameter.Title, '^-(\w+)$')
            if (-not $nameMatch.Success) {
                throw [MarkdownReader]::PageError($command.File, $parameter.Line, "A parameter heading is '### -Name' (or '### CommonParameters'), not '### $($parameter.Title)'.")
            }
            $name = $nameMatch.Groups[1].Value
            if ($null -ne $command.FindParameter($name)) {
                throw [MarkdownReader]::PageError($command.File, $parameter.Line, "Parameter -$name is documented twice.")
            }
            $result = [HelpParameter]@{ Name = $name; Line = $parameter.Line }
            $descriptionBlocks = [System.Collections.Generic.List[MdBlock]]::new()
            foreach ($block in $parameter.Blocks) {
                if ($block.Kind -eq 'Code' -and $block.Language -eq 'yaml') {
                    $result.Entries.Add([CommandPageReader]::ReadYaml($block, $command.File, $name))
                }
                else {
                    $descriptionBlocks.Add($block)
                }
            }
            if ($result.Entries.Count -eq 0) {
                throw [MarkdownReader]::PageError($command.File, $parameter.Line, "Parameter -$name has no ``````yaml block (Type, Parameter Sets, Aliases, Required, Position, Default value, Accept pipeline input, Accept wildcard characters).")
            }
            $result.Description = [MarkdownReader]::Paragraphs($descriptionBlocks)
            $command.Parameters.Add($result)
        }
    }

    static [void] ReadTypes([System.Collections.Generic.List[HelpTypeEntry]]$types, [MdSection]$section) {
        foreach ($entry in [MarkdownReader]::Split($section.Blocks, 3)) {
            $paragraphs = [MarkdownReader]::Paragraphs($entry.Blocks)
            if ($null -ne $entry.Title) {
                $types.Add([HelpTypeEntry]@{ Name = [MarkdownReader]::Inline($entry.Title); Description = $paragraphs })
            }
            elseif ($paragraphs.Count -gt 0) {
                # "None" or a type written as plain text rather than as a ### heading.
                $rest = [string[]]@()
                if ($paragraphs.Count -gt 1) { $rest = $paragraphs[1..($paragraphs.Count - 1)] }
                $types.Add([HelpTypeEntry]@{ Name = $paragraphs[0]; Description = $rest })
            }
        }
    }

    static [void] ReadExamples([HelpCommand]$command, [MdSection]$section) {
        foreach ($example in [MarkdownReader]::Split($section.Blocks, 3)) {
            if ($null -eq $example.Title) {
                [CommandPageReader]::AssertNothingBefore($example, $command.File, "Example text belongs under a '### Example N: Title' heading.")
                continue
            }
            if ($example.Title -notmatch '^Example \d+\s*:\s*\S') {
                throw [MarkdownReader]::PageError($command.File, $example.Line, "Examples are titled '### Example N: What it shows', not '### $($example.Title)'.")
            }
            # The first code block is the example; the text around it explains it (later code blocks stay
            # in the explanation, indented).
            $code = $null
            $rest = [System.Collections.Generic.List[MdBlock]]::new()
            foreach ($block in $example.Blocks) {
                if ($null -eq $code -and $block.Kind -eq 'Code') { $code = $block } else { $rest.Add($block) }
            }
            if ($null -eq $code -or ($code.Lines -join '').Trim().Length -eq 0) {
                throw [MarkdownReader]::PageError($command.File, $example.Line, "'### $($example.Title)' has no code block (or only an empty one).")
            }
            $command.Examples.Add([HelpExample]@{
                    Title   = [MarkdownReader]::Inline($example.Title)
                    Code    = ($code.Lines -join [Environment]::NewLine).TrimEnd()
                    Remarks = [MarkdownReader]::Paragraphs($rest)
                })
        }
    }

    static [void] ReadLinks([HelpCommand]$command, [MdSection]$section) {
        foreach ($block in $section.Blocks) {
            if ($block.Kind -ne 'Text') {
                continue
            }
            foreach ($line in $block.Lines) {
                $text = $line.Trim() -replace '^[-*+]\s+', ''
                $match = [regex]::Match($text, '^\[([^\]]*)\]\(([^)]*)\)$')
                if ($match.Success) {
                    $uri = $match.Groups[2].Value
                    # A link to another page of these docs means nothing to Get-Help; the name is enough.
                    if ($uri -match '\.md$') { $uri = '' }
                    $command.Links.Add([HelpLink]@{ Text = $match.Groups[1].Value; Uri = $uri })
                }
                elseif ($text) {
                    $command.Links.Add([HelpLink]@{ Text = [MarkdownReader]::Inline($text); Uri = '' })
                }
            }
        }
    }
}

class MamlWriter {
    static [string] $MamlNs = 'http://schemas.microsoft.com/maml/2004/10'
    static [string] $CommandNs = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    static [string] $DevNs = 'http://schemas.microsoft.com/maml/dev/2004/10'

    static [void] Description([System.Xml.XmlWriter]$w, [string[]]$paragraphs) {
        $w.WriteStartElement('maml', 'description', [MamlWriter]::MamlNs)
        foreach ($paragraph in $paragraphs) {
            $w.WriteElementString('maml', 'para', [MamlWriter]::MamlNs, $paragraph)
        }
        $w.WriteEndElement()
    }

    static [void] DevType([System.Xml.XmlWriter]$w, [string]$name) {
        $w.WriteStartElement('dev', 'type', [MamlWriter]::DevNs)
        $w.WriteElementString('maml', 'name', [MamlWriter]::MamlNs, $name)
        $w.WriteElementString('maml', 'uri', [MamlWriter]::MamlNs, '')
        $w.WriteEndElement()
    }

    # In a syntax item a switch shows as [-Name], so it gets no parameterValue there.
    static [void] Parameter([System.Xml.XmlWriter]$w, [HelpParameter]$parameter, [HelpParameterEntry]$entry, [bool]$inSyntax) {
        $isSwitch = $entry.Type -match '^(System\.Management\.Automation\.)?SwitchParameter$'
        $w.WriteStartElement('command', 'parameter', [MamlWriter]::CommandNs)
        $w.WriteAttributeString('required', $entry.Required)
        $w.WriteAttributeString('variableLength', $(if ($entry.Type.EndsWith('[]')) { 'true' } else { 'false' }))
        $w.WriteAttributeString('globbing', $entry.Globbing.ToString().ToLowerInvariant())
        $w.WriteAttributeString('pipelineInput', $entry.Pipeline)
        $w.WriteAttributeString('position', $entry.Position)
        $w.WriteAttributeString('aliases', $(if ($entry.Aliases.Count -gt 0) { $entry.Aliases -join ', ' } else { 'none' }))
        $w.WriteElementString('maml', 'name', [MamlWriter]::MamlNs, $parameter.Name)
        [MamlWriter]::Description($w, $parameter.Description)
        if (-not ($inSyntax -and $isSwitch)) {
            $w.WriteStartElement('command', 'parameterValue', [MamlWriter]::CommandNs)
            $w.WriteAttributeString('required', $(if ($isSwitch) { 'false' } else { 'true' }))
            $w.WriteAttributeString('variableLength', 'false')
            $w.WriteString($entry.Type)
            $w.WriteEndElement()
        }
        [MamlWriter]::DevType($w, $entry.Type)
        $w.WriteElementString('dev', 'defaultValue', [MamlWriter]::DevNs, $entry.DefaultValue)
        $w.WriteEndElement()
    }

    # The yaml entry of a parameter that applies to a set, or $null when the parameter is not in it.
    static [HelpParameterEntry] EntryFor([HelpParameter]$parameter, [string]$setName) {
        foreach ($entry in $parameter.Entries) {
            if ($entry.Sets -contains '(All)' -or $entry.Sets -contains $setName) {
                return $entry
            }
        }
        return $null
    }

    static [void] Syntax([System.Xml.XmlWriter]$w, [HelpCommand]$command) {
        $w.WriteStartElement('command', 'syntax', [MamlWriter]::CommandNs)
        $sets = [System.Collections.Generic.List[HelpSyntaxSet]]::new()
        foreach ($set in $command.SyntaxSets) { if ($set.IsDefault) { $sets.Add($set) } }
        foreach ($set in $command.SyntaxSets) { if (-not $set.IsDefault) { $sets.Add($set) } }
        foreach ($set in $sets) {
            $w.WriteStartElement('command', 'syntaxItem', [MamlWriter]::CommandNs)
            $w.WriteElementString('maml', 'name', [MamlWriter]::MamlNs, $command.Name)
            # Parameters in the order the page's syntax line shows them; any it leaves out follow, by
            # position, required before optional, then page order.
            # Sort keys end with the parameter's index, so sorting the keys alone orders the parameters.
            $keys = [System.Collections.Generic.List[string]]::new()
            for ($n = 0; $n -lt $command.Parameters.Count; $n++) {
                $parameter = $command.Parameters[$n]
                $entry = [MamlWriter]::EntryFor($parameter, $set.Name)
                if ($null -eq $entry) { continue }
                $index = [array]::IndexOf($set.Order, $parameter.Name)
                $key = '{0:D6}{1:D6}{2}{3:D6}' -f $(if ($index -ge 0) { $index } else { 999999 }),
                $(if ($entry.Position -eq 'named') { 999999 } else { [int]$entry.Position }),
                $(if ($entry.Required -eq 'true') { 0 } else { 1 }), $n
                $keys.Add($key)
            }
            $keys.Sort([StringComparer]::Ordinal)
            foreach ($key in $keys) {
                $parameter = $command.Parameters[[int]$key.Substring($key.Length - 6)]
                [MamlWriter]::Parameter($w, $parameter, [MamlWriter]::EntryFor($parameter, $set.Name), $true)
            }
            $w.WriteEndElement()
        }
        $w.WriteEndElement()
    }

    static [void] Types([System.Xml.XmlWriter]$w, [string]$list, [string]$item, [System.Collections.Generic.List[HelpTypeEntry]]$types) {
        $w.WriteStartElement('command', $list, [MamlWriter]::CommandNs)
        foreach ($type in $types) {
            $w.WriteStartElement('command', $item, [MamlWriter]::CommandNs)
            [MamlWriter]::DevType($w, $type.Name)
            [MamlWriter]::Description($w, $type.Description)
            $w.WriteEndElement()
        }
        $w.WriteEndElement()
    }

    static [void] WriteCommand([System.Xml.XmlWriter]$w, [HelpCommand]$command) {
        $w.WriteStartElement('command', 'command', [MamlWriter]::CommandNs)
        $w.WriteAttributeString('xmlns', 'maml', $null, [MamlWriter]::MamlNs)
        $w.WriteAttributeString('xmlns', 'command', $null, [MamlWriter]::CommandNs)
        $w.WriteAttributeString('xmlns', 'dev', $null, [MamlWriter]::DevNs)

        $w.WriteStartElement('command', 'details', [MamlWriter]::CommandNs)
        $w.WriteElementString('command', 'name', [MamlWriter]::CommandNs, $command.Name)
        $w.WriteElementString('command', 'verb', [MamlWriter]::CommandNs, $command.Verb)
        $w.WriteElementString('command', 'noun', [MamlWriter]::CommandNs, $command.Noun)
        [MamlWriter]::Description($w, $command.Synopsis)
        $w.WriteEndElement()

        [MamlWriter]::Description($w, $command.Description)
        [MamlWriter]::Syntax($w, $command)

        $w.WriteStartElement('command', 'parameters', [MamlWriter]::CommandNs)
        foreach ($parameter in $command.Parameters) {
            [MamlWriter]::Parameter($w, $parameter, $parameter.Entries[0], $false)
        }
        $w.WriteEndElement()

        [MamlWriter]::Types($w, 'inputTypes', 'inputType', $command.Inputs)
        [MamlWriter]::Types($w, 'returnValues', 'returnValue', $command.Outputs)

        $w.WriteStartElement('maml', 'alertSet', [MamlWriter]::MamlNs)
        $w.WriteStartElement('maml', 'alert', [MamlWriter]::MamlNs)
        foreach ($paragraph in $command.Notes) {
            $w.WriteElementString('maml', 'para', [MamlWriter]::MamlNs, $paragraph)
        }
        $w.WriteEndElement()
        $w.WriteEndElement()

        $w.WriteStartElement('command', 'examples', [MamlWriter]::CommandNs)
        foreach ($example in $command.Examples) {
            $w.WriteStartElement('command', 'example', [MamlWriter]::CommandNs)
            $w.WriteElementString('maml', 'title', [MamlWriter]::MamlNs, $example.Title)
            $w.WriteElementString('dev', 'code', [MamlWriter]::DevNs, $example.Code)
            $w.WriteStartElement('dev', 'remarks', [MamlWriter]::DevNs)
            foreach ($paragraph in $example.Remarks) {
                $w.WriteElementString('maml', 'para', [MamlWriter]::MamlNs, $paragraph)
            }
            # An empty last paragraph: Get-Help then leaves a blank line before the next example's title.
            $w.WriteElementString('maml', 'para', [MamlWriter]::MamlNs, '')
            $w.WriteEndElement()
            $w.WriteEndElement()
        }
        $w.WriteEndElement()

        $w.WriteStartElement('command', 'relatedLinks', [MamlWriter]::CommandNs)
        $links = [System.Collections.Generic.List[HelpLink]]::new()
        if ($command.OnlineVersion) {
            # Get-Help -Online opens the uri of the first link.
            $links.Add([HelpLink]@{ Text = 'Online Version:'; Uri = $command.OnlineVersion })
        }
        $links.AddRange($command.Links)
        foreach ($link in $links) {
            $w.WriteStartElement('maml', 'navigationLink', [MamlWriter]::MamlNs)
            $w.WriteElementString('maml', 'linkText', [MamlWriter]::MamlNs, $link.Text)
            $w.WriteElementString('maml', 'uri', [MamlWriter]::MamlNs, $link.Uri)
            $w.WriteEndElement()
        }
        $w.WriteEndElement()

        $w.WriteEndElement()
    }

    static [void] WriteFile([string]$path, [System.Collections.Generic.IEnumerable[HelpCommand]]$commands) {
        $settings = [System.Xml.XmlWriterSettings]::new()
        $settings.Indent = $true
        $settings.IndentChars = '  '
        $settings.NewLineChars = "`n"
        $settings.Encoding = [System.Text.UTF8Encoding]::new($false)
        $w = [System.Xml.XmlWriter]::Create($path, $settings)
        try {
            $w.WriteStartDocument()
            # The root of PowerShell's own help files: <helpItems schema="maml" xmlns="http://msh">.
            $w.WriteStartElement('helpItems', 'http://msh')
            $w.WriteAttributeString('schema', 'maml')
            foreach ($command in $commands) {
                [MamlWriter]::WriteCommand($w, $command)
            }
            $w.WriteEndElement()
            $w.WriteEndDocument()
        }
        finally {
            $w.Dispose()
        }
    }
}

class AboutWriter {
    static [int] $Width = 80

    # Words of $text wrapped at 80 columns: the first line indented by $indent, the rest by $hanging.
    static [string[]] Wrap([string]$text, [int]$indent, [int]$hanging) {
        $lines = [System.Collections.Generic.List[string]]::new()
        $current = [System.Text.StringBuilder]::new(' ' * $indent)
        $empty = $true
        foreach ($word in $text.Split([char[]]" `t", [System.StringSplitOptions]::RemoveEmptyEntries)) {
            if (-not $empty -and $current.Length + 1 + $word.Length -gt [AboutWriter]::Width) {
                $lines.Add($current.ToString())
                $current = [System.Text.StringBuilder]::new(' ' * $hanging)
                $empty = $true
            }
            if (-not $empty) {
                $null = $current.Append(' ')
            }
            $null = $current.Append($word)
            $empty = $false
        }
        if (-not $empty) {
            $lines.Add($current.ToString())
        }
        return $lines.ToArray()
    }

    # A markdown table as aligned columns, or one block per row ("header: value" lines) when it would
    # not fit in 80 columns.
    static [string[]] Table([System.Collections.Generic.List[string]]$rows, [int]$indent) {
        $cells = [System.Collections.Generic.List[string[]]]::new()
        foreach ($row in $rows) {
            if ($row -match '^\s*\|?\s*:?-{2,}') { continue }
            $values = $row.Trim().Trim('|').Split('|')
            for ($c = 0; $c -lt $values.Count; $c++) { $values[$c] = [MarkdownReader]::Inline($values[$c].Trim()) }
            $cells.Add($values)
        }
        $columns = 0
        foreach ($row in $cells) { $columns = [math]::Max($columns, $row.Count) }
        $widths = [int[]]::new($columns)
        foreach ($row in $cells) {
            for ($c = 0; $c -lt $row.Count; $c++) { $widths[$c] = [math]::Max($widths[$c], $row[$c].Length) }
        }
        $total = $indent + 2 * ($columns - 1)
        foreach ($width in $widths) { $total += $width }

        $out = [System.Collections.Generic.List[string]]::new()
        $pad = ' ' * $indent
        if ($total -le [AboutWriter]::Width) {
            for ($r = 0; $r -lt $cells.Count; $r++) {
                $parts = for ($c = 0; $c -lt $columns; $c++) { $(if ($c -lt $cells[$r].Count) { $cells[$r][$c] } else { '' }).PadRight($widths[$c]) }
                $out.Add(($pad + ($parts -join '  ')).TrimEnd())
                if ($r -eq 0) {
                    $rules = foreach ($width in $widths) { '-' * $width }
                    $out.Add($pad + ($rules -join '  '))
                }
            }
            return $out.ToArray()
        }
        $header = $cells[0]
        for ($r = 1; $r -lt $cells.Count; $r++) {
            $row = $cells[$r]
            $out.AddRange([AboutWriter]::Wrap($row[0], $indent, $indent))
            for ($c = 1; $c -lt $row.Count; $c++) {
                $label = if ($c -lt $header.Count -and $header[$c]) { "$($header[$c]): " } else { '' }
                $out.AddRange([AboutWriter]::Wrap($label + $row[$c], $indent + 4, $indent + 6))
            }
            if ($r -lt $cells.Count - 1) { $out.Add('') }
        }
        return $out.ToArray()
    }

    # about_*.help.txt from about_*.md: "## TOPIC" is the first heading; "## X" becomes an upper-case
    # header at column 0, "### Y" an underlined sub-header; text is indented 4 and wrapped at 80 columns;
    # list items hang; code is indented 8 and never wrapped.
    static [string] Convert([System.IO.FileInfo]$path) {
        $file = $path.FullName
        $markdown = [MarkdownReader]::Read($file)
        $blocks = $markdown.Blocks
        if ($blocks.Count -eq 0 -or $blocks[0].Kind -ne 'Heading' -or $blocks[0].Text -ne 'TOPIC') {
            $line = if ($blocks.Count -gt 0) { $blocks[0].Line } else { 1 }
            throw [MarkdownReader]::PageError($file, $line, "An about page starts with the heading '## TOPIC'.")
        }
        $hasShort = $false
        foreach ($block in $blocks) {
            if ($block.Kind -eq 'Heading' -and $block.Text -eq 'SHORT DESCRIPTION') { $hasShort = $true }
        }
        if (-not $hasShort) {
            throw [MarkdownReader]::PageError($file, 1, "An about page needs a '## SHORT DESCRIPTION' section.")
        }

        $out = [System.Collections.Generic.List[string]]::new()
        foreach ($block in $blocks) {
            if ($block.Kind -eq 'Heading') {
                if ($out.Count -gt 0 -and $out[$out.Count - 1] -ne '') { $out.Add('') }
                $text = [MarkdownReader]::Inline($block.Text)
                if ($block.Level -le 2) {
                    $out.Add($text.ToUpperInvariant())
                }
                else {
                    $out.Add("    $text")
                    $out.Add('    ' + ('-' * $text.Length))
                }
                continue
            }
            if ($block.Kind -eq 'Code') {
                foreach ($line in $block.Lines) { $out.Add(("        $line").TrimEnd()) }
                $out.Add('')
                continue
            }
            if ($block.Lines[0].TrimStart().StartsWith('|')) {
                $out.AddRange([AboutWriter]::Table($block.Lines, 4))
                $out.Add('')
                continue
            }
            # A paragraph, or list items that each hang under their bullet.
            $bullets = [System.Collections.Generic.List[string]]::new()
            $depths = [System.Collections.Generic.List[int]]::new()
            $texts = [System.Collections.Generic.List[string]]::new()
            foreach ($line in $block.Lines) {
                $item = [regex]::Match($line, '^(\s*)([-*+]|\d+[.)])\s+(.*)$')
                if ($item.Success) {
                    $bullets.Add($(if ($item.Groups[2].Value -match '^\d') { $item.Groups[2].Value } else { '-' }))
                    $depths.Add([math]::Floor($item.Groups[1].Value.Length / 2))
                    $texts.Add($item.Groups[3].Value.Trim())
                }
                elseif ($texts.Count -gt 0) {
                    $texts[$texts.Count - 1] += ' ' + $line.Trim()
                }
                else {
                    $bullets.Add('')
                    $depths.Add(0)
                    $texts.Add($line.Trim())
                }
            }
            for ($n = 0; $n -lt $texts.Count; $n++) {
                $text = [MarkdownReader]::Inline($texts[$n])
                if ($bullets[$n]) {
                    $indent = 4 + 2 * $depths[$n]
                    $out.AddRange([AboutWriter]::Wrap("$($bullets[$n]) $text", $indent, $indent + $bullets[$n].Length + 1))
                }
                else {
                    $out.AddRange([AboutWriter]::Wrap($text, 4, 4))
                }
            }
            $out.Add('')
        }
        while ($out.Count -gt 0 -and $out[$out.Count - 1] -eq '') { $out.RemoveAt($out.Count - 1) }
        return ($out -join "`n") + "`n"
    }
}

$source = $PSCmdlet.GetUnresolvedProviderPathFromPSPath($SourcePath)
if (-not [System.IO.Directory]::Exists($source)) {
    throw "The help source folder '$source' does not exist."
}
$destination = $PSCmdlet.GetUnresolvedProviderPathFromPSPath($DestinationPath)
$null = [System.IO.Directory]::CreateDirectory($destination)
$utf8 = [System.Text.UTF8Encoding]::new($false)

# Cmdlet pages, grouped by the help file their front matter names (all of ours: one).
$defaultHelpFile = 'FacebookToken.Module.dll-Help.xml'
$groups = [ordered]@{}
$pages = ([System.IO.DirectoryInfo]$source).GetFiles('*-*.md')
[array]::Sort([string[]]$pages.Name, $pages, [StringComparer]::OrdinalIgnoreCase)
foreach ($page in $pages) {
    if ($page.Name -like 'README*') {
        continue
    }
    $command = [CommandPageReader]::Read($page)
    $helpFile = if ($command.HelpFile) { $command.HelpFile } else { $defaultHelpFile }
    if (-not $groups.Contains($helpFile)) {
        $groups[$helpFile] = [System.Collections.Generic.List[HelpCommand]]::new()
    }
    $groups[$helpFile].Add($command)
}

$moduleRoot = [System.IO.Path]::GetDirectoryName($destination.TrimEnd('/', '\'))
$culture = [System.IO.Path]::GetFileName($destination.TrimEnd('/', '\'))
$written = [System.Collections.Generic.List[string]]::new()
$commandCount = 0
foreach ($helpFile in $groups.Keys) {
    $target = [System.IO.Path]::Combine($destination, $helpFile)
    [MamlWriter]::WriteFile($target, $groups[$helpFile])
    $written.Add($target)
    $commandCount += $groups[$helpFile].Count

    # Get-Help finds a binary cmdlet's help in <culture>/ next to the assembly: bin/<tfm>/en-US/.
    $assemblyName = $helpFile -replace '-Help\.xml$', ''
    $binRoot = [System.IO.Path]::Combine($moduleRoot, 'bin')
    if ([System.IO.Directory]::Exists($binRoot)) {
        foreach ($framework in [System.IO.Directory]::GetDirectories($binRoot)) {
            if ([System.IO.File]::Exists([System.IO.Path]::Combine($framework, $assemblyName))) {
                $cultureDir = [System.IO.Directory]::CreateDirectory([System.IO.Path]::Combine($framework, $culture)).FullName
                $copy = [System.IO.Path]::Combine($cultureDir, $helpFile)
                [System.IO.File]::Copy($target, $copy, $true)
                $written.Add($copy)
            }
        }
    }
}

foreach ($about in ([System.IO.DirectoryInfo]$source).GetFiles('about_*.md')) {
    $target = [System.IO.Path]::Combine($destination, $about.BaseName + '.help.txt')
    [System.IO.File]::WriteAllText($target, [AboutWriter]::Convert($about), $utf8)
    $written.Add($target)
}

Write-Host ("Help: {0} cmdlet page(s), {1} file(s) written under {2} in {3:N1} s" -f $commandCount, $written.Count, $moduleRoot, $stopwatch.Elapsed.TotalSeconds) -ForegroundColor Green
foreach ($path in $written) {
    Write-Verbose "Wrote $path"
}
