<#
.SYNOPSIS
    The organization scenario of the benchmark (issue 21), run by tools/Invoke-Benchmark.ps1 (alone with
    -Scenario Organization). Not a test: it measures and returns the figures.
.DESCRIPTION
    On the scripted endpoint: an organization of 500 accounts (the management account, whose base credentials
    run the inventory, and 499 members with the role Inventory), each with the 17 regions that need no opt-in.
    20 members, every 25th, hold repositories, clusters and tasks in three regions; every other pair is empty.
    Every call takes 25 ms. In a fresh pwsh per command, after an untimed warm-up on a shard of the organization,
    three inventories run one after another, each in a new session with -Region All -OrganizationRoleName Inventory
    -ParallelRequests 64 and from scratch: the organization listing, every AssumeRole and DescribeRegions, and the
    inventory itself. The first is the process's first full inventory (cold); the third runs once the runtime has
    compiled the hot code at its top tier (warm: two cores shared with the endpoint, the runtime's recompiling in the
    first two takes 2-3 s of processor time each). Two commands: Get-EcrRepository and Get-EcsTask. For each run:
    the calls the endpoint counted against the minimum, the wall time against the latency bound L·⌈calls/P⌉, the time
    to the first record, the processor time the module and the endpoint took, what the runtime compiled and how long
    the garbage collector paused it; for the process, its peak working set through all its runs.
#>
[CmdletBinding()]
param(
    [string] $Configuration = 'Release',
    [int] $LatencyMs = 25,
    [int] $ParallelRequests = 64,
    # Inventories per command in one process: the first is reported as cold, the last as warm.
    [ValidateRange(1, 10)] [int] $RunsPerCommand = 3
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

# One child per command: warm-up (a shard, no latency), then three inventories, each after a reset endpoint, 25 ms a call and a new session.
$child = @'
param($Manifest, $Endpoint, $Command, $LatencyMs, $ParallelRequests, $Runs)
$ErrorActionPreference = 'Stop'
Import-Module $Manifest
$keys = @{ AccessKey = 'AKIDEXAMPLEBASE0001'; SecretKey = (ConvertTo-SecureString 'base-secret-key-for-tests' -AsPlainText -Force); EndpointUrl = $Endpoint }
$read = Get-Command $Command
Connect-AwsInventory @keys -Region All -OrganizationRoleName Inventory -Shard 1/50 -ParallelRequests $ParallelRequests
$null = & $read | Measure-Object
$results = foreach ($run in 1..$Runs) {
    Invoke-RestMethod -Method Post -Uri "$Endpoint/_control/reset" -NoProxy | Out-Null
    Invoke-RestMethod -Method Post -Uri "$Endpoint/_control/faults" -Body (@{ latencyMs = [int]$LatencyMs } | ConvertTo-Json) -ContentType 'application/json' -NoProxy | Out-Null
    [GC]::Collect()
    # The first run starts at once, as a script's first Get- does after Connect-AwsInventory; each later one after a quiet
    # second, as between two commands at a prompt, in which the runtime finishes compiling what the last one made hot.
    if ($run -gt 1) { Start-Sleep -Seconds 1 }
    Connect-AwsInventory @keys -Region All -OrganizationRoleName Inventory -ParallelRequests $ParallelRequests
    $process = [Diagnostics.Process]::GetCurrentProcess()
    $processor = $process.TotalProcessorTime
    $compiled = [System.Runtime.JitInfo]::GetCompiledMethodCount($false); $compiling = [System.Runtime.JitInfo]::GetCompilationTime($false)
    $paused = [GC]::GetTotalPauseDuration()
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $script:first = $null
    $count = (& $read -ErrorVariable failures -ErrorAction SilentlyContinue | ForEach-Object { if ($null -eq $script:first) { $script:first = $clock.Elapsed.TotalSeconds }; $_ } | Measure-Object).Count
    $seconds = $clock.Elapsed.TotalSeconds
    $process.Refresh()
    $figures = [ordered]@{ Run = $run; Seconds = $seconds; FirstRecordSeconds = $script:first; Records = $count; Errors = @($failures).Count
        Accounts = (Get-AwsInventorySession).AccountCount
        ProcessorSeconds = [math]::Round(($process.TotalProcessorTime - $processor).TotalSeconds, 2)
        CompiledMethods = [System.Runtime.JitInfo]::GetCompiledMethodCount($false) - $compiled
        CompilingSeconds = [math]::Round(([System.Runtime.JitInfo]::GetCompilationTime($false) - $compiling).TotalSeconds, 2)
        GcPauseSeconds = [math]::Round(([GC]::GetTotalPauseDuration() - $paused).TotalSeconds, 3) }
    # The endpoint's counts without its record of every call, so the process under test holds nothing more for them.
    $figures.Endpoint = Invoke-RestMethod -Uri "$Endpoint/_control/stats/summary" -NoProxy
    $figures
}
$process = [Diagnostics.Process]::GetCurrentProcess(); $process.Refresh()
@{ Runs = @($results); PeakWorkingSetMB = [math]::Round($process.PeakWorkingSet64 / 1MB, 1) } | ConvertTo-Json -Compress -Depth 6
'@

function Invoke-Control([string] $Path, [object] $Body) { Invoke-EndpointControl $script:endpoint $Path ($Body | ConvertTo-Json -Depth 5) }

function Invoke-Run([string] $Command) {
    $file = Join-Path ([IO.Path]::GetTempPath()) "aci-org-bench-$([guid]::NewGuid().ToString('N').Substring(0, 8)).ps1"
    Set-Content $file $child
    try {
        $pwsh = Get-PwshCommand
        $output = & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -File $file -Manifest $manifest -Endpoint $script:endpoint.Url `
            -Command $Command -LatencyMs $LatencyMs -ParallelRequests $ParallelRequests -Runs $RunsPerCommand
        if ($LASTEXITCODE -ne 0) { throw "Organization benchmark child failed: $output" }
        $output | Select-Object -Last 1 | ConvertFrom-Json
    }
    finally { Remove-Item $file -ErrorAction Ignore }
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

$script:endpoint = Start-ScriptedEndpoint -Configuration $Configuration -FullyCompiled
try {
    Invoke-Control '/_control/clear' @{} | Out-Null
    foreach ($account in $dataAccounts) {
        Invoke-Control '/_control/generate' ($perRegion + @{ accounts = 1; firstAccountId = $account; regions = $dataRegions }) | Out-Null
    }
    Invoke-Control '/_control/organization/generate' @{ members = $members; firstAccountId = '200000000001' } | Out-Null
    $runs = [ordered]@{}
    foreach ($command in 'Get-EcrRepository', 'Get-EcsTask') {
        $measured = Invoke-Run $command
        $expected = $minimum[$command]
        $minimumCalls = ($expected.Values | Measure-Object -Sum).Sum
        $bound = $LatencyMs / 1000 * [math]::Ceiling($minimumCalls / $ParallelRequests)
        $figures = foreach ($run in $measured.Runs) {
            $counted = [ordered]@{}
            foreach ($operation in $expected.Keys) { $counted[$operation] = [int]$run.Endpoint.operations.$operation.attempts }
            [ordered]@{
                Run = $run.Run; Accounts = $run.Accounts; Pairs = $pairs; Records = $run.Records; Errors = $run.Errors
                Calls = [int]$run.Endpoint.totalCalls; MinimumCalls = $minimumCalls; CallsByOperation = $counted; MinimumByOperation = $expected
                LowerBoundSeconds = [math]::Round($bound, 3); Seconds = [math]::Round($run.Seconds, 3); Ratio = [math]::Round($run.Seconds / $bound, 3)
                FirstRecordSeconds = [math]::Round($run.FirstRecordSeconds, 3); FirstRecordShare = [math]::Round($run.FirstRecordSeconds / $run.Seconds, 3)
                PeakConcurrency = $run.Endpoint.peakInFlight; EndpointServedMs = $run.Endpoint.servedMeanMs
                ModuleProcessorSeconds = $run.ProcessorSeconds; EndpointProcessorSeconds = $run.Endpoint.processorSecondsSinceReset
                CompiledMethods = $run.CompiledMethods; CompilingSeconds = $run.CompilingSeconds; GcPauseSeconds = $run.GcPauseSeconds
            }
        }
        $figures = @($figures)
        $runs[$command] = [ordered]@{ Cold = $figures[0]; Warm = $figures[-1]; Runs = $figures; PeakWorkingSetMB = $measured.PeakWorkingSetMB }
    }
}
finally {
    Stop-ScriptedEndpoint $script:endpoint
}

$report = [ordered]@{ Accounts = $accounts; RegionsPerAccount = $regionsPerAccount; DataAccounts = $dataAccounts.Count; LatencyMs = $LatencyMs; ParallelRequests = $ParallelRequests; RunsPerCommand = $RunsPerCommand; Runs = $runs }
Write-Host "Organization: $accounts accounts x $regionsPerAccount regions (-Region All), $($dataAccounts.Count) holding data, $LatencyMs ms a call, ParallelRequests $ParallelRequests; $RunsPerCommand inventories per command in one process (cold: the first, warm: the last)" -ForegroundColor Cyan
foreach ($command in $runs.Keys) {
    Write-Host ("  {0}: peak working set {1} MB through its {2} runs (target < 250)" -f $command, $runs[$command].PeakWorkingSetMB, $runs[$command].Runs.Count)
    foreach ($label in 'Cold', 'Warm') {
        $r = $runs[$command][$label]
        Write-Host ("    {0} (run {1}): {2} records; {3} calls (minimum {4}); {5:N3} s, bound {6:N3} s, ratio {7:N3} (target <= 1.15); first record {8:N3} s ({9:P1}, target <= 5 %); peak concurrency {10}; endpoint {11:N2} ms a call; {12} errors; processor time: module {13:N2} s, endpoint {14:N2} s; compiled {15} methods in {16:N2} s; GC pauses {17:N3} s" -f `
            $label.ToLowerInvariant(), $r.Run, $r.Records, $r.Calls, $r.MinimumCalls, $r.Seconds, $r.LowerBoundSeconds, $r.Ratio, $r.FirstRecordSeconds, $r.FirstRecordShare, $r.PeakConcurrency, $r.EndpointServedMs, $r.Errors, $r.ModuleProcessorSeconds, $r.EndpointProcessorSeconds, $r.CompiledMethods, $r.CompilingSeconds, $r.GcPauseSeconds)
        foreach ($operation in $r.MinimumByOperation.Keys) {
            if ($r.CallsByOperation[$operation] -ne $r.MinimumByOperation[$operation]) { Write-Host "      $operation : $($r.CallsByOperation[$operation]) calls, minimum $($r.MinimumByOperation[$operation])" -ForegroundColor Yellow }
        }
    }
}
$report
