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

    It 'is the version of <_>' -ForEach 'bin/AwsContainerInventory.dll', 'bin/Dependencies/AwsContainerInventory.Engine.dll', 'bin/AwsContainerInventory.Isolation.dll' {
        $assembly = [Reflection.AssemblyName]::GetAssemblyName((Join-Path $Root $_))
        $assembly.Version.ToString(3) | Should -Be $version
    }
}

Describe 'The manifest' {
    It 'names the .NET Framework that Windows PowerShell 5.1 needs' {
        $manifest.DotNetFrameworkVersion | Should -Be '4.7.2'
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
