<#
.SYNOPSIS
    The scale benchmark (issue: "Scale and faults"), run by `build.ps1 Benchmark`. Not a test: it prints figures.
.DESCRIPTION
    Starts the scripted endpoint (tests/AwsContainerInventory.TestEndpoint) on 127.0.0.1 and measures, each
    inventory in a fresh pwsh process:
      1. 400 ECR repositories, 25 ms latency per call, ParallelRequests 8: the module's wall time (cold: first
         run in the process, warm: second run), the lower bound 25 ms × (1 + 2·400/8), their ratio, the time
         to the first record, and a boto3 script with 8 threads making the same calls on the same endpoint.
      2. 50 roles × 4 regions × 20 repositories under the one cap of 8: wall time and ratio to its bound
         (every call at 25 ms, 8 at a time).
      3. Peak working set of `Get-EcsTask | Measure-Object` for 2,000 and 20,000 tasks (flat = memory does not
         grow with the estate).
      4. Import-Module time.
      5. An organization of 500 accounts x 17 regions under one cap of 64 (tools/Invoke-OrganizationBenchmark.ps1).
    Writes the figures to out/benchmark.json as well. -Scenario Organization runs only the fifth and updates its
    entry of out/benchmark.json, keeping the others.
#>
[CmdletBinding()]
param(
    [string] $Configuration = 'Release',
    [int] $LatencyMs = 25,
    [ValidateSet('All', 'Organization')] [string] $Scenario = 'All'
)

$ErrorActionPreference = 'Stop'
$root = Split-Path $PSScriptRoot
$manifest = Join-Path $root 'AwsContainerInventory.psd1'
$accessKey = 'AKIDEXAMPLEBASE0001'
$secretKey = 'base-secret-key-for-tests'

Import-Module (Join-Path $PSScriptRoot 'ChildPwsh.psm1') -Force
Import-Module (Join-Path $PSScriptRoot 'ScriptedEndpoint.psm1') -Force

if ($Scenario -eq 'Organization') {
    $organization = & (Join-Path $PSScriptRoot 'Invoke-OrganizationBenchmark.ps1') -Configuration $Configuration -LatencyMs $LatencyMs
    $path = Join-Path $root 'out/benchmark.json'
    $report = if (Test-Path $path) { Get-Content -Raw $path | ConvertFrom-Json -AsHashtable } else { [ordered]@{} }
    $report['Organization500x17'] = $organization
    New-Item -ItemType Directory -Force -Path (Join-Path $root 'out') | Out-Null
    $report | ConvertTo-Json -Depth 6 | Set-Content $path
    return
}

# Runs a script block in a fresh pwsh and returns what it wrote as JSON.
function Invoke-Fresh([string] $Script, [hashtable] $Arguments) {
    $file = Join-Path ([IO.Path]::GetTempPath()) "aci-bench-$([guid]::NewGuid().ToString('N').Substring(0, 8)).ps1"
    Set-Content $file $Script
    try {
        $pwsh = Get-PwshCommand
        $argumentList = foreach ($entry in $Arguments.GetEnumerator()) { "-$($entry.Key)"; "$($entry.Value)" }
        $output = & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -File $file @argumentList
        if ($LASTEXITCODE -ne 0) { throw "Benchmark child failed: $output" }
        return ($output | Select-Object -Last 1 | ConvertFrom-Json)
    }
    finally { Remove-Item $file -ErrorAction Ignore }
}

function Invoke-Control([string] $Path, [object] $Body) {
    Invoke-EndpointControl $script:endpoint $Path ($Body | ConvertTo-Json -Depth 5)
}

$script:endpoint = Start-ScriptedEndpoint -Configuration $Configuration
try {
    $baseUrl = $endpoint.Url

    $inventory = @'
param($Manifest, $Endpoint, $AccessKey, $SecretKey, $Roles, $Regions, $Runs)
$ErrorActionPreference = 'Stop'
$import = [Diagnostics.Stopwatch]::StartNew()
Import-Module $Manifest
$import.Stop()
$connect = @{ AccessKey = $AccessKey; SecretKey = (ConvertTo-SecureString $SecretKey -AsPlainText -Force); Region = $Regions.Split(','); EndpointUrl = $Endpoint; ParallelRequests = 8 }
if ($Roles) { $connect.RoleArn = $Roles.Split(',') }
Connect-AwsInventory @connect
$results = foreach ($run in 1..[int]$Runs) {
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $script:first = $null
    $count = (Get-EcrRepository | ForEach-Object { if ($null -eq $script:first) { $script:first = $clock.Elapsed.TotalSeconds }; $_ } | Measure-Object).Count
    [ordered]@{ Seconds = $clock.Elapsed.TotalSeconds; FirstRecordSeconds = $script:first; Records = $count }
}
[ordered]@{ ImportSeconds = $import.Elapsed.TotalSeconds; Runs = @($results) } | ConvertTo-Json -Depth 4 -Compress
'@

    # 1. 400 repositories, 25 ms, ParallelRequests 8.
    Invoke-Control '/_control/generate' @{ replace = $true; accounts = 1; firstAccountId = '111111111111'; regions = @('us-east-1'); repositoriesPerRegion = 400; clustersPerRegion = 0; taskDefinitionsPerRegion = 0 } | Out-Null
    # One untimed boto3 pass first: the endpoint is a fresh process too, and its own first calls (JIT of its
    # handlers) must not be charged to the module's cold run.
    $null = & python3 (Join-Path $PSScriptRoot 'benchmark_boto3.py') --endpoint $baseUrl --access-key $accessKey --secret-key $secretKey --threads 8
    Invoke-Control '/_control/reset' @{} | Out-Null
    Invoke-Control '/_control/faults' @{ latencyMs = $LatencyMs } | Out-Null
    $module = Invoke-Fresh $inventory @{ Manifest = $manifest; Endpoint = $baseUrl; AccessKey = $accessKey; SecretKey = $secretKey; Roles = ''; Regions = 'us-east-1'; Runs = 2 }
    $stats = Invoke-EndpointControl $endpoint stats -Get
    $bound = $LatencyMs / 1000 * (1 + 2 * 400 / 8)
    $botoJson = & python3 (Join-Path $PSScriptRoot 'benchmark_boto3.py') --endpoint $baseUrl --access-key $accessKey --secret-key $secretKey --threads 8
    if ($LASTEXITCODE -ne 0) { throw "boto3 benchmark failed: $botoJson" }
    $boto = $botoJson | ConvertFrom-Json

    # 2. 50 roles × 4 regions × 20 repositories under one cap of 8.
    $regions = 'us-east-1', 'us-west-2', 'eu-west-1', 'ap-southeast-2'
    Invoke-Control '/_control/generate' @{ replace = $true; accounts = 50; firstAccountId = '300000000001'; regions = $regions; repositoriesPerRegion = 20; clustersPerRegion = 0; taskDefinitionsPerRegion = 0 } | Out-Null
    Invoke-Control '/_control/reset' @{} | Out-Null
    Invoke-Control '/_control/faults' @{ latencyMs = $LatencyMs } | Out-Null
    $roles = (1..50 | ForEach-Object { 'arn:aws:iam::3000000000{0:D2}:role/Inventory' -f $_ }) -join ','
    $fanOut = Invoke-Fresh $inventory @{ Manifest = $manifest; Endpoint = $baseUrl; AccessKey = $accessKey; SecretKey = $secretKey; Roles = $roles; Regions = ($regions -join ','); Runs = 1 }
    $fanOutStats = Invoke-EndpointControl $endpoint stats -Get
    $fanOutCalls = 50 + 50 * 4 * (1 + 2 * 20)
    $fanOutBound = $LatencyMs / 1000 * $fanOutCalls / 8

    # 3. Peak working set for 2,000 and 20,000 tasks (no latency: the fastest producer is the hardest case).
    $memoryScript = @'
param($Manifest, $Endpoint, $AccessKey, $SecretKey)
$ErrorActionPreference = 'Stop'
Import-Module $Manifest
Connect-AwsInventory -AccessKey $AccessKey -SecretKey (ConvertTo-SecureString $SecretKey -AsPlainText -Force) -Region us-east-1 -EndpointUrl $Endpoint
$before = [Diagnostics.Process]::GetCurrentProcess().WorkingSet64
$clock = [Diagnostics.Stopwatch]::StartNew()
$count = (Get-EcsTask | Measure-Object).Count
$process = [Diagnostics.Process]::GetCurrentProcess(); $process.Refresh()
[ordered]@{ Tasks = $count; Seconds = $clock.Elapsed.TotalSeconds; PeakWorkingSetMB = [math]::Round($process.PeakWorkingSet64 / 1MB, 1); BeforeMB = [math]::Round($before / 1MB, 1) } | ConvertTo-Json -Compress
'@
    $memory = foreach ($tasksPerCluster in 100, 1000) {
        Invoke-Control '/_control/generate' @{ replace = $true; accounts = 1; firstAccountId = '111111111111'; regions = @('us-east-1'); repositoriesPerRegion = 0; clustersPerRegion = 20; servicesPerCluster = 0; tasksPerCluster = $tasksPerCluster; taskDefinitionsPerRegion = 0 } | Out-Null
        Invoke-Control '/_control/faults' @{} | Out-Null
        Invoke-Fresh $memoryScript @{ Manifest = $manifest; Endpoint = $baseUrl; AccessKey = $accessKey; SecretKey = $secretKey }
    }
}
finally {
    Stop-ScriptedEndpoint $endpoint
}

# What the endpoint actually served: the mean time from a call's arrival to its answer (latency included).
$served = @($stats.operations.PSObject.Properties.Value | ForEach-Object { $_.calls } | Where-Object { $_.statusCode -eq 200 } | ForEach-Object durationMs)
$servedMs = ($served | Measure-Object -Average).Average

$cold, $warm = $module.Runs
$report = [ordered]@{
    Ecr400 = [ordered]@{
        LatencyMs = $LatencyMs; ParallelRequests = 8; LowerBoundSeconds = [math]::Round($bound, 3)
        ColdSeconds = [math]::Round($cold.Seconds, 3); ColdRatio = [math]::Round($cold.Seconds / $bound, 3)
        WarmSeconds = [math]::Round($warm.Seconds, 3); WarmRatio = [math]::Round($warm.Seconds / $bound, 3)
        FirstRecordSeconds = [math]::Round($warm.FirstRecordSeconds, 3); Records = $warm.Records
        PeakConcurrency = $stats.peakInFlight
        EndpointServedMs = [math]::Round($servedMs, 2)
        Boto3Seconds = [math]::Round($boto.seconds, 3); Boto3Records = $boto.repositories
    }
    Roles50x4x20 = [ordered]@{
        Records = $fanOut.Runs[0].Records; Calls = $fanOutCalls; LowerBoundSeconds = [math]::Round($fanOutBound, 3)
        Seconds = [math]::Round($fanOut.Runs[0].Seconds, 3); Ratio = [math]::Round($fanOut.Runs[0].Seconds / $fanOutBound, 3)
        PeakConcurrency = $fanOutStats.peakInFlight
    }
    EcsTasksMemory = @($memory)
    ImportModuleSeconds = [math]::Round($module.ImportSeconds, 3)
    Organization500x17 = & (Join-Path $PSScriptRoot 'Invoke-OrganizationBenchmark.ps1') -Configuration $Configuration -LatencyMs $LatencyMs
}
New-Item -ItemType Directory -Force -Path (Join-Path $root 'out') | Out-Null
$report | ConvertTo-Json -Depth 6 | Set-Content (Join-Path $root 'out/benchmark.json')

$e = $report.Ecr400
Write-Host ''
Write-Host "ECR, 400 repositories, $LatencyMs ms per call, ParallelRequests 8" -ForegroundColor Cyan
Write-Host ("  lower bound 25 ms x (1 + 2*400/8) : {0,7:N3} s" -f $e.LowerBoundSeconds)
Write-Host ("  module, cold (first run)          : {0,7:N3} s  ratio {1:N3}" -f $e.ColdSeconds, $e.ColdRatio)
Write-Host ("  module, warm (second run)         : {0,7:N3} s  ratio {1:N3}  (target <= 1.15)" -f $e.WarmSeconds, $e.WarmRatio)
Write-Host ("  time to first record (warm)       : {0,7:N3} s" -f $e.FirstRecordSeconds)
Write-Host ("  boto3, 8 threads, same calls      : {0,7:N3} s  (module faster: {1})" -f $e.Boto3Seconds, ($e.WarmSeconds -lt $e.Boto3Seconds))
Write-Host ("  peak concurrent calls at endpoint : {0}" -f $e.PeakConcurrency)
Write-Host ("  endpoint's mean time per call     : {0,7:N2} ms (nominal {1} ms; the module runs' calls)" -f $e.EndpointServedMs, $LatencyMs)
$f = $report.Roles50x4x20
Write-Host "50 roles x 4 regions x 20 repositories, one cap of 8" -ForegroundColor Cyan
Write-Host ("  {0} calls, bound {1:N3} s, module {2:N3} s, ratio {3:N3}, {4} records, peak concurrency {5}" -f $f.Calls, $f.LowerBoundSeconds, $f.Seconds, $f.Ratio, $f.Records, $f.PeakConcurrency)
Write-Host "ECS tasks, peak working set of the pwsh process (Get-EcsTask | Measure-Object)" -ForegroundColor Cyan
foreach ($m in $report.EcsTasksMemory) { Write-Host ("  {0,6} tasks: {1,7:N1} MB peak ({2:N1} MB before the run), {3:N2} s" -f $m.Tasks, $m.PeakWorkingSetMB, $m.BeforeMB, $m.Seconds) }
Write-Host ("Import-Module: {0:N3} s" -f $report.ImportModuleSeconds) -ForegroundColor Cyan
