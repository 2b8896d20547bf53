#Requires -Version 7.2
<#
    Runs tests/AwsContainerInventory.TestEndpoint as a program (Pester, the benchmark): Start-ScriptedEndpoint starts it on a free
    127.0.0.1 port (it prints "LISTENING <url>" and exits when its standard input closes), Stop-ScriptedEndpoint
    stops it, Invoke-EndpointControl posts to its /_control/ routes.
#>

function Start-ScriptedEndpoint {
    <#
        Starts the built endpoint (the newest build, or that of -Configuration); returns an object with Url (no trailing
        slash) and Process. -FullyCompiled (the benchmark): the framework's precompiled code is not used either, so every
        method the endpoint runs is compiled once, fully optimized, at its first call (about 0.8 s more to start): the
        endpoint stands in for AWS on the two cores it shares with the module it measures, and that took a fifth less of
        its processor time in the organization scenario.
    #>
    param([string] $Configuration = '*', [switch] $FullyCompiled)
    $repoRoot = (Resolve-Path (Join-Path $PSScriptRoot '..')).Path
    $dll = Get-ChildItem (Join-Path $repoRoot 'tests/AwsContainerInventory.TestEndpoint/bin') -Recurse -Filter AwsContainerInventory.TestEndpoint.dll |
        Where-Object FullName -like "*$([IO.Path]::DirectorySeparatorChar)$Configuration$([IO.Path]::DirectorySeparatorChar)net10.0*" |
        Sort-Object LastWriteTime -Descending | Select-Object -First 1
    if (-not $dll) { throw 'The scripted endpoint is not built: run ./build.ps1 Build first.' }
    $start = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    $start.ArgumentList.Add($dll.FullName)
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardInput = $true
    # Socket completions run on the thread that polled them, not handed to the thread pool: with the endpoint's inline
    # request handling, the least it can add of its own to each call's scripted latency.
    $start.Environment['DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS'] = '1'
    # The project already turns tiered compilation off (AwsContainerInventory.TestEndpoint.csproj).
    if ($FullyCompiled) { $start.Environment['DOTNET_ReadyToRun'] = '0' }
    $process = [System.Diagnostics.Process]::Start($start)
    $line = $process.StandardOutput.ReadLine()
    if ($line -notmatch '^LISTENING (\S+)') { $process.Kill($true); throw "The scripted endpoint did not start: $line" }
    [pscustomobject]@{ Url = $Matches[1].TrimEnd('/'); Process = $process }
}

function Stop-ScriptedEndpoint {
    param([Parameter(Mandatory)] $Endpoint)
    $Endpoint.Process.StandardInput.Close()
    if (-not $Endpoint.Process.WaitForExit(5000)) { $Endpoint.Process.Kill($true) }
}

function Invoke-EndpointControl {
    <# POSTs Json to /_control/<Path> (GET with -Get) and returns the answer; Path may start with /_control/. #>
    param([Parameter(Mandatory)] $Endpoint, [Parameter(Mandatory)] [string] $Path, [string] $Json = '{}', [switch] $Get)
    $uri = "$($Endpoint.Url)/_control/$($Path -replace '^/?(_control/)?', '')"
    if ($Get) { return Invoke-RestMethod -Uri $uri -NoProxy }
    Invoke-RestMethod -Method Post -Uri $uri -Body $Json -ContentType 'application/json' -NoProxy
}

Export-ModuleMember -Function Start-ScriptedEndpoint, Stop-ScriptedEndpoint, Invoke-EndpointControl
