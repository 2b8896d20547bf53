<#
.SYNOPSIS
    The organization scenario of the benchmark (issue 21), run by tools/Invoke-Benchmark.ps1 (alone with
    -Scenario Organization). Not a test: it measures and returns the figures.
.DESCRIPTION
    On the scripted endpoint: an organization of 500 accounts (the management account, whose base credentials
    run the inventory, and 499 members with the role Inventory), each with the 17 regions that need no opt-in.
    20 members, every 25th, hold repositories, clusters and tasks in three regions; every other pair is empty.
    Every call takes 25 ms. In a fresh pwsh per run, after an untimed warm-up on a shard of the organization,
    a new session with -Region All -OrganizationRoleName Inventory -ParallelRequests 64 runs one inventory
    from scratch: the organization listing, every AssumeRole and DescribeRegions, and the inventory itself.
    Two runs: Get-EcrRepository and Get-EcsTask. For each: the calls the endpoint counted against the minimum,
    the wall time against the latency bound L·⌈calls/P⌉, the time to the first record, the pwsh process's
    peak working set, and the processor time the module (timed run) and the endpoint (since its reset) took: on a
    machine of few cores the two share them, and the bound counts neither.
#>
[CmdletBinding()]
param(
    [string] $Configuration = 'Release',
    [int] $LatencyMs = 25,
    [int] $ParallelRequests = 64
)

$ErrorActionPreference = 'Stop'
$root = Split-Path $PSScriptRoot
$manifest = Join-Path $root 'AwsContainerInventory.psd1'
Import-Module (Join-Path $PSScriptRoot 'ChildPwsh.psm1') -Force
Import-Module (Join-Path $PSScriptRoot 'ScriptedEndpoint.psm1') -Force

$members = 499
$accounts = $members + 1
$regionsPerAccount = 17
$dataRegions = 'us-east-1', 'eu-west-1', 'ap-southeast-2'
$dataAccounts = 1..20 | ForEach-Object { '{0:D12}' -f (200000000000 + 1 + ($_ - 1) * 25) }
$perRegion = @{ repositoriesPerRegion = 10; clustersPerRegion = 2; servicesPerCluster = 0; tasksPerCluster = 50; taskDefinitionsPerRegion = 0 }

# One child per run: warm-up (a shard, no latency), then a reset endpoint, 25 ms a call, a new session and the timed run.
$child = @'
param($Manifest, $Endpoint, $Command, $LatencyMs, $ParallelRequests)
$ErrorActionPreference = 'Stop'
Import-Module $Manifest
$keys = @{ AccessKey = 'AKIDEXAMPLEBASE0001'; SecretKey = (ConvertTo-SecureString 'base-secret-key-for-tests' -AsPlainText -Force); EndpointUrl = $Endpoint }
$read = Get-Command $Command
Connect-AwsInventory @keys -Region All -OrganizationRoleName Inventory -Shard 1/50 -ParallelRequests $ParallelRequests
$null = & $read | Measure-Object
Invoke-RestMethod -Method Post -Uri "$Endpoint/_control/reset" -NoProxy | Out-Null
Invoke-RestMethod -Method Post -Uri "$Endpoint/_control/faults" -Body (@{ latencyMs = [int]$LatencyMs } | ConvertTo-Json) -ContentType 'application/json' -NoProxy | Out-Null
[GC]::Collect()
Connect-AwsInventory @keys -Region All -OrganizationRoleName Inventory -ParallelRequests $ParallelRequests
$processor = [Diagnostics.Process]::GetCurrentProcess().TotalProcessorTime
$clock = [Diagnostics.Stopwatch]::StartNew()
$script:first = $null
$count = (& $read -ErrorVariable failures -ErrorAction SilentlyContinue | ForEach-Object { if ($null -eq $script:first) { $script:first = $clock.Elapsed.TotalSeconds }; $_ } | Measure-Object).Count
$seconds = $clock.Elapsed.TotalSeconds
$process = [Diagnostics.Process]::GetCurrentProcess(); $process.Refresh()
[ordered]@{ Seconds = $seconds; FirstRecordSeconds = $script:first; Records = $count; Errors = @($failures).Count
    Accounts = (Get-AwsInventorySession).AccountCount; PeakWorkingSetMB = [math]::Round($process.PeakWorkingSet64 / 1MB, 1)
    ProcessorSeconds = [math]::Round(($process.TotalProcessorTime - $processor).TotalSeconds, 2) } | ConvertTo-Json -Compress
'@

function Invoke-Control([string] $Path, [object] $Body) { Invoke-EndpointControl $script:endpoint $Path ($Body | ConvertTo-Json -Depth 5) }

function Invoke-Run([string] $Command) {
    $file = Join-Path ([IO.Path]::GetTempPath()) "aci-org-bench-$([guid]::NewGuid().ToString('N').Substring(0, 8)).ps1"
    Set-Content $file $child
    try {
        $pwsh = Get-PwshCommand
        $output = & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -File $file -Manifest $manifest -Endpoint $script:endpoint.Url `
            -Command $Command -LatencyMs $LatencyMs -ParallelRequests $ParallelRequests
        if ($LASTEXITCODE -ne 0) { throw "Organization benchmark child failed: $output" }
        $result = $output | Select-Object -Last 1 | ConvertFrom-Json
    }
    finally { Remove-Item $file -ErrorAction Ignore }
    $stats = Invoke-EndpointControl $script:endpoint stats -Get
    $served = @($stats.operations.PSObject.Properties.Value | ForEach-Object { $_.calls } | Where-Object statusCode -EQ 200 | ForEach-Object durationMs)
    [pscustomobject]@{ Result = $result; Stats = $stats; ServedMs = ($served | Measure-Object -Average).Average }
}

# The fewest calls each run can make: the listing, one AssumeRole per member, one DescribeRegions per account, then per pair.
$pairs = $accounts * $regionsPerAccount
$dataPairs = $dataAccounts.Count * $dataRegions.Count
$discovery = [ordered]@{ GetCallerIdentity = 1; ListAccounts = [math]::Ceiling($accounts / 20); AssumeRole = $members; DescribeRegions = $accounts }
$repositories = $dataPairs * $perRegion.repositoriesPerRegion
$clusters = $dataPairs * $perRegion.clustersPerRegion
$minimum = @{
    'Get-EcrRepository' = $discovery + [ordered]@{ DescribeRepositories = $pairs; GetRepositoryPolicy = $repositories; ListTagsForResource = $repositories }
    'Get-EcsTask'       = $discovery + [ordered]@{ ListClusters = $pairs; ListTasks = $clusters * [math]::Ceiling($perRegion.tasksPerCluster / 100)
        DescribeTasks = $clusters * [math]::Ceiling($perRegion.tasksPerCluster / 100)
        DescribeNetworkInterfaces = $dataPairs * [math]::Ceiling($perRegion.clustersPerRegion * $perRegion.tasksPerCluster / 200) }
}

$script:endpoint = Start-ScriptedEndpoint -Configuration $Configuration
try {
    Invoke-Control '/_control/clear' @{} | Out-Null
    foreach ($account in $dataAccounts) {
        Invoke-Control '/_control/generate' ($perRegion + @{ accounts = 1; firstAccountId = $account; regions = $dataRegions }) | Out-Null
    }
    Invoke-Control '/_control/organization/generate' @{ members = $members; firstAccountId = '200000000001' } | Out-Null
    $runs = [ordered]@{}
    foreach ($command in 'Get-EcrRepository', 'Get-EcsTask') {
        $run = Invoke-Run $command
        $expected = $minimum[$command]
        $counted = [ordered]@{}
        foreach ($operation in $expected.Keys) { $counted[$operation] = [int]$run.Stats.operations.$operation.attempts }
        $calls = [int]$run.Stats.totalCalls
        $minimumCalls = ($expected.Values | Measure-Object -Sum).Sum
        $bound = $LatencyMs / 1000 * [math]::Ceiling($minimumCalls / $ParallelRequests)
        $runs[$command] = [ordered]@{
            Accounts = $run.Result.Accounts; Pairs = $pairs; Records = $run.Result.Records; Errors = $run.Result.Errors
            Calls = $calls; MinimumCalls = $minimumCalls; CallsByOperation = $counted; MinimumByOperation = $expected
            LowerBoundSeconds = [math]::Round($bound, 3); Seconds = [math]::Round($run.Result.Seconds, 3); Ratio = [math]::Round($run.Result.Seconds / $bound, 3)
            FirstRecordSeconds = [math]::Round($run.Result.FirstRecordSeconds, 3); FirstRecordShare = [math]::Round($run.Result.FirstRecordSeconds / $run.Result.Seconds, 3)
            PeakWorkingSetMB = $run.Result.PeakWorkingSetMB; PeakConcurrency = $run.Stats.peakInFlight; EndpointServedMs = [math]::Round($run.ServedMs, 2)
            ModuleProcessorSeconds = $run.Result.ProcessorSeconds; EndpointProcessorSeconds = $run.Stats.processorSecondsSinceReset
        }
    }
}
finally {
    Stop-ScriptedEndpoint $script:endpoint
}

$report = [ordered]@{ Accounts = $accounts; RegionsPerAccount = $regionsPerAccount; DataAccounts = $dataAccounts.Count; LatencyMs = $LatencyMs; ParallelRequests = $ParallelRequests; Runs = $runs }
Write-Host "Organization: $accounts accounts x $regionsPerAccount regions (-Region All), $($dataAccounts.Count) holding data, $LatencyMs ms a call, ParallelRequests $ParallelRequests" -ForegroundColor Cyan
foreach ($command in $runs.Keys) {
    $r = $runs[$command]
    Write-Host ("  {0,-18} {1} records; {2} calls (minimum {3}); {4:N3} s, bound {5:N3} s, ratio {6:N3} (target <= 1.15); first record {7:N3} s ({8:P1}, target <= 5 %); peak working set {9} MB (target < 250); peak concurrency {10}; endpoint {11:N2} ms a call; {12} errors; processor time: module {13:N2} s, endpoint {14:N2} s" -f `
        $command, $r.Records, $r.Calls, $r.MinimumCalls, $r.Seconds, $r.LowerBoundSeconds, $r.Ratio, $r.FirstRecordSeconds, $r.FirstRecordShare, $r.PeakWorkingSetMB, $r.PeakConcurrency, $r.EndpointServedMs, $r.Errors, $r.ModuleProcessorSeconds, $r.EndpointProcessorSeconds)
    foreach ($operation in $r.MinimumByOperation.Keys) {
        if ($r.CallsByOperation[$operation] -ne $r.MinimumByOperation[$operation]) { Write-Host "    $operation : $($r.CallsByOperation[$operation]) calls, minimum $($r.MinimumByOperation[$operation])" -ForegroundColor Yellow }
    }
}
$report
