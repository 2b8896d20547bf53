#requires -Version 7.2
<#
.SYNOPSIS
    Builds, tests, packages and demonstrates AwsContainerInventory.
.DESCRIPTION
    Run through the pinned PowerShell tool so every machine uses the same pwsh:
        dotnet tool restore && dotnet pwsh ./build.ps1 <Task>
    Tasks:
        Build      compile the solution (Release); the module lands in ./bin, loadable via ./AwsContainerInventory.psd1
        Help       turn docs/*.md (platyPS layout) into en-US/AwsContainerInventory.dll-Help.xml
        Test       Build + Help, then every xunit test and every Pester test; exits non-zero on any failure, and on
                   any skipped test or missing moto_server/boto3 unless -AllowSkips
        Package    a publishable module folder in ./out/AwsContainerInventory/<version>, checked by Test-ModuleManifest
        Demo       start moto_server on 127.0.0.1, seed a small estate, inventory it, print tables and write a CSV
        Benchmark  the scale benchmark on the scripted endpoint (see README)
        Clean      remove build output
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0)]
    [ValidateSet('Build', 'Help', 'Test', 'Package', 'Demo', 'Benchmark', 'Clean')]
    [string] $Task = 'Build',

    [ValidateSet('Release', 'Debug')]
    [string] $Configuration = 'Release',

    # Test: let the moto-backed Pester tests skip when moto_server or boto3 is missing (otherwise that fails the run).
    [switch] $AllowSkips
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$Root = $PSScriptRoot
Import-Module (Join-Path $Root 'tools/ChildPwsh.psm1') -Force
# Never let the AWS SDK's default chains probe instance metadata from a build or test machine.
$env:AWS_EC2_METADATA_DISABLED = 'true'
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'

function Invoke-Native {
    param([Parameter(Mandatory)][string] $Command, [string[]] $Arguments = @())
    # To the host, so a function that builds something returns only its own result.
    & $Command @Arguments | Out-Host
    if ($LASTEXITCODE -ne 0) { throw "$Command $($Arguments -join ' ') failed with exit code $LASTEXITCODE." }
}

function Invoke-Build {
    # -AllPlatforms (Package): the ReadyToRun images of every platform, not only this machine's.
    param([switch] $AllPlatforms)
    $arguments = @('build', (Join-Path $Root 'AwsContainerInventory.sln'), '-c', $Configuration, '-nologo', '-v', 'minimal')
    if ($AllPlatforms) { $arguments += '-p:PrecompileAllPlatforms=true' }
    Invoke-Native dotnet $arguments
    Invoke-Help
}

function Invoke-Help {
    # Get-Help reads <ModuleBase>/en-US, and ModuleBase is the manifest's folder.
    & (Join-Path $Root 'tools/Convert-MarkdownHelp.ps1') -DocsPath (Join-Path $Root 'docs') -OutputPath (Join-Path $Root 'en-US')
}

function Get-PesterModulePath {
    $project = Join-Path $Root 'tests/Tools/TestTools.csproj'
    Invoke-Native dotnet @('build', $project, '-nologo', '-v', 'quiet')
    $path = (Get-Content (Join-Path $Root 'tests/Tools/obj/pester-path.txt') -TotalCount 1).Trim()
    if (-not (Test-Path $path)) { throw "Pester was not restored: $path is missing." }
    $path
}

function Invoke-Test {
    # A suite that quietly skips its real-protocol half is not a green suite.
    Import-Module (Join-Path $Root 'tests/Moto/MotoServer.psm1') -Force
    if (-not (Test-MotoAvailable) -and -not $AllowSkips) {
        throw "moto_server and boto3 are required by the Pester suite (pip install 'moto[server]' boto3); pass -AllowSkips to run without them."
    }
    Invoke-Build
    $results = Join-Path $Root 'out/test-results'
    New-Item -ItemType Directory -Force -Path $results | Out-Null

    Write-Host '== xunit' -ForegroundColor Cyan
    $trx = Join-Path $results 'xunit.trx'
    Remove-Item $trx -ErrorAction SilentlyContinue
    & dotnet test (Join-Path $Root 'tests/AwsContainerInventory.Tests/AwsContainerInventory.Tests.csproj') -c $Configuration --no-build `
        --logger "trx;LogFileName=$trx" --logger 'console;verbosity=normal'
    $xunitExit = $LASTEXITCODE
    $xunit = if (Test-Path $trx) { ([xml](Get-Content $trx -Raw)).TestRun.ResultSummary.Counters } else { $null }
    $xunitPassed = if ($xunit) { [int]$xunit.passed } else { 0 }
    $xunitFailed = if ($xunit) { [int]$xunit.failed } else { 1 }

    Write-Host '== Pester' -ForegroundColor Cyan
    $pester = Get-PesterModulePath
    # A child pwsh so the module under test loads into a clean process, as a user's would.
    $script = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$pester'
`$config = New-PesterConfiguration
`$config.Run.Path = '$(Join-Path $Root 'tests/Pester')'
`$config.Run.PassThru = `$true
`$config.Output.Verbosity = 'Detailed'
`$config.TestResult.Enabled = `$true
`$config.TestResult.OutputPath = '$(Join-Path $results 'pester.xml')'
`$result = Invoke-Pester -Configuration `$config
Set-Content -Path '$(Join-Path $results 'pester-counts.txt')' -Value "`$(`$result.PassedCount) `$(`$result.FailedCount) `$(`$result.SkippedCount)"
"@
    $pwsh = Get-PwshCommand
    & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -Command $script
    $counts = Join-Path $results 'pester-counts.txt'
    $pesterPassed, $pesterFailed, $pesterSkipped = if (Test-Path $counts) { (Get-Content $counts).Split(' ')[0, 1, 2] | ForEach-Object { [int]$_ } } else { 0, 1, 0 }

    Write-Host ''
    Write-Host "xunit: $xunitPassed passed, $xunitFailed failed"
    Write-Host "pester: $pesterPassed passed, $pesterFailed failed, $pesterSkipped skipped"
    $failed = $xunitFailed + $pesterFailed
    if ($pesterSkipped -gt 0 -and -not $AllowSkips) {
        Write-Host "$pesterSkipped Pester tests were skipped; a skip fails the run unless -AllowSkips is given." -ForegroundColor Red
        $failed += $pesterSkipped
    }
    Write-Host "total: $($xunitPassed + $pesterPassed) passed, $failed failed"
    if ($failed -gt 0 -or $xunitExit -ne 0) { exit 1 }
}

function Invoke-Package {
    Invoke-Build -AllPlatforms
    $manifest = Import-PowerShellDataFile (Join-Path $Root 'AwsContainerInventory.psd1')
    $target = Join-Path $Root "out/AwsContainerInventory/$($manifest.ModuleVersion)"
    Remove-Item -Recurse -Force $target -ErrorAction SilentlyContinue
    New-Item -ItemType Directory -Force -Path $target | Out-Null
    # An explicit list (tools/package-files.txt): a missing artifact fails the package instead of shipping a broken module.
    $artifacts = Get-Content (Join-Path $Root 'tools/package-files.txt') | Where-Object { $_ -and -not $_.StartsWith('#') }
    foreach ($artifact in $artifacts) {
        $source = Join-Path $Root $artifact
        if (-not (Test-Path $source)) { throw "Package: missing artifact $artifact." }
        $destination = Join-Path $target $artifact
        New-Item -ItemType Directory -Force -Path (Split-Path $destination) | Out-Null
        Copy-Item $source $destination
    }
    if (Test-Path (Join-Path $target 'bin/System.Management.Automation.dll')) { throw 'Package: System.Management.Automation.dll must not ship.' }
    $checked = Test-ModuleManifest (Join-Path $target 'AwsContainerInventory.psd1')
    Write-Host "Packaged $($checked.Name) $($checked.Version) at $target"
    $target
}

function Invoke-Demo {
    Invoke-Build
    & (Join-Path $Root 'tools/Start-Demo.ps1')
}

function Invoke-Benchmark {
    Invoke-Build
    & (Join-Path $Root 'tools/Invoke-Benchmark.ps1') -Configuration $Configuration
}

switch ($Task) {
    'Build' { Invoke-Build }
    'Help' { Invoke-Help }
    'Test' { Invoke-Test }
    'Package' { Invoke-Package | Out-Null }
    'Demo' { Invoke-Demo }
    'Benchmark' { Invoke-Benchmark }
    'Clean' {
        foreach ($path in 'bin', 'out', 'en-US') { Remove-Item -Recurse -Force (Join-Path $Root $path) -ErrorAction SilentlyContinue }
        Invoke-Native dotnet @('clean', (Join-Path $Root 'AwsContainerInventory.sln'), '-nologo', '-v', 'quiet')
    }
}
