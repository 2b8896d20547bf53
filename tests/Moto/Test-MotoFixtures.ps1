#Requires -Version 7.4
<#
.SYNOPSIS
    Smoke test of the moto fixtures themselves (not of the module): starts moto_server,
    runs every seed, checks the oracles are sane and prints a summary; then does the same
    in signature-checking mode (the exposure seed's second account included) and checks
    that a wrong secret still gets HTTP 403 afterwards.

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
function Format-Findings([object[]] $Finding) {
    # Task ARNs end in random ids: compare a finding by kind and resource type/name only.
    return (@($Finding | ForEach-Object { "$($_.Kind) $($_.ResourceArn -replace '/[0-9a-f-]{36}$', '/<id>')" }) | Sort-Object) -join '; '
}
function Test-ExposureOracle($Oracle, [string] $Label) {
    Test-That "${Label}: 5 repositories, 3 public, 2 of them unconditionally" (
        $Oracle.EcrRepositories.Count -eq 5 -and @($Oracle.EcrRepositories | Where-Object IsPublic).Count -eq 3 -and
        @($Oracle.EcrRepositories | Where-Object IsPublicUnconditionally).Count -eq 2)
    Test-That "${Label}: 4 running tasks, 5 task definitions, 2 services" (
        $Oracle.Tasks.Count -eq 4 -and $Oracle.TaskDefinitions.Count -eq 5 -and $Oracle.Services.Count -eq 2)
    $ips = @($Oracle.Tasks | ForEach-Object { if ($null -eq $_.PublicIpAddresses) { 'null' } else { @($_.PublicIpAddresses).Count } } | Sort-Object) -join ','
    Test-That "${Label}: public IPs per task: one task without ENI (null), one ENI without (0), two with one ($ips)" ($ips -eq '0,1,1,null')
    $kinds = ($Oracle.Findings | Group-Object Kind | Sort-Object Name | ForEach-Object { "$($_.Name)=$($_.Count)" }) -join ','
    Test-That "${Label}: findings $kinds" (
        $kinds -eq 'InternetReachableTask=1,MutableImageTags=2,PublicIpNotReachable=1,PublicRepository=2,ReachableTaskRunsPublicImage=1,ScanOnPushDisabled=1,SecretLikeEnvironmentName=1,ServiceAssignsPublicIp=1,TaskRunsPublicImage=2')
    Test-That "${Label}: the roles of both accounts, base credentials not inventoried" (
        ($Oracle.Roles.RoleArns -join ',') -eq "arn:aws:iam::$($Oracle.Accounts.Base):role/inventory-reader,arn:aws:iam::$($Oracle.Accounts.Second):role/inventory-reader" -and
        $Oracle.Roles.BaseCredentialsInventoried -eq $false)
}
function Invoke-RoleProbe([string] $Url, [string] $AccessKey, [string] $SecretKey, [string[]] $RoleArn) {
    # What the module does with -RoleArn: AssumeRole with the base key, then read ECS and EC2 in the role's account.
    $probe = @'
import sys, boto3, botocore
url, key, secret, roles = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
def client(service, k, s, t=None):
    return boto3.client(service, endpoint_url=url, region_name="us-east-1", aws_access_key_id=k,
                        aws_secret_access_key=s, aws_session_token=t)
results = []
for role in roles:
    c = client("sts", key, secret).assume_role(RoleArn=role, RoleSessionName="probe")["Credentials"]
    k, s, t = c["AccessKeyId"], c["SecretAccessKey"], c["SessionToken"]
    try:
        client("ecs", k, s, t).list_clusters()
        client("ec2", k, s, t).describe_network_interfaces()
        status = 200
    except botocore.exceptions.ClientError as error:
        status = error.response["ResponseMetadata"]["HTTPStatusCode"]
    results.append(f'{client("sts", k, s, t).get_caller_identity()["Account"]}:{status}')
print(",".join(results))
'@
    $python = if ($env:MOTO_PYTHON) { $env:MOTO_PYTHON } else { 'python3' }
    return (& $python -c $probe $Url $AccessKey $SecretKey @RoleArn)
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

    Reset-MotoServer -Server $moto
    $reach = Measure-Step 'seed reachability (us-east-1)' { Invoke-MotoSeed -Server $moto -Estate Reachability }
    $verdicts = ($reach.Verdicts | Group-Object Verdict | Sort-Object Name | ForEach-Object { "$($_.Name)=$($_.Count)" }) -join ','
    Test-That "reachability: 12 running tasks, verdicts $verdicts" (
        @($reach.Tasks.PSObject.Properties).Count -eq 12 -and $verdicts -eq 'NotExposed=2,PublicIpNotReachable=3,Reachable=7')
    Test-That 'reachability: every reachable task has a path, no other task one' (
        @($reach.Verdicts | Where-Object { ($_.Verdict -eq 'Reachable') -ne (@($_.Paths).Count -gt 0) }).Count -eq 0)

    Reset-MotoServer -Server $moto
    $exposure = Measure-Step 'seed exposure (2 accounts, us-east-1)' { Invoke-MotoSeed -Server $moto -Estate Exposure }
    Test-ExposureOracle -Oracle $exposure -Label 'exposure'
    Test-That 'exposure: AccountId of every record is one of the two accounts' (
        @(@($exposure.EcrRepositories) + $exposure.Tasks + $exposure.TaskDefinitions + $exposure.Services |
            Where-Object AccountId -NotIn $exposure.Accounts.Base, $exposure.Accounts.Second).Count -eq 0)
    $oracleText = $exposure | Select-Object EcrRepositories, Tasks, TaskDefinitions, Services, Findings | ConvertTo-Json -Depth 10
    Test-That 'exposure: 8 secret values, none inside the records' (
        $exposure.SecretValues.Count -eq 8 -and @($exposure.SecretValues | Where-Object { $oracleText.Contains($_) }).Count -eq 0)
    $again = Invoke-MotoSeed -Server $moto -Estate Exposure -NoSeed -AsJson
    Test-That 'exposure: reading back again gives the same oracle (task state pinned)' (
        $again -eq (Invoke-MotoSeed -Server $moto -Estate Exposure -NoSeed -AsJson))
    $reads = Invoke-RoleProbe -Url $moto.Url -AccessKey testing -SecretKey testing -RoleArn $exposure.Roles.RoleArns
    Test-That "exposure: each role assumed and read ($reads)" ($reads -eq '123456789012:200,222222222222:200')
    Stop-MotoServer -Server $moto

    $signed = Measure-Step 'start moto_server -SignatureChecking' { Start-MotoServer -SignatureChecking }
    Test-That "signature mode: IAM key created ($($signed.AccessKeyId))" ($signed.AccessKeyId -match '^AKIA' -and $signed.SecretAccessKey)
    $signedEcr = Measure-Step 'seed ECR with the IAM key' { Invoke-MotoSeed -Server $signed -Estate Ecr }
    Test-That 'signature mode: 10 repositories seeded and read back' ($signedEcr.Count -eq 10)
    $signedEcs = Measure-Step 'seed ECS with the IAM key' { Invoke-MotoSeed -Server $signed -Estate Ecs }
    Test-That 'signature mode: 4 running tasks' ($signedEcs.Tasks.Count -eq 4)
    # After the ECR/ECS seeds: this oracle reads back those records of account A too.
    $signedExposure = Measure-Step 'seed exposure with the IAM key' { Invoke-MotoSeed -Server $signed -Estate Exposure }
    Test-That 'signature mode: exposure findings of account B as without signatures' (
        (Format-Findings ($signedExposure.Findings | Where-Object AccountId -EQ 222222222222)) -eq
        (Format-Findings ($exposure.Findings | Where-Object AccountId -EQ 222222222222)) -and
        @($signedExposure.Tasks | Where-Object PublicIpAddresses).Count -eq 2)
    $reads = Invoke-RoleProbe -Url $signed.Url -AccessKey $signed.AccessKeyId -SecretKey $signed.SecretAccessKey -RoleArn $signedExposure.Roles.RoleArns
    Test-That "signature mode: each role assumed with the IAM key and read ($reads)" ($reads -eq '123456789012:200,222222222222:200')

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
