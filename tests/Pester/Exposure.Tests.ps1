#Requires -Version 7.4
<#
    Exposure end to end against moto_server: task public IPs (ec2:DescribeNetworkInterfaces),
    EcrRepositoryArns, IsPublicUnconditionally and Get-ContainerExposure on a two-account estate
    (tests/Moto/seed_exposure.py documents it), compared with the oracle the seed computes from
    boto3 read-backs. A task of account B that the internet reaches (public IP, open group, internet
    route) runs an image of an unconditionally public repository of account A. Skipped, with a warning, when moto_server or boto3 is missing.

    Run from the repository root:
        dotnet pwsh -NoProfile -c "Import-Module ~/.nuget/packages/pester/6.2.0/tools/Pester.psd1; Invoke-Pester tests/Pester/Exposure.Tests.ps1 -Output Detailed"
#>

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot ../Moto/MotoServer.psm1) -Force
    $motoMissing = -not (Test-MotoAvailable)
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot ../Moto/MotoServer.psm1) -Force
    Import-Module (Join-Path $PSScriptRoot TestHelpers.psm1) -Force
    Import-Module (Join-Path $PSScriptRoot ../../AwsContainerInventory.psd1) -Force

    $moto = Start-MotoServer
    $oracle = Invoke-MotoSeed -Server $moto -Estate Exposure -Region us-east-1
    $secretValues = [string[]]@($oracle.SecretValues)
    Connect-AwsInventory -AccessKey testing -SecretKey (ConvertTo-SecureString 'testing' -AsPlainText -Force) `
        -Region us-east-1 -EndpointUrl $moto.Url -RoleArn $oracle.Roles.RoleArns

    function Format-Finding([object[]] $Finding) {
        <# Kind, resource, account and region of each finding, one sorted line each. #>
        @($Finding | ForEach-Object { '{0} {1} {2} {3}' -f $_.Kind, $_.ResourceArn, $_.AccountId, $_.Region } | Sort-Object -CaseSensitive)
    }
}

AfterAll {
    if (Get-Command Disconnect-AwsInventory -ErrorAction Ignore) { Disconnect-AwsInventory -ErrorAction SilentlyContinue }
    Stop-MotoServer
}

Describe 'Exposure attributes of the records' -Skip:$motoMissing {
    It 'reads both accounts through their roles' {
        $oracle.Accounts.Base | Should -Not -Be $oracle.Accounts.Second
        @(Get-EcsTask).AccountId | Sort-Object -Unique | Should -Be @($oracle.Accounts.Base, $oracle.Accounts.Second | Sort-Object)
    }

    It 'gives each task the public IPs of its network interfaces and the repositories of its images' {
        $tasks = @(Get-EcsTask -ErrorVariable failures)
        $failures | Should -BeNullOrEmpty
        Get-RecordSetMismatch -Actual $tasks -Expected $oracle.Tasks | Should -BeNullOrEmpty
        Get-ValueMismatch -Actual $tasks -Expected $oracle.Tasks | Should -BeNullOrEmpty
        # The oracle keeps null (no interface) apart from an empty list (interfaces, no public IP).
        @($tasks | Where-Object { $_.PublicIpAddresses.Count -gt 0 }).Count | Should -Be @($oracle.Tasks | Where-Object { $_.PublicIpAddresses }).Count
        @($tasks | Where-Object { $null -eq $_.PublicIpAddresses }).Uid | Should -Be @($oracle.Tasks | Where-Object { $null -eq $_.PublicIpAddresses }).Uid
    }

    It 'leaves PublicIpAddresses null with -SkipPublicIp' {
        @(Get-EcsTask -SkipPublicIp | Where-Object { $null -ne $_.PublicIpAddresses }) | Should -HaveCount 0
    }

    It 'tells unconditionally public repositories from conditionally public ones' {
        $repositories = @(Get-EcrRepository)
        Get-RecordSetMismatch -Actual $repositories -Expected $oracle.EcrRepositories | Should -BeNullOrEmpty
        Get-ValueMismatch -Actual $repositories -Expected $oracle.EcrRepositories | Should -BeNullOrEmpty
        foreach ($repository in $repositories) {
            ($repository.PublicStatements.Count -gt 0) | Should -Be $repository.IsPublic -Because $repository.RepositoryName
        }
    }

    It 'resolves the images of task definitions to repositories' {
        $definitions = @(Get-EcsTaskDefinition)
        Get-ValueMismatch -Actual $definitions -Expected $oracle.TaskDefinitions | Should -BeNullOrEmpty
    }
}

Describe 'Get-ContainerExposure' -Skip:$motoMissing {
    BeforeAll {
        $findings = @(Get-ContainerExposure -ErrorVariable failures -WarningVariable warnings)
    }

    It 'writes no error or warning on a readable estate' {
        $failures | Should -BeNullOrEmpty
        $warnings | Should -BeNullOrEmpty
    }

    It 'names exactly the findings of the oracle, each once' {
        Format-Finding $findings | Should -Be (Format-Finding $oracle.Findings)
        @($findings.Uid | Sort-Object -Unique).Count | Should -Be $findings.Count
    }

    It 'proves every kind of finding on this estate but the unknown verdict and vulnerable images (moto denies nothing and has no scan findings: the scripted endpoint proves those)' {
        @($findings.Kind | ForEach-Object ToString | Sort-Object -Unique) |
            Should -Be @([enum]::GetNames([AwsContainerInventory.ExposureKind]) | Where-Object { $_ -notin 'ReachabilityUnknown', 'ReachableTaskRunsVulnerableImage' } | Sort-Object)
    }

    It 'finds the reachable task of one account that runs the public image of another, as the most severe, with its path' {
        $critical = $findings[0]
        $critical.Kind | Should -Be 'ReachableTaskRunsPublicImage'
        $critical.Severity | Should -Be 'Critical'
        $critical.AccountId | Should -Be $oracle.Accounts.Second
        $critical.RelatedArns | Should -HaveCount 1
        $critical.RelatedArns[0] | Should -Match ":$($oracle.Accounts.Base):repository/"
        $task = $oracle.Tasks | Where-Object TaskArn -CEQ $critical.ResourceArn
        $critical.Path | Should -BeExactly (($oracle.Verdicts | Where-Object TaskArn -CEQ $critical.ResourceArn).Paths -join '; ')
        $critical.Path | Should -Match ([regex]::Escape($task.PublicIpAddresses[0]))
    }

    It 'writes the most severe first' {
        $severities = @($findings.Severity | ForEach-Object { [int]$_ })
        $severities | Should -Be @($severities | Sort-Object -Descending)
    }

    It 'filters by -MinimumSeverity and -Kind' {
        Format-Finding (Get-ContainerExposure -MinimumSeverity High) |
            Should -Be (Format-Finding ($findings | Where-Object Severity -GE ([AwsContainerInventory.ExposureSeverity]::High)))
        @(Get-ContainerExposure -Kind PublicRepository, MutableImageTags).Kind | ForEach-Object ToString | Sort-Object -Unique |
            Should -Be @('MutableImageTags', 'PublicRepository')
    }

    It 'exports every finding with its reason: Get-ContainerExposure | Export-Csv' {
        $path = Join-Path $TestDrive exposure.csv
        Get-ContainerExposure | Export-Csv -Path $path -NoTypeInformation
        $rows = @(Import-Csv -Path $path)
        Format-Finding $rows | Should -Be (Format-Finding $oracle.Findings)
        $rows | ForEach-Object { $_.Reason | Should -Not -BeNullOrEmpty; $_.Severity | Should -BeIn 'Low', 'Medium', 'High', 'Critical' }
        ($rows | Where-Object Kind -EQ 'ReachableTaskRunsPublicImage').RelatedArns | Should -Match '^arn:aws:ecr:'
    }

    It 'converts findings with ConvertTo-CloudResource' {
        $resources = @($findings | ConvertTo-CloudResource)
        $resources | Should -HaveCount $findings.Count
        $resources[0].PSObject.Properties.Name |
            Should -Be 'UID', 'NAME', 'CLOUD_PROVIDER', 'REGION', 'ACCOUNT_ID', 'SEVERITY', 'KIND', 'RESOURCE_ARN', 'REASON', 'PATH', 'EVIDENCE', 'RELATED_ARNS', 'IMAGE_DIGESTS', 'LAST_CAPTURED'
        $resources[0].RESOURCE_ARN | Should -Be $findings[0].ResourceArn
    }

    It 'never writes an environment variable value' {
        Get-SecretLeak -Command Get-ContainerExposure -Secret $secretValues -CsvPath (Join-Path $TestDrive 'leak.csv') |
            Should -BeNullOrEmpty
    }
}
