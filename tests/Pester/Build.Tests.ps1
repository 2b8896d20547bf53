#requires -Version 7.2
<#
    What the build lays out and the package ships, against their sources of truth: one version (Directory.Build.props)
    in the manifest and the assemblies; every assembly in bin/ listed in tools/package-files.txt; every third-party
    assembly named, with the version the build resolved, in ThirdPartyNotices.txt, and its license text present.
#>

BeforeDiscovery {
    # Test cases are made at discovery: the assemblies the last build laid out in bin/.
    $discoveryRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $shipped = @(Get-ChildItem (Join-Path $discoveryRoot 'bin') -Filter *.dll -Recurse -File |
            ForEach-Object { [IO.Path]::GetRelativePath($discoveryRoot, $_.FullName).Replace('\', '/') } |
            Where-Object { $_ -ne 'bin/System.Management.Automation.dll' })
    $ownAssemblies = @($shipped | Where-Object { (Split-Path $_ -Leaf) -like 'AwsContainerInventory*' })
    $precompiled = @($shipped | Where-Object { $_ -like 'bin/net10.0-*/AwsContainerInventory.dll' })
}

BeforeAll {
    $Root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $manifest = Import-PowerShellDataFile (Join-Path $Root 'AwsContainerInventory.psd1')
    $version = ([xml](Get-Content -Raw (Join-Path $Root 'Directory.Build.props'))).Project.PropertyGroup.Version | Where-Object { $_ } | Select-Object -First 1
    $packageFiles = @(Get-Content (Join-Path $Root 'tools/package-files.txt') | Where-Object { $_ -and -not $_.StartsWith('#') })
    $notices = Get-Content -Raw (Join-Path $Root 'ThirdPartyNotices.txt')

    # Package name and version of each third-party assembly, as NuGet resolved them for the two shipped projects.
    $resolved = @{}
    foreach ($project in 'src/AwsContainerInventory', 'src/AwsContainerInventory.Engine') {
        $assets = Get-Content -Raw (Join-Path $Root "$project/obj/project.assets.json") | ConvertFrom-Json -AsHashtable
        foreach ($target in $assets.targets.Values) {
            foreach ($library in $target.GetEnumerator()) {
                if ($library.Value.type -ne 'package' -or -not $library.Value.ContainsKey('runtime')) { continue }
                $name, $libraryVersion = $library.Key.Split('/')
                foreach ($dll in $library.Value.runtime.Keys | Where-Object { $_ -like '*.dll' }) {
                    $resolved[[IO.Path]::GetFileName($dll)] = "$name $libraryVersion"
                }
            }
        }
    }
}

Describe 'One version' {
    It 'is the manifest''s ModuleVersion' {
        $manifest.ModuleVersion | Should -Be $version
    }

    It 'is the version of <_>' -ForEach $ownAssemblies {
        $assembly = [Reflection.AssemblyName]::GetAssemblyName((Join-Path $Root $_))
        $assembly.Version.ToString(3) | Should -Be $version
    }
}

Describe 'The manifest' {
    It 'names the .NET Framework that Windows PowerShell 5.1 needs' {
        $manifest.DotNetFrameworkVersion | Should -Be '4.7.2'
    }
}

Describe 'The PowerShell 7 builds of the cmdlet assembly' {
    BeforeAll {
        # What a ReadyToRun image says about itself: its PE header's machine is the architecture's, XOR a value per
        # operating system (as .NET's crossgen2 writes it), and its CLI header points at the ReadyToRun header.
        function Get-ImageInfo([string] $Path) {
            $stream = [IO.File]::OpenRead($Path)
            try {
                $pe = [System.Reflection.PortableExecutable.PEReader]::new($stream)
                [pscustomobject]@{ Machine = [int]$pe.PEHeaders.CoffHeader.Machine; Precompiled = $pe.PEHeaders.CorHeader.ManagedNativeHeaderDirectory.Size -gt 0 }
            }
            finally { $stream.Dispose() }
        }
        $architectures = @{ 'x64' = 0x8664; 'arm64' = 0xAA64 }
        $systems = @{ 'linux' = 0x7B79; 'osx' = 0x4644; 'win' = 0 }
    }

    It 'has the net8.0 build that any platform runs, in IL only' {
        $image = Get-ImageInfo (Join-Path $Root 'bin/net8.0/AwsContainerInventory.dll')
        $image.Precompiled | Should -BeFalse
    }

    It 'has a ReadyToRun image for this platform, which the module loads on PowerShell 7.6' -Skip:(-not $IsCoreCLR) {
        $rid = [System.Runtime.InteropServices.RuntimeInformation]::RuntimeIdentifier
        $supported = ([xml](Get-Content -Raw (Join-Path $Root 'src/AwsContainerInventory.ReadyToRun/AwsContainerInventory.ReadyToRun.csproj'))).Project.PropertyGroup.PrecompiledRuntimeIdentifiers |
            Where-Object { $_ } | ForEach-Object { $_.Split(';') }
        if ($rid -in $supported) {
            Join-Path $Root "bin/net10.0-$rid/AwsContainerInventory.dll" | Should -Exist
        }
        else {
            Set-ItResult -Inconclusive -Because "no ReadyToRun image is made for $rid; the module loads bin/net8.0"
        }
    }

    It 'compiles <_> for the platform its folder names' -ForEach $precompiled {
        $system, $architecture = ($_ -replace '^bin/net10\.0-([^/]+)/.*$', '$1').Split('-')
        $image = Get-ImageInfo (Join-Path $Root $_)
        $image.Precompiled | Should -BeTrue
        $image.Machine | Should -Be ($architectures[$architecture] -bxor $systems[$system])
    }

    It 'lists in the package every platform the ReadyToRun project compiles for' {
        $supported = ([xml](Get-Content -Raw (Join-Path $Root 'src/AwsContainerInventory.ReadyToRun/AwsContainerInventory.ReadyToRun.csproj'))).Project.PropertyGroup.PrecompiledRuntimeIdentifiers |
            Where-Object { $_ } | ForEach-Object { $_.Split(';') }
        $listed = @($packageFiles | Where-Object { $_ -like 'bin/net10.0-*/AwsContainerInventory.dll' } | ForEach-Object { $_ -replace '^bin/net10\.0-([^/]+)/.*$', '$1' })
        $listed | Sort-Object | Should -Be ($supported | Sort-Object)
    }
}

Describe 'The package list' {
    It 'ships <_>, which the build lays out in bin/' -ForEach $shipped {
        $packageFiles | Should -Contain $_
    }

    It 'ships the notices and every license text they name' {
        $packageFiles | Should -Contain 'ThirdPartyNotices.txt'
        foreach ($license in [regex]::Matches($notices, 'licenses/[\w.-]+') | ForEach-Object Value | Sort-Object -Unique) {
            $packageFiles | Should -Contain $license
            Join-Path $Root $license | Should -Exist
        }
    }
}

Describe 'ThirdPartyNotices.txt' {
    It 'names <_> with the version the build resolved' -ForEach ($shipped | Where-Object { (Split-Path $_ -Leaf) -notlike 'AwsContainerInventory*' }) {
        $leaf = Split-Path $_ -Leaf
        $resolved.ContainsKey($leaf) | Should -BeTrue -Because "$leaf should come from a NuGet package"
        $notices | Should -Match ("(?m)^" + [regex]::Escape($resolved[$leaf]) + " \|")
    }
}
