<#
    Turns a cmdlet page into the help model: synopsis, syntax per parameter set, parameters and their yaml metadata, examples, inputs and outputs.
    Dot-sourced by tools/Convert-MarkdownHelp.ps1, which sets $ErrorActionPreference, strict mode and the shared constants.
#>

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
