#requires -Version 7.2
# AWS.Tools loads its own AWSSDK.Core into the default load context. With an older one already loaded,
# the module must still import and every Get- cmdlet must work, using its own AWSSDK.Core 4 in its own
# AssemblyLoadContext. Runs in a child pwsh so the older assembly does not leak into this test session.

BeforeAll {
    $repoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    Import-Module (Join-Path $repoRoot 'tests/Moto/MotoServer.psm1') -Force
    Import-Module (Join-Path $repoRoot 'tools/ChildPwsh.psm1') -Force
    $script:moto = Start-MotoServer
    Set-MotoTaskStatePinned -Server $moto
    $null = Invoke-MotoSeed -Server $moto -Estate Demo -Region us-east-1

    $pathFile = Join-Path $repoRoot 'tests/Tools/obj/awssdk37-path.txt'
    $script:oldSdk = (Get-Content $pathFile -TotalCount 1).Trim()

    # A profile in temporary shared files: the engine (and so AWSSDK.Core 4) is what resolves it.
    $script:awsHome = Join-Path ([IO.Path]::GetTempPath()) "aci-sxs-$([guid]::NewGuid().ToString('N').Substring(0, 8))"
    New-Item -ItemType Directory -Path $awsHome | Out-Null
    Set-Content (Join-Path $awsHome 'credentials') "[sxs]`naws_access_key_id = testing`naws_secret_access_key = testing`n"
    Set-Content (Join-Path $awsHome 'config') "[profile sxs]`nregion = us-east-1`n"

    $child = @'
param($Manifest, $OldSdk, $Endpoint)
$ErrorActionPreference = 'Stop'
Add-Type -Path $OldSdk
Import-Module $Manifest
Connect-AwsInventory -ProfileName sxs -EndpointUrl $Endpoint
$counts = [ordered]@{
    EcrRepository     = @(Get-EcrRepository).Count
    EcsCluster        = @(Get-EcsCluster).Count
    EcsService        = @(Get-EcsService).Count
    EcsTask           = @(Get-EcsTask).Count
    EcsTaskDefinition = @(Get-EcsTaskDefinition).Count
}
$sdks = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'AWSSDK.Core' } | ForEach-Object {
    # AWS keeps AssemblyVersion fixed per major line (3.3.0.0 for 3.7.x); the file version tells them apart.
    [ordered]@{ Version = [System.Diagnostics.FileVersionInfo]::GetVersionInfo($_.Location).FileVersion; Context = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_).Name }
}
[ordered]@{ Counts = $counts; Sdks = @($sdks); Region = (Get-AwsInventorySession).Regions[0] } | ConvertTo-Json -Depth 5
'@
    $script:childScript = Join-Path $awsHome 'child.ps1'
    Set-Content $childScript $child
}

AfterAll {
    Stop-MotoServer -Server $moto
    Remove-Item -Recurse -Force $awsHome -ErrorAction Ignore
}

Describe 'Side by side with AWS.Tools (an older AWSSDK.Core already loaded)' {
    BeforeAll {
        $env:AWS_SHARED_CREDENTIALS_FILE = Join-Path $awsHome 'credentials'
        $env:AWS_CONFIG_FILE = Join-Path $awsHome 'config'
        try {
            $pwsh = Get-PwshCommand
            $json = & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -File $childScript -Manifest (Join-Path $repoRoot 'AwsContainerInventory.psd1') -OldSdk $oldSdk -Endpoint $moto.Url
            $script:exitCode = $LASTEXITCODE
            $script:result = ($json -join "`n") | ConvertFrom-Json
        }
        finally {
            Remove-Item Env:AWS_SHARED_CREDENTIALS_FILE, Env:AWS_CONFIG_FILE -ErrorAction Ignore
        }
    }

    It 'imports and runs every Get- cmdlet' {
        $exitCode | Should -Be 0
        $result.Counts.EcrRepository | Should -BeGreaterThan 0
        $result.Counts.EcsCluster | Should -BeGreaterThan 0
        $result.Counts.EcsService | Should -BeGreaterThan 0
        $result.Counts.EcsTask | Should -BeGreaterThan 0
        $result.Counts.EcsTaskDefinition | Should -BeGreaterThan 0
    }

    It 'resolves the profile (region and keys) with its own AWSSDK.Core 4, isolated from the 3.7 one' {
        $result.Region | Should -Be 'us-east-1'
        $old = @($result.Sdks | Where-Object { $_.Version -like '3.7.*' })
        $own = @($result.Sdks | Where-Object { $_.Version -like '4.*' })
        $old.Count | Should -Be 1
        $old[0].Context | Should -Be 'Default'
        $own.Count | Should -Be 1
        $own[0].Context | Should -Be 'AwsContainerInventory.Dependencies'
    }
}
