#Requires -Version 7.4
<#
    The region and endpoint chains end to end, without Connect-AwsInventory: the Get- cmdlets read
    AWS_REGION / AWS_DEFAULT_REGION / the profile's region and AWS_ENDPOINT_URL_<SERVICE> / AWS_ENDPOINT_URL /
    the profile's endpoint_url and services section on every call, and reach moto_server through them.
    Every AWS_* variable the tests touch is saved first and restored after (child processes, such as the
    seed scripts, inherit the environment, so seeding happens before any is set).

    Run from the repository root:
        dotnet pwsh -NoProfile -c "Import-Module ~/.nuget/packages/pester/6.2.0/tools/Pester.psd1; Invoke-Pester tests/Pester/RegionsAndEndpoints.Tests.ps1 -Output Detailed"
#>

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot ../Moto/MotoServer.psm1) -Force
    $motoMissing = -not (Test-MotoAvailable)
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot ../Moto/MotoServer.psm1) -Force
    Import-Module (Join-Path $PSScriptRoot TestHelpers.psm1) -Force
    Import-Module (Join-Path $PSScriptRoot ../../AwsContainerInventory.psd1) -Force

    $script:variables = @(
        'AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_PROFILE', 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE',
        'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN',
        'AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_ECR', 'AWS_ENDPOINT_URL_ECS', 'AWS_ENDPOINT_URL_EC2', 'AWS_ENDPOINT_URL_STS',
        'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS', 'AWS_USE_FIPS_ENDPOINT', 'AWS_USE_DUALSTACK_ENDPOINT')
    $script:saved = @{}
    foreach ($name in $variables) { $saved[$name] = [Environment]::GetEnvironmentVariable($name) }

    function Reset-AwsEnvironment {
        # Every variable unset, then the dummy keys moto accepts and config files of this test only.
        foreach ($name in $script:variables) { [Environment]::SetEnvironmentVariable($name, [NullString]::Value) }
        $env:AWS_ACCESS_KEY_ID = 'testing'
        $env:AWS_SECRET_ACCESS_KEY = 'testing'
        $env:AWS_CONFIG_FILE = $script:configFile
        $env:AWS_SHARED_CREDENTIALS_FILE = $script:credentialsFile
        Set-Content -Path $script:configFile -Value ''
    }

    $script:configFile = Join-Path $TestDrive 'config'
    $script:credentialsFile = Join-Path $TestDrive 'credentials'
    Set-Content -Path $credentialsFile -Value ''

    $script:moto = Start-MotoServer
    $script:usOracle = @(Invoke-MotoSeed -Server $moto -Estate Ecr -Region us-east-1)
    $script:euOracle = @(Invoke-MotoSeed -Server $moto -Estate Ecr -Region eu-west-1)
    Disconnect-AwsInventory -Confirm:$false
}

AfterAll {
    foreach ($name in $script:variables) { [Environment]::SetEnvironmentVariable($name, $(if ($null -eq $script:saved[$name]) { [NullString]::Value } else { $script:saved[$name] })) }
    if (Get-Command Disconnect-AwsInventory -ErrorAction Ignore) { Disconnect-AwsInventory -Confirm:$false }
    Stop-MotoServer
}

Describe 'The region chain without Connect-AwsInventory' -Skip:$motoMissing {
    BeforeEach {
        Reset-AwsEnvironment
        $env:AWS_ENDPOINT_URL_ECR = $moto.Url
    }

    It 'reads AWS_DEFAULT_REGION' {
        $env:AWS_DEFAULT_REGION = 'eu-west-1'
        $records = @(Get-EcrRepository)
        Get-RecordSetMismatch -Actual $records -Expected $euOracle | Should -BeNullOrEmpty
        $records.Region | Sort-Object -Unique | Should -Be 'eu-west-1'
    }

    It 'takes a change of $env:AWS_REGION at the next call, over AWS_DEFAULT_REGION' {
        $env:AWS_DEFAULT_REGION = 'eu-west-1'
        $env:AWS_REGION = 'us-east-1'
        $first = @(Get-EcrRepository)
        $env:AWS_REGION = 'eu-west-1'
        $second = @(Get-EcrRepository)
        $env:AWS_REGION = $null
        $env:AWS_DEFAULT_REGION = 'us-east-1'
        $third = @(Get-EcrRepository)

        Get-RecordSetMismatch -Actual $first -Expected $usOracle | Should -BeNullOrEmpty
        Get-RecordSetMismatch -Actual $second -Expected $euOracle | Should -BeNullOrEmpty
        Get-RecordSetMismatch -Actual $third -Expected $usOracle | Should -BeNullOrEmpty
    }

    It "falls back to the profile's region (AWS_PROFILE in AWS_CONFIG_FILE) and says where it came from" {
        Set-Content -Path $configFile -Value "[profile inventory]`nregion = eu-west-1"
        $env:AWS_PROFILE = 'inventory'
        $verbose = Get-EcrRepository -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        ($verbose.Message -match "reading eu-west-1 \(from profile 'inventory'\)") | Should -Not -BeNullOrEmpty
        Get-RecordSetMismatch -Actual @(Get-EcrRepository) -Expected $euOracle | Should -BeNullOrEmpty
    }

    It 'rejects a region no partition has at once, naming close valid names' {
        $env:AWS_REGION = 'us-esat-1'
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $failure = { Get-EcrRepository -ErrorAction Stop } | Should -Throw -ErrorId 'AwsInvalidRegion,AwsContainerInventory.Cmdlets.GetEcrRepositoryCommand' -PassThru
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 5
        $failure.Exception.Message | Should -BeLike '*AWS_REGION*Closest valid names: us-east-1*'
    }
}

Describe 'The endpoint chain without Connect-AwsInventory' -Skip:$motoMissing {
    BeforeEach {
        Reset-AwsEnvironment
        $env:AWS_REGION = 'us-east-1'
    }

    It 'reaches moto through AWS_ENDPOINT_URL_ECR alone' {
        $env:AWS_ENDPOINT_URL_ECR = $moto.Url
        Get-RecordSetMismatch -Actual @(Get-EcrRepository) -Expected $usOracle | Should -BeNullOrEmpty
    }

    It 'reaches moto through AWS_ENDPOINT_URL' {
        $env:AWS_ENDPOINT_URL = $moto.Url
        Get-RecordSetMismatch -Actual @(Get-EcrRepository) -Expected $usOracle | Should -BeNullOrEmpty
    }

    It 'prefers AWS_ENDPOINT_URL_ECR over AWS_ENDPOINT_URL' {
        $env:AWS_ENDPOINT_URL = 'http://127.0.0.1:9/'
        $env:AWS_ENDPOINT_URL_ECR = $moto.Url
        Get-RecordSetMismatch -Actual @(Get-EcrRepository) -Expected $usOracle | Should -BeNullOrEmpty
    }

    It "reaches moto through the profile's endpoint_url" {
        Set-Content -Path $configFile -Value "[default]`nendpoint_url = $($moto.Url)"
        Get-RecordSetMismatch -Actual @(Get-EcrRepository) -Expected $usOracle | Should -BeNullOrEmpty
    }

    It "reaches moto through the profile's services section" {
        Set-Content -Path $configFile -Value @"
[profile local]
services = moto
endpoint_url = http://127.0.0.1:9/

[services moto]
ecr =
  endpoint_url = $($moto.Url)
"@
        $env:AWS_PROFILE = 'local'
        Get-RecordSetMismatch -Actual @(Get-EcrRepository) -Expected $usOracle | Should -BeNullOrEmpty
    }

    It 'drops every configured URL with AWS_IGNORE_CONFIGURED_ENDPOINT_URLS' {
        $env:AWS_ENDPOINT_URL_ECR = $moto.Url
        Set-Content -Path $configFile -Value "[default]`nendpoint_url = $($moto.Url)"
        $env:AWS_IGNORE_CONFIGURED_ENDPOINT_URLS = 'true'
        $session = Connect-AwsInventory -PassThru
        try {
            $session.ConfiguredEndpoints.Count | Should -Be 0
            $session.ToString() | Should -Not -BeLike '*127.0.0.1*'
        }
        finally { Disconnect-AwsInventory -Confirm:$false }
    }

    It 'rejects an endpoint variable that is not a URL before any call' {
        $env:AWS_ENDPOINT_URL_ECR = 'localhost:4566'
        $failure = { Get-EcrRepository -ErrorAction Stop } |
            Should -Throw -ErrorId 'AwsInvalidEndpointConfiguration,AwsContainerInventory.Cmdlets.GetEcrRepositoryCommand' -PassThru
        $failure.TargetObject | Should -Be 'AWS_ENDPOINT_URL_ECR'
    }
}

Describe 'Connect-AwsInventory regions, partitions and endpoint variants' {
    BeforeAll { $script:secure = ConvertTo-SecureString 'x' -AsPlainText -Force }
    BeforeEach { Reset-AwsEnvironment }
    AfterEach { Disconnect-AwsInventory -Confirm:$false }

    It 'accepts every partition''s regions: <Region>' -ForEach @(
        @{ Region = 'eusc-de-east-1' }, @{ Region = 'us-iso-east-1' }, @{ Region = 'us-isob-east-1' },
        @{ Region = 'eu-isoe-west-1' }, @{ Region = 'us-isof-south-1' }, @{ Region = 'cn-north-1' }, @{ Region = 'us-gov-west-1' }
    ) {
        $session = Connect-AwsInventory -AccessKey AKIDTEST -SecretKey $secure -Region $Region -PassThru -WarningVariable warnings
        $session.Regions | Should -Be $Region
        $warnings | Should -BeNullOrEmpty
    }

    It 'rejects xx-moon-1 naming close valid names' {
        $failure = { Connect-AwsInventory -AccessKey AKIDTEST -SecretKey $secure -Region xx-moon-1 } |
            Should -Throw -ErrorId 'ParameterArgumentValidationError,AwsContainerInventory.Cmdlets.ConnectAwsInventoryCommand' -PassThru
        $failure.Exception.Message | Should -BeLike "*'xx-moon-1' is not an AWS region name*Closest valid names: *"
    }

    It 'takes a region newer than the partition data with a warning' {
        $session = Connect-AwsInventory -AccessKey AKIDTEST -SecretKey $secure -Region ap-southeast-9 -PassThru -WarningVariable warnings -WarningAction SilentlyContinue
        $session.Regions | Should -Be 'ap-southeast-9'
        "$warnings" | Should -BeLike "*'ap-southeast-9' is not in this module's partition data*partition aws*"
    }

    It 'shows -UseFipsEndpoint and -UseDualStackEndpoint in Get-AwsInventorySession, and AWS_USE_FIPS_ENDPOINT without the switch' {
        Connect-AwsInventory -AccessKey AKIDTEST -SecretKey $secure -Region us-east-1 -UseFipsEndpoint -UseDualStackEndpoint
        (Get-AwsInventorySession).UseFipsEndpoint | Should -BeTrue
        (Get-AwsInventorySession).UseDualStackEndpoint | Should -BeTrue
        (Get-AwsInventorySession | Format-List | Out-String) | Should -BeLike '*UseFipsEndpoint*True*'

        $env:AWS_USE_FIPS_ENDPOINT = 'true'
        $session = Connect-AwsInventory -AccessKey AKIDTEST -SecretKey $secure -Region us-east-1 -PassThru
        $session.UseFipsEndpoint | Should -BeTrue
        $session.UseDualStackEndpoint | Should -BeFalse
    }

    It 'rejects -EndpointUrl with -UseFipsEndpoint' {
        { Connect-AwsInventory -AccessKey AKIDTEST -SecretKey $secure -Region us-east-1 -EndpointUrl 'http://127.0.0.1:9/' -UseFipsEndpoint } |
            Should -Throw -ErrorId 'AwsInvalidEndpointConfiguration,AwsContainerInventory.Cmdlets.ConnectAwsInventoryCommand'
        Get-AwsInventorySession | Should -BeNullOrEmpty
    }
}

Describe 'Tab completion of -Region' {
    BeforeDiscovery {
        $regionCommands = @('Connect-AwsInventory', 'Get-EcrRepository', 'Get-EcrImage', 'Get-EcsCluster', 'Get-EcsService', 'Get-EcsTask',
            'Get-EcsTaskDefinition', 'Get-ContainerExposure')
    }

    BeforeAll {
        function Get-Completion([string] $Line) {
            @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches | ForEach-Object CompletionText)
        }
        $script:expected = @('Connect-AwsInventory', 'Get-EcrRepository', 'Get-EcrImage', 'Get-EcsCluster', 'Get-EcsService', 'Get-EcsTask',
            'Get-EcsTaskDefinition', 'Get-ContainerExposure')
    }

    BeforeEach { Reset-AwsEnvironment }

    It 'is tested for Connect-AwsInventory and every Get- cmdlet that takes -Region' {
        $withRegion = @('Connect-AwsInventory') + @(Get-Command -Module AwsContainerInventory -Verb Get |
            Where-Object { $_.Parameters.ContainsKey('Region') } | ForEach-Object Name)
        ($withRegion | Sort-Object) | Should -Be ($expected | Sort-Object)
    }

    It 'offers All first, then every partition''s region names: <_>' -ForEach $regionCommands {
        $names = Get-Completion "$_ -Region "
        $names[0] | Should -Be 'All'
        $names | Should -Contain 'us-east-1'
        $names | Should -Contain 'cn-north-1'
        $names | Should -Contain 'us-gov-west-1'
        $names | Should -Contain 'eusc-de-east-1'
        $names | Should -Not -Contain '*'
        Get-Completion "$_ -Region al" | Should -Be @('All')
        Get-Completion "$_ -Region eu-w" | Should -Be @('eu-west-1', 'eu-west-2', 'eu-west-3')
    }

    It 'completes a partly typed All in any case, and the completed All connects to every enabled region' {
        Get-Completion 'Get-EcsTask -Region A' | Select-Object -First 1 | Should -Be 'All'
        Get-Completion 'Connect-AwsInventory -Region ALL' | Should -Be @('All')
        $session = Connect-AwsInventory -AccessKey AKIDTEST -SecretKey (ConvertTo-SecureString 'x' -AsPlainText -Force) -Region All -PassThru
        try {
            $session.Regions | Should -Be '*'
            "$session" | Should -BeLike '*regions all enabled*'
        }
        finally { Disconnect-AwsInventory -Confirm:$false }
    }
}
