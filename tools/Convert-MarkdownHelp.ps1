#requires -Version 7.2
<#
.SYNOPSIS
    Turns the platyPS-layout markdown in docs/ into the help files Get-Help reads.

.DESCRIPTION
    Every docs/*.md whose YAML front matter has an "external help file:" key is one cmdlet page
    (platyPS schema 2.0.0). All pages naming the same help file become one MAML file in OutputPath,
    such as AwsContainerInventory.dll-Help.xml. Every docs/about_*.md becomes a plain-text about topic,
    about_<Name>.help.txt, in OutputPath too.

    As in platyPS, the MAML syntax is built from the parameters' yaml metadata, in the order the
    page's syntax block names them; the block itself is not copied.

    A malformed page stops the conversion with an error naming the file and what is wrong: a missing
    section, a parameter section without a description or yaml block, a yaml block without a required
    key, or a syntax block that disagrees with the parameters' yaml.

    Get-Help reads both files only from <ModuleBase>/<culture>, the folder of the module manifest
    (not the folder of the module assembly): for this repository and its package, en-US/ beside
    AwsContainerInventory.psd1.

.EXAMPLE
    ./tools/Convert-MarkdownHelp.ps1 -DocsPath docs -OutputPath en-US
#>
[CmdletBinding()]
param(
    [string] $DocsPath = (Join-Path $PSScriptRoot '../docs'),
    [string] $OutputPath = (Join-Path $PSScriptRoot '../en-US')
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$RequiredSections = 'SYNOPSIS', 'SYNTAX', 'DESCRIPTION', 'EXAMPLES', 'PARAMETERS', 'INPUTS', 'OUTPUTS', 'NOTES', 'RELATED LINKS'
$RequiredYamlKeys = 'Type', 'Parameter Sets', 'Aliases', 'Required', 'Position', 'Default value', 'Accept pipeline input', 'Accept wildcard characters'
$Namespaces = [ordered]@{
    maml    = 'http://schemas.microsoft.com/maml/2004/10'
    command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    dev     = 'http://schemas.microsoft.com/maml/dev/2004/10'
    MSHelp  = 'http://msdn.microsoft.com/mshelp'
}

#region Markdown reading

function Test-Fence([string] $Line) { $Line -match '^\s{0,3}```' }

function Read-MarkdownPage {
    <# Front matter, the H1 title and the H2 sections (name -> lines) of one page; headings inside code fences are text. #>
    param([Parameter(Mandatory)][string] $Path)

    $lines = (Get-Content -LiteralPath $Path -Raw -Encoding utf8) -replace "`r`n?", "`n" -split "`n"
    $frontMatter = [ordered]@{}
    $start = 0
    if ($lines.Count -gt 0 -and $lines[0] -eq '---') {
        $end = [Array]::IndexOf($lines, '---', 1)
        if ($end -lt 0) { throw "${Path}: the front matter has no closing '---'." }
        foreach ($line in $lines[1..($end - 1)]) {
            if ($line -match '^([^:]+):\s*(.*)$') { $frontMatter[$Matches[1].Trim()] = $Matches[2].Trim() }
        }
        $start = $end + 1
    }

    $title = $null
    $sections = [ordered]@{}
    $current = $null
    $inFence = $false
    for ($i = $start; $i -lt $lines.Count; $i++) {
        $line = $lines[$i]
        if (Test-Fence $line) { $inFence = -not $inFence }
        if (-not $inFence -and $line -match '^# (.+)$' -and $null -eq $title) {
            $title = $Matches[1].Trim()
            continue
        }
        if (-not $inFence -and $line -match '^## (.+)$') {
            $name = $Matches[1].Trim()
            if ($sections.Contains($name)) { throw "${Path}: the section '## $name' appears twice." }
            $current = [System.Collections.Generic.List[string]]::new()
            $sections[$name] = $current
            continue
        }
        if ($null -ne $current) { $current.Add($line) }
    }
    if ($inFence) { throw "${Path}: a code fence is not closed." }

    [pscustomobject]@{ Path = $Path; FrontMatter = $frontMatter; Title = $title; Sections = $sections }
}

function Split-Subsection {
    <# Splits a section's lines at its H3 headings: the text before the first one, then one entry per heading. #>
    param([string[]] $Lines)

    $preamble = [System.Collections.Generic.List[string]]::new()
    $subsections = [System.Collections.Generic.List[object]]::new()
    $target = $preamble
    $inFence = $false
    foreach ($line in $Lines) {
        if (Test-Fence $line) { $inFence = -not $inFence }
        if (-not $inFence -and $line -match '^### (.+)$') {
            $target = [System.Collections.Generic.List[string]]::new()
            $subsections.Add([pscustomobject]@{ Heading = $Matches[1].Trim(); Lines = $target })
            continue
        }
        $target.Add($line)
    }
    [pscustomobject]@{ Preamble = $preamble.ToArray(); Subsections = $subsections.ToArray() }
}

function Split-CodeBlock {
    <# The fenced blocks of some lines (language and text), and the prose before, between and after them. #>
    param([string[]] $Lines)

    $blocks = [System.Collections.Generic.List[object]]::new()
    $prose = [System.Collections.Generic.List[object]]::new()   # one line list per stretch of prose
    $text = [System.Collections.Generic.List[string]]::new()
    $code = $null
    $language = ''
    foreach ($line in $Lines) {
        if (Test-Fence $line) {
            if ($null -eq $code) {
                $prose.Add($text.ToArray())
                $text = [System.Collections.Generic.List[string]]::new()
                $language = ($line.Trim() -replace '^```', '').Trim()
                $code = [System.Collections.Generic.List[string]]::new()
            }
            else {
                $blocks.Add([pscustomobject]@{ Language = $language; Text = ($code -join "`n") })
                $code = $null
            }
            continue
        }
        if ($null -ne $code) { $code.Add($line) } else { $text.Add($line) }
    }
    $prose.Add($text.ToArray())
    [pscustomobject]@{ Blocks = $blocks.ToArray(); Prose = $prose.ToArray() }
}

function Join-Prose([object[]] $Stretches) {
    <# The prose stretches around code blocks as one line list, kept apart by blank lines. #>
    $lines = [System.Collections.Generic.List[string]]::new()
    foreach ($stretch in $Stretches) {
        $lines.AddRange([string[]]@($stretch))
        $lines.Add('')
    }
    , $lines.ToArray()
}

function ConvertTo-PlainText([string] $Text) {
    <# Inline markdown to console text: `code` -> code, **bold** -> bold, [text](url) -> text (url). #>
    $Text = [regex]::Replace($Text, '\[([^\]]+)\]\(([^)]+)\)', '$1 ($2)')
    $Text = [regex]::Replace($Text, '\*\*([^*]+)\*\*', '$1')
    [regex]::Replace($Text, '`([^`]+)`', '$1')
}

function Test-ListItem([string] $Line) { $Line -match '^\s*([-*]|\d+\.)\s+' }

function ConvertTo-Paragraph {
    <#
        Prose lines to paragraphs: blank lines separate paragraphs, wrapped lines are joined, and each
        list item is a line of its own. Fenced code inside prose is kept line by line.
    #>
    param([string[]] $Lines)

    $paragraphs = [System.Collections.Generic.List[string]]::new()
    $split = Split-CodeBlock $Lines
    for ($i = 0; $i -lt $split.Prose.Count; $i++) {
        $current = [System.Collections.Generic.List[string]]::new()
        foreach ($line in @($split.Prose[$i]) + '') {
            if ([string]::IsNullOrWhiteSpace($line)) {
                # Inline markup is removed once the paragraph is whole: a `code span` may wrap across lines.
                if ($current.Count -gt 0) { $paragraphs.Add((ConvertTo-PlainText ($current -join "`n"))) }
                $current = [System.Collections.Generic.List[string]]::new()
            }
            elseif ($current.Count -gt 0 -and -not (Test-ListItem $line)) {
                $current[$current.Count - 1] += ' ' + $line.Trim()
            }
            else {
                $current.Add($line.Trim())
            }
        }
        if ($i -lt $split.Blocks.Count) { $paragraphs.Add($split.Blocks[$i].Text) }
    }
    , $paragraphs.ToArray()
}

function ConvertFrom-YamlBlock {
    <# The "Key: value" lines of a parameter's yaml block. #>
    param([string] $Text, [string] $Where)

    $values = [ordered]@{}
    foreach ($line in $Text -split "`n") {
        if ([string]::IsNullOrWhiteSpace($line)) { continue }
        if ($line -notmatch '^([A-Za-z][A-Za-z ]*):\s*(.*)$') { throw "${Where}: '$line' is not a 'Key: value' line." }
        $values[$Matches[1].Trim()] = $Matches[2].Trim()
    }
    foreach ($key in $RequiredYamlKeys) {
        if (-not $values.Contains($key)) { throw "${Where}: the yaml block has no '$key' key." }
    }
    $values
}

#endregion

#region Page model

function Get-CommandHelp {
    <# Reads one cmdlet page into the model the MAML writer uses; throws when the page is malformed. #>
    param([Parameter(Mandatory)][psobject] $Page)

    $path = $Page.Path
    $name = $Page.Title
    if (-not $name) { throw "${path}: the page has no '# <Command name>' title." }
    $expected = [IO.Path]::GetFileNameWithoutExtension($path)
    if ($name -ne $expected) { throw "${path}: the title '$name' does not match the file name '$expected'." }
    if ($name -notmatch '^(\w+)-(\w+)$') { throw "${path}: '$name' is not a Verb-Noun command name." }
    $verb, $noun = $Matches[1], $Matches[2]
    foreach ($section in $RequiredSections) {
        if (-not $Page.Sections.Contains($section)) { throw "${path}: the section '## $section' is missing." }
    }

    $synopsis = ConvertTo-Paragraph $Page.Sections['SYNOPSIS']
    if ($synopsis.Count -eq 0) { throw "${path}: the SYNOPSIS is empty." }
    $description = ConvertTo-Paragraph $Page.Sections['DESCRIPTION']
    if ($description.Count -eq 0) { throw "${path}: the DESCRIPTION is empty." }

    # Parameters: a description and one yaml block per distinct metadata (platyPS's rule).
    $parameters = [ordered]@{}
    foreach ($sub in (Split-Subsection $Page.Sections['PARAMETERS']).Subsections) {
        if ($sub.Heading -eq 'CommonParameters') { continue }
        if ($sub.Heading -notmatch '^-(\w+)$') { throw "${path}: '### $($sub.Heading)' under PARAMETERS is not '### -<Name>'." }
        $parameterName = $Matches[1]
        $where = "${path}: parameter -$parameterName"
        $split = Split-CodeBlock $sub.Lines
        $yamlBlocks = @($split.Blocks | Where-Object Language -EQ 'yaml')
        if ($yamlBlocks.Count -eq 0) { throw "${where} has no yaml block." }
        $text = ConvertTo-Paragraph (Join-Prose $split.Prose)
        if ($text.Count -eq 0) { throw "${where} has no description." }
        $metadata = @($yamlBlocks | ForEach-Object { ConvertFrom-YamlBlock $_.Text $where })
        $parameters[$parameterName] = [pscustomobject]@{ Name = $parameterName; Description = $text; Metadata = $metadata }
    }

    # Syntax: one H3 per parameter set, whose block gives the order of its parameters.
    $syntax = [System.Collections.Generic.List[object]]::new()
    foreach ($sub in (Split-Subsection $Page.Sections['SYNTAX']).Subsections) {
        if ($sub.Heading -notmatch '^(\S+)( \(Default\))?$') { throw "${path}: '### $($sub.Heading)' under SYNTAX is not a parameter set name." }
        $setName = $Matches[1]
        $blocks = @((Split-CodeBlock $sub.Lines).Blocks)
        if ($blocks.Count -ne 1) { throw "${path}: the syntax of parameter set '$setName' must be one code block." }
        $code = $blocks[0].Text.Trim()
        if (-not $code.StartsWith("$name ", [StringComparison]::OrdinalIgnoreCase) -and $code -ne $name) {
            throw "${path}: the syntax of parameter set '$setName' does not start with '$name'."
        }
        $named = @([regex]::Matches($code, '(?<=[\s\[])-(\w+)') | ForEach-Object { $_.Groups[1].Value })
        $items = foreach ($parameterName in $named) {
            if (-not $parameters.Contains($parameterName)) { throw "${path}: the syntax of '$setName' names -$parameterName, which has no parameter section." }
            $metadata = Get-SetMetadata $parameters[$parameterName] $setName
            if (-not $metadata) { throw "${path}: the syntax of '$setName' names -$parameterName, whose yaml does not list that parameter set." }
            [pscustomobject]@{ Parameter = $parameters[$parameterName]; Metadata = $metadata }
        }
        foreach ($parameter in $parameters.Values) {
            if ($parameter.Name -notin $named -and (Get-SetMetadata $parameter $setName)) {
                throw "${path}: -$($parameter.Name) belongs to parameter set '$setName' by its yaml but is missing from that syntax block."
            }
        }
        $syntax.Add([pscustomobject]@{ SetName = $setName; Items = @($items) })
    }
    if ($syntax.Count -eq 0) { throw "${path}: the SYNTAX has no '### <Parameter set>' block." }

    $examples = foreach ($sub in (Split-Subsection $Page.Sections['EXAMPLES']).Subsections) {
        $split = Split-CodeBlock $sub.Lines
        if ($split.Blocks.Count -eq 0) { throw "${path}: the example '$($sub.Heading)' has no code block." }
        [pscustomobject]@{
            Title        = $sub.Heading
            Introduction = ConvertTo-Paragraph $split.Prose[0]
            Code         = ($split.Blocks.Text -join "`n`n")
            Remarks      = ConvertTo-Paragraph (Join-Prose $split.Prose[1..($split.Prose.Count - 1)])
        }
    }
    if (@($examples).Count -eq 0) { throw "${path}: the EXAMPLES section has no '### Example' entry." }

    $links = [System.Collections.Generic.List[object]]::new()
    if ($Page.FrontMatter['online version']) { $links.Add([pscustomobject]@{ Text = 'Online Version:'; Uri = $Page.FrontMatter['online version'] }) }
    foreach ($line in $Page.Sections['RELATED LINKS']) {
        # A link to another page of docs/ means nothing in console help: keep its text, drop the path.
        if ($line -match '^\s*\[([^\]]+)\]\(([^)]*)\)') {
            $uri = if ($Matches[2] -match '^https?://') { $Matches[2] } else { '' }
            $links.Add([pscustomobject]@{ Text = $Matches[1]; Uri = $uri })
        }
    }

    [pscustomobject]@{
        Name        = $name
        Verb        = $verb
        Noun        = $noun
        HelpFile    = $Page.FrontMatter['external help file']
        Synopsis    = $synopsis
        Description = $description
        Syntax      = $syntax.ToArray()
        Parameters  = @($parameters.Values)
        Inputs      = Get-TypeEntry $Page.Sections['INPUTS']
        Outputs     = Get-TypeEntry $Page.Sections['OUTPUTS']
        Notes       = ConvertTo-Paragraph $Page.Sections['NOTES']
        Examples    = @($examples)
        Links       = $links.ToArray()
    }
}

function Get-SetMetadata($Parameter, [string] $SetName) {
    <# The yaml block of a parameter that covers a parameter set ("(All)" covers every set). #>
    foreach ($metadata in $Parameter.Metadata) {
        $sets = $metadata['Parameter Sets'] -split ',' | ForEach-Object Trim
        if ($sets -contains '(All)' -or $sets -contains $SetName) { return $metadata }
    }
}

function Get-TypeEntry([string[]] $Lines) {
    <# INPUTS / OUTPUTS: one "### <type>" per entry, with its description. #>
    foreach ($sub in (Split-Subsection $Lines).Subsections) {
        [pscustomobject]@{ Type = ConvertTo-PlainText $sub.Heading; Description = ConvertTo-Paragraph $sub.Lines }
    }
}

#endregion

#region MAML writing

function Write-Para([System.Xml.XmlWriter] $Writer, [string[]] $Paragraphs) {
    foreach ($paragraph in $Paragraphs) { $Writer.WriteElementString('maml', 'para', $Namespaces.maml, $paragraph) }
    if (-not $Paragraphs) { $Writer.WriteElementString('maml', 'para', $Namespaces.maml, '') }
}

function Write-Description([System.Xml.XmlWriter] $Writer, [string[]] $Paragraphs) {
    $Writer.WriteStartElement('maml', 'description', $Namespaces.maml)
    Write-Para $Writer $Paragraphs
    $Writer.WriteEndElement()
}

function Write-Parameter([System.Xml.XmlWriter] $Writer, $Parameter, $Metadata, [switch] $InSyntax) {
    $type = $Metadata['Type']
    $isSwitch = $type -eq 'SwitchParameter'
    $position = if ($Metadata['Position'] -match '^\d+$') { $Metadata['Position'] } else { 'named' }
    $aliases = if ($Metadata['Aliases']) { $Metadata['Aliases'] } else { 'none' }

    $Writer.WriteStartElement('command', 'parameter', $Namespaces.command)
    $Writer.WriteAttributeString('required', $Metadata['Required'].ToLowerInvariant())
    $Writer.WriteAttributeString('variableLength', $type.EndsWith('[]').ToString().ToLowerInvariant())
    $Writer.WriteAttributeString('globbing', $Metadata['Accept wildcard characters'].ToLowerInvariant())
    $Writer.WriteAttributeString('pipelineInput', $Metadata['Accept pipeline input'])
    $Writer.WriteAttributeString('position', $position)
    $Writer.WriteAttributeString('aliases', $aliases)
    $Writer.WriteElementString('maml', 'name', $Namespaces.maml, $Parameter.Name)
    Write-Description $Writer $Parameter.Description
    # Get-Help shows a switch in the syntax as [-Name], without a value.
    if (-not ($InSyntax -and $isSwitch)) {
        $Writer.WriteStartElement('command', 'parameterValue', $Namespaces.command)
        $Writer.WriteAttributeString('required', (-not $isSwitch).ToString().ToLowerInvariant())
        $Writer.WriteAttributeString('variableLength', 'false')
        $Writer.WriteString($type)
        $Writer.WriteEndElement()
    }
    $Writer.WriteStartElement('dev', 'type', $Namespaces.dev)
    $Writer.WriteElementString('maml', 'name', $Namespaces.maml, $type)
    $Writer.WriteElementString('maml', 'uri', $Namespaces.maml, '')
    $Writer.WriteEndElement()
    $Writer.WriteElementString('dev', 'defaultValue', $Namespaces.dev, $(if ($Metadata['Default value']) { $Metadata['Default value'] } else { 'None' }))
    $Writer.WriteEndElement()
}

function Write-TypeList([System.Xml.XmlWriter] $Writer, [string] $ListName, [string] $ItemName, $Entries) {
    $Writer.WriteStartElement('command', $ListName, $Namespaces.command)
    foreach ($entry in $Entries) {
        $Writer.WriteStartElement('command', $ItemName, $Namespaces.command)
        $Writer.WriteStartElement('dev', 'type', $Namespaces.dev)
        $Writer.WriteElementString('maml', 'name', $Namespaces.maml, $entry.Type)
        $Writer.WriteEndElement()
        Write-Description $Writer $entry.Description
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()
}

function Write-Command([System.Xml.XmlWriter] $Writer, $Help) {
    $Writer.WriteStartElement('command', 'command', $Namespaces.command)
    foreach ($prefix in $Namespaces.Keys) { $Writer.WriteAttributeString('xmlns', $prefix, $null, $Namespaces[$prefix]) }

    $Writer.WriteStartElement('command', 'details', $Namespaces.command)
    $Writer.WriteElementString('command', 'name', $Namespaces.command, $Help.Name)
    $Writer.WriteElementString('command', 'verb', $Namespaces.command, $Help.Verb)
    $Writer.WriteElementString('command', 'noun', $Namespaces.command, $Help.Noun)
    Write-Description $Writer $Help.Synopsis
    $Writer.WriteEndElement()

    Write-Description $Writer $Help.Description

    $Writer.WriteStartElement('command', 'syntax', $Namespaces.command)
    foreach ($set in $Help.Syntax) {
        $Writer.WriteStartElement('command', 'syntaxItem', $Namespaces.command)
        $Writer.WriteElementString('maml', 'name', $Namespaces.maml, $Help.Name)
        foreach ($item in $set.Items) { Write-Parameter $Writer $item.Parameter $item.Metadata -InSyntax }
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()

    $Writer.WriteStartElement('command', 'parameters', $Namespaces.command)
    foreach ($parameter in $Help.Parameters) { Write-Parameter $Writer $parameter $parameter.Metadata[0] }
    $Writer.WriteEndElement()

    Write-TypeList $Writer 'inputTypes' 'inputType' $Help.Inputs
    Write-TypeList $Writer 'returnValues' 'returnValue' $Help.Outputs

    $Writer.WriteStartElement('maml', 'alertSet', $Namespaces.maml)
    $Writer.WriteStartElement('maml', 'alert', $Namespaces.maml)
    Write-Para $Writer $Help.Notes
    $Writer.WriteEndElement()
    $Writer.WriteEndElement()

    $Writer.WriteStartElement('command', 'examples', $Namespaces.command)
    foreach ($example in $Help.Examples) {
        $Writer.WriteStartElement('command', 'example', $Namespaces.command)
        $Writer.WriteElementString('maml', 'title', $Namespaces.maml, "---------- $($example.Title) ----------")
        if ($example.Introduction) {
            $Writer.WriteStartElement('maml', 'introduction', $Namespaces.maml)
            Write-Para $Writer $example.Introduction
            $Writer.WriteEndElement()
        }
        $Writer.WriteElementString('dev', 'code', $Namespaces.dev, $example.Code)
        $Writer.WriteStartElement('dev', 'remarks', $Namespaces.dev)
        Write-Para $Writer $example.Remarks
        $Writer.WriteEndElement()
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()

    $Writer.WriteStartElement('maml', 'relatedLinks', $Namespaces.maml)
    foreach ($link in $Help.Links) {
        $Writer.WriteStartElement('maml', 'navigationLink', $Namespaces.maml)
        $Writer.WriteElementString('maml', 'linkText', $Namespaces.maml, $link.Text)
        $Writer.WriteElementString('maml', 'uri', $Namespaces.maml, $link.Uri)
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()

    $Writer.WriteEndElement()
}

function Write-MamlFile([string] $Path, $Commands) {
    $settings = [System.Xml.XmlWriterSettings]::new()
    $settings.Indent = $true
    $settings.IndentChars = '  '
    $settings.Encoding = [System.Text.UTF8Encoding]::new($false)
    $settings.NewLineChars = "`n"
    $writer = [System.Xml.XmlWriter]::Create($Path, $settings)
    try {
        $writer.WriteStartDocument()
        $writer.WriteStartElement('helpItems', 'http://msh')
        $writer.WriteAttributeString('schema', 'maml')
        foreach ($help in $Commands) { Write-Command $writer $help }
        $writer.WriteEndElement()
        $writer.WriteEndDocument()
    }
    finally {
        $writer.Dispose()
    }
}

#endregion

#region About topics

function Format-Wrapped([string] $Text, [int] $Indent, [int] $HangingIndent = $Indent, [int] $Width = 80) {
    <# Wraps one paragraph to the width, indented; continuation lines get the hanging indent. #>
    $lines = [System.Collections.Generic.List[string]]::new()
    $line = ' ' * $Indent
    $empty = $true
    foreach ($word in $Text -split '\s+' | Where-Object { $_ }) {
        if (-not $empty -and $line.Length + 1 + $word.Length -gt $Width) {
            $lines.Add($line)
            $line = ' ' * $HangingIndent
            $empty = $true
        }
        $line += $(if ($empty) { $word } else { " $word" })
        $empty = $false
    }
    if (-not $empty) { $lines.Add($line) }
    $lines
}

function ConvertTo-AboutText {
    <#
        An about_*.md (platyPS about layout: "# about_Name", "## SECTION", "### Subsection") to the plain
        text Get-Help shows: TOPIC, upper-case section titles, text indented and wrapped to 80 columns,
        code indented further and kept as written.
    #>
    param([Parameter(Mandatory)][string] $Path)

    $topic = [IO.Path]::GetFileNameWithoutExtension($Path)
    $lines = (Get-Content -LiteralPath $Path -Raw -Encoding utf8) -replace "`r`n?", "`n" -split "`n"
    $out = [System.Collections.Generic.List[string]]::new()
    $paragraph = [System.Collections.Generic.List[string]]::new()
    $sawTitle = $false
    $inFence = $false

    $flush = {
        if ($paragraph.Count -eq 0) { return }
        $first = $paragraph[0]
        if (Test-ListItem $first) {
            $marker = [regex]::Match($first, '^\s*([-*]|\d+\.)\s+').Value.Trim()
            $body = ConvertTo-PlainText ((@($first -replace '^\s*([-*]|\d+\.)\s+', '') + @($paragraph | Select-Object -Skip 1 | ForEach-Object Trim)) -join ' ')
            $wrapped = Format-Wrapped "$marker $body" -Indent 4 -HangingIndent (5 + $marker.Length)
        }
        else {
            $wrapped = Format-Wrapped (ConvertTo-PlainText (($paragraph | ForEach-Object Trim) -join ' ')) -Indent 4
        }
        foreach ($line in $wrapped) { $out.Add($line) }
        $paragraph.Clear()
    }

    foreach ($line in $lines) {
        if (Test-Fence $line) {
            & $flush
            $inFence = -not $inFence
            continue
        }
        if ($inFence) {
            $out.Add($(if ($line) { '        ' + $line } else { '' }))
            continue
        }
        if ($line -match '^# (.+)$') {
            if ($Matches[1].Trim() -ne $topic) { throw "${Path}: the title '$($Matches[1].Trim())' does not match the file name '$topic'." }
            $out.Add('TOPIC')
            $out.Add("    $topic")
            $sawTitle = $true
            continue
        }
        if ($line -match '^(#{2,3}) (.+)$') {
            & $flush
            if ($out.Count -gt 0 -and $out[$out.Count - 1] -ne '') { $out.Add('') }
            $heading = $Matches[2].Trim()
            if ($Matches[1] -eq '##') {
                $out.Add($heading.ToUpperInvariant())
            }
            else {
                $out.Add("  $heading")
                $out.Add('  ' + ('-' * $heading.Length))
            }
            continue
        }
        if ([string]::IsNullOrWhiteSpace($line)) {
            & $flush
            if ($out.Count -gt 0 -and $out[$out.Count - 1] -ne '') { $out.Add('') }
            continue
        }
        if ((Test-ListItem $line) -and $paragraph.Count -gt 0) { & $flush }
        $paragraph.Add($line)
    }
    & $flush
    if (-not $sawTitle) { throw "${Path}: the about topic has no '# $topic' title." }
    foreach ($section in 'SHORT DESCRIPTION', 'LONG DESCRIPTION') {
        if ($out -notcontains $section) { throw "${Path}: the section '## $section' is missing." }
    }
    ($out -join [Environment]::NewLine).TrimEnd() + [Environment]::NewLine
}

#endregion

if (-not (Test-Path -LiteralPath $DocsPath -PathType Container)) { throw "The docs folder '$DocsPath' does not exist." }
New-Item -ItemType Directory -Force -Path $OutputPath | Out-Null

$pages = foreach ($file in Get-ChildItem -LiteralPath $DocsPath -Filter '*.md' -File | Sort-Object Name) {
    $page = Read-MarkdownPage $file.FullName
    if ($page.FrontMatter.Contains('external help file')) { $page }
}
if (-not $pages) { throw "No markdown page in '$DocsPath' has 'external help file:' front matter." }

foreach ($group in $pages | Group-Object { $_.FrontMatter['external help file'] }) {
    $commands = @($group.Group | ForEach-Object { Get-CommandHelp $_ })
    $target = Join-Path $OutputPath $group.Name
    Write-MamlFile $target $commands
    Write-Verbose "Wrote $target ($($commands.Count) commands)."
}

foreach ($file in Get-ChildItem -LiteralPath $DocsPath -Filter 'about_*.md' -File) {
    $target = Join-Path $OutputPath ($file.BaseName + '.help.txt')
    Set-Content -LiteralPath $target -Value (ConvertTo-AboutText $file.FullName) -NoNewline -Encoding utf8
    Write-Verbose "Wrote $target."
}
