#requires -Version 7.2
<#
    Task public IPs and Get-ContainerExposure against the scripted endpoint (tests/AwsContainerInventory.TestEndpoint,
    run as a program): two accounts through their roles, a generated estate where every 7th running task has a
    public IP, and ec2:DescribeNetworkInterfaces denied to the second account. Exact lookup calls from the
    endpoint's own counts.
#>

BeforeAll {
    $repoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    Import-Module (Join-Path $repoRoot 'AwsContainerInventory.psd1') -Force
    Import-Module (Join-Path $PSScriptRoot '../../tools/ScriptedEndpoint.psm1') -Force
    $script:endpoint = Start-ScriptedEndpoint
    $script:url = $endpoint.Url

    function Invoke-Control([string] $Path, [string] $Json = '{}') { Invoke-EndpointControl $endpoint $Path $Json }
    function Get-Calls([string] $Operation) { @((Invoke-EndpointControl $endpoint stats -Get).operations.$Operation.calls) }

    $script:open = '111100000001'
    $script:denied = '111100000002'
    $script:generated = Invoke-Control '/_control/generate' (@{
            replace = $true; accounts = 2; firstAccountId = $open; regions = @('us-east-1')
            repositoriesPerRegion = 0; clustersPerRegion = 2; servicesPerCluster = 0; tasksPerCluster = 260; taskDefinitionsPerRegion = 2
            publicIpEveryNthTask = 7
        } | ConvertTo-Json)
    Invoke-Control '/_control/deny' (@{ deniedOperations = @{ $denied = @('ec2:DescribeNetworkInterfaces') } } | ConvertTo-Json -Depth 3) | Out-Null
    $script:roles = $open, $denied | ForEach-Object { "arn:aws:iam::${_}:role/Inventory" }
    Connect-AwsInventory -AccessKey AKIDEXAMPLEBASE0001 -SecretKey (ConvertTo-SecureString base-secret-key-for-tests -AsPlainText -Force) `
        -Region us-east-1 -EndpointUrl $url -RoleArn $roles
}

AfterAll {
    Disconnect-AwsInventory -ErrorAction SilentlyContinue
    Stop-ScriptedEndpoint $endpoint
}

Describe 'Get-EcsTask public IPs on the scripted endpoint' {
    BeforeAll {
        Invoke-Control '/_control/reset' | Out-Null
        $tasks = @(Get-EcsTask -ErrorVariable failures -WarningVariable warnings -WarningAction SilentlyContinue)
        $calls = Get-Calls 'DescribeNetworkInterfaces'
    }

    It 'returns every task of both accounts, without errors' {
        $failures | Should -BeNullOrEmpty
        $tasks | Should -HaveCount (2 * 2 * 260)
    }

    It 'fills the public IPs of the readable account from batched calls of at most 200 interfaces' {
        $readable = @($tasks | Where-Object AccountId -EQ $open)
        $interfaces = ($readable | ForEach-Object { $_.NetworkInterfaceIds.Count } | Measure-Object -Sum).Sum
        @($calls | Where-Object accountId -EQ $open) | Should -HaveCount ([math]::Ceiling($interfaces / 200))
        $calls | ForEach-Object { $_.batchSize | Should -BeLessOrEqual 200 }
        @($readable | Where-Object { $null -eq $_.PublicIpAddresses }) | Should -HaveCount 0
        @($readable | Where-Object { $_.PublicIpAddresses.Count -gt 0 }).Count | Should -BeGreaterThan 0
    }

    It 'warns once for the denied role, asks it once, and still returns its tasks without public IPs' {
        $warnings | Should -HaveCount 1
        "$warnings" | Should -BeLike "*role arn:aws:iam::${denied}:role/Inventory*"
        @($calls | Where-Object accountId -EQ $denied) | Should -HaveCount 1
        @($tasks | Where-Object AccountId -EQ $denied | Where-Object { $null -ne $_.PublicIpAddresses }) | Should -HaveCount 0
    }

    It 'counts as many public tasks as the estate has in the readable account' {
        $public = @($tasks | Where-Object { $_.PublicIpAddresses.Count -gt 0 })
        $estate = Invoke-EndpointControl $endpoint estate -Get
        $region = $estate.regions | Where-Object { $_.accountId -eq $open -and $_.region -eq 'us-east-1' }
        $expected = @($region.networkInterfaces | Where-Object { $_.association.publicIp }).Count
        $public | Should -HaveCount $expected
    }
}

Describe 'Get-ContainerExposure on the scripted endpoint' {
    BeforeAll {
        $public = @(Get-EcsTask -WarningAction SilentlyContinue | Where-Object { $_.PublicIpAddresses.Count -gt 0 })
        $deniedTasks = @(Get-EcsTask -WarningAction SilentlyContinue | Where-Object AccountId -EQ $denied)
    }

    It 'exports one PublicIpNotReachable finding per public task of the readable account while no group admits the internet' {
        $path = Join-Path $TestDrive exposure.csv
        Get-ContainerExposure -Kind PublicIpNotReachable -WarningAction SilentlyContinue -ErrorVariable failures | Export-Csv -Path $path -NoTypeInformation
        $failures | Should -BeNullOrEmpty
        $rows = @(Import-Csv $path)
        @($rows.ResourceArn | Sort-Object) | Should -Be @($public.TaskArn | Sort-Object)
        $rows | ForEach-Object {
            $_.Severity | Should -Be 'Low'
            $_.Reason | Should -Match 'has public address \d+\.\d+\.\d+\.\d+, but the internet cannot reach it: .*no security group admits 0\.0\.0\.0/0 on a port the task publishes \(it publishes 8080\)'
        }
    }

    It 'says unknown, not "not exposed", for every task of the account whose interfaces could not be read' {
        $unknown = @(Get-ContainerExposure -Kind ReachabilityUnknown -WarningAction SilentlyContinue)
        @($unknown.ResourceArn | Sort-Object) | Should -Be @($deniedTasks.TaskArn | Sort-Object)
        $unknown | ForEach-Object { $_.Severity | Should -Be 'Medium'; $_.Reason | Should -Match 'ec2:DescribeNetworkInterfaces was denied' }
    }

    It 'finds the same tasks reachable, each with its path, once the estate (merged through the control API) opens a group and routes to the internet' {
        $estate = Invoke-EndpointControl $endpoint estate -Get
        $region = $estate.regions | Where-Object { $_.accountId -eq $open -and $_.region -eq 'us-east-1' }
        $eni = $region.networkInterfaces | Where-Object { $_.association.publicIp } | Select-Object -First 1
        $network = @{ regions = @(@{
                    accountId = $open; region = 'us-east-1'
                    securityGroups = @(@{ groupId = $eni.groupSet[0].groupId; groupName = 'default'; vpcId = $eni.vpcId
                            ipPermissions = @(@{ ipProtocol = 'tcp'; fromPort = '8080'; toPort = '8080'; ipRanges = @(@{ cidrIp = '0.0.0.0/0' }); ipv6Ranges = @() }) })
                    routeTables = @(@{ routeTableId = 'rtb-0e000000000000001'; vpcId = $eni.vpcId
                            associationSet = @(@{ main = $true; associationState = @{ state = 'associated' } })
                            routeSet = @(@{ destinationCidrBlock = '0.0.0.0/0'; gatewayId = 'igw-0e000000000000001'; state = 'active' }) })
                }) }
        Invoke-EndpointControl $endpoint '/_control/estate?merge=true' ($network | ConvertTo-Json -Depth 10) | Out-Null

        $reachable = @(Get-ContainerExposure -Kind InternetReachableTask -WarningAction SilentlyContinue -ErrorVariable failures)
        $failures | Should -BeNullOrEmpty
        @($reachable.ResourceArn | Sort-Object) | Should -Be @($public.TaskArn | Sort-Object)
        foreach ($finding in $reachable) {
            $task = $public | Where-Object TaskArn -CEQ $finding.ResourceArn
            $finding.Path | Should -BeExactly ('internet → igw-0e000000000000001 → {0} ({1}) → task {2}… :8080' -f $task.PublicIpAddresses[0], $task.NetworkInterfaceIds[0], ($task.TaskArn -split '/')[-1].Substring(0, 8))
            $finding.Evidence | Should -Contain ('security group {0} (default) admits tcp 8080 from 0.0.0.0/0' -f $eni.groupSet[0].groupId)
        }
        @(Get-Calls 'DescribeSecurityGroups' | Where-Object accountId -EQ $denied) | Should -HaveCount 0
    }
}
