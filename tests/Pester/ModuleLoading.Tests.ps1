#requires -Version 7.2
<#
    Which build of the cmdlet assembly a fresh PowerShell 7 loads (AwsContainerInventory.psm1): the ReadyToRun image
    made for its .NET version and platform when the module has one, else the net8.0 build in IL, which must work
    on its own, as it does on every platform without an image. Each case runs in a child pwsh against the scripted
    endpoint, since an assembly cannot be unloaded from this process.
#>

BeforeAll {
    $repoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    Import-Module (Join-Path $repoRoot 'tools/ScriptedEndpoint.psm1') -Force
    Import-Module (Join-Path $repoRoot 'tools/ChildPwsh.psm1') -Force
    $script:endpoint = Start-ScriptedEndpoint
    Invoke-EndpointControl $endpoint '/_control/generate' (@{
            replace = $true; accounts = 1; firstAccountId = '111111111111'; regions = @('us-east-1')
            repositoriesPerRegion = 3; clustersPerRegion = 1; servicesPerCluster = 0; tasksPerCluster = 2; taskDefinitionsPerRegion = 0
        } | ConvertTo-Json) | Out-Null

    $script:childScript = Join-Path ([IO.Path]::GetTempPath()) "aci-loading-$([guid]::NewGuid().ToString('N').Substring(0, 8)).ps1"
    Set-Content $childScript @'
param($Module, $Endpoint)
$ErrorActionPreference = 'Stop'
Import-Module $Module
Connect-AwsInventory -AccessKey AKIDEXAMPLEBASE0001 -SecretKey (ConvertTo-SecureString base-secret-key-for-tests -AsPlainText -Force) -Region us-east-1 -EndpointUrl $Endpoint
[ordered]@{
    Assembly     = (Get-Command Get-EcrRepository).ImplementingType.Assembly.Location
    Repositories = @(Get-EcrRepository).Count
    Tasks        = @(Get-EcsTask).Count
} | ConvertTo-Json -Compress
'@

    function Invoke-Child([string] $Module) {
        $pwsh = Get-PwshCommand
        $output = & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -File $childScript -Module $Module -Endpoint $endpoint.Url
        $LASTEXITCODE | Should -Be 0 -Because ($output -join "`n")
        $result = $output | Select-Object -Last 1 | ConvertFrom-Json
        $result.Assembly = [IO.Path]::GetRelativePath($repoRoot, $result.Assembly).Replace('\', '/')
        $result
    }
}

AfterAll {
    Stop-ScriptedEndpoint $endpoint
    Remove-Item $childScript -ErrorAction Ignore
}

Describe 'Import-Module AwsContainerInventory in PowerShell 7' {
    It 'loads the image precompiled for this .NET and platform when there is one, else the net8.0 build' {
        $result = Invoke-Child (Join-Path $repoRoot 'AwsContainerInventory.psd1')
        $precompiled = 'bin/net{0}.0-{1}/AwsContainerInventory.dll' -f [Environment]::Version.Major, [System.Runtime.InteropServices.RuntimeInformation]::RuntimeIdentifier
        $expected = if (Test-Path (Join-Path $repoRoot $precompiled)) { $precompiled } else { 'bin/net8.0/AwsContainerInventory.dll' }
        $result.Assembly | Should -Be $expected
        $result.Repositories | Should -Be 3
        $result.Tasks | Should -Be 2
    }

    It 'runs from the net8.0 build alone (every platform without a precompiled image)' {
        $result = Invoke-Child (Join-Path $repoRoot 'bin/net8.0/AwsContainerInventory.dll')
        $result.Assembly | Should -Be 'bin/net8.0/AwsContainerInventory.dll'
        $result.Repositories | Should -Be 3
        $result.Tasks | Should -Be 2
    }
}
