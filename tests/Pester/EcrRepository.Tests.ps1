#Requires -Version 7.4
<#
    Get-EcrRepository against moto_server, compared with the oracle tests/Moto/seed_ecr.py
    prints (see tests/Moto/README.md). Skipped, with a warning saying how to install moto,
    when moto_server or boto3 is missing.

    Run from the repository root:
        dotnet pwsh -NoProfile -c "Import-Module ~/.nuget/packages/pester/6.2.0/tools/Pester.psd1; Invoke-Pester tests/Pester/EcrRepository.Tests.ps1 -Output Detailed"
#>

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot ../Moto/MotoServer.psm1) -Force
    $motoMissing = -not (Test-MotoAvailable)

    # The contract's IS_PUBLIC rule, repository by repository (written out here, independently
    # of the oracle's own Python implementation of the rule).
    $publicCases = @(
        @{ Name = 'app-frontend'; IsPublic = $true; Why = 'Allow, Principal "*"' }
        @{ Name = 'app-backend'; IsPublic = $true; Why = 'Allow, Principal {"AWS":"*"}' }
        @{ Name = 'platform/app-shared'; IsPublic = $true; Why = 'Allow, Principal {"AWS":["<account>","*"]}' }
        @{ Name = 'app-legacy'; IsPublic = $true; Why = 'Statement is a single object' }
        @{ Name = 'data-exporter'; IsPublic = $true; Why = 'the wildcard Allow is the second statement' }
        @{ Name = 'tools-scanner'; IsPublic = $false; Why = 'a Deny with "*" only' }
        @{ Name = 'partner-mirror'; IsPublic = $false; Why = 'Deny "*" plus an Allow to one account' }
        @{ Name = 'app-worker'; IsPublic = $false; Why = 'an Allow to one other account' }
        @{ Name = 'tools-ci'; IsPublic = $false; Why = 'no policy' }
        @{ Name = 'myapp-gateway'; IsPublic = $false; Why = 'no policy' }
    )
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot ../Moto/MotoServer.psm1) -Force
    Import-Module (Join-Path $PSScriptRoot TestHelpers.psm1) -Force
    Import-Module (Join-Path $PSScriptRoot ../../AwsContainerInventory.psd1) -Force

    $moto = Start-MotoServer
    $oracle = @(Invoke-MotoSeed -Server $moto -Estate Ecr -Region us-east-1)
    $euOracle = @(Invoke-MotoSeed -Server $moto -Estate Ecr -Region eu-west-1)

    $testingSecret = ConvertTo-SecureString 'testing' -AsPlainText -Force
    function Connect-Moto {
        Connect-AwsInventory -AccessKey testing -SecretKey $testingSecret -Region us-east-1 -EndpointUrl $moto.Url
    }
    Connect-Moto
}

AfterAll {
    if (Get-Command Disconnect-AwsInventory -ErrorAction Ignore) { Disconnect-AwsInventory -ErrorAction SilentlyContinue }
    Stop-MotoServer
}

Describe 'Get-EcrRepository' -Skip:$motoMissing {
    BeforeAll {
        $capturedAfter = [datetime]::UtcNow
        $records = @(Get-EcrRepository)
    }

    It 'returns every repository of the session region exactly once' {
        Get-RecordSetMismatch -Actual $records -Expected $oracle | Should -BeNullOrEmpty
    }

    It 'returns AwsContainerInventory.EcrRepository records' {
        Get-RecordTypeMismatch -Actual $records -TypeName 'AwsContainerInventory.EcrRepository' | Should -BeNullOrEmpty
    }

    It "has exactly the contract's properties" {
        Get-PropertySetMismatch -Actual $records -Expected $oracle | Should -BeNullOrEmpty
    }

    It 'has every attribute of every repository equal to the oracle' {
        Get-ValueMismatch -Actual $records -Expected $oracle | Should -BeNullOrEmpty
    }

    It 'stamps LastCaptured with the UTC time of this run' {
        Get-LastCapturedMismatch -Actual $records -After $capturedAfter | Should -BeNullOrEmpty
    }

    It 'IsPublic of <Name> is <IsPublic> (<Why>)' -ForEach $publicCases {
        $record = $records | Where-Object Name -CEQ $Name
        $record | Should -HaveCount 1
        $record.IsPublic | Should -BeExactly $IsPublic
        ($oracle | Where-Object Name -CEQ $Name).IsPublic | Should -BeExactly $IsPublic -Because 'the oracle applies the same rule'
    }

    It 'explains IsPublic with PublicStatements (no seeded policy has a condition, so public means unconditionally)' {
        foreach ($record in $records) {
            ($record.PublicStatements.Count -gt 0) | Should -BeExactly $record.IsPublic -Because $record.Name
            $record.IsPublicUnconditionally | Should -BeExactly $record.IsPublic -Because $record.Name
            $record.GetPublicStatements().Count | Should -Be $record.PublicStatements.Count -Because $record.Name
            foreach ($statement in $record.GetPublicStatements()) {
                # Every seeded public statement grants ECR pull actions to "*" without a condition.
                $statement.Verdict.ToString() | Should -BeExactly 'Public' -Because $record.Name
                $statement.Rule.ToString() | Should -BeExactly 'WildcardPrincipal' -Because $record.Name
                $statement.Reason | Should -BeExactly 'Principal "*"; no condition pins an identity' -Because $record.Name
            }
        }
        $exporter = $records | Where-Object Name -CEQ 'data-exporter'
        $exporter.GetPublicStatements().ToString() |
            Should -BeExactly 'AnyonePull (ecr:BatchGetImage, ecr:GetDownloadUrlForLayer) unconditionally'
        $exporter.PublicStatements | Should -BeExactly @(
            'AnyonePull (ecr:BatchGetImage, ecr:GetDownloadUrlForLayer) unconditionally => Public [WildcardPrincipal]: Principal "*"; no condition pins an identity')
    }

    It 'several repositories with public statements go to ConvertTo-Json at its default depth without a truncation warning' {
        $public = @($records | Where-Object IsPublic)
        $public.Count | Should -BeGreaterThan 1 -Because 'the estate holds several public repositories'
        $json = $public | ConvertTo-Json -WarningVariable warnings -WarningAction SilentlyContinue
        $warnings.Count | Should -Be 0
        $parsed = @($json | ConvertFrom-Json)
        $parsed.Count | Should -Be $public.Count
        foreach ($repository in $public) {
            $written = $parsed | Where-Object RepositoryArn -CEQ $repository.RepositoryArn
            # The statement lines themselves, verdict and rule included, not a type name.
            @($written.PublicStatements) | Should -BeExactly @($repository.PublicStatements) -Because $repository.Name
            @($written.PublicStatements) | Should -Match '=> Public \[WildcardPrincipal\]: Principal "\*"' -Because $repository.Name
        }
        # Every repository, public or not, and through Export-Csv too: one readable cell.
        $null = $records | ConvertTo-Json -WarningVariable all -WarningAction SilentlyContinue
        $all.Count | Should -Be 0
        ($records | Where-Object Name -CEQ 'data-exporter' | ConvertTo-Csv | ConvertFrom-Csv).PublicStatements |
            Should -BeExactly 'AnyonePull (ecr:BatchGetImage, ecr:GetDownloadUrlForLayer) unconditionally => Public [WildcardPrincipal]: Principal "*"; no condition pins an identity'
    }

    It "-Name 'app-*' selects exactly the repositories whose name starts with app-" {
        $names = @(Get-EcrRepository -Name 'app-*' | ForEach-Object Name | Sort-Object)
        $names | Should -Be @('app-backend', 'app-frontend', 'app-legacy', 'app-worker')
    }

    It '-Name takes several names and patterns' {
        $names = @(Get-EcrRepository -Name 'platform/app-shared', 'tools-*' | ForEach-Object Name | Sort-Object)
        $names | Should -Be @('platform/app-shared', 'tools-ci', 'tools-scanner')
    }

    It '-Name nope writes a non-terminating EcrRepositoryNotFound error naming it' {
        $found = @(Get-EcrRepository -Name 'nope' -ErrorAction SilentlyContinue -ErrorVariable notFound)
        $found | Should -HaveCount 0
        $notFound | Should -HaveCount 1
        $notFound[0].FullyQualifiedErrorId | Should -BeLike 'EcrRepositoryNotFound*'
        $notFound[0].Exception.Message | Should -Match 'nope'
    }

    It 'goes on with the other names after a missing one' {
        $found = @(Get-EcrRepository -Name 'nope', 'app-frontend' -ErrorAction SilentlyContinue -ErrorVariable notFound)
        $found | Should -HaveCount 1
        $found[0].Name | Should -BeExactly 'app-frontend'
        $notFound | Should -HaveCount 1
    }

    It 'is not an error when a wildcard matches nothing' {
        $found = @(Get-EcrRepository -Name 'zzz-*' -ErrorAction SilentlyContinue -ErrorVariable notFound)
        $found | Should -HaveCount 0
        $notFound | Should -HaveCount 0
    }

    It 'filters in a pipeline: Get-EcrRepository | Where-Object IsPublic' {
        $public = @(Get-EcrRepository | Where-Object IsPublic | ForEach-Object Name | Sort-Object)
        $public | Should -Be @('app-backend', 'app-frontend', 'app-legacy', 'data-exporter', 'platform/app-shared')
        $public | Should -Be @($oracle | Where-Object IsPublic | ForEach-Object Name | Sort-Object)
    }

    It 'exports to CSV with readable Tags (k=v;k2=v2) and no type names' {
        $path = Join-Path $TestDrive 'ecr.csv'
        Get-EcrRepository | Export-Csv -Path $path -NoTypeInformation
        $rows = @(Import-Csv -Path $path)
        $rows | Should -HaveCount $oracle.Count
        Get-CsvMismatch -Rows $rows -Expected $oracle | Should -BeNullOrEmpty
        ($rows | Where-Object Name -EQ 'app-frontend').Tags -split ';' | Sort-Object |
            Should -Be @('cost-center=cc-1001', 'env=prod', 'team=web')
    }

    It 'converts to JSON (-Depth 5) with Tags as an object' {
        $json = Get-EcrRepository | ConvertTo-Json -Depth 5 -WarningVariable jsonWarnings
        $jsonWarnings | Should -BeNullOrEmpty
        $parsed = @($json | ConvertFrom-Json)
        $parsed | Should -HaveCount $oracle.Count
        foreach ($item in $parsed) {
            $expected = $oracle | Where-Object Uid -CEQ $item.Uid
            $expected | Should -Not -BeNullOrEmpty -Because "$($item.Uid) is in the oracle"
            $item.IsPublic | Should -BeExactly $expected.IsPublic
            $item.RepositoryPolicy | Should -BeExactly $expected.RepositoryPolicy
            Format-Value (ConvertTo-StringMap $item.Tags) | Should -BeExactly (Format-Value (ConvertTo-StringMap $expected.Tags))
        }
    }

    Context '-Region' {
        It 'inventories the given region instead of the session region' {
            $euRecords = @(Get-EcrRepository -Region eu-west-1)
            Get-RecordSetMismatch -Actual $euRecords -Expected $euOracle | Should -BeNullOrEmpty
            Get-ValueMismatch -Actual $euRecords -Expected $euOracle | Should -BeNullOrEmpty
        }

        It 'inventories every region given' {
            $both = @(Get-EcrRepository -Region us-east-1, eu-west-1)
            Get-RecordSetMismatch -Actual $both -Expected ($oracle + $euOracle) | Should -BeNullOrEmpty
        }
    }
}

Describe 'ConvertTo-CloudResource' -Skip:$motoMissing {
    It "renames every EcrRepository property to the seed's UPPER_SNAKE attribute name" {
        $records = @(Get-EcrRepository)
        $resources = @($records | ConvertTo-CloudResource)
        Get-CloudResourceMismatch -Record $records -Resource $resources | Should -BeNullOrEmpty
        $resources[0].PSObject.Properties.Name | Should -Contain 'REPOSITORY_ARN'
        $resources[0].PSObject.Properties.Name | Should -Contain 'IS_PUBLIC'
        $resources[0].PSObject.Properties.Name | Should -Contain 'LAST_CAPTURED'
    }
}

Describe 'Get-EcrRepository against a signature-checking endpoint' -Skip:$motoMissing {
    BeforeAll {
        $signed = Start-MotoServer -SignatureChecking
        $signedOracle = @(Invoke-MotoSeed -Server $signed -Estate Ecr -Region us-east-1)
        $wrongSecret = 'wrong-Secret-must-not-leak-0000'
    }

    AfterAll {
        Stop-MotoServer -Server $signed
        Connect-Moto   # leave the file's session as the other Describe blocks expect it
    }

    It 'returns every repository when the requests are signed with the IAM key' {
        $secret = ConvertTo-SecureString $signed.SecretAccessKey -AsPlainText -Force
        Connect-AwsInventory -AccessKey $signed.AccessKeyId -SecretKey $secret -Region us-east-1 -EndpointUrl $signed.Url
        $records = @(Get-EcrRepository -ErrorAction Stop)
        Get-RecordSetMismatch -Actual $records -Expected $signedOracle | Should -BeNullOrEmpty
        Get-ValueMismatch -Actual $records -Expected $signedOracle | Should -BeNullOrEmpty
    }

    It 'keeps the secret key out of the session' {
        $session = Get-AwsInventorySession
        $text = @(
            $session | Format-List -Property * -Force | Out-String -Width 8192
            $session.ToString()
            $session | ConvertTo-Json -Depth 4 -WarningAction SilentlyContinue
        ) -join "`n"
        Find-SecretInText -Secret $signed.SecretAccessKey -Text $text -Where 'Get-AwsInventorySession' | Should -BeNullOrEmpty
    }

    It 'gets an error, not a record, when the secret is wrong' {
        $records = @()
        $failures = @()
        try {
            $secret = ConvertTo-SecureString $wrongSecret -AsPlainText -Force
            Connect-AwsInventory -AccessKey $signed.AccessKeyId -SecretKey $secret -Region us-east-1 `
                -EndpointUrl $signed.Url -MaxRetries 0 -ErrorAction Stop
            $records = @(Get-EcrRepository -ErrorAction SilentlyContinue -ErrorVariable getErrors)
            $failures = @($getErrors)
        }
        catch {
            # Validating the credentials in Connect-AwsInventory is fine too.
            $failures = @($_)
        }
        $records | Should -HaveCount 0
        $failures.Count | Should -BeGreaterThan 0
        Find-SecretInText -Secret $wrongSecret -Text ($failures | Out-String -Width 8192) -Where 'the error' |
            Should -BeNullOrEmpty
    }
}
