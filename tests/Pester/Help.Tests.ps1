#Requires -Version 7.4
<#
    The help of every exported cmdlet, checked against the cmdlet itself: Get-Help (the MAML that
    tools/Convert-MarkdownHelp.ps1 builds from docs/) and the platyPS-layout pages in docs/.

    "Real parameters" are those Get-Command reports, minus the common parameters (-Verbose,
    -ErrorAction, ...); -WhatIf and -Confirm are documented like any other parameter, as platyPS does.

    Convert the help first, then run from the repository root:
        dotnet pwsh -NoProfile -c "./tools/Convert-MarkdownHelp.ps1 -DocsPath docs -OutputPath en-US"
        dotnet pwsh -NoProfile -c "Import-Module ~/.nuget/packages/pester/6.2.0/tools/Pester.psd1; Invoke-Pester tests/Pester/Help.Tests.ps1 -Output Detailed"
#>

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot ../../AwsContainerInventory.psd1) -Force
    $common = [System.Management.Automation.Cmdlet]::CommonParameters

    $cmdletCases = foreach ($command in Get-Command -Module AwsContainerInventory -CommandType Cmdlet | Sort-Object Name) {
        @{
            Name       = $command.Name
            Parameters = @($command.Parameters.Keys | Where-Object { $_ -notin $common } | Sort-Object)
        }
    }
    $parameterCases = foreach ($case in $cmdletCases) {
        foreach ($parameter in $case.Parameters) { @{ Name = $case.Name; Parameter = $parameter } }
    }
}

BeforeAll {
    $ModulePath = Join-Path $PSScriptRoot ../../AwsContainerInventory.psd1
    $DocsPath = Join-Path $PSScriptRoot ../../docs
    Import-Module $ModulePath -Force
    $Module = Get-Module AwsContainerInventory
    $Common = [System.Management.Automation.Cmdlet]::CommonParameters

    function Test-Fence([string] $Line) { $Line -match '^\s{0,3}```' }

    function Read-HelpPage {
        <#
            What the tests need from one platyPS page: the front matter, the SYNOPSIS text, the syntax
            blocks (set name, default flag, code) and the parameter sections (name -> yaml blocks).
            Headings inside code fences are text.
        #>
        param([string] $Path)

        $lines = (Get-Content -LiteralPath $Path -Raw) -replace "`r`n?", "`n" -split "`n"
        $page = [pscustomobject]@{
            FrontMatter = @{}
            Synopsis    = ''
            Syntax      = [System.Collections.Generic.List[object]]::new()
            Parameters  = [ordered]@{}
        }
        $end = [Array]::IndexOf($lines, '---', 1)
        foreach ($line in $lines[1..($end - 1)]) {
            if ($line -match '^([^:]+):\s*(.*)$') { $page.FrontMatter[$Matches[1].Trim()] = $Matches[2].Trim() }
        }

        $section = $null
        $sub = $null
        $inFence = $false
        $fence = $null
        foreach ($line in $lines[($end + 1)..($lines.Count - 1)]) {
            if (Test-Fence $line) {
                $inFence = -not $inFence
                if ($inFence) { $fence = [pscustomobject]@{ Language = ($line.Trim() -replace '^```', ''); Lines = [System.Collections.Generic.List[string]]::new() } }
                elseif ($section -eq 'SYNTAX' -and $sub) { $sub.Code = ($fence.Lines -join ' ') }
                elseif ($section -eq 'PARAMETERS' -and $sub -and $fence.Language -eq 'yaml') { $sub.Yaml.Add(($fence.Lines -join "`n")) }
                continue
            }
            if ($inFence) { $fence.Lines.Add($line); continue }
            if ($line -match '^## (.+)$') { $section = $Matches[1].Trim(); $sub = $null; continue }
            if ($line -match '^### (.+)$') {
                $heading = $Matches[1].Trim()
                if ($section -eq 'SYNTAX' -and $heading -match '^(\S+)( \(Default\))?$') {
                    $sub = [pscustomobject]@{ Name = $Matches[1]; IsDefault = [bool]$Matches[2]; Code = $null }
                    $page.Syntax.Add($sub)
                }
                elseif ($section -eq 'PARAMETERS' -and $heading -match '^-(\w+)$') {
                    $sub = [pscustomobject]@{ Name = $Matches[1]; Yaml = [System.Collections.Generic.List[string]]::new() }
                    $page.Parameters[$Matches[1]] = $sub
                }
                else { $sub = $null }
                continue
            }
            if ($section -eq 'SYNOPSIS' -and $line.Trim()) { $page.Synopsis = ($page.Synopsis + ' ' + $line.Trim()).Trim() }
        }
        $page
    }

    function ConvertFrom-ParameterYaml([string] $Text) {
        $values = @{}
        foreach ($line in $Text -split "`n") {
            if ($line -match '^([A-Za-z][A-Za-z ]*):\s*(.*)$') { $values[$Matches[1].Trim()] = $Matches[2].Trim() }
        }
        $values
    }

    function Get-PipelineText([System.Management.Automation.ParameterSetMetadata] $Set) {
        $kinds = @(if ($Set.ValueFromPipeline) { 'ByValue' }; if ($Set.ValueFromPipelineByPropertyName) { 'ByPropertyName' })
        if ($kinds) { "True ($($kinds -join ', '))" } else { 'False' }
    }

    function Get-Words([string] $Text) { ($Text -replace '\s+', ' ').Trim() }
}

Describe 'Help of <Name>' -ForEach $cmdletCases {
    BeforeAll {
        $command = Get-Command $Name -Module AwsContainerInventory
        # The file name only: once Get-Help has found the file, HelpFile holds its full path.
        $helpFile = Split-Path -Leaf $command.HelpFile
        $pagePath = Join-Path $DocsPath "$Name.md"
        $page = if (Test-Path $pagePath) { Read-HelpPage $pagePath }
        $help = Get-Help $Name -Full
    }

    It 'has a docs page whose front matter names the help file Get-Help reads' {
        $pagePath | Should -Exist
        $page.FrontMatter['external help file'] | Should -Be $helpFile
        $page.FrontMatter['Module Name'] | Should -Be 'AwsContainerInventory'
        $page.FrontMatter['schema'] | Should -Be '2.0.0'
    }

    It 'has its MAML help where Get-Help looks for it' {
        Join-Path $Module.ModuleBase "en-US/$helpFile" |
            Should -Exist -Because 'Get-Help reads <ModuleBase>/en-US; run tools/Convert-MarkdownHelp.ps1 -DocsPath docs -OutputPath en-US'
    }

    It 'has the synopsis of its page' {
        $help.Synopsis | Should -Not -BeNullOrEmpty
        Get-Words $help.Synopsis | Should -Be (Get-Words ($page.Synopsis -replace '`', ''))
    }

    It 'has a description' {
        ($help.description.Text -join "`n").Trim() | Should -Not -BeNullOrEmpty
    }

    It 'has at least two examples, each with code and remarks' {
        $examples = @((Get-Help $Name -Examples).examples.example)
        $examples.Count | Should -BeGreaterOrEqual 2
        foreach ($example in $examples) {
            $example.code | Should -Not -BeNullOrEmpty
            ($example.remarks.Text -join '').Trim() | Should -Not -BeNullOrEmpty -Because "$($example.title) should say what it does"
        }
    }

    It 'documents exactly the real parameters' {
        $documented = @($page.Parameters.Keys | Sort-Object)
        $missing = @($Parameters | Where-Object { $_ -notin $documented })
        $extra = @($documented | Where-Object { $_ -notin $Parameters })
        $missing | Should -BeNullOrEmpty -Because 'every real parameter needs a ### -Name section'
        $extra | Should -BeNullOrEmpty -Because 'a ### -Name section must belong to a real parameter'
    }

    It 'has one syntax block per real parameter set, each as Get-Command -Syntax shows it' {
        $realSets = @($command.ParameterSets.Name | Sort-Object)
        @($page.Syntax.Name | Sort-Object) | Should -Be $realSets
        foreach ($set in $command.ParameterSets) {
            $block = $page.Syntax | Where-Object Name -EQ $set.Name
            Get-Words $block.Code | Should -Be (Get-Words "$Name $set") -Because "the syntax of parameter set $($set.Name)"
        }
    }

    It 'marks the default parameter set' {
        $marked = @($page.Syntax | Where-Object IsDefault | ForEach-Object Name)
        if ($command.ParameterSets.Count -gt 1) { $marked | Should -Be @($command.DefaultParameterSet) }
        else { $marked | Should -BeNullOrEmpty }
    }
}

Describe 'Parameter -<Parameter> of <Name>' -ForEach $parameterCases {
    BeforeAll {
        $command = Get-Command $Name -Module AwsContainerInventory
        $metadata = $command.Parameters[$Parameter]
        $section = (Read-HelpPage (Join-Path $DocsPath "$Name.md")).Parameters[$Parameter]
        $blocks = if ($section) { @($section.Yaml | ForEach-Object { ConvertFrom-ParameterYaml $_ }) } else { @() }
    }

    It 'has a description in Get-Help' {
        $text = ((Get-Help $Name -Parameter $Parameter).description.Text -join "`n").Trim()
        $text | Should -Not -BeNullOrEmpty
    }

    It 'has yaml metadata that matches the cmdlet' {
        $section | Should -Not -BeNullOrEmpty -Because "docs/$Name.md needs a ### -$Parameter section"
        $blocks.Count | Should -BeGreaterThan 0 -Because 'a parameter section needs a yaml block'
        $wildcards = [bool]($metadata.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
        $allSets = $metadata.ParameterSets.ContainsKey('__AllParameterSets')
        $covered = foreach ($yaml in $blocks) {
            $yaml['Type'] | Should -Be $metadata.ParameterType.Name
            $yaml['Aliases'] | Should -Be (($metadata.Aliases | Sort-Object) -join ', ')
            $yaml['Accept wildcard characters'] | Should -Be $wildcards.ToString()
            $sets = @($yaml['Parameter Sets'] -split ',' | ForEach-Object Trim)
            if ($allSets) { $sets | Should -Be @('(All)') } else { $sets | Should -Not -Contain '(All)' }
            foreach ($setName in $(if ($allSets) { '__AllParameterSets' } else { $sets })) {
                $set = $metadata.ParameterSets[$setName]
                $set | Should -Not -BeNullOrEmpty -Because "-$Parameter is not in parameter set $setName"
                $yaml['Required'] | Should -Be $set.IsMandatory.ToString()
                $yaml['Position'] | Should -Be $(if ($set.Position -ge 0) { "$($set.Position)" } else { 'Named' })
                $yaml['Accept pipeline input'] | Should -Be (Get-PipelineText $set)
                $setName
            }
        }
        @($covered | Sort-Object) | Should -Be @($metadata.ParameterSets.Keys | Sort-Object)
    }
}

Describe 'about_AwsContainerInventory' {
    It 'is found by Get-Help' {
        $text = Get-Help about_AwsContainerInventory | Out-String
        $text | Should -Match 'about_AwsContainerInventory'
        $text | Should -Match 'SHORT DESCRIPTION'
        $text | Should -Match 'LONG DESCRIPTION'
    }
}
