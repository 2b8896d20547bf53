<#
.SYNOPSIS
    How to start a child pwsh from this one, for build.ps1, the benchmark and tests that need a clean process.
#>

function Get-PwshCommand {
    <#
    .SYNOPSIS
        The command line that starts this pwsh again: the executable, plus pwsh.dll when this process is
        `dotnet pwsh` (the pinned .NET tool), whose process path is dotnet itself.
    #>
    $hostPath = (Get-Process -Id $PID).Path
    if ((Split-Path $hostPath -Leaf) -like 'dotnet*') { return @($hostPath, (Join-Path $PSHOME 'pwsh.dll')) }
    return @($hostPath)
}

Export-ModuleMember -Function Get-PwshCommand
