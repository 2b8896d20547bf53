#Requires -Version 7.4
<#
    Reachability end to end against moto_server: Get-ContainerExposure on the estate of
    tests/Moto/seed_reachability.py (each internet path — direct IPv4 and IPv6, ALB default action and
    rule, NLB, dualstack ALB, an instance target of a bridge-mode task — and each near miss: private
    subnet without an internet route, group closed on the container port, IPv6-only opening, internal
    load balancer, load-balancer group closed on the listener port). Every task's verdict and path is
    compared with the oracle the seed computes from boto3 read-backs. Skipped, with a warning, when
    moto_server or boto3 is missing.

    Run from the repository root:
        dotnet pwsh -NoProfile -c "Import-Module ~/.nuget/packages/pester/6.2.0/tools/Pester.psd1; Invoke-Pester tests/Pester/Reachability.Tests.ps1 -Output Detailed"
#>

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot ../Moto/MotoServer.psm1) -Force
    $motoMissing = -not (Test-MotoAvailable)
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot ../Moto/MotoServer.psm1) -Force
    Import-Module (Join-Path $PSScriptRoot ../../AwsContainerInventory.psd1) -Force

    $moto = Start-MotoServer
    $oracle = Invoke-MotoSeed -Server $moto -Estate Reachability -Region us-east-1
    Connect-AwsInventory -AccessKey testing -SecretKey (ConvertTo-SecureString 'testing' -AsPlainText -Force) `
        -Region us-east-1 -EndpointUrl $moto.Url
    $findings = @(Get-ContainerExposure -ErrorVariable failures -WarningVariable warnings)
    $taskKinds = 'InternetReachableTask', 'PublicIpNotReachable', 'ReachabilityUnknown'
    $byTask = @{}
    foreach ($finding in $findings | Where-Object { $_.Kind.ToString() -in $taskKinds }) { $byTask[$finding.ResourceArn] = $finding }
    $named = @{}
    foreach ($property in $oracle.Tasks.PSObject.Properties) { $named[$property.Value] = $property.Name }
}

AfterAll {
    if (Get-Command Disconnect-AwsInventory -ErrorAction Ignore) { Disconnect-AwsInventory -ErrorAction SilentlyContinue }
    Stop-MotoServer
}

Describe 'Get-ContainerExposure reachability on moto' -Skip:$motoMissing {
    It 'reads the whole network without an error or a warning' {
        $failures | Should -BeNullOrEmpty
        $warnings | Should -BeNullOrEmpty
    }

    It 'seeds every path and near miss it names' {
        @($oracle.Verdicts | Where-Object Verdict -EQ Reachable).Count | Should -Be 7
        @($oracle.Verdicts | Where-Object Verdict -EQ PublicIpNotReachable).Count | Should -Be 3
        @($oracle.Verdicts | Where-Object Verdict -EQ NotExposed).Count | Should -Be 2
    }

    It 'gives each task the verdict of the oracle: <_>' -ForEach @(
        'direct-open', 'private-subnet', 'closed-port', 'ipv6-opening', 'ipv6-reach', 'service-web', 'service-api',
        'service-intranet', 'service-locked', 'service-edge', 'service-dual', 'legacy') {
        $arn = $oracle.Tasks.$_
        $expected = $oracle.Verdicts | Where-Object TaskArn -CEQ $arn
        $finding = $byTask[$arn]
        switch ($expected.Verdict) {
            'Reachable' {
                $finding.Kind | Should -Be 'InternetReachableTask'
                $finding.Severity | Should -Be 'High'
                $finding.Path | Should -BeExactly ($expected.Paths -join '; ')
                $finding.Evidence.Count | Should -BeGreaterThan 0
            }
            'PublicIpNotReachable' {
                $finding.Kind | Should -Be 'PublicIpNotReachable'
                $finding.Severity | Should -Be 'Low'
                $finding.Path | Should -BeNullOrEmpty
                foreach ($address in $expected.PublicAddresses) { $finding.Reason | Should -Match ([regex]::Escape($address)) }
            }
            'NotExposed' { $finding | Should -BeNullOrEmpty }
        }
    }

    It 'says why a public address is not reachable' {
        $byTask[$oracle.Tasks.'private-subnet'].Reason | Should -Match 'has no route 0\.0\.0\.0/0 to an internet gateway \(route table rtb-\w+, main table of vpc-\w+\)'
        $byTask[$oracle.Tasks.'closed-port'].Reason | Should -Match 'no security group admits 0\.0\.0\.0/0 on a port the task publishes \(it publishes 8080\)'
        $byTask[$oracle.Tasks.'ipv6-opening'].Reason | Should -Match 'no security group admits 0\.0\.0\.0/0'
    }

    It 'names the rules and groups that allow each hop' {
        $web = $byTask[$oracle.Tasks.'service-web']
        $web.Evidence | Should -Contain 'ALB web-prod: internet-facing application (ipv4)'
        $web.Evidence | Should -Contain 'listener :80/HTTP default action forwards to target group web-tg'
        @($web.Evidence -match '^security group sg-\w+ \(alb-open\) admits tcp 80 from 0\.0\.0\.0/0$') | Should -HaveCount 1
        @($web.Evidence -match '^target [\d.]+:8080 of web-tg is healthy$') | Should -HaveCount 1
        $byTask[$oracle.Tasks.'service-api'].Evidence | Should -Contain 'listener :80/HTTP rule 10 (path-pattern /api/*) forwards to target group api-tg'
        $direct = $byTask[$oracle.Tasks.'direct-open']
        @($direct.Evidence -match '^route table rtb-\w+ \(explicit association of subnet-\w+\) sends 0\.0\.0\.0/0 to igw-\w+$') | Should -HaveCount 1
        @($direct.Evidence -match '^security group sg-\w+ \(web-open\) admits tcp 8080 from 0\.0\.0\.0/0$') | Should -HaveCount 1
    }

    It 'names exactly the task findings of the oracle, and nothing else on this estate' {
        @($findings | ForEach-Object { '{0} {1} {2} {3}' -f $_.Kind, $_.ResourceArn, $_.AccountId, $_.Region } | Sort-Object -CaseSensitive) |
            Should -Be @($oracle.Findings | ForEach-Object { '{0} {1} {2} {3}' -f $_.Kind, $_.ResourceArn, $_.AccountId, $_.Region } | Sort-Object -CaseSensitive)
    }

    It 'exports Path and Evidence to CSV as text' {
        $path = Join-Path $TestDrive reach.csv
        $findings | Export-Csv -Path $path -NoTypeInformation
        $rows = @(Import-Csv -Path $path)
        ($rows | Where-Object ResourceArn -CEQ $oracle.Tasks.'legacy').Path | Should -Match 'instance i-\w+ :8081 → task \S+ :80$'
        ($rows | Where-Object ResourceArn -CEQ $oracle.Tasks.'legacy').Evidence | Should -Not -Match 'System\.'
    }
}
