#Requires -Version 7.4
<#
    Get-EcsCluster, Get-EcsService, Get-EcsTask and Get-EcsTaskDefinition against
    moto_server, compared with the oracle tests/Moto/seed_ecs.py prints (see
    tests/Moto/README.md). Skipped, with a warning saying how to install moto, when
    moto_server or boto3 is missing.

    The estate (us-east-1): clusters orders (FARGATE), analytics (EC2 container instances)
    and sandbox (empty, untagged); services orders-api, orders-worker, report-scheduler;
    running and stopped tasks in orders and analytics; task definitions web-api:1..3,
    worker:1..2, report-batch:1. Every environment variable VALUE (task definitions and
    run_task overrides) is one of the oracle's SecretValues and must never be output.

    Run from the repository root:
        dotnet pwsh -NoProfile -c "Import-Module ~/.nuget/packages/pester/6.2.0/tools/Pester.psd1; Invoke-Pester tests/Pester/EcsInventory.Tests.ps1 -Output Detailed"
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
    $oracle = Invoke-MotoSeed -Server $moto -Estate Ecs -Region us-east-1
    $secretValues = [string[]]@($oracle.SecretValues)

    Connect-AwsInventory -AccessKey testing -SecretKey (ConvertTo-SecureString 'testing' -AsPlainText -Force) `
        -Region us-east-1 -EndpointUrl $moto.Url

    function Get-ClusterArn([string] $Name) {
        ($oracle.Clusters | Where-Object ClusterName -CEQ $Name).ClusterArn
    }
    function Select-InCluster([object[]] $Expected, [string] $Name) {
        @($Expected | Where-Object ClusterArn -CEQ (Get-ClusterArn $Name))
    }
}

AfterAll {
    if (Get-Command Disconnect-AwsInventory -ErrorAction Ignore) { Disconnect-AwsInventory -ErrorAction SilentlyContinue }
    Stop-MotoServer
}

Describe 'Get-EcsCluster' -Skip:$motoMissing {
    BeforeAll {
        $capturedAfter = [datetime]::UtcNow
        $records = @(Get-EcsCluster)
    }

    It 'returns every cluster as an AwsContainerInventory.EcsCluster equal to the oracle' {
        Get-OracleMismatch -Actual $records -Expected $oracle.Clusters -TypeName 'AwsContainerInventory.EcsCluster' `
            -CapturedAfter $capturedAfter | Should -BeNullOrEmpty
    }

    It 'reads capacity providers and tags, and leaves them null or empty when there are none' {
        $orders = $records | Where-Object ClusterName -CEQ 'orders'
        @($orders.CapacityProviders) | Should -Be @('FARGATE', 'FARGATE_SPOT')
        $orders.Tags['team'] | Should -BeExactly 'orders'
        ($records | Where-Object ClusterName -CEQ 'sandbox').Tags.Count | Should -Be 0
    }

    It '-Name selects clusters' {
        $found = @(Get-EcsCluster -Name 'orders', 'analytics' | ForEach-Object ClusterName | Sort-Object)
        $found | Should -Be @('analytics', 'orders')
    }

    It '-Name nope is a non-terminating error naming it while the other clusters still return' {
        $found = @(Get-EcsCluster -Name 'nope', 'orders' -ErrorAction SilentlyContinue -ErrorVariable missing)
        $found | Should -HaveCount 1
        $found[0].ClusterName | Should -BeExactly 'orders'
        $missing | Should -HaveCount 1
        $missing[0].Exception.Message | Should -Match 'nope'
    }

    It 'exports readable list and tag columns to CSV' {
        $path = Join-Path $TestDrive 'clusters.csv'
        $records | Export-Csv -Path $path -NoTypeInformation
        Get-CsvMismatch -Rows @(Import-Csv -Path $path) -Expected $oracle.Clusters | Should -BeNullOrEmpty
    }

    It 'never outputs an environment variable value' {
        Get-SecretLeak -Command Get-EcsCluster -Secret $secretValues -CsvPath (Join-Path $TestDrive 'leak.csv') |
            Should -BeNullOrEmpty
    }
}

Describe 'Get-EcsService' -Skip:$motoMissing {
    BeforeAll {
        $capturedAfter = [datetime]::UtcNow
        $records = @(Get-EcsService)
    }

    It 'returns the services of every cluster as AwsContainerInventory.EcsService equal to the oracle' {
        Get-OracleMismatch -Actual $records -Expected $oracle.Services -TypeName 'AwsContainerInventory.EcsService' `
            -CapturedAfter $capturedAfter | Should -BeNullOrEmpty
    }

    It 'maps assignPublicIp ENABLED to $true and DISABLED to $false' {
        ($records | Where-Object ServiceName -CEQ 'orders-api').AssignPublicIp | Should -BeTrue
        ($records | Where-Object ServiceName -CEQ 'orders-worker').AssignPublicIp | Should -BeFalse
    }

    It 'takes -Cluster as a name or an ARN' {
        $byName = @(Get-EcsService -Cluster 'orders')
        $byArn = @(Get-EcsService -Cluster (Get-ClusterArn 'orders'))
        Get-RecordSetMismatch -Actual $byName -Expected (Select-InCluster $oracle.Services 'orders') | Should -BeNullOrEmpty
        Get-RecordSetMismatch -Actual $byArn -Expected (Select-InCluster $oracle.Services 'orders') | Should -BeNullOrEmpty
    }

    It 'binds clusters from the pipeline: Get-EcsCluster | Get-EcsService' {
        $piped = @(Get-EcsCluster | Get-EcsService)
        Get-RecordSetMismatch -Actual $piped -Expected $oracle.Services | Should -BeNullOrEmpty
    }

    It '-Cluster nope is a non-terminating error naming it while the other clusters still return' {
        $found = @(Get-EcsService -Cluster 'nope', 'orders' -ErrorAction SilentlyContinue -ErrorVariable missing)
        Get-RecordSetMismatch -Actual $found -Expected (Select-InCluster $oracle.Services 'orders') | Should -BeNullOrEmpty
        $missing | Should -HaveCount 1
        $missing[0].Exception.Message | Should -Match 'nope'
    }

    It 'exports readable list and tag columns to CSV' {
        $path = Join-Path $TestDrive 'services.csv'
        $records | Export-Csv -Path $path -NoTypeInformation
        $rows = @(Import-Csv -Path $path)
        Get-CsvMismatch -Rows $rows -Expected $oracle.Services | Should -BeNullOrEmpty
        ($rows | Where-Object ServiceName -EQ 'orders-worker').SecurityGroupIds | Should -Match '^sg-\w+;sg-\w+$'
    }

    It 'never outputs an environment variable value' {
        Get-SecretLeak -Command Get-EcsService -Secret $secretValues -CsvPath (Join-Path $TestDrive 'leak.csv') |
            Should -BeNullOrEmpty
    }
}

Describe 'Get-EcsTask' -Skip:$motoMissing {
    BeforeAll {
        $capturedAfter = [datetime]::UtcNow
        $records = @(Get-EcsTask)
    }

    It 'returns only the RUNNING tasks by default, as AwsContainerInventory.EcsTask equal to the oracle' {
        Get-OracleMismatch -Actual $records -Expected $oracle.Tasks -TypeName 'AwsContainerInventory.EcsTask' `
            -CapturedAfter $capturedAfter | Should -BeNullOrEmpty
        $records.DesiredStatus | Should -Not -Contain 'STOPPED'
    }

    It '-IncludeStopped adds the stopped tasks' {
        $all = @(Get-EcsTask -IncludeStopped)
        $expected = @($oracle.Tasks) + @($oracle.StoppedTasks)
        Get-RecordSetMismatch -Actual $all -Expected $expected | Should -BeNullOrEmpty
        Get-ValueMismatch -Actual $all -Expected $expected | Should -BeNullOrEmpty
    }

    It 'reads subnet, private IP and ENI of FARGATE tasks from the ENI attachment' {
        $fargate = @($records | Where-Object LaunchType -EQ 'FARGATE')
        $fargate.Count | Should -BeGreaterThan 0
        foreach ($task in $fargate) {
            @($task.SubnetIds)[0] | Should -Match '^subnet-'
            @($task.NetworkInterfaceIds)[0] | Should -Match '^eni-'
            @($task.PrivateIpAddresses)[0] | Should -Match '^\d+\.\d+\.\d+\.\d+$'
        }
    }

    It 'takes -Cluster as a name or an ARN' {
        $expected = Select-InCluster $oracle.Tasks 'analytics'
        Get-RecordSetMismatch -Actual @(Get-EcsTask -Cluster 'analytics') -Expected $expected | Should -BeNullOrEmpty
        Get-RecordSetMismatch -Actual @(Get-EcsTask -Cluster (Get-ClusterArn 'analytics')) -Expected $expected |
            Should -BeNullOrEmpty
    }

    It 'binds clusters from the pipeline: Get-EcsCluster | Get-EcsTask' {
        $piped = @(Get-EcsCluster | Get-EcsTask)
        Get-RecordSetMismatch -Actual $piped -Expected $oracle.Tasks | Should -BeNullOrEmpty
    }

    It '-Cluster nope is a non-terminating error naming it while the other clusters still return' {
        $found = @(Get-EcsTask -Cluster 'nope', 'analytics' -ErrorAction SilentlyContinue -ErrorVariable missing)
        Get-RecordSetMismatch -Actual $found -Expected (Select-InCluster $oracle.Tasks 'analytics') | Should -BeNullOrEmpty
        $missing | Should -HaveCount 1
        $missing[0].Exception.Message | Should -Match 'nope'
    }

    It 'exports readable list and tag columns to CSV' {
        $path = Join-Path $TestDrive 'tasks.csv'
        Get-EcsTask -IncludeStopped | Export-Csv -Path $path -NoTypeInformation
        Get-CsvMismatch -Rows @(Import-Csv -Path $path) -Expected (@($oracle.Tasks) + @($oracle.StoppedTasks)) |
            Should -BeNullOrEmpty
    }

    It 'names the ECR repository of its images in EcrRepositoryArns' {
        foreach ($task in $records) {
            $expected = @($task.ContainerImages | Where-Object { $_ -like '*.dkr.ecr.*.amazonaws.com/*' } |
                ForEach-Object { "arn:aws:ecr:$($task.Region):$($task.AccountId):repository/$(($_ -split '/', 2)[1] -replace ':[^:/]*$')" } |
                Select-Object -Unique)
            @($task.EcrRepositoryArns) | Should -Be $expected -Because $task.TaskArn
        }
        @($records | Where-Object { @($_.EcrRepositoryArns).Count -gt 0 }).Count | Should -BeGreaterThan 0
    }

    It 'never outputs an environment variable value, not even from run_task overrides' {
        Get-SecretLeak -Command Get-EcsTask -Parameters @{ IncludeStopped = $true } -Secret $secretValues `
            -CsvPath (Join-Path $TestDrive 'leak.csv') | Should -BeNullOrEmpty
    }
}

Describe 'Get-EcsTaskDefinition' -Skip:$motoMissing {
    BeforeAll {
        $capturedAfter = [datetime]::UtcNow
        $records = @(Get-EcsTaskDefinition)
    }

    It 'returns every revision as an AwsContainerInventory.EcsTaskDefinition equal to the oracle' {
        Get-OracleMismatch -Actual $records -Expected $oracle.TaskDefinitions `
            -TypeName 'AwsContainerInventory.EcsTaskDefinition' -CapturedAfter $capturedAfter | Should -BeNullOrEmpty
    }

    It 'names a revision family:revision' {
        @($records | ForEach-Object Name | Sort-Object) |
            Should -Be @('report-batch:1', 'web-api:1', 'web-api:2', 'web-api:3', 'worker:1', 'worker:2')
    }

    It '-FamilyPrefix selects the revisions of that family' {
        $found = @(Get-EcsTaskDefinition -FamilyPrefix 'web-api')
        Get-RecordSetMismatch -Actual $found -Expected @($oracle.TaskDefinitions | Where-Object Family -CEQ 'web-api') |
            Should -BeNullOrEmpty
        @($found | ForEach-Object Revision | Sort-Object) | Should -Be @(1, 2, 3)
    }

    It 'returns nothing for a family that does not exist' {
        @(Get-EcsTaskDefinition -FamilyPrefix 'nope' -ErrorAction SilentlyContinue) | Should -HaveCount 0
    }

    It 'names the ECR repository of each private ECR image in EcrRepositoryArns, not the ECR Public one' {
        $web = $records | Where-Object Name -CEQ 'web-api:3'
        @($web.ContainerImages) | Should -HaveCount 2 -Because 'app-frontend from ECR and the log router from ECR Public'
        @($web.EcrRepositoryArns) | Should -Be @("arn:aws:ecr:$($web.Region):$($web.AccountId):repository/app-frontend")
        $report = $records | Where-Object Name -CEQ 'report-batch:1'
        @($report.EcrRepositoryArns) | Should -Be @("arn:aws:ecr:$($report.Region):$($report.AccountId):repository/tools-ci")
    }

    It 'keeps environment variable names, never values, and secrets as name and valueFrom' {
        $web = $records | Where-Object Name -CEQ 'web-api:3'
        @($web.EnvironmentKeys) | Should -Be @('DATABASE_URL', 'API_TOKEN', 'FEATURE_FLAGS', 'LOG_DESTINATION_TOKEN')
        @($web.SecretRefs).Count | Should -Be 2
        @($web.SecretRefs)[0].Name | Should -BeExactly 'DB_PASSWORD'
        @($web.SecretRefs)[0].ValueFrom | Should -Match '^arn:aws:secretsmanager:'
    }

    It 'exports readable list columns to CSV' {
        $path = Join-Path $TestDrive 'taskdefinitions.csv'
        $records | Export-Csv -Path $path -NoTypeInformation
        $rows = @(Import-Csv -Path $path)
        Get-CsvMismatch -Rows $rows -Expected $oracle.TaskDefinitions | Should -BeNullOrEmpty
        ($rows | Where-Object Name -EQ 'web-api:3').RequiresCompatibilities | Should -BeExactly 'FARGATE'
        ($rows | Where-Object Name -EQ 'worker:1').RequiresCompatibilities | Should -BeExactly 'EC2;FARGATE'
    }

    It 'never outputs an environment variable value' {
        Get-SecretLeak -Command Get-EcsTaskDefinition -Secret $secretValues -CsvPath (Join-Path $TestDrive 'leak.csv') |
            Should -BeNullOrEmpty
    }

    It 'never outputs an environment variable value with -FamilyPrefix either' {
        Get-SecretLeak -Command Get-EcsTaskDefinition -Parameters @{ FamilyPrefix = 'web-api' } -Secret $secretValues `
            -CsvPath (Join-Path $TestDrive 'leak-web.csv') | Should -BeNullOrEmpty
    }
}

Describe 'ConvertTo-CloudResource' -Skip:$motoMissing {
    It "renames every <Command> property to the seed's UPPER_SNAKE attribute name" -ForEach @(
        @{ Command = 'Get-EcsCluster' }
        @{ Command = 'Get-EcsService' }
        @{ Command = 'Get-EcsTask' }
        @{ Command = 'Get-EcsTaskDefinition' }
    ) {
        $records = @(& $Command)
        $records.Count | Should -BeGreaterThan 0
        $resources = @($records | ConvertTo-CloudResource)
        Get-CloudResourceMismatch -Record $records -Resource $resources | Should -BeNullOrEmpty
    }
}
