<#
    Turns an about_*.md page into the plain-text about topic Get-Help shows.
    Dot-sourced by tools/Convert-MarkdownHelp.ps1, which sets $ErrorActionPreference, strict mode and the shared constants.
#>

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
