#Requires -Version 7.4
<#
.SYNOPSIS
    Smoke test of the moto fixtures themselves (not of the module): starts moto_server,
    runs every seed, checks the oracles are sane and prints a summary; then does the same
    in signature-checking mode and checks that a wrong secret gets HTTP 403.

.EXAMPLE
    cd <repo>; dotnet pwsh -NoProfile -File tests/Moto/Test-MotoFixtures.ps1
#>
[CmdletBinding()]
param()

$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot 'MotoServer.psm1') -Force
if (-not (Test-MotoAvailable)) { exit 2 }

$failures = [System.Collections.Generic.List[string]]::new()
function Test-That([string] $What, [bool] $Condition) {
    if ($Condition) { Write-Host "  ok    $What" } else { Write-Host "  FAIL  $What"; $failures.Add($What) }
}
function Measure-Step([string] $What, [scriptblock] $Step) {
    $stopwatch = [System.Diagnostics.Stopwatch]::StartNew()
    $result = & $Step
    Write-Host ('{0,-44} {1,6:N2} s' -f $What, $stopwatch.Elapsed.TotalSeconds)
    return $result
}

try {
    $moto = Measure-Step 'start moto_server' { Start-MotoServer }
    Set-MotoTaskStatePinned -Server $moto

    $ecr = Measure-Step 'seed ECR (us-east-1)' { Invoke-MotoSeed -Server $moto -Estate Ecr }
    Test-That 'ECR: 10 repositories' ($ecr.Count -eq 10)
    Test-That 'ECR: public = app-backend, app-frontend, app-legacy, data-exporter, platform/app-shared' (
        (($ecr | Where-Object IsPublic).Name -join ',') -eq 'app-backend,app-frontend,app-legacy,data-exporter,platform/app-shared')
    Test-That 'ECR: app-* = app-backend, app-frontend, app-legacy, app-worker' (
        (($ecr | Where-Object Name -Like 'app-*').Name -join ',') -eq 'app-backend,app-frontend,app-legacy,app-worker')
    Test-That 'ECR: every FirstSeen is a UTC time' (@($ecr | Where-Object { $_.FirstSeen.Kind -ne 'Utc' }).Count -eq 0)
    Test-That 'ECR: no-policy repositories have a null RepositoryPolicy' (
        @($ecr | Where-Object Name -In 'tools-ci', 'myapp-gateway' | Where-Object RepositoryPolicy).Count -eq 0)

    $ecs = Measure-Step 'seed ECS (us-east-1)' { Invoke-MotoSeed -Server $moto -Estate Ecs }
    Test-That 'ECS: 3 clusters, 3 services, 6 task definitions' (
        $ecs.Clusters.Count -eq 3 -and $ecs.Services.Count -eq 3 -and $ecs.TaskDefinitions.Count -eq 6)
    Test-That 'ECS: 4 running and 2 stopped tasks' ($ecs.Tasks.Count -eq 4 -and $ecs.StoppedTasks.Count -eq 2)
    Test-That 'ECS: every running task is RUNNING/RUNNING' (
        @($ecs.Tasks | Where-Object { $_.DesiredStatus -ne 'RUNNING' -or $_.SourceStatus -ne 'RUNNING' }).Count -eq 0)
    Test-That 'ECS: FARGATE tasks carry subnet, ENI and private IP' (
        @($ecs.Tasks | Where-Object LaunchType -EQ 'FARGATE' | Where-Object { -not ($_.SubnetIds -and $_.NetworkInterfaceIds -and $_.PrivateIpAddresses) }).Count -eq 0)
    Test-That 'ECS: EC2 tasks run on container instances' (
        @($ecs.Tasks | Where-Object LaunchType -EQ 'EC2' | Where-Object { -not $_.ContainerInstanceArn }).Count -eq 0)
    Test-That 'ECS: 18 secret values, all recognisable' (
        $ecs.SecretValues.Count -eq 18 -and @($ecs.SecretValues | Where-Object { $_ -notlike 's3cr3t-VALUE-must-not-leak-*' }).Count -eq 0)
    $oracleText = $ecs | Select-Object Clusters, Services, Tasks, StoppedTasks, TaskDefinitions | ConvertTo-Json -Depth 10
    Test-That 'ECS: no secret value inside the records' (@($ecs.SecretValues | Where-Object { $oracleText.Contains($_) }).Count -eq 0)
    $again = Invoke-MotoSeed -Server $moto -Estate Ecs -NoSeed -AsJson
    Test-That 'ECS: reading back again gives the same oracle (task state pinned)' (
        $again -eq (Invoke-MotoSeed -Server $moto -Estate Ecs -NoSeed -AsJson))

    Measure-Step 'reset' { Reset-MotoServer -Server $moto }
    Test-That 'reset: no repository left' (@(Invoke-MotoSeed -Server $moto -Estate Ecr -NoSeed).Count -eq 0)

    $demo = Measure-Step 'seed demo (us-east-1, eu-west-1)' { Invoke-MotoSeed -Server $moto -Estate Demo }
    Test-That 'demo: 8 repositories in 2 regions, 2 public' (
        $demo.EcrRepositories.Count -eq 8 -and @($demo.EcrRepositories | Where-Object IsPublic).Count -eq 2 -and
        @($demo.EcrRepositories.Region | Sort-Object -Unique).Count -eq 2)
    Test-That 'demo: 4 clusters, 2 services, 6 running tasks' (
        $demo.Clusters.Count -eq 4 -and $demo.Services.Count -eq 2 -and $demo.Tasks.Count -eq 6)
    Stop-MotoServer -Server $moto

    $signed = Measure-Step 'start moto_server -SignatureChecking' { Start-MotoServer -SignatureChecking }
    Test-That "signature mode: IAM key created ($($signed.AccessKeyId))" ($signed.AccessKeyId -match '^AKIA' -and $signed.SecretAccessKey)
    $signedEcr = Measure-Step 'seed ECR with the IAM key' { Invoke-MotoSeed -Server $signed -Estate Ecr }
    Test-That 'signature mode: 10 repositories seeded and read back' ($signedEcr.Count -eq 10)
    $signedEcs = Measure-Step 'seed ECS with the IAM key' { Invoke-MotoSeed -Server $signed -Estate Ecs }
    Test-That 'signature mode: 4 running tasks' ($signedEcs.Tasks.Count -eq 4)

    $probe = @'
import sys, boto3, botocore
ecr = boto3.client("ecr", endpoint_url=sys.argv[1], region_name="us-east-1",
                   aws_access_key_id=sys.argv[2], aws_secret_access_key=sys.argv[3])
try:
    ecr.describe_repositories()
    print("200")
except botocore.exceptions.ClientError as error:
    print(error.response["ResponseMetadata"]["HTTPStatusCode"])
'@
    $python = if ($env:MOTO_PYTHON) { $env:MOTO_PYTHON } else { 'python3' }
    $wrong = & $python -c $probe $signed.Url $signed.AccessKeyId 'wrong-secret'
    $dummy = & $python -c $probe $signed.Url 'testing' 'testing'
    $right = & $python -c $probe $signed.Url $signed.AccessKeyId $signed.SecretAccessKey
    Test-That "signature mode: wrong secret -> HTTP $wrong, unknown key -> HTTP $dummy, right key -> HTTP $right" (
        $wrong -eq '403' -and $dummy -eq '403' -and $right -eq '200')
}
finally {
    Stop-MotoServer
}

if ($failures.Count) { Write-Host "$($failures.Count) check(s) failed"; exit 1 }
Write-Host 'all fixture checks passed'
