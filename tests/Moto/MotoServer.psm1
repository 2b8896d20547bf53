#Requires -Version 7.4
<#
.SYNOPSIS
    Runs moto_server for the AwsContainerInventory tests: start, reset, pin task state,
    seed (through the Python seed scripts beside this file) and stop.

.DESCRIPTION
    moto_server is spawned on a free 127.0.0.1 port with its output in a temporary log
    directory. In signature-checking mode the server starts with
    INITIAL_NO_AUTH_ACTION_COUNT=3 and create_access_key.py spends those three calls on an
    IAM user with an allow-everything inline policy; the returned object then carries that
    user's AccessKeyId and SecretAccessKey, and every other call must be signed with them.

    Servers still running when the module is removed are stopped.
#>

Set-StrictMode -Version 3.0

$script:InstallHint = "install moto: pip install 'moto[server]' boto3"
$script:Servers = [System.Collections.Generic.List[object]]::new()
$script:SeedScripts = @{ Ecr = 'seed_ecr.py'; Ecs = 'seed_ecs.py'; Demo = 'seed_demo.py'; Exposure = 'seed_exposure.py'; LongNames = 'seed_long_names.py'; Images = 'seed_images.py'; Reachability = 'seed_reachability.py'; Organization = 'seed_organization.py' }

function Get-MotoPython {
    # The interpreter that runs the seed scripts: $env:MOTO_PYTHON, else python3, else python.
    if ($env:MOTO_PYTHON) { return $env:MOTO_PYTHON }
    foreach ($name in 'python3', 'python') {
        $command = Get-Command $name -CommandType Application -ErrorAction Ignore | Select-Object -First 1
        if ($command) { return $command.Source }
    }
    return $null
}

function Get-FreeTcpPort {
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    try {
        $listener.Start()
        return ([System.Net.IPEndPoint]$listener.LocalEndpoint).Port
    }
    finally {
        $listener.Stop()
    }
}

function Get-LogTail {
    param([string] $LogDirectory, [int] $Lines = 20)
    $text = foreach ($file in Get-ChildItem -Path $LogDirectory -Filter '*.log' -ErrorAction Ignore) {
        "--- $($file.Name)"
        Get-Content -Path $file.FullName -Tail $Lines -ErrorAction Ignore
    }
    return ($text -join [Environment]::NewLine)
}

function Resolve-MotoUrl {
    param($Server, [string] $Url)
    if ($Url) { return $Url.TrimEnd('/') }
    if ($Server) { return $Server.Url }
    if ($script:Servers.Count -eq 1) { return $script:Servers[0].Url }
    throw 'Pass -Server (the object Start-MotoServer returned) or -Url.'
}

function Invoke-MotoPython {
    # Runs a Python script beside this module; returns its stdout, throws with its stderr on failure.
    param([Parameter(Mandatory)] [string] $Script, [string[]] $Arguments = @())
    $python = Get-MotoPython
    if (-not $python) { throw "python3 not found; $script:InstallHint" }
    $path = Join-Path $PSScriptRoot $Script
    $all = & $python $path @Arguments 2>&1
    $stdout = @($all | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] })
    $stderr = @($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
    if ($LASTEXITCODE -ne 0) {
        throw "$Script failed (exit code $LASTEXITCODE):$([Environment]::NewLine)$($stderr -join [Environment]::NewLine)"
    }
    $stderr | ForEach-Object { Write-Verbose "${Script}: $_" }
    return ($stdout -join "`n")
}

function Test-MotoAvailable {
    <#
    .SYNOPSIS
        True when moto_server is on PATH and Python can import boto3 and moto's server;
        otherwise writes a warning telling how to install them and returns false.
    #>
    [CmdletBinding()]
    [OutputType([bool])]
    param()

    $problems = [System.Collections.Generic.List[string]]::new()
    if (-not (Get-Command moto_server -CommandType Application -ErrorAction Ignore)) {
        $problems.Add('moto_server is not on PATH')
    }
    $python = Get-MotoPython
    if (-not $python) {
        $problems.Add('python3 is not on PATH')
    }
    else {
        $null = & $python -c 'import boto3, moto.server' 2>&1
        if ($LASTEXITCODE -ne 0) { $problems.Add("$python cannot import boto3 and moto.server") }
    }
    if ($problems.Count -gt 0) {
        Write-Warning "moto is not available ($($problems -join '; ')): $script:InstallHint"
        return $false
    }
    return $true
}

function Start-MotoServer {
    <#
    .SYNOPSIS
        Starts moto_server on a free 127.0.0.1 port and waits until it answers.
    .OUTPUTS
        An object with Url, Port, Process, LogDirectory, SignatureChecking and, in
        signature-checking mode, AccessKeyId and SecretAccessKey (null otherwise).
    #>
    [CmdletBinding()]
    param(
        # Require SigV4 signatures made with the IAM key this function creates.
        [switch] $SignatureChecking,
        [ValidateRange(1, 600)] [int] $TimeoutSeconds = 30
    )

    $motoServer = Get-Command moto_server -CommandType Application -ErrorAction Ignore | Select-Object -First 1
    if (-not $motoServer) { throw "moto_server not found on PATH; $script:InstallHint" }

    $port = Get-FreeTcpPort
    $logDirectory = Join-Path ([System.IO.Path]::GetTempPath()) "moto-$port-$([guid]::NewGuid().ToString('N').Substring(0, 8))"
    $null = New-Item -ItemType Directory -Path $logDirectory
    # $null removes a variable the caller's environment might carry.
    $environment = @{ INITIAL_NO_AUTH_ACTION_COUNT = if ($SignatureChecking) { '3' } else { $null } }

    $process = Start-Process -FilePath $motoServer.Source -ArgumentList '-H', '127.0.0.1', '-p', $port `
        -RedirectStandardOutput (Join-Path $logDirectory 'moto.out.log') `
        -RedirectStandardError (Join-Path $logDirectory 'moto.err.log') `
        -Environment $environment -PassThru
    $server = [pscustomobject]@{
        PSTypeName        = 'MotoServer'
        Url               = "http://127.0.0.1:$port"
        Port              = $port
        Process           = $process
        LogDirectory      = $logDirectory
        SignatureChecking = [bool]$SignatureChecking
        AccessKeyId       = $null
        SecretAccessKey   = $null
    }
    $script:Servers.Add($server)

    try {
        $stopwatch = [System.Diagnostics.Stopwatch]::StartNew()
        while ($true) {
            if ($process.HasExited) {
                throw "moto_server exited with code $($process.ExitCode) before answering.$([Environment]::NewLine)$(Get-LogTail $logDirectory)"
            }
            try {
                $null = Invoke-WebRequest -Uri "$($server.Url)/moto-api/" -TimeoutSec 2 -NoProxy -ErrorAction Stop -Verbose:$false
                break
            }
            catch {
                if ($stopwatch.Elapsed.TotalSeconds -ge $TimeoutSeconds) {
                    throw "moto_server did not answer on $($server.Url) within $TimeoutSeconds s.$([Environment]::NewLine)$(Get-LogTail $logDirectory)"
                }
                Start-Sleep -Milliseconds 100
            }
        }
        Write-Verbose "moto_server answered on $($server.Url) after $([int]$stopwatch.Elapsed.TotalMilliseconds) ms (logs: $logDirectory)"

        if ($SignatureChecking) {
            $key = Invoke-MotoPython -Script 'create_access_key.py' -Arguments '--endpoint', $server.Url | ConvertFrom-Json
            $server.AccessKeyId = $key.AccessKeyId
            $server.SecretAccessKey = $key.SecretAccessKey
        }
    }
    catch {
        Stop-MotoServer -Server $server
        throw
    }
    return $server
}

function Stop-MotoServer {
    <#
    .SYNOPSIS
        Kills moto_server (the whole process tree) and removes its log directory.
        Without -Server, stops every server this module started. Safe to call twice.
    #>
    [CmdletBinding()]
    param(
        [Parameter(ValueFromPipeline)] [object[]] $Server,
        [switch] $KeepLog
    )
    process {
        $targets = if ($Server) { $Server } else { $script:Servers.ToArray() }
        foreach ($target in $targets) {
            if ($null -eq $target) { continue }
            $process = $target.Process
            if ($process -and -not $process.HasExited) {
                try { $process.Kill($true) } catch [System.InvalidOperationException] { <# already gone #> }
                $null = $process.WaitForExit(10000)
            }
            $null = $script:Servers.Remove($target)
            if (-not $KeepLog -and $target.LogDirectory -and (Test-Path -LiteralPath $target.LogDirectory)) {
                Remove-Item -LiteralPath $target.LogDirectory -Recurse -Force -ErrorAction Ignore
            }
        }
    }
}

function Reset-MotoServer {
    <#
    .SYNOPSIS
        POST /moto-api/reset: clears every backend. Refused on a signature-checking server
        (the reset deletes its IAM user and there are no unauthenticated calls left to
        create another) unless -Force.
    #>
    [CmdletBinding()]
    param($Server, [string] $Url, [switch] $Force)
    if ($Server -and $Server.SignatureChecking -and -not $Force) {
        throw 'Resetting a signature-checking moto_server deletes its IAM key for good; start a new server instead (or pass -Force).'
    }
    $target = Resolve-MotoUrl -Server $Server -Url $Url
    $null = Invoke-RestMethod -Method Post -Uri "$target/moto-api/reset" -NoProxy -Verbose:$false
}

function Set-MotoTaskStatePinned {
    <#
    .SYNOPSIS
        Stops moto from moving an ECS task's lastStatus one step towards STOPPED on every
        describe_tasks (POST /moto-api/state-manager/set-transition, manual progression).
    #>
    [CmdletBinding()]
    param($Server, [string] $Url)
    $target = Resolve-MotoUrl -Server $Server -Url $Url
    $body = @{ model_name = 'ecs::task'; transition = @{ progression = 'manual'; times = 1000000 } } |
        ConvertTo-Json -Compress
    $null = Invoke-RestMethod -Method Post -Uri "$target/moto-api/state-manager/set-transition" `
        -ContentType 'application/json' -Body $body -NoProxy -Verbose:$false
}

function Invoke-MotoSeed {
    <#
    .SYNOPSIS
        Runs seed_ecr.py, seed_ecs.py, seed_demo.py, seed_exposure.py, seed_long_names.py, seed_images.py,
        seed_reachability.py or seed_organization.py against a server and
        returns the oracle they print (ConvertFrom-Json), or the raw JSON with -AsJson.
    .DESCRIPTION
        Signs with the server's IAM key in signature-checking mode, with the dummy
        testing/testing otherwise, unless -AccessKey/-SecretKey are given. -NoSeed only
        reads the current state back. Ecr, Ecs, Exposure, LongNames, Images, Reachability and Organization take one region; Demo any number.
        Images spans the same two accounts as Exposure (see seed_images.py).
        Reachability (seed_reachability.py) is one account's network: each internet path and each near miss.

        Exposure spans two accounts: the credentials' own (123456789012) and 222222222222,
        each with an inventory-reader role; the oracle's Roles.RoleArns are the -RoleArn
        values Connect-AwsInventory needs to see both (with -RoleArn the module reads the
        roles only, never the base credentials directly). Works on a signature-checking
        server too. Seed it on a fresh or reset server (see seed_exposure.py for the estate,
        the finding rules and the oracle's shape).
    .EXAMPLE
        $oracle = Invoke-MotoSeed -Server $moto -Estate Exposure
        Connect-AwsInventory -AccessKey testing -SecretKey (ConvertTo-SecureString testing -AsPlainText -Force) `
            -Region us-east-1 -EndpointUrl $moto.Url -RoleArn $oracle.Roles.RoleArns
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] $Server,
        [Parameter(Mandatory)] [ValidateSet('Ecr', 'Ecs', 'Demo', 'Exposure', 'LongNames', 'Images', 'Reachability', 'Organization')] [string] $Estate,
        # Default: us-east-1 for Ecr, Ecs, Exposure and Reachability, the demo's own two regions for Demo.
        [string[]] $Region,
        [string] $AccessKey,
        [string] $SecretKey,
        [switch] $NoSeed,
        [switch] $AsJson
    )
    if ($Estate -ne 'Demo') {
        if (-not $Region) { $Region = @('us-east-1') }
        if ($Region.Count -ne 1) { throw "The $Estate seed takes exactly one region." }
    }
    if (-not $AccessKey -and $Server.AccessKeyId) { $AccessKey = $Server.AccessKeyId }
    if (-not $SecretKey -and $Server.SecretAccessKey) { $SecretKey = $Server.SecretAccessKey }

    $arguments = [System.Collections.Generic.List[string]]::new()
    $arguments.AddRange([string[]]('--endpoint', $Server.Url))
    foreach ($name in $Region) { $arguments.AddRange([string[]]('--region', $name)) }
    if ($AccessKey) { $arguments.AddRange([string[]]('--access-key', $AccessKey)) }
    if ($SecretKey) { $arguments.AddRange([string[]]('--secret-key', $SecretKey)) }
    if ($NoSeed) { $arguments.Add('--no-seed') }

    $json = Invoke-MotoPython -Script $script:SeedScripts[$Estate] -Arguments $arguments
    if ($AsJson) { return $json }
    return ($json | ConvertFrom-Json -Depth 20)
}

# Removing (or force re-importing) the module stops the servers it started. PowerShell's
# Exiting event does not fire for -File/-Command sessions, so callers must still call
# Stop-MotoServer (Pester: in AfterAll).
$ExecutionContext.SessionState.Module.OnRemove = { Stop-MotoServer }

Export-ModuleMember -Function Test-MotoAvailable, Start-MotoServer, Stop-MotoServer, Reset-MotoServer,
    Set-MotoTaskStatePinned, Invoke-MotoSeed
