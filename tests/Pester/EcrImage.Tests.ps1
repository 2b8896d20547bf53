#Requires -Version 7.4
<#
    Get-EcrImage end to end. Against moto_server, compared with the oracle tests/Moto/seed_images.py
    prints from boto3 read-backs (two accounts through their roles: a shared registry and the account
    whose tasks run its images); against the scripted endpoint for what moto does not model: scan
    finding summaries, paging, denied calls. The moto part is skipped, with a warning saying how to
    install moto, when moto_server or boto3 is missing.

    Run from the repository root:
        dotnet pwsh -NoProfile -c "Import-Module (Get-Content tests/Tools/obj/pester-path.txt -TotalCount 1).Trim(); Invoke-Pester tests/Pester/EcrImage.Tests.ps1 -Output Detailed"
#>

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot ../Moto/MotoServer.psm1) -Force
    $motoMissing = -not (Test-MotoAvailable)
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot ../Moto/MotoServer.psm1) -Force
    Import-Module (Join-Path $PSScriptRoot TestHelpers.psm1) -Force
    Import-Module (Join-Path $PSScriptRoot ../../tools/ScriptedEndpoint.psm1) -Force
    Import-Module (Join-Path $PSScriptRoot ../../AwsContainerInventory.psd1) -Force
    $testingSecret = ConvertTo-SecureString 'testing' -AsPlainText -Force
}

AfterAll {
    if (Get-Command Disconnect-AwsInventory -ErrorAction Ignore) { Disconnect-AwsInventory -ErrorAction SilentlyContinue }
    Stop-MotoServer
}

Describe 'Get-EcrImage against moto' -Skip:$motoMissing {
    BeforeAll {
        $moto = Start-MotoServer
        $oracle = Invoke-MotoSeed -Server $moto -Estate Images
        $A, $B = $oracle.Accounts.Base, $oracle.Accounts.Second
        Connect-AwsInventory -AccessKey testing -SecretKey $testingSecret -Region us-east-1 -EndpointUrl $moto.Url -RoleArn $oracle.Roles.RoleArns
        $capturedAfter = [datetime]::UtcNow
        $records = @(Get-EcrImage -ErrorVariable failures)
        function Get-OracleImage([string[]] $Uid) { @($oracle.Images | Where-Object { $_.Uid -cin $Uid }) }
    }

    It 'returns every image of both accounts once, every property equal to the boto3 read-back' {
        $failures | Should -BeNullOrEmpty
        $records.Count | Should -Be $oracle.Images.Count
        Get-OracleMismatch -Actual $records -Expected $oracle.Images -TypeName 'AwsContainerInventory.EcrImage' -CapturedAfter $capturedAfter |
            Should -BeNullOrEmpty
    }

    It 'reads digest, tags, size and push time from put_image, and leaves the scan state null (moto scans nothing)' {
        $latest = $records | Where-Object { $_.ImageTags -contains 'latest' }
        $latest | Should -HaveCount 1
        $latest.ImageTags.ToString() | Should -BeExactly '1.1;latest'
        $latest.ImageDigest | Should -Match '^sha256:[0-9a-f]{64}$'
        $latest.ImageSizeInBytes | Should -BeOfType [long]
        $latest.ImagePushedAt.Kind | Should -Be 'Utc'
        @($records | Where-Object { $null -eq $_.ImageTags }) | Should -HaveCount 1 -Because 'shared/web has one untagged image'
        @($records | Where-Object { $null -ne $_.ScanStatus -or $null -ne $_.CriticalFindings }) | Should -HaveCount 0
    }

    It 'reads only the piped repository: Get-EcrRepository -Name shared/web | Get-EcrImage' {
        $piped = @(Get-EcrRepository -Name shared/web | Get-EcrImage -ErrorVariable pipeFailures)
        $pipeFailures | Should -BeNullOrEmpty
        $expected = @($oracle.Images | Where-Object RepositoryArn -CEQ "arn:aws:ecr:us-east-1:${A}:repository/shared/web")
        Get-RecordSetMismatch -Actual $piped -Expected $expected | Should -BeNullOrEmpty
    }

    It 'finds a repository by name in whichever account has it, and an ARN in its own' {
        $api = @(Get-EcrImage -Repository own/api)
        Get-RecordSetMismatch -Actual $api -Expected @($oracle.Images | Where-Object RepositoryName -CEQ 'own/api') | Should -BeNullOrEmpty
        $api.AccountId | Sort-Object -Unique | Should -Be $B
        $worker = @(Get-EcrImage -Repository "arn:aws:ecr:us-east-1:${A}:repository/shared/worker")
        $worker | Should -HaveCount 2
    }

    It 'looks up digests and reports one it cannot find as EcrImageNotFound' {
        $one = $oracle.Images | Where-Object { $_.ImageTags -contains '2.1' }
        $missing = 'sha256:' + ('0' * 64)
        $found = @(Get-EcrImage -ImageDigest $one.ImageDigest, $missing -ErrorAction SilentlyContinue -ErrorVariable notFound)
        $found.Uid | Should -Be $one.Uid
        $notFound | Should -HaveCount 1
        $notFound[0].FullyQualifiedErrorId | Should -BeLike 'EcrImageNotFound,*'
        $notFound[0].TargetObject | Should -BeExactly $missing
    }

    It '-InUse returns exactly the images RUNNING tasks of either account run, marked InUse' {
        $inUse = @(Get-EcrImage -InUse -WarningVariable warnings -WarningAction SilentlyContinue -ErrorVariable inUseFailures)
        $inUseFailures | Should -BeNullOrEmpty
        $expected = @(Get-OracleImage $oracle.InUse | ForEach-Object { $copy = $_.PSObject.Copy(); $copy.InUse = $true; $copy })
        Get-RecordSetMismatch -Actual $inUse -Expected $expected | Should -BeNullOrEmpty
        Get-ValueMismatch -Actual $inUse -Expected $expected | Should -BeNullOrEmpty
        $inUse | Where-Object AccountId -EQ $A | Should -Not -BeNullOrEmpty -Because "account B's tasks run account A's images"
        $warnings | Should -HaveCount @($oracle.MissingInUse).Count
        "$warnings" | Should -BeLike "*$($oracle.MissingInUse[0].Digest)*$($oracle.MissingInUse[0].RepositoryArn)*"
    }

    It 'converts to UPPER_SNAKE Cloud Resource names with equal values, and exports tags as a;b' {
        $resources = @($records | ConvertTo-CloudResource)
        Get-CloudResourceMismatch -Record $records -Resource $resources | Should -BeNullOrEmpty
        $path = Join-Path $TestDrive images.csv
        $resources | Export-Csv -Path $path -NoTypeInformation
        $row = Import-Csv $path | Where-Object IMAGE_TAGS -EQ '1.1;latest'
        $row | Should -HaveCount 1
        $row.IMAGE_DIGEST | Should -Match '^sha256:'
    }

    It 'ScanOnPushDisabled follows each registry''s scanning configuration (ENHANCED filters in A, a BASIC rule in B)' {
        $findings = @(Get-ContainerExposure -Kind ScanOnPushDisabled -ErrorVariable exposureFailures)
        $exposureFailures | Should -BeNullOrEmpty
        @($findings.ResourceArn | Sort-Object) | Should -Be @($oracle.ScanOnPushDisabled)
    }

    It 'rejects a malformed digest before any call' {
        { Get-EcrImage -ImageDigest 'sha256:xyz' -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError,AwsContainerInventory.Cmdlets.GetEcrImageCommand'
    }
}

Describe 'Get-EcrImage against the scripted endpoint' {
    BeforeAll {
        $endpoint = Start-ScriptedEndpoint
        $open, $denied = '111100000001', '111100000002'
        function Get-Calls([string] $Operation) { @((Invoke-EndpointControl $endpoint stats -Get).operations.$Operation.calls) }
        function New-Image([string] $Account, [string] $Repository, [int] $N, $Counts) {
            $image = [ordered]@{
                registryId = $Account; repositoryName = $Repository; imageDigest = 'sha256:' + $N.ToString('x64')
                imageTags = @("1.$N"); imageSizeInBytes = 40000000 + $N; imagePushedAt = 1767225600 + $N
            }
            if ($Counts) {
                $image.imageScanStatus = @{ status = 'ACTIVE'; description = 'Continuous scan is selected for image.' }
                $image.imageScanFindingsSummary = @{ imageScanCompletedAt = 1767229200 + $N; findingSeverityCounts = $Counts }
            }
            $image
        }
        function New-Repository([string] $Account, [string] $Name) {
            @{ repositoryName = $Name; registryId = $Account; repositoryArn = "arn:aws:ecr:us-east-1:${Account}:repository/$Name"
               imageTagMutability = 'IMMUTABLE'; imageScanningConfiguration = @{ scanOnPush = $false } }
        }
        $images = @(1..12 | ForEach-Object { New-Image $open 'team/web' $_ $(if ($_ % 2) { @{ CRITICAL = $_; HIGH = 2 * $_; LOW = 1 } }) })
        $estate = @{
            roles   = @($open, $denied | ForEach-Object { "arn:aws:iam::${_}:role/Inventory" })
            regions = @(
                @{ accountId = $open; region = 'us-east-1'; repositories = @(@{ repository = New-Repository $open 'team/web'; images = $images }) }
                @{ accountId = $denied; region = 'us-east-1'; repositories = @(@{ repository = New-Repository $denied 'team/locked'; images = @(New-Image $denied 'team/locked' 99 $null) }) }
            )
            deniedOperations = @{ $denied = @('ecr:DescribeImages', 'ecr:GetRegistryScanningConfiguration') }
        }
        Invoke-EndpointControl $endpoint estate ($estate | ConvertTo-Json -Depth 12) | Out-Null
        Connect-AwsInventory -AccessKey AKIDEXAMPLEBASE0001 -SecretKey (ConvertTo-SecureString base-secret-key-for-tests -AsPlainText -Force) `
            -Region us-east-1 -EndpointUrl $endpoint.Url -RoleArn $estate.roles -PageSize 5
        $records = @(Get-EcrImage -ErrorAction SilentlyContinue -ErrorVariable failures)
    }

    AfterAll {
        Disconnect-AwsInventory -ErrorAction SilentlyContinue
        Stop-ScriptedEndpoint $endpoint
    }

    It 'carries each image''s scan summary: counts by severity, 0 for none found, null when never scanned' {
        $records | Should -HaveCount 12
        foreach ($image in $images) {
            $record = $records | Where-Object ImageDigest -EQ $image.imageDigest
            $counts = $image.imageScanFindingsSummary.findingSeverityCounts
            if ($counts) {
                $record.CriticalFindings | Should -Be $counts.CRITICAL
                $record.HighFindings | Should -Be $counts.HIGH
                $record.MediumFindings | Should -Be 0
                $record.LowFindings | Should -Be 1
                $record.FindingSeverityCounts.ToString() | Should -BeExactly "CRITICAL=$($counts.CRITICAL);HIGH=$($counts.HIGH);LOW=1"
                $record.ScanStatus | Should -BeExactly 'ACTIVE'
                $record.ImageScanCompletedAt | Should -Be ([DateTimeOffset]::FromUnixTimeSeconds($image.imageScanFindingsSummary.imageScanCompletedAt).UtcDateTime)
            }
            else {
                $record.CriticalFindings | Should -BeNullOrEmpty
                $record.FindingSeverityCounts | Should -BeNullOrEmpty
            }
        }
    }

    It 'pages DescribeImages by the session PageSize' {
        $calls = @(Get-Calls DescribeImages | Where-Object accountId -EQ $open)
        $calls | Should -HaveCount 3   # 12 images, 5 a page
        $calls.maxResults | Sort-Object -Unique | Should -Be 5
    }

    It 'reports a denied DescribeImages as one AwsAccessDenied error naming the repository' {
        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'AwsAccessDenied,*'
        $failures[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
        $failures[0].TargetObject | Should -BeExactly "arn:aws:ecr:us-east-1:${denied}:repository/team/locked"
    }

    It 'shows the table view with short digests and the counts' {
        $table = ($records | Sort-Object ImagePushedAt | Select-Object -First 1 | Format-Table | Out-String -Width 200)
        $table | Should -Match 'RepositoryName\s+Digest\s+Critical\s+High\s+Tags'
        $table | Should -Match ('team/web\s+' + $images[0].imageDigest.Substring(7, 12) + '\s')
    }

    It 'warns once for the role denied GetRegistryScanningConfiguration and judges its repositories by their own flag' {
        $findings = @(Get-ContainerExposure -Kind ScanOnPushDisabled -WarningVariable warnings -WarningAction SilentlyContinue)
        $warnings | Should -HaveCount 1
        "$warnings" | Should -BeLike "*arn:aws:iam::${denied}:role/Inventory*ecr:GetRegistryScanningConfiguration*"
        $locked = @($findings | Where-Object AccountId -EQ $denied)
        $locked | Should -HaveCount 1
        $locked[0].Reason | Should -BeLike '*ecr:GetRegistryScanningConfiguration was denied*'
        ($findings | Where-Object AccountId -EQ $open).Reason | Should -BeLike '*no scan-on-push rule*' -Because 'the readable registry is BASIC without rules'
        (Get-Calls GetRegistryScanningConfiguration) | Should -HaveCount 2
    }
}
