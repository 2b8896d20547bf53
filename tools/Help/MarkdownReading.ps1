<#
    Reads a platyPS-layout markdown page: front matter, sections, fenced blocks, prose paragraphs.
    Dot-sourced by tools/Convert-MarkdownHelp.ps1, which sets $ErrorActionPreference, strict mode and the shared constants.
#>

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
