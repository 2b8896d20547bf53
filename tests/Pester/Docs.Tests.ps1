#Requires -Version 7.4
<#
    The generated and hand-written docs against their sources of truth:
    - docs/attribute-map.md is what tools/New-AttributeMap.ps1 generates from the record types today;
    - every UPPER_SNAKE attribute of the connector seed tables (tests/Data, read from ../shared/seeds beside
      the repository by tools/Export-SeedData.ps1, and checked against them when they are there) is in the map,
      under its record type;
    - the IAM policy of docs/credentials-and-multi-account.md grants exactly the API calls the seeds
      list, plus sts:AssumeRole and the reads the module adds to them (public IPs, enabled regions, images, scanning, reachability);
    - relative links between docs pages point at existing files.

    Run from the repository root:
        dotnet pwsh -NoProfile -c "Import-Module ~/.nuget/packages/pester/6.2.0/tools/Pester.psd1; Invoke-Pester tests/Pester/Docs.Tests.ps1 -Output Detailed"
#>

BeforeDiscovery {
    # The seed tables as committed data (tools/Export-SeedData.ps1 writes them), so every clone runs these checks.
    $seedCases = @(Import-Csv (Join-Path $PSScriptRoot '../Data/seed-attributes.csv') |
            ForEach-Object { @{ Type = $_.Type; Attribute = $_.Attribute; Row = $_.Row } })
}

BeforeAll {
    $Root = Join-Path $PSScriptRoot ../..
    $DocsPath = Join-Path $Root docs
    $MapPath = Join-Path $DocsPath attribute-map.md
    $SeedPath = [System.IO.Path]::GetFullPath((Join-Path $PSScriptRoot ../../../shared/seeds))
    $DataPath = Join-Path $PSScriptRoot ../Data
    . (Join-Path $Root tools/Export-SeedData.ps1) -NoWrite
    Import-Module (Join-Path $Root AwsContainerInventory.psd1) -Force

    function Read-AttributeMap([string] $Path) {
        <# Seed attribute names per record type, from the "## <Type>" tables of the map. #>
        $map = @{}
        $type = $null
        foreach ($line in Get-Content -LiteralPath $Path) {
            if ($line -match '^## (\w+)$') { $type = $Matches[1]; $map[$type] = [System.Collections.Generic.List[string]]::new(); continue }
            if ($type -and $line -cmatch '^\| `([A-Z][A-Z0-9_]*)` \|') { $map[$type].Add($Matches[1]) }
        }
        $map
    }
}

Describe 'docs/attribute-map.md' {
    It 'is what tools/New-AttributeMap.ps1 generates from the record types' {
        $fresh = Join-Path ([System.IO.Path]::GetTempPath()) "attribute-map-$([guid]::NewGuid().ToString('N')).md"
        try {
            & (Join-Path $Root tools/New-AttributeMap.ps1) -OutputPath $fresh
            $committed = (Get-Content -Raw $MapPath) -replace "`r`n", "`n"
            $committed | Should -BeExactly (Get-Content -Raw $fresh) -Because 'docs/attribute-map.md is out of date: run tools/New-AttributeMap.ps1'
        }
        finally {
            Remove-Item -LiteralPath $fresh -ErrorAction Ignore
        }
    }

    It 'has a table for every record type' {
        $recordTypes = [AwsContainerInventory.ICloudResourceRecord].Assembly.GetTypes() |
            Where-Object { $_.IsPublic -and -not $_.IsAbstract -and [AwsContainerInventory.ICloudResourceRecord].IsAssignableFrom($_) }
        @((Read-AttributeMap $MapPath).Keys | Sort-Object) | Should -Be @($recordTypes.Name | Sort-Object)
    }
}

Describe 'Seed attributes' {
    It 'are in tests/Data, the same rows the seed documents hold' {
        $committed = @(Import-Csv (Join-Path $DataPath seed-attributes.csv))
        $committed.Count | Should -BeGreaterThan 0 -Because 'tests/Data/seed-attributes.csv holds the "Table N: <Type> attribute mappings" rows'
        if (-not (Test-Path (Join-Path $SeedPath '*.txt'))) {
            Set-ItResult -Skipped -Because "the seed documents are not at $SeedPath, so the data files cannot be checked against them"
            return
        }
        $seed = Read-SeedDocument $SeedPath
        ($committed | ForEach-Object { "$($_.Type)|$($_.Attribute)|$($_.Row)" }) |
            Should -Be ($seed.Attributes | ForEach-Object { "$($_.Type)|$($_.Attribute)|$($_.Row)" }) -Because 'tools/Export-SeedData.ps1 refreshes the data files'
        @(Get-Content (Join-Path $DataPath seed-api-calls.txt)) | Should -Be $seed.ApiCalls
    }

    It '<Type>.<Attribute> is in the attribute map' -ForEach $seedCases -AllowNullOrEmptyForEach {
        $map = Read-AttributeMap $MapPath
        $map.ContainsKey($Type) | Should -BeTrue -Because "the map needs a table for $Type"
        $map[$Type] | Should -Contain $Attribute -Because "the seed row '$Row' maps to $Attribute"
    }
}

Describe 'docs/credentials-and-multi-account.md' {
    It 'grants exactly the API calls of the seeds, plus sts:AssumeRole, the task public-IP lookup, the enabled-region list, the image and registry scanning reads and the reachability reads' {
        $seedCalls = Get-Content (Join-Path $DataPath seed-api-calls.txt)

        $text = Get-Content -Raw (Join-Path $DocsPath credentials-and-multi-account.md)
        $policies = [regex]::Matches($text, '```json\s*\n(.*?)\n```', 'Singleline') | ForEach-Object { $_.Groups[1].Value | ConvertFrom-Json }
        $granted = $policies | Where-Object { $_.PSObject.Properties['Version'] } |
            ForEach-Object { $_.Statement } | Where-Object Effect -EQ 'Allow' |
            Where-Object { -not $_.PSObject.Properties['Principal'] } |   # trust policies grant nothing
            ForEach-Object { $_.Action } | Sort-Object -Unique

        $reachability = 'ec2:DescribeSecurityGroups', 'ec2:DescribeRouteTables', 'elasticloadbalancing:DescribeLoadBalancers',
            'elasticloadbalancing:DescribeTargetGroups', 'elasticloadbalancing:DescribeListeners', 'elasticloadbalancing:DescribeRules',
            'elasticloadbalancing:DescribeTargetHealth', 'ecs:DescribeContainerInstances'
        @($granted) | Should -Be @(@($seedCalls) + 'sts:AssumeRole' + 'ec2:DescribeNetworkInterfaces' + 'ec2:DescribeRegions' + 'ecr:DescribeImages' + 'ecr:GetRegistryScanningConfiguration' + $reachability | Sort-Object -Unique)
    }
}

Describe 'Links between docs pages' {
    It 'point at existing files' {
        $broken = foreach ($page in Get-ChildItem $DocsPath -Filter *.md) {
            $text = Get-Content -Raw $page.FullName
            foreach ($match in [regex]::Matches($text, '\]\(([^)#:]+\.md)\)')) {
                $target = Join-Path $page.DirectoryName $match.Groups[1].Value
                if (-not (Test-Path $target)) { "$($page.Name) -> $($match.Groups[1].Value)" }
            }
        }
        $broken | Should -BeNullOrEmpty
    }
}
