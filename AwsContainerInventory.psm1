<#
    Loads the build of the cmdlet assembly that fits this PowerShell (the manifest cannot choose by edition):
    - Windows PowerShell 5.1: bin/AwsContainerInventory.dll (netstandard2.0);
    - PowerShell 7: bin/net<major>.0-<rid>/AwsContainerInventory.dll when the module has one precompiled (ReadyToRun)
      for this .NET version and platform (src/AwsContainerInventory.ReadyToRun), so the first inventory in a new
      process does not wait for the just-in-time compiler; otherwise bin/net8.0/AwsContainerInventory.dll, the same
      code, compiled as it runs on any platform and PowerShell 7.4 or later.
#>
$bin = Join-Path $PSScriptRoot 'bin'
$assembly = Join-Path $bin 'AwsContainerInventory.dll'
if ($PSEdition -eq 'Core') {
    $platform = 'net{0}.0-{1}' -f [Environment]::Version.Major, [System.Runtime.InteropServices.RuntimeInformation]::RuntimeIdentifier
    $assembly = Join-Path $bin "$platform/AwsContainerInventory.dll"
    if (-not (Test-Path -LiteralPath $assembly -PathType Leaf)) { $assembly = Join-Path $bin 'net8.0/AwsContainerInventory.dll' }
}
Import-Module -Name $assembly
