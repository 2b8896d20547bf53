#Requires -Version 7.4
<#
    Whole organizations end to end: Connect-AwsInventory's account options validated before any call;
    discovery, OU filtering, exclusion, shards and -Region All against moto_server's Organizations (in its
    signature-checking mode, compared with the oracle tests/Moto/seed_organization.py prints); denied
    accounts, regions not enabled and 45-account paging against the scripted endpoint.
#>

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot ../Moto/MotoServer.psm1) -Force
    $motoMissing = -not (Test-MotoAvailable)
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot ../Moto/MotoServer.psm1) -Force
    Import-Module (Join-Path $PSScriptRoot ../../tools/ScriptedEndpoint.psm1) -Force
    Import-Module (Join-Path $PSScriptRoot ../../AwsContainerInventory.psd1) -Force
    $script:cmdletId = 'AwsContainerInventory.Cmdlets.ConnectAwsInventoryCommand'
    $script:secure = ConvertTo-SecureString 'organization-test-secret' -AsPlainText -Force

    # -Region All sends its one-region calls to AWS_REGION's region: pin it, and restore it as found.
    $script:savedRegion = [Environment]::GetEnvironmentVariable('AWS_REGION')
    $env:AWS_REGION = 'us-east-1'
}

AfterAll {
    if (Get-Command Disconnect-AwsInventory -ErrorAction Ignore) { Disconnect-AwsInventory -Confirm:$false }
    [Environment]::SetEnvironmentVariable('AWS_REGION', $(if ($null -eq $script:savedRegion) { [NullString]::Value } else { $script:savedRegion }))
    Stop-MotoServer
}

Describe 'Connect-AwsInventory account options' {
    BeforeEach { Disconnect-AwsInventory -Confirm:$false }

    It 'rejects -<Parameter> <Value> naming the parameter, before any call' -ForEach @(
        @{ Parameter = 'Shard'; Value = '0/4'; Expect = 'k must be from 1 to n' }
        @{ Parameter = 'Shard'; Value = '5/4'; Expect = 'k must be from 1 to n' }
        @{ Parameter = 'Shard'; Value = 'half'; Expect = 'Expected k/n' }
        @{ Parameter = 'OrganizationalUnitId'; Value = 'ou-12'; Expect = 'not an organizational unit or root id' }
        @{ Parameter = 'OrganizationalUnitId'; Value = 'OU-AB12-CD34EF56'; Expect = 'not an organizational unit or root id' }
        @{ Parameter = 'ExcludeAccountId'; Value = '1234'; Expect = 'not an AWS account id' }
        @{ Parameter = 'OrganizationRoleName'; Value = 'arn:aws:iam::111122223333:role/Inventory'; Expect = 'not an IAM role name' }
    ) {
        $arguments = @{ AccessKey = 'AKIDVALIDATION'; SecretKey = $secure; Region = 'us-east-1'; OrganizationRoleName = 'Inventory' }
        $arguments[$Parameter] = $Value
        $failure = { Connect-AwsInventory @arguments } | Should -Throw -ErrorId "ParameterArgumentValidationError,$cmdletId" -PassThru
        $failure.Exception.Message | Should -BeLike "*'$Parameter'*"
        $failure.Exception.Message | Should -BeLike "*$Expect*"
        Get-AwsInventorySession | Should -BeNullOrEmpty
    }

    It 'rejects <Why>' -ForEach @(
        @{ Why = 'OUs without the organization role'; Arguments = @{ OrganizationalUnitId = 'ou-ab12-cd34ef56' }; Target = 'OrganizationalUnitId' }
        @{ Why = 'a shard of the base credentials alone'; Arguments = @{ Shard = '1/2' }; Target = 'Shard' }
        @{ Why = 'exclusions of the base credentials alone'; Arguments = @{ ExcludeAccountId = '111122223333' }; Target = 'ExcludeAccountId' }
    ) {
        $failure = { Connect-AwsInventory -AccessKey AKIDVALIDATION -SecretKey $secure -Region us-east-1 @Arguments } |
            Should -Throw -ErrorId "AwsInvalidAccountSelection,$cmdletId" -PassThru
        $failure.TargetObject | Should -Be $Target
        $failure.CategoryInfo.Category | Should -Be 'InvalidArgument'
    }

    It 'takes -Region All and * and the options, and makes no call' {
        $session = Connect-AwsInventory -AccessKey AKIDVALIDATION -SecretKey $secure -Region All -OrganizationRoleName inventory/Reader `
            -OrganizationalUnitId 'ou-ab12-cd34ef56,r-ab12' -ExcludeAccountId 111122223333 -Shard 2/8 -EndpointUrl http://127.0.0.1:9 -PassThru
        $session.Regions | Should -Be @('*')
        $session.HomeRegion | Should -Be 'us-east-1'
        $session.OrganizationalUnitIds | Should -Be @('ou-ab12-cd34ef56', 'r-ab12')
        $session.Shard | Should -Be '2/8'
        $session.AccountCount | Should -BeNullOrEmpty
        "$session" | Should -BeLike '*regions all enabled*organization role inventory/Reader (accounts listed at the first call)*shard 2/8*'
        (Connect-AwsInventory -AccessKey AKIDVALIDATION -SecretKey $secure -Region '*' -PassThru).Regions | Should -Be @('*')
        ($session | Format-List | Out-String) | Should -BeLike '*OrganizationRoleName*inventory/Reader*Shard*2/8*'
    }
}

Describe 'Whole organizations on moto' -Skip:$motoMissing {
    BeforeAll {
        $moto = Start-MotoServer -SignatureChecking
        $oracle = Invoke-MotoSeed -Server $moto -Estate Organization -Region us-east-1
        $keys = @{ AccessKey = $moto.AccessKeyId; SecretKey = (ConvertTo-SecureString $moto.SecretAccessKey -AsPlainText -Force); EndpointUrl = $moto.Url }
        # The accounts whose repositories one session with these options read, its records and its errors.
        function Read-Accounts([hashtable] $Options) {
            Connect-AwsInventory @keys -Region us-east-1 -OrganizationRoleName $oracle.RoleName @Options
            $records = @(Get-EcrRepository -ErrorVariable failures -ErrorAction SilentlyContinue)
            [pscustomobject]@{ Accounts = @($records.AccountId | Sort-Object -Unique); Records = $records; Errors = @($failures) }
        }
    }

    It 'reads every ACTIVE account once, the management account with its own credentials' {
        $read = Read-Accounts @{}
        $read.Errors | Should -BeNullOrEmpty
        $accounts = $read.Accounts
        $accounts | Should -Be $oracle.ActiveAccountIds
        $expected = $oracle.Repositories | Where-Object AccountId -In $oracle.ActiveAccountIds
        @($read.Records.RepositoryArn | Sort-Object) | Should -Be @($expected.RepositoryArn | Sort-Object)
        (Get-AwsInventorySession).AccountCount | Should -Be $oracle.ActiveAccountIds.Count
        @((Get-AwsInventorySession).AccountIds) | Should -Be $oracle.ActiveAccountIds
        $closed = $oracle.Accounts | Where-Object State -NE 'ACTIVE'
        $closed.Id | Should -Not -BeIn $accounts
    }

    It 'reads an OU with every OU below it: <Unit>' -ForEach @(@{ Unit = 'workloads' }, @{ Unit = 'prod' }, @{ Unit = 'sandbox' }) {
        $read = Read-Accounts @{ OrganizationalUnitId = $oracle.OrganizationalUnits.$Unit }
        $read.Accounts | Should -Be @($oracle.AccountsUnder.$Unit)
        $read.Errors | Should -BeNullOrEmpty
    }

    It 'reads the whole tree from the root, and leaves out excluded accounts' {
        (Read-Accounts @{ OrganizationalUnitId = $oracle.RootId }).Accounts | Should -Be @($oracle.AccountsUnder.root)
        $excluded = $oracle.ManagementAccountId, $oracle.AccountsUnder.sandbox[0]
        (Read-Accounts @{ ExcludeAccountId = $excluded }).Accounts | Should -Be @($oracle.ActiveAccountIds | Where-Object { $_ -notin $excluded })
    }

    It 'splits the accounts into shards that cover them all once' {
        $shards = foreach ($k in 1..3) { , @((Read-Accounts @{ Shard = "$k/3" }).Accounts) }
        @($shards | ForEach-Object { $_ } | Sort-Object) | Should -Be $oracle.ActiveAccountIds
    }

    It 'reads every region the accounts have enabled with -Region All' {
        Connect-AwsInventory @keys -Region All -OrganizationRoleName $oracle.RoleName
        $all = @(Get-EcrRepository -ErrorVariable failures -ErrorAction SilentlyContinue)
        $failures | Should -BeNullOrEmpty
        @($all.RepositoryArn | Sort-Object) | Should -Be @(($oracle.Repositories | Where-Object AccountId -In $oracle.ActiveAccountIds).RepositoryArn | Sort-Object)
    }
}

Describe 'Whole organizations on the scripted endpoint' {
    BeforeAll {
        $endpoint = Start-ScriptedEndpoint
        function Invoke-Control([string] $Path, [object] $Body = @{}) { Invoke-EndpointControl $endpoint $Path ($Body | ConvertTo-Json -Depth 5) }
        function Get-Calls([string] $Operation) { @((Invoke-EndpointControl $endpoint stats -Get).operations.$Operation.calls) }
        Invoke-Control '/_control/generate' @{ replace = $true; accounts = 45; firstAccountId = '200000000001'; regions = @('us-east-1', 'af-south-1')
            repositoriesPerRegion = 1; clustersPerRegion = 0; taskDefinitionsPerRegion = 0 } | Out-Null
        # 45 members with the role Inventory, every account strict about opt-in regions; member 7 opted in to af-south-1.
        Invoke-Control '/_control/organization/generate' @{ members = 45; firstAccountId = '200000000001'; optedInRegions = @() } | Out-Null
        Invoke-EndpointControl $endpoint '/_control/organization?merge=true' '{"regionOptIn":{"200000000007":["af-south-1"]}}' | Out-Null
        Invoke-Control '/_control/sts' @{ deniedRoleArns = @('arn:aws:iam::200000000013:role/Inventory') } | Out-Null
        $keys = @{ AccessKey = 'AKIDEXAMPLEBASE0001'; SecretKey = (ConvertTo-SecureString 'base-secret-key-for-tests' -AsPlainText -Force); EndpointUrl = $endpoint.Url }
    }

    AfterAll { Stop-ScriptedEndpoint $endpoint }

    It 'pages through 45 accounts, reports the denied one once, and the session shows both' {
        Invoke-Control '/_control/reset' | Out-Null
        Connect-AwsInventory @keys -Region us-east-1 -OrganizationRoleName Inventory -ParallelRequests 16
        $records = @(Get-EcrRepository -ErrorVariable failures -ErrorAction SilentlyContinue)
        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'AwsRoleAssumptionFailed,*'
        $failures[0].TargetObject | Should -Be 'arn:aws:iam::200000000013:role/Inventory'
        $records | Should -HaveCount 44
        Get-Calls ListAccounts | Should -HaveCount 3
        $session = Get-AwsInventorySession
        $session.AccountCount | Should -Be 46
        @($session.FailedRoleArns) | Should -Be @('arn:aws:iam::200000000013:role/Inventory')
        ($session | Format-List | Out-String) | Should -BeLike '*AccountCount*46*FailedRoleArns*200000000013*'
    }

    It 'reads only enabled regions with -Region All, and calls an explicit region not enabled an error for each such account' {
        Invoke-Control '/_control/reset' | Out-Null
        Connect-AwsInventory @keys -Region All -OrganizationRoleName Inventory -ExcludeAccountId 200000000013 -ParallelRequests 32
        $all = @(Get-EcrRepository -ErrorVariable failures -ErrorAction SilentlyContinue)
        $failures | Should -BeNullOrEmpty
        @($all | Where-Object Region -EQ 'af-south-1').AccountId | Should -Be @('200000000007')
        $all | Should -HaveCount 45
        Get-Calls DescribeRegions | Should -HaveCount 45

        Connect-AwsInventory @keys -Region us-east-1, af-south-1 -OrganizationRoleName Inventory -OrganizationalUnitId r-ab12 -ExcludeAccountId 200000000013
        $named = @(Get-EcrRepository -ErrorVariable failures -ErrorAction SilentlyContinue)
        $named | Should -HaveCount 45
        $failures | Should -HaveCount 44   # every account but 200000000007 (the management account included)
        $failures | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'AwsRegionNotEnabled,*' }
        $failures | ForEach-Object { $_.Exception.Message | Should -BeLike '*region af-south-1 is not enabled in account*' }
    }
}
