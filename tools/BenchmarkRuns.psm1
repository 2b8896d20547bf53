#Requires -Version 7.2
<#
    The scenarios of tools/Invoke-Benchmark.ps1: each runs its inventories in fresh pwsh processes against the
    scripted endpoint $Context.Endpoint, $Context.Runs times, and returns every run's figures and their medians.
#>

# The child of the ECR and ECS scenarios: Import-Module, one session, then $Runs inventories in this one process
# (the first is the cold one), each timed with its first record.
$script:inventoryChild = @'
param($Manifest, $Endpoint, $AccessKey, $SecretKey, $Command, $Runs, $ParallelRequests, $Roles, $Regions)
$ErrorActionPreference = 'Stop'
$import = [Diagnostics.Stopwatch]::StartNew()
Import-Module $Manifest
$import.Stop()
$connect = @{ AccessKey = $AccessKey; SecretKey = (ConvertTo-SecureString $SecretKey -AsPlainText -Force); Region = $Regions.Split(','); EndpointUrl = $Endpoint; ParallelRequests = [int]$ParallelRequests }
if ($Roles) { $connect.RoleArn = $Roles.Split(',') }
Connect-AwsInventory @connect
$read = Get-Command $Command
$results = foreach ($run in 1..[int]$Runs) {
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $script:first = $null
    $count = (& $read | ForEach-Object { if ($null -eq $script:first) { $script:first = $clock.Elapsed.TotalSeconds }; $_ } | Measure-Object).Count
    [ordered]@{ Seconds = $clock.Elapsed.TotalSeconds; FirstRecordSeconds = $script:first; Records = $count }
}
[ordered]@{ ImportSeconds = $import.Elapsed.TotalSeconds; Runs = @($results) } | ConvertTo-Json -Depth 4 -Compress
'@

# The child of the memory scenario: the working set before and the peak during one Get-EcsTask | Measure-Object.
$script:memoryChild = @'
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

function Get-Median([double[]] $Values) {
    $sorted = @($Values | Sort-Object)
    if ($sorted.Count -eq 0) { return $null }
    $middle = [math]::Floor($sorted.Count / 2)
    if ($sorted.Count % 2) { return $sorted[$middle] }
    ($sorted[$middle - 1] + $sorted[$middle]) / 2
}

function Invoke-FreshPwsh([string] $Script, [hashtable] $Arguments) {
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

function Invoke-Control($Context, [string] $Path, [object] $Body) {
    Invoke-EndpointControl $Context.Endpoint $Path ($Body | ConvertTo-Json -Depth 5) | Out-Null
}

function Invoke-Inventory($Context, [string] $Command, [int] $Runs = 2, [string] $Roles = '', [string] $Regions = 'us-east-1') {
    Invoke-FreshPwsh $script:inventoryChild @{ Manifest = $Context.Manifest; Endpoint = $Context.Endpoint.Url; AccessKey = $Context.AccessKey
        SecretKey = $Context.SecretKey; Command = $Command; Runs = $Runs; ParallelRequests = $Context.ParallelRequests; Roles = $Roles; Regions = $Regions }
}

# A fresh endpoint counter and the scripted latency, before each timed run.
function Reset-Endpoint($Context, [int] $LatencyMs) {
    Invoke-Control $Context '/_control/reset' @{}
    Invoke-Control $Context '/_control/faults' $(if ($LatencyMs) { @{ latencyMs = $LatencyMs } } else { @{} })
}

function Invoke-Boto3($Context) {
    $json = & python3 (Join-Path $Context.Tools 'benchmark_boto3.py') --endpoint $Context.Endpoint.Url --access-key $Context.AccessKey --secret-key $Context.SecretKey --threads $Context.ParallelRequests
    if ($LASTEXITCODE -ne 0) { throw "boto3 benchmark failed: $json" }
    $json | ConvertFrom-Json
}

function Measure-EcrScenario($Context, [int] $Repositories) {
    Invoke-Control $Context '/_control/generate' @{ replace = $true; accounts = 1; firstAccountId = '111111111111'; regions = @('us-east-1'); repositoriesPerRegion = $Repositories; clustersPerRegion = 0; taskDefinitionsPerRegion = 0 }
    # One untimed boto3 pass first: the endpoint is a fresh process too, and its own first calls (JIT of its
    # handlers) must not be charged to the module's cold run.
    Reset-Endpoint $Context 0
    $null = Invoke-Boto3 $Context
    $bound = $Context.LatencyMs / 1000 * (1 + 2 * $Repositories / $Context.ParallelRequests)
    $runs = @(foreach ($run in 1..$Context.Runs) {
        Reset-Endpoint $Context $Context.LatencyMs
        $module = Invoke-Inventory $Context 'Get-EcrRepository'
        $stats = Invoke-EndpointControl $Context.Endpoint stats -Get
        Reset-Endpoint $Context $Context.LatencyMs
        $boto = Invoke-Boto3 $Context
        $cold, $warm = $module.Runs
        [ordered]@{ ColdSeconds = $cold.Seconds; WarmSeconds = $warm.Seconds; ColdFirstRecordSeconds = $cold.FirstRecordSeconds
            WarmFirstRecordSeconds = $warm.FirstRecordSeconds; Records = $warm.Records; ImportSeconds = $module.ImportSeconds
            Calls = [int]$stats.totalCalls; PeakConcurrency = $stats.peakInFlight; EndpointServedMs = $stats.servedMeanMs
            Boto3Seconds = $boto.seconds; Boto3Records = $boto.repositories }
    })
    $median = { param($name) [math]::Round((Get-Median @($runs | ForEach-Object { $_[$name] })), 3) }
    $cold = & $median ColdSeconds; $warm = & $median WarmSeconds
    [ordered]@{
        Repositories = $Repositories; LatencyMs = $Context.LatencyMs; ParallelRequests = $Context.ParallelRequests; LowerBoundSeconds = [math]::Round($bound, 3)
        ColdSeconds = $cold; ColdRatio = [math]::Round($cold / $bound, 3); WarmSeconds = $warm; WarmRatio = [math]::Round($warm / $bound, 3)
        ColdFirstRecordSeconds = & $median ColdFirstRecordSeconds; ColdFirstRecordShare = [math]::Round((& $median ColdFirstRecordSeconds) / $cold, 3)
        WarmFirstRecordSeconds = & $median WarmFirstRecordSeconds
        Boto3Seconds = & $median Boto3Seconds; ImportSeconds = & $median ImportSeconds; EndpointServedMs = & $median EndpointServedMs
        Records = $runs[0].Records; Calls = $runs[0].Calls; PeakConcurrency = ($runs | ForEach-Object { $_.PeakConcurrency } | Measure-Object -Maximum).Maximum
        Each = @($runs)
    }
}

function Measure-EcsScenario($Context, [int] $Clusters, [int] $TasksPerCluster) {
    Invoke-Control $Context '/_control/generate' @{ replace = $true; accounts = 1; firstAccountId = '111111111111'; regions = @('us-east-1'); repositoriesPerRegion = 0; clustersPerRegion = $Clusters; servicesPerCluster = 0; tasksPerCluster = $TasksPerCluster; taskDefinitionsPerRegion = 0 }
    # An untimed inventory first, in a process of its own, warms the endpoint's ECS and EC2 handlers.
    Reset-Endpoint $Context 0
    $null = Invoke-Inventory $Context 'Get-EcsTask' -Runs 1
    $tasks = $Clusters * $TasksPerCluster
    $minimum = [ordered]@{ ListClusters = [math]::Max(1, [math]::Ceiling($Clusters / 100)); ListTasks = $Clusters * [math]::Ceiling($TasksPerCluster / 100)
        DescribeTasks = $Clusters * [math]::Ceiling($TasksPerCluster / 100); DescribeNetworkInterfaces = [math]::Ceiling($tasks / 200) }
    $minimumCalls = ($minimum.Values | Measure-Object -Sum).Sum
    $bound = $Context.LatencyMs / 1000 * [math]::Ceiling($minimumCalls / $Context.ParallelRequests)
    $runs = @(foreach ($run in 1..$Context.Runs) {
        Reset-Endpoint $Context $Context.LatencyMs
        $module = Invoke-Inventory $Context 'Get-EcsTask'
        $stats = Invoke-EndpointControl $Context.Endpoint stats -Get
        $cold, $warm = $module.Runs
        [ordered]@{ ColdSeconds = $cold.Seconds; WarmSeconds = $warm.Seconds; ColdFirstRecordSeconds = $cold.FirstRecordSeconds
            WarmFirstRecordSeconds = $warm.FirstRecordSeconds; Records = $warm.Records
            # The endpoint counted both inventories of the process: half of it is one run's.
            CallsPerRun = [int]$stats.totalCalls / 2; PeakConcurrency = $stats.peakInFlight; EndpointServedMs = $stats.servedMeanMs }
    })
    $median = { param($name) [math]::Round((Get-Median @($runs | ForEach-Object { $_[$name] })), 3) }
    $cold = & $median ColdSeconds; $warm = & $median WarmSeconds
    [ordered]@{
        Tasks = $tasks; Clusters = $Clusters; LatencyMs = $Context.LatencyMs; ParallelRequests = $Context.ParallelRequests
        MinimumCalls = $minimumCalls; MinimumByOperation = $minimum; CallsPerRun = $runs[0].CallsPerRun; LowerBoundSeconds = [math]::Round($bound, 3)
        ColdSeconds = $cold; ColdRatio = [math]::Round($cold / $bound, 3); WarmSeconds = $warm; WarmRatio = [math]::Round($warm / $bound, 3)
        ColdFirstRecordSeconds = & $median ColdFirstRecordSeconds; WarmFirstRecordSeconds = & $median WarmFirstRecordSeconds
        EndpointServedMs = & $median EndpointServedMs; Records = $runs[0].Records; Each = @($runs)
    }
}

function Measure-MemoryScenario($Context, [int] $Clusters, [int] $TasksPerCluster) {
    Invoke-Control $Context '/_control/generate' @{ replace = $true; accounts = 1; firstAccountId = '111111111111'; regions = @('us-east-1'); repositoriesPerRegion = 0; clustersPerRegion = $Clusters; servicesPerCluster = 0; tasksPerCluster = $TasksPerCluster; taskDefinitionsPerRegion = 0 }
    Reset-Endpoint $Context 0
    $runs = @(foreach ($run in 1..$Context.Runs) {
        $result = Invoke-FreshPwsh $script:memoryChild @{ Manifest = $Context.Manifest; Endpoint = $Context.Endpoint.Url; AccessKey = $Context.AccessKey; SecretKey = $Context.SecretKey }
        [ordered]@{ Tasks = $result.Tasks; Seconds = $result.Seconds; PeakWorkingSetMB = $result.PeakWorkingSetMB; BeforeMB = $result.BeforeMB
            AboveBeforeMB = [math]::Round($result.PeakWorkingSetMB - $result.BeforeMB, 1) }
    })
    $median = { param($name) [math]::Round((Get-Median @($runs | ForEach-Object { $_[$name] })), 2) }
    [ordered]@{ Tasks = $runs[0].Tasks; PeakWorkingSetMB = & $median PeakWorkingSetMB; BeforeMB = & $median BeforeMB
        AboveBeforeMB = & $median AboveBeforeMB; Seconds = & $median Seconds; Each = @($runs) }
}

function Measure-RolesScenario($Context) {
    $regions = 'us-east-1', 'us-west-2', 'eu-west-1', 'ap-southeast-2'
    Invoke-Control $Context '/_control/generate' @{ replace = $true; accounts = 50; firstAccountId = '300000000001'; regions = $regions; repositoriesPerRegion = 20; clustersPerRegion = 0; taskDefinitionsPerRegion = 0 }
    Reset-Endpoint $Context $Context.LatencyMs
    $roles = (1..50 | ForEach-Object { 'arn:aws:iam::3000000000{0:D2}:role/Inventory' -f $_ }) -join ','
    $result = Invoke-Inventory $Context 'Get-EcrRepository' -Runs 1 -Roles $roles -Regions ($regions -join ',')
    $stats = Invoke-EndpointControl $Context.Endpoint stats -Get
    $calls = 50 + 50 * 4 * (1 + 2 * 20)
    $bound = $Context.LatencyMs / 1000 * $calls / $Context.ParallelRequests
    [ordered]@{ Records = $result.Runs[0].Records; Calls = $calls; LowerBoundSeconds = [math]::Round($bound, 3)
        Seconds = [math]::Round($result.Runs[0].Seconds, 3); Ratio = [math]::Round($result.Runs[0].Seconds / $bound, 3); PeakConcurrency = $stats.peakInFlight
        EndpointServedMs = $stats.servedMeanMs }
}

function Write-BenchmarkSummary($Report) {
    $m = $Report['Machine']
    Write-Host ''
    Write-Host ("{0}, {1} cores, load average {2} before and {3} after; medians of {4} runs" -f $m.Date, $m.Cores, $m.LoadAverageBefore, $m.LoadAverageAfter, $m.Runs) -ForegroundColor Cyan
    foreach ($name in 'Ecr400', 'Ecr2000') {
        $e = $Report[$name]
        if (-not $e) { continue }
        Write-Host ("ECR, {0} repositories, {1} ms per call, ParallelRequests {2}" -f $e.Repositories, $e.LatencyMs, $e.ParallelRequests) -ForegroundColor Cyan
        Write-Host ("  lower bound 25 ms x (1 + 2*{0}/8) : {1,7:N3} s" -f $e.Repositories, $e.LowerBoundSeconds)
        Write-Host ("  module, cold (first run)          : {0,7:N3} s  ratio {1:N3}  (target <= 1.10)" -f $e.ColdSeconds, $e.ColdRatio)
        Write-Host ("  module, warm (second run)         : {0,7:N3} s  ratio {1:N3}  (target <= 1.05)" -f $e.WarmSeconds, $e.WarmRatio)
        Write-Host ("  first record, cold / warm         : {0,7:N3} s ({1:P1} of the cold run, target < 5 %) / {2:N3} s" -f $e.ColdFirstRecordSeconds, $e.ColdFirstRecordShare, $e.WarmFirstRecordSeconds)
        Write-Host ("  boto3, 8 threads, same calls      : {0,7:N3} s  (module faster cold: {1}, warm: {2})" -f $e.Boto3Seconds, ($e.ColdSeconds -lt $e.Boto3Seconds), ($e.WarmSeconds -lt $e.Boto3Seconds))
        Write-Host ("  calls {0}, peak concurrency {1}, endpoint's mean time per call {2:N2} ms (nominal {3} ms)" -f $e.Calls, $e.PeakConcurrency, $e.EndpointServedMs, $e.LatencyMs)
    }
    if ($e = $Report['Ecs20000']) {
        Write-Host ("ECS, Get-EcsTask on {0} tasks ({1} clusters), {2} ms per call, ParallelRequests {3}" -f $e.Tasks, $e.Clusters, $e.LatencyMs, $e.ParallelRequests) -ForegroundColor Cyan
        Write-Host ("  calls {0} (minimum {1}), bound 25 ms x ceil(calls/8) = {2:N3} s" -f $e.CallsPerRun, $e.MinimumCalls, $e.LowerBoundSeconds)
        Write-Host ("  module, cold {0:N3} s (ratio {1:N3}), warm {2:N3} s (ratio {3:N3}); first record cold {4:N3} s, warm {5:N3} s; endpoint {6:N2} ms a call" -f $e.ColdSeconds, $e.ColdRatio, $e.WarmSeconds, $e.WarmRatio, $e.ColdFirstRecordSeconds, $e.WarmFirstRecordSeconds, $e.EndpointServedMs)
    }
    if ($Report['EcsTasksMemory']) {
        Write-Host "ECS tasks, peak working set of the pwsh process (Get-EcsTask | Measure-Object)" -ForegroundColor Cyan
        foreach ($r in $Report['EcsTasksMemory']) { Write-Host ("  {0,6} tasks: {1,7:N1} MB peak, {2:N1} MB before the run, {3:N1} MB above it (target <= 40 at 20,000), {4:N2} s" -f $r.Tasks, $r.PeakWorkingSetMB, $r.BeforeMB, $r.AboveBeforeMB, $r.Seconds) }
    }
    if ($f = $Report['Roles50x4x20']) {
        Write-Host "50 roles x 4 regions x 20 repositories, one cap of 8" -ForegroundColor Cyan
        Write-Host ("  {0} calls, bound {1:N3} s, module {2:N3} s, ratio {3:N3}, {4} records, peak concurrency {5}, endpoint {6:N2} ms a call" -f $f.Calls, $f.LowerBoundSeconds, $f.Seconds, $f.Ratio, $f.Records, $f.PeakConcurrency, $f.EndpointServedMs)
    }
    if ($null -ne $Report['ImportModuleSeconds']) { Write-Host ("Import-Module: {0:N3} s (target < 0.2)" -f $Report['ImportModuleSeconds']) -ForegroundColor Cyan }
}

Export-ModuleMember -Function Measure-EcrScenario, Measure-EcsScenario, Measure-MemoryScenario, Measure-RolesScenario, Write-BenchmarkSummary, Get-Median
