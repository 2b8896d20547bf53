@{
    # The same manifest serves the repository (after `dotnet build`) and the packaged module: both keep
    # the compiled module under bin/. AwsContainerInventory.psm1 loads the build that fits this PowerShell.
    RootModule             = 'AwsContainerInventory.psm1'
    ModuleVersion          = '0.1.0'
    CompatiblePSEditions   = @('Desktop', 'Core')
    GUID                   = '3f0d6c1e-8a53-4d0b-9a57-2b6f1f4e7c21'
    Author                 = 'AwsContainerInventory contributors'
    CompanyName            = 'AwsContainerInventory'
    Copyright              = '(c) AwsContainerInventory contributors. MIT License.'
    Description            = 'Inventories AWS container estates (ECR repositories; ECS clusters, services, tasks and task definitions) across accounts and regions, as typed Cloud Resource records.'
    PowerShellVersion      = '5.1'
    # Windows PowerShell 5.1 only (ignored by PowerShell 7): AWSSDK.Core 4 and the netstandard2.0 build need .NET Framework 4.7.2.
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess       = @('bin/AwsContainerInventory.format.ps1xml')
    CmdletsToExport        = @(
        'Connect-AwsInventory'
        'Get-AwsInventorySession'
        'Disconnect-AwsInventory'
        'Get-EcrRepository'
        'Get-EcrImage'
        'Get-EcsCluster'
        'Get-EcsService'
        'Get-EcsTask'
        'Get-EcsTaskDefinition'
        'Get-ContainerExposure'
        'ConvertTo-CloudResource'
    )
    FunctionsToExport      = @()
    VariablesToExport      = @()
    AliasesToExport        = @()
    PrivateData            = @{
        PSData = @{
            Tags         = @('AWS', 'ECR', 'ECS', 'Inventory', 'Containers', 'Security', 'CloudResource', 'PSEdition_Core', 'PSEdition_Desktop', 'Windows', 'Linux', 'MacOS')
            ProjectUri   = 'https://github.com/awscontainerinventory/AwsContainerInventory'
            LicenseUri   = 'https://github.com/awscontainerinventory/AwsContainerInventory/blob/main/LICENSE'
            ReleaseNotes = 'First release: ECR and ECS inventory across roles and regions; task public IPs, repository policy analysis, image-to-repository links and Get-ContainerExposure.'
        }
    }
}
