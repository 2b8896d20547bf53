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

# The converter's parts, one file a concern.
. (Join-Path $PSScriptRoot 'Help/MarkdownReading.ps1')
. (Join-Path $PSScriptRoot 'Help/CommandHelp.ps1')
. (Join-Path $PSScriptRoot 'Help/MamlWriter.ps1')
. (Join-Path $PSScriptRoot 'Help/AboutTopic.ps1')

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
