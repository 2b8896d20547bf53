<#
.SYNOPSIS
    The scale benchmark (issues "Scale and faults" and 22), run by `build.ps1 Benchmark`. Not a test: it prints figures.
.DESCRIPTION
    Starts the scripted endpoint (tests/AwsContainerInventory.TestEndpoint) on 127.0.0.1 and measures, each
    inventory in a fresh pwsh process, -Runs times (3), printing the median of each figure:
      1. ECR, 400 and 2,000 repositories, 25 ms latency per call, ParallelRequests 8: the module's wall time (cold:
         first inventory in the process, warm: second), the lower bound 25 ms × (1 + 2·N/8), their ratio, the time to
         the first record, and a boto3 script with 8 threads making the same calls on the same endpoint (one run after
         each module run). The growth from 400 to 2,000 shows the cost is linear in calls.
      2. ECS, Get-EcsTask on 20 clusters × 1,000 tasks (20,000), 25 ms a call, ParallelRequests 8: cold and warm,
         the calls the endpoint counted against the minimum, and the bound L·⌈calls/P⌉.
      3. Peak working set of `Get-EcsTask | Measure-Object` for 2,000 and 20,000 tasks, no latency (the fastest
         producer is the hardest case), against the process's working set before the run.
      4. Import-Module time (the median over the fresh processes of scenario 1).
      5. 50 roles × 4 regions × 20 repositories under the one cap of 8 (one run).
      6. An organization of 500 accounts x 17 regions under one cap of 64 (tools/Invoke-OrganizationBenchmark.ps1).
    Writes the figures (each run's and the medians) to out/benchmark.json. -Scenario runs one of them (Ecr, Ecs,
    Memory, Roles, Organization) and updates its entries of out/benchmark.json, keeping the others.
    On a shared machine run it alone (the project's scripts take /work/.cpu.lock: `flock /work/.cpu.lock ...`).
#>
[CmdletBinding()]
param(
    [string] $Configuration = 'Release',
    [int] $LatencyMs = 25,
    [ValidateSet('All', 'Ecr', 'Ecs', 'Memory', 'Roles', 'Organization')] [string] $Scenario = 'All',
    [ValidateRange(1, 15)] [int] $Runs = 3
)

$ErrorActionPreference = 'Stop'
$root = Split-Path $PSScriptRoot
$manifest = Join-Path $root 'AwsContainerInventory.psd1'
$accessKey = 'AKIDEXAMPLEBASE0001'
$secretKey = 'base-secret-key-for-tests'
$parallelRequests = 8

Import-Module (Join-Path $PSScriptRoot 'ChildPwsh.psm1') -Force
Import-Module (Join-Path $PSScriptRoot 'ScriptedEndpoint.psm1') -Force
Import-Module (Join-Path $PSScriptRoot 'BenchmarkRuns.psm1') -Force

$reportPath = Join-Path $root 'out/benchmark.json'
$report = if ($Scenario -ne 'All' -and (Test-Path $reportPath)) { Get-Content -Raw $reportPath | ConvertFrom-Json -AsHashtable } else { [ordered]@{} }
$report['Machine'] = [ordered]@{ Date = (Get-Date).ToUniversalTime().ToString('yyyy-MM-dd'); Cores = [Environment]::ProcessorCount; Runs = $Runs
    LoadAverageBefore = if (Test-Path /proc/loadavg) { (Get-Content /proc/loadavg).Split(' ')[0..2] -join ' ' } else { $null } }

if ($Scenario -eq 'Organization') {
    $report['Organization500x17'] = & (Join-Path $PSScriptRoot 'Invoke-OrganizationBenchmark.ps1') -Configuration $Configuration -LatencyMs $LatencyMs
}
else {
    $script:endpoint = Start-ScriptedEndpoint -Configuration $Configuration -FullyCompiled
    $context = [pscustomobject]@{ Endpoint = $script:endpoint; Manifest = $manifest; AccessKey = $accessKey; SecretKey = $secretKey
        LatencyMs = $LatencyMs; ParallelRequests = $parallelRequests; Runs = $Runs; Tools = $PSScriptRoot }
    try {
        if ($Scenario -in 'All', 'Ecr') {
            $report['Ecr400'] = Measure-EcrScenario $context -Repositories 400
            $report['Ecr2000'] = Measure-EcrScenario $context -Repositories 2000
            # Every fresh process of both ECR scenarios imported the module once: the median of those imports.
            $report['ImportModuleSeconds'] = [math]::Round((Get-Median @(($report['Ecr400'].Each + $report['Ecr2000'].Each) | ForEach-Object { $_.ImportSeconds })), 3)
        }
        if ($Scenario -in 'All', 'Ecs') { $report['Ecs20000'] = Measure-EcsScenario $context -Clusters 20 -TasksPerCluster 1000 }
        if ($Scenario -in 'All', 'Memory') { $report['EcsTasksMemory'] = @(foreach ($tasks in 100, 1000) { Measure-MemoryScenario $context -Clusters 20 -TasksPerCluster $tasks }) }
        if ($Scenario -in 'All', 'Roles') { $report['Roles50x4x20'] = Measure-RolesScenario $context }
    }
    finally {
        Stop-ScriptedEndpoint $script:endpoint
    }
    if ($Scenario -eq 'All') { $report['Organization500x17'] = & (Join-Path $PSScriptRoot 'Invoke-OrganizationBenchmark.ps1') -Configuration $Configuration -LatencyMs $LatencyMs }
}

# How busy the machine was: the load average before (above) and after the runs.
$report['Machine']['LoadAverageAfter'] = if (Test-Path /proc/loadavg) { (Get-Content /proc/loadavg).Split(' ')[0..2] -join ' ' } else { $null }
New-Item -ItemType Directory -Force -Path (Join-Path $root 'out') | Out-Null
$report | ConvertTo-Json -Depth 8 | Set-Content $reportPath
Write-BenchmarkSummary $report
