<#
.SYNOPSIS
    The README's demo: inventories a small sample estate served by moto_server on 127.0.0.1.
.DESCRIPTION
    Starts moto_server on a free loopback port, seeds two regions with boto3 (tests/Moto/seed_demo.py),
    connects, prints each object type as a table, writes the whole inventory as Cloud Resource CSV
    files under ./out/demo, then stops the server. Called by `build.ps1 Demo` after a build.
#>
[CmdletBinding()]
param(
    [string] $OutputDirectory = (Join-Path $PSScriptRoot '../out/demo')
)

$ErrorActionPreference = 'Stop'
$root = Split-Path $PSScriptRoot
Import-Module (Join-Path $root 'tests/Moto/MotoServer.psm1') -Force
if (-not (Test-MotoAvailable)) {
    Write-Host "The demo needs moto_server and boto3 on this machine. Install them with:" -ForegroundColor Yellow
    Write-Host "    pip install 'moto[server]' boto3" -ForegroundColor Yellow
    exit 2
}
Import-Module (Join-Path $root 'AwsContainerInventory.psd1') -Force

$moto = Start-MotoServer
try {
    Write-Host "moto_server is listening on $($moto.Url); seeding a sample estate in us-east-1 and eu-west-1 ..." -ForegroundColor Cyan
    Set-MotoTaskStatePinned -Server $moto
    $null = Invoke-MotoSeed -Server $moto -Estate Demo

    $secret = ConvertTo-SecureString 'testing' -AsPlainText -Force
    Connect-AwsInventory -AccessKey 'testing' -SecretKey $secret -Region us-east-1, eu-west-1 -EndpointUrl $moto.Url
    Get-AwsInventorySession | Format-List CredentialSource, Regions, PageSize, ParallelRequests, EndpointUrl | Out-Host

    $inventory = [ordered]@{
        'ECR repositories'     = @(Get-EcrRepository)
        'ECS clusters'         = @(Get-EcsCluster)
        'ECS services'         = @(Get-EcsService)
        'ECS tasks (running)'  = @(Get-EcsTask)
        'ECS task definitions' = @(Get-EcsTaskDefinition)
    }
    foreach ($entry in $inventory.GetEnumerator()) {
        Write-Host "== $($entry.Key): $($entry.Value.Count)" -ForegroundColor Cyan
        $entry.Value | Format-Table | Out-Host
    }

    Write-Host '== Public repositories (Where-Object IsPublic)' -ForegroundColor Cyan
    $inventory['ECR repositories'] | Where-Object IsPublic | Format-Table Name, Region, AccountId, RepositoryUri | Out-Host

    New-Item -ItemType Directory -Force -Path $OutputDirectory | Out-Null
    $csv = Join-Path $OutputDirectory 'cloud-resources.csv'
    $inventory.Values | ForEach-Object { $_ } | ConvertTo-CloudResource |
        Select-Object UID, NAME, CLOUD_PROVIDER, REGION, ACCOUNT_ID, FIRST_SEEN, LAST_CAPTURED, TAGS |
        Export-Csv -Path $csv -NoTypeInformation
    foreach ($entry in $inventory.GetEnumerator()) {
        $file = Join-Path $OutputDirectory (($entry.Key -replace '[^A-Za-z]+', '-').Trim('-').ToLowerInvariant() + '.csv')
        $entry.Value | ConvertTo-CloudResource | Export-Csv -Path $file -NoTypeInformation
    }
    Write-Host "Wrote $csv and one CSV per object type (Cloud Resource attribute names) in $OutputDirectory" -ForegroundColor Green

    Write-Host '== Exposure (Get-ContainerExposure), most severe first' -ForegroundColor Cyan
    $exposure = Join-Path $OutputDirectory 'exposure.csv'
    $findings = @(Get-ContainerExposure)
    $findings | Format-Table -Wrap | Out-Host
    Write-Host '== How the internet reaches each reachable task (Path, Evidence)' -ForegroundColor Cyan
    $findings | Where-Object Kind -EQ 'InternetReachableTask' | Format-List Name, Region, Path, Evidence | Out-Host
    $findings | Export-Csv -Path $exposure -NoTypeInformation
    Write-Host "Wrote $($findings.Count) findings to $exposure" -ForegroundColor Green
}
finally {
    Disconnect-AwsInventory -Confirm:$false
    Stop-MotoServer -Server $moto
}
