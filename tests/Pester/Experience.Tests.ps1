#requires -Version 7.2
# The PowerShell experience: completion, the manifest, -Region on every Get- cmdlet, error records.

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
        (TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches.CompletionText
    }
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
