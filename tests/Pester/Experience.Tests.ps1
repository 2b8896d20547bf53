#requires -Version 7.2
# The PowerShell experience: completion, pipeline input, -Verbose/-Debug, -FamilyPrefix, output for platforms,
# the manifest, -Region on every Get- cmdlet, error records.

BeforeAll {
    $script:repoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $script:manifestPath = Join-Path $repoRoot 'AwsContainerInventory.psd1'
    Import-Module $manifestPath -Force
    Import-Module (Join-Path $repoRoot 'tests/Moto/MotoServer.psm1') -Force
    $script:moto = Start-MotoServer
    Set-MotoTaskStatePinned -Server $moto
    $null = Invoke-MotoSeed -Server $moto -Estate Demo -Region us-east-1
    Connect-AwsInventory -AccessKey testing -SecretKey (ConvertTo-SecureString testing -AsPlainText -Force) -Region us-east-1 -EndpointUrl $moto.Url

    function Get-Completion([string] $Line) {
        @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches | ForEach-Object CompletionText)
    }

    function Connect-Moto {
        Connect-AwsInventory -AccessKey testing -SecretKey (ConvertTo-SecureString testing -AsPlainText -Force) -Region us-east-1 -EndpointUrl $moto.Url
    }

    function Get-Message([object[]] $Stream, [type] $Type) { @($Stream | Where-Object { $_ -is $Type } | ForEach-Object Message) }
}

AfterAll {
    Disconnect-AwsInventory -Confirm:$false
    Stop-MotoServer -Server $moto
}

Describe 'Completion' {
    It 'completes region names: eu-w<Tab>' {
        Get-Completion 'Get-EcrRepository -Region eu-w' | Should -Be @('eu-west-1', 'eu-west-2', 'eu-west-3')
        Get-Completion 'Connect-AwsInventory -Region us-gov-' | Should -Be @('us-gov-east-1', 'us-gov-west-1')
    }

    It 'completes the live cluster names of the current session' {
        $names = Get-Completion 'Get-EcsTask -Cluster '
        $names | Should -Contain 'storefront'
        $names | Should -Contain 'jobs'
        Get-Completion 'Get-EcsService -Cluster store' | Should -Be @('storefront')
    }

    It 'completes live repository names: Get-EcrRepository -Name store<Tab>' {
        Get-Completion 'Get-EcrRepository -Name store' | Should -Be @('storefront/api', 'storefront/web')
        Get-Completion 'Get-EcrRepository ' | Should -Contain 'jobs/nightly-export'
    }

    It 'completes live cluster names for Get-EcsCluster -Name' {
        Get-Completion 'Get-EcsCluster -Name j' | Should -Be @('jobs')
    }

    It 'completes live task definition families for -FamilyPrefix' {
        Get-Completion 'Get-EcsTaskDefinition -FamilyPrefix ' | Should -Be @('nightly-export', 'storefront-web')
        Get-Completion 'Get-EcsTaskDefinition -FamilyPrefix night' | Should -Be @('nightly-export')
    }

    It 'completes from the -Region being typed' {
        @(Get-Completion 'Get-EcrRepository -Region eu-west-1 -Name store') | Should -HaveCount 0   # seeded in us-east-1 only
    }

    It 'completes profile names from the shared config and credentials files' {
        $folder = Join-Path ([IO.Path]::GetTempPath()) "aci-profiles-$([guid]::NewGuid().ToString('N').Substring(0, 6))"
        New-Item -ItemType Directory -Path $folder | Out-Null
        Set-Content (Join-Path $folder 'credentials') "[prod-admin]`naws_access_key_id = AKIDX`naws_secret_access_key = x`n[dev]`naws_access_key_id = AKIDY`naws_secret_access_key = y`n"
        Set-Content (Join-Path $folder 'config') "[profile prod-readonly]`nrole_arn = arn:aws:iam::123456789012:role/ReadOnly`nsource_profile = dev`nregion = eu-west-1`n"
        $env:AWS_SHARED_CREDENTIALS_FILE = Join-Path $folder 'credentials'
        $env:AWS_CONFIG_FILE = Join-Path $folder 'config'
        try {
            Get-Completion 'Connect-AwsInventory -ProfileName prod' | Should -Be @('prod-admin', 'prod-readonly')
        }
        finally {
            Remove-Item Env:AWS_SHARED_CREDENTIALS_FILE, Env:AWS_CONFIG_FILE
            Remove-Item -Recurse -Force $folder
        }
    }
}

Describe 'Completion cache and time bound' {
    BeforeAll {
        Import-Module (Join-Path $repoRoot 'tools/ScriptedEndpoint.psm1') -Force
        $script:scripted = Start-ScriptedEndpoint
        Invoke-EndpointControl $scripted '/_control/generate' '{"replace":true,"accounts":1,"firstAccountId":"111111111111","regions":["us-east-1"],"repositoriesPerRegion":3,"clustersPerRegion":2,"taskDefinitionsPerRegion":1}' | Out-Null
        $null = Get-Completion 'Get-EcrRepository -Region eu-w'   # warm up TabExpansion2 itself

        function Get-CallCount([string] $Operation) { @((Invoke-EndpointControl $scripted stats -Get).operations.$Operation.calls).Count }

        function Measure-Tab([string] $Line) {
            $clock = [System.Diagnostics.Stopwatch]::StartNew()
            $names = @(Get-Completion $Line)
            [pscustomobject]@{ Names = $names; Seconds = $clock.Elapsed.TotalSeconds }
        }
    }

    AfterAll {
        Stop-ScriptedEndpoint $scripted
        Connect-Moto
    }

    It 'keeps the names of a session for a minute: a second Tab makes no call' {
        Connect-AwsInventory -AccessKey AKIDEXAMPLEBASE0001 -SecretKey (ConvertTo-SecureString base-secret-key-for-tests -AsPlainText -Force) `
            -Region us-east-1 -EndpointUrl $scripted.Url
        $first = @(Get-Completion 'Get-EcsCluster -Name ')
        $first.Count | Should -Be 2
        $calls = Get-CallCount ListClusters
        $calls | Should -BeGreaterThan 0
        Get-Completion 'Get-EcsTask -Cluster ' | Should -Be $first
        (Get-CallCount ListClusters) | Should -Be $calls
    }

    It 'lists again for a new session' {
        Connect-AwsInventory -AccessKey AKIDEXAMPLEBASE0001 -SecretKey (ConvertTo-SecureString base-secret-key-for-tests -AsPlainText -Force) `
            -Region us-east-1 -EndpointUrl $scripted.Url
        $calls = Get-CallCount ListClusters
        @(Get-Completion 'Get-EcsCluster -Name ').Count | Should -Be 2
        (Get-CallCount ListClusters) | Should -BeGreaterThan $calls
    }

    It 'answers within about a second when the endpoint hangs, and at once on the next Tab' {
        Invoke-EndpointControl $scripted '/_control/faults' '{"hangEveryNth":1,"hangMs":20000}' | Out-Null
        try {
            Connect-AwsInventory -AccessKey AKIDEXAMPLEBASE0001 -SecretKey (ConvertTo-SecureString base-secret-key-for-tests -AsPlainText -Force) `
                -Region us-east-1 -EndpointUrl $scripted.Url
            $tab = Measure-Tab 'Get-EcrRepository -Name '
            $tab.Names.Count | Should -Be 0
            $tab.Seconds | Should -BeLessThan 1.6
            (Measure-Tab 'Get-EcrRepository -Name ').Seconds | Should -BeLessThan 0.5
        }
        finally {
            Invoke-EndpointControl $scripted '/_control/faults' '{}' | Out-Null
        }
    }

    It 'answers within about a second when nothing listens on the port' {
        Connect-AwsInventory -AccessKey testing -SecretKey (ConvertTo-SecureString testing -AsPlainText -Force) -Region us-east-1 -EndpointUrl 'http://127.0.0.1:9/'
        $tab = Measure-Tab 'Get-EcsService -Cluster '
        $tab.Names.Count | Should -Be 0
        $tab.Seconds | Should -BeLessThan 1.6
        (Measure-Tab 'Get-EcsTaskDefinition -FamilyPrefix ').Seconds | Should -BeLessThan 1.6
    }
}

Describe 'Pipeline input' {
    It "'storefront/web','storefront/api' | Get-EcrRepository reads both names" {
        @('storefront/web', 'storefront/api' | Get-EcrRepository).Name | Sort-Object | Should -Be @('storefront/api', 'storefront/web')
    }

    It 'reads piped names in one run: one DescribeRepositories listing for two names' {
        $debug = Get-Message ('storefront/web', 'storefront/api' | Get-EcrRepository -Debug 5>&1) ([System.Management.Automation.DebugRecord])
        @($debug -like 'ECR DescribeRepositories in us-east-1 (*)').Count | Should -Be 1
    }

    It 'Get-EcrRepository | Select-Object Name | Get-EcrRepository binds Name by property name' {
        $all = @(Get-EcrRepository).Name | Sort-Object
        @(Get-EcrRepository | Select-Object Name | Get-EcrRepository).Name | Sort-Object | Should -Be $all
        @(Get-EcrRepository -Name storefront/web | Get-EcrRepository).Name | Should -Be 'storefront/web'
    }

    It 'a piped name found nowhere is one not-found error, and the rest is read' {
        $records = @('storefront/web', 'nope' | Get-EcrRepository -ErrorVariable failures -ErrorAction SilentlyContinue)
        $records.Name | Should -Be 'storefront/web'
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'EcrRepositoryNotFound,AwsContainerInventory.Cmdlets.GetEcrRepositoryCommand'
        $failures[0].TargetObject | Should -Be 'nope'
    }

    It 'an empty pipeline reads nothing' {
        @(@() | Get-EcrRepository) | Should -HaveCount 0
        @(@() | Get-EcsCluster) | Should -HaveCount 0
    }

    It "'jobs' | Get-EcsCluster reads that cluster" {
        @('jobs' | Get-EcsCluster).Name | Should -Be 'jobs'
    }

    It "'storefront' | Get-EcsTask lists the tasks of that cluster" {
        $tasks = @('storefront' | Get-EcsTask)
        $tasks.Count | Should -Be 2
        $tasks.ClusterArn | Select-Object -Unique | Should -Match ':cluster/storefront$'
    }

    It 'keeps the ClusterArn binding: Get-EcsCluster | Get-EcsService, Get-EcsCluster -Name jobs | Get-EcsTask' {
        @(Get-EcsCluster | Get-EcsService).Name | Should -Be 'storefront-web'
        @(Get-EcsCluster -Name jobs | Get-EcsTask).ClusterArn | Select-Object -Unique | Should -Match ':cluster/jobs$'
    }
}

Describe '-Verbose and -Debug' {
    It '-Verbose has one line per operation and (role x region) pair with its call count' {
        $repositories = @(Get-EcrRepository).Count
        $verbose = Get-Message (Get-EcrRepository -Verbose 4>&1) ([System.Management.Automation.VerboseRecord])
        $verbose | Should -Contain 'ECR DescribeRepositories: 1 call in us-east-1 (123456789012)'
        $verbose | Should -Contain "ECR GetRepositoryPolicy: $repositories calls in us-east-1 (123456789012)"
        $verbose | Should -Contain "ECR ListTagsForResource: $repositories calls in us-east-1 (123456789012)"
    }

    It '-Debug has one line per call, and shows the verbose lines without asking to continue' {
        $output = Get-EcsCluster -Debug 5>&1
        @($output | Where-Object { $_ -is [AwsContainerInventory.EcsCluster] }).Count | Should -Be 2
        $debug = Get-Message $output ([System.Management.Automation.DebugRecord])
        @($debug -like 'ECS ListClusters in us-east-1 (*)').Count | Should -Be 1
        @($debug -like 'ECS DescribeClusters in us-east-1 (*)').Count | Should -Be 1
        $debug | Should -Contain 'ECS ListClusters: 1 call in us-east-1 (123456789012)'
    }

    It 'follows $DebugPreference and $VerbosePreference as well as the switches' {
        $debugShown = & { $DebugPreference = 'Continue'; Get-EcsCluster 5>&1 }
        @((Get-Message $debugShown ([System.Management.Automation.DebugRecord])) -like 'ECS ListClusters in us-east-1 (*)').Count | Should -Be 1
        $verboseShown = & { $VerbosePreference = 'Continue'; Get-EcsCluster 4>&1 }
        Get-Message $verboseShown ([System.Management.Automation.VerboseRecord]) | Should -Contain 'ECS ListClusters: 1 call in us-east-1 (123456789012)'
        # The switch wins over the preference, either way.
        $switchedOff = & { $DebugPreference = 'Continue'; $VerbosePreference = 'Continue'; Get-EcsCluster -Debug:$false -Verbose:$false 4>&1 5>&1 }
        @($switchedOff | Where-Object { $_ -is [System.Management.Automation.DebugRecord] -or $_ -is [System.Management.Automation.VerboseRecord] }).Count | Should -Be 0
        @($switchedOff | Where-Object { $_ -is [AwsContainerInventory.EcsCluster] }).Count | Should -Be 2
    }

    It 'writes no debug or verbose record when neither is asked for, even with the streams redirected' {
        $output = Get-EcsCluster 4>&1 5>&1
        @($output | Where-Object { $_ -is [System.Management.Automation.DebugRecord] -or $_ -is [System.Management.Automation.VerboseRecord] }).Count | Should -Be 0
        @($output | Where-Object { $_ -is [AwsContainerInventory.EcsCluster] }).Count | Should -Be 2
    }

    It 'names each role assumption and each retry' {
        Import-Module (Join-Path $repoRoot 'tools/ScriptedEndpoint.psm1') -Force
        $scripted = Start-ScriptedEndpoint
        try {
            Invoke-EndpointControl $scripted '/_control/generate' '{"replace":true,"accounts":1,"firstAccountId":"111111111111","regions":["us-east-1"],"repositoriesPerRegion":4,"clustersPerRegion":0,"taskDefinitionsPerRegion":0}' | Out-Null
            Invoke-EndpointControl $scripted '/_control/faults' '{"throttleEveryNth":3}' | Out-Null
            $role = 'arn:aws:iam::111111111111:role/Inventory'
            Connect-AwsInventory -AccessKey AKIDEXAMPLEBASE0001 -SecretKey (ConvertTo-SecureString base-secret-key-for-tests -AsPlainText -Force) `
                -Region us-east-1 -EndpointUrl $scripted.Url -RoleArn $role
            $output = Get-EcrRepository -Verbose 4>&1
            @($output | Where-Object { $_ -is [AwsContainerInventory.EcrRepository] }).Count | Should -Be 4
            $verbose = Get-Message $output ([System.Management.Automation.VerboseRecord])
            $verbose | Should -Contain "Assuming role $role (session $((Get-AwsInventorySession).RoleSessionName), 3600 s)."
            @($verbose -like 'STS AssumeRole: 1 call in us-east-1 (*)').Count | Should -Be 1
            $verbose | Should -Contain 'ECR GetRepositoryPolicy: 4 calls in us-east-1 (111111111111)'
            $retries = (Invoke-EndpointControl $scripted stats -Get).faultsInjected.Throttle
            $retries | Should -BeGreaterThan 0
            @($verbose -like 'Retry * of * in us-east-1 after ThrottlingException*').Count | Should -Be $retries
        }
        finally {
            Stop-ScriptedEndpoint $scripted
            Connect-Moto
        }
    }
}

Describe '-FamilyPrefix' {
    It 'takes a trailing * as a prefix, without a warning' {
        $definitions = @(Get-EcsTaskDefinition -FamilyPrefix 'storefront*' -WarningVariable warnings)
        $definitions.Name | Sort-Object | Should -Be @('storefront-web:1', 'storefront-web:2')
        $warnings.Count | Should -Be 0
        @(Get-EcsTaskDefinition -FamilyPrefix '*').Count | Should -Be 3
    }

    It 'warns that other wildcards are not supported, naming the parameter' {
        $definitions = @(Get-EcsTaskDefinition -FamilyPrefix 'store?ront' -WarningVariable warnings -WarningAction SilentlyContinue)
        $definitions.Count | Should -Be 0
        $warnings.Count | Should -Be 1
        $warnings[0].Message | Should -Match "^-FamilyPrefix 'store\?ront': only a trailing '\*' is supported"
    }
}

Describe 'Output for platforms' {
    BeforeAll { $script:findings = @(Get-ContainerExposure) }

    It 'ConvertTo-CloudResource writes enum values by name' {
        $resource = $findings | Select-Object -First 1 | ConvertTo-CloudResource
        $resource.SEVERITY | Should -BeOfType [string]
        $resource.SEVERITY | Should -Be $findings[0].Severity.ToString()
        $resource.KIND | Should -Be $findings[0].Kind.ToString()
        ($findings | ConvertTo-CloudResource | ConvertTo-Json) | Should -Not -Match '"SEVERITY":\s*\d'
    }

    It 'ConvertTo-CloudResource writes times as ISO 8601 UTC ending in Z, also under de-DE' {
        $culture = [cultureinfo]::CurrentCulture
        try {
            [cultureinfo]::CurrentCulture = 'de-DE'
            $repository = Get-EcrRepository -Name storefront/web
            $resource = $repository | ConvertTo-CloudResource
            $resource.LAST_CAPTURED | Should -Match '^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$'
            $resource.FIRST_SEEN | Should -Be $repository.FirstSeen.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", [cultureinfo]::InvariantCulture)
            ($resource | ConvertTo-Csv)[1] | Should -Match ',"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"$'
        }
        finally {
            [cultureinfo]::CurrentCulture = $culture
        }
    }

    It 'ConvertTo-CloudResource reads enums back from Import-Clixml by name' {
        $path = Join-Path $TestDrive 'findings.clixml'
        $findings | Export-Clixml -Path $path
        @(Import-Clixml -Path $path | ConvertTo-CloudResource).SEVERITY | Should -Be @($findings.Severity.ForEach('ToString'))
    }

    It 'Get-EcrRepository | ConvertTo-CloudResource | ConvertTo-Json warns of no truncation at the default depth' {
        $null = Get-EcrRepository | ConvertTo-CloudResource | ConvertTo-Json -WarningVariable warnings
        $warnings.Count | Should -Be 0
    }

    It 'repositories with public statements go to JSON whole at the default depth, one or several' {
        $public = @(Get-EcrRepository | Where-Object { $_.PublicStatements.Count -gt 0 })
        $public.Count | Should -BeGreaterThan 0 -Because 'the estate should hold a public repository'
        $json = $public[0] | ConvertTo-Json -WarningVariable warnings
        $warnings.Count | Should -Be 0
        $json | Should -Match '"PublicStatements":\s*\[\s*"[^"]*\(ecr:'
        $null = @(Get-EcrRepository) | ConvertTo-Json -WarningVariable several
        $several.Count | Should -Be 0
    }

    It 'the records themselves go to JSON with -EnumsAsStrings, as the help shows' {
        (Get-ContainerExposure | ConvertTo-Json -EnumsAsStrings) | Should -Match '"Severity":\s*"(Critical|High|Medium|Low)"'
    }
}

Describe 'Manifest' {
    BeforeAll { $script:manifest = Test-ModuleManifest $manifestPath }

    It 'is valid for Desktop and Core from PowerShell 5.1' {
        $manifest.CompatiblePSEditions | Should -Be @('Desktop', 'Core')
        $manifest.PowerShellVersion | Should -Be ([version]'5.1')
    }

    It 'exports exactly the cmdlets it lists, without wildcards' {
        $data = Import-PowerShellDataFile $manifestPath
        $data.CmdletsToExport | Should -Not -Contain '*'
        $exported = (Get-Command -Module AwsContainerInventory -CommandType Cmdlet).Name | Sort-Object
        $exported | Should -Be ($data.CmdletsToExport | Sort-Object)
    }

    It 'carries formats and gallery metadata' {
        $data = Import-PowerShellDataFile $manifestPath
        $data.FormatsToProcess | Should -Not -BeNullOrEmpty
        foreach ($format in $data.FormatsToProcess) { Join-Path $repoRoot $format | Should -Exist }
        $data.PrivateData.PSData.Tags | Should -Contain 'AWS'
        $data.PrivateData.PSData.ProjectUri | Should -Not -BeNullOrEmpty
        $data.PrivateData.PSData.LicenseUri | Should -Not -BeNullOrEmpty
        $data.PrivateData.PSData.ReleaseNotes | Should -Not -BeNullOrEmpty
    }
}

Describe 'Every Get- cmdlet' -ForEach @(
    @{ Name = 'Get-EcrRepository' }, @{ Name = 'Get-EcsCluster' }, @{ Name = 'Get-EcsService' },
    @{ Name = 'Get-EcsTask' }, @{ Name = 'Get-EcsTaskDefinition' }
) {
    It '<Name> takes -Region to override the session for one call' {
        (Get-Command $Name).Parameters['Region'].ParameterType | Should -Be ([string[]])
        @(& $Name -Region eu-west-1).Count | Should -Be 0   # the estate is seeded in us-east-1 only
        @(& $Name -Region us-east-1).Count | Should -BeGreaterThan 0
    }
}

Describe 'Errors' {
    It 'a literal name that matches nothing stops under -ErrorAction Stop with a stable id, category and target' {
        $failure = { Get-EcrRepository -Name does-not-exist -ErrorAction Stop } |
            Should -Throw -ErrorId 'EcrRepositoryNotFound,AwsContainerInventory.Cmdlets.GetEcrRepositoryCommand' -PassThru
        $failure.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failure.TargetObject | Should -Be 'does-not-exist'
    }

    It 'a missing cluster is a non-terminating error in $Error while the rest goes on' {
        $Error.Clear()
        $tasks = Get-EcsTask -Cluster storefront, nope -ErrorAction SilentlyContinue
        $tasks | Should -Not -BeNullOrEmpty
        $Error.Count | Should -Be 1
        $Error[0].FullyQualifiedErrorId | Should -Be 'EcsClusterNotFound,AwsContainerInventory.Cmdlets.GetEcsTaskCommand'
        $Error[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $Error[0].TargetObject | Should -Be 'nope'
    }

    It 'an unreachable endpoint is a ConnectionError naming the region, not a hang' {
        Connect-AwsInventory -AccessKey testing -SecretKey (ConvertTo-SecureString testing -AsPlainText -Force) -Region us-east-1 -EndpointUrl 'http://127.0.0.1:9/' -MaxRetries 0
        try {
            $null = Get-EcsCluster -ErrorVariable failures -ErrorAction SilentlyContinue
            $failures.Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -Be 'AwsEndpointUnreachable,AwsContainerInventory.Cmdlets.GetEcsClusterCommand'
            $failures[0].CategoryInfo.Category | Should -Be 'ConnectionError'
            $failures[0].TargetObject | Should -Be 'us-east-1'
        }
        finally {
            Connect-AwsInventory -AccessKey testing -SecretKey (ConvertTo-SecureString testing -AsPlainText -Force) -Region us-east-1 -EndpointUrl $moto.Url
        }
    }
}
