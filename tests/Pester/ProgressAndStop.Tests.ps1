#requires -Version 7.2
# Long runs against the scripted endpoint (latency per call): progress records, and Ctrl+C (PowerShell.Stop,
# which calls StopProcessing) cancelling every in-flight call promptly.

BeforeAll {
    $repoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $script:manifest = Join-Path $repoRoot 'AwsContainerInventory.psd1'
    Import-Module (Join-Path $PSScriptRoot '../../tools/ScriptedEndpoint.psm1') -Force
    $script:endpoint = Start-ScriptedEndpoint
    $script:url = $endpoint.Url

    function Invoke-Control([string] $Path, [string] $Json = '{}') { Invoke-EndpointControl $endpoint $Path $Json }
    function Get-Stats { Invoke-EndpointControl $endpoint stats -Get }

    # A runspace of its own, with the module imported and connected, as a host such as VS Code would run it.
    function New-Shell {
        $shell = [powershell]::Create()
        $null = $shell.AddScript(@"
Import-Module '$manifest'
Connect-AwsInventory -AccessKey AKIDEXAMPLEBASE0001 -SecretKey (ConvertTo-SecureString base-secret-key-for-tests -AsPlainText -Force) -Region us-east-1, eu-west-1 -EndpointUrl '$url' -ParallelRequests 2
"@).Invoke()
        $shell.Commands.Clear()
        $shell
    }

    Invoke-Control '/_control/generate' '{"replace":true,"accounts":1,"firstAccountId":"111111111111","regions":["us-east-1","eu-west-1"],"repositoriesPerRegion":60,"clustersPerRegion":0,"taskDefinitionsPerRegion":0}' | Out-Null
    Invoke-Control '/_control/faults' '{"latencyMs":20}' | Out-Null
}

AfterAll {
    Stop-ScriptedEndpoint $endpoint
}

Describe 'Progress' {
    It 'reports per account/region pair with counts and completes' {
        $shell = New-Shell
        try {
            $records = $shell.AddScript("`$ProgressPreference = 'Continue'; Get-EcrRepository").Invoke()
            $records.Count | Should -Be 120
            $progress = @($shell.Streams.Progress)
            $progress.Count | Should -BeGreaterThan 0
            $progress[0].Activity | Should -Be 'Get-EcrRepository'
            ($progress | Where-Object StatusDescription -like '*of 2 account/region pairs done; * repositories*') | Should -Not -BeNullOrEmpty
            $progress[-1].RecordType | Should -Be 'Completed'
        }
        finally { $shell.Dispose() }
    }

    It 'is silent when $ProgressPreference is SilentlyContinue' {
        $shell = New-Shell
        try {
            $records = $shell.AddScript("`$ProgressPreference = 'SilentlyContinue'; Get-EcrRepository").Invoke()
            $records.Count | Should -Be 120
            @($shell.Streams.Progress).Count | Should -Be 0
        }
        finally { $shell.Dispose() }
    }
}

Describe 'Stopping (Ctrl+C)' {
    It 'cancels every in-flight call promptly and leaves no background work' {
        $shell = New-Shell
        try {
            Invoke-Control '/_control/reset' | Out-Null
            Invoke-Control '/_control/faults' '{"latencyMs":20}' | Out-Null
            $null = $shell.AddScript('Get-EcrRepository')
            $running = $shell.BeginInvoke()
            Start-Sleep -Milliseconds 600
            $clock = [Diagnostics.Stopwatch]::StartNew()
            $shell.Stop()
            $clock.Stop()
            $clock.Elapsed.TotalSeconds | Should -BeLessThan 3
            $running.IsCompleted | Should -BeTrue
            Start-Sleep -Milliseconds 200
            $afterStop = (Get-Stats).totalCalls
            Start-Sleep -Milliseconds 500
            (Get-Stats).totalCalls | Should -Be $afterStop       # nothing is still calling
            (Get-Stats).inFlight | Should -Be 0
            $afterStop | Should -BeLessThan 240                   # stopped well before the 240 calls of a full run
        }
        finally { $shell.Dispose() }
    }
}
