#Requires -Version 7.4
<#
    The default views of src/AwsContainerInventory/AwsContainerInventory.format.ps1xml: each record type
    (and the session) is shown as a table of the columns a user wants at a glance, has a list view,
    and keeps every property for Select-Object *. Views change display only.

    Run from the repository root:
        dotnet pwsh -NoProfile -c "Import-Module ~/.nuget/packages/pester/6.2.0/tools/Pester.psd1; Invoke-Pester tests/Pester/Format.Tests.ps1 -Output Detailed"
#>

BeforeDiscovery {
    # The table columns of each type, in order: property names, or the label of a computed column.
    $viewCases = @(
        @{ TypeName = 'AwsContainerInventory.EcrRepository'; Columns = 'AccountId', 'Region', 'Name', 'IsPublic', 'ScanOnPush', 'ImageTagMutability' }
        @{ TypeName = 'AwsContainerInventory.EcrImage'; Columns = 'RepositoryName', 'Digest', 'ImageTags', 'ImagePushedAt', 'SizeMB', 'Critical', 'High' }
        @{ TypeName = 'AwsContainerInventory.EcsCluster'; Columns = 'AccountId', 'Region', 'Name', 'SourceStatus', 'ActiveServicesCount', 'RunningTasksCount', 'PendingTasksCount' }
        @{ TypeName = 'AwsContainerInventory.EcsService'; Columns = 'AccountId', 'Region', 'Name', 'LaunchType', 'AssignPublicIp', 'DesiredCount', 'RunningCount' }
        @{ TypeName = 'AwsContainerInventory.EcsTask'; Columns = 'AccountId', 'Region', 'TaskId', 'LaunchType', 'SourceStatus', 'PrivateIpAddresses' }
        @{ TypeName = 'AwsContainerInventory.EcsTaskDefinition'; Columns = 'AccountId', 'Region', 'Family', 'Revision', 'NetworkMode', 'Cpu', 'Memory' }
        @{ TypeName = 'AwsContainerInventory.ExposureFinding'; Columns = 'Severity', 'Kind', 'AccountId', 'Region', 'Reason' }
        @{ TypeName = 'AwsContainerInventory.InventorySession'; Columns = 'CredentialSource', 'Regions', 'Roles', 'SessionDuration', 'PageSize', 'ParallelRequests', 'MaxRetries' }
    )
}

BeforeAll {
    $Root = Join-Path $PSScriptRoot ../..
    $SourceFormatFile = Join-Path $Root src/AwsContainerInventory/AwsContainerInventory.format.ps1xml
    $BuiltFormatFile = Join-Path $Root bin/AwsContainerInventory.format.ps1xml
    Import-Module (Join-Path $Root AwsContainerInventory.psd1) -Force
    # The source file first, so its views win over a stale copy in bin/.
    Update-FormatData -PrependPath $SourceFormatFile

    function Get-ColumnName([System.Management.Automation.TableControl] $Table) {
        <# Each column's header: its label, or else the property it shows. #>
        for ($i = 0; $i -lt $Table.Headers.Count; $i++) {
            $label = $Table.Headers[$i].Label
            if ($label) { $label } else { $Table.Rows[0].Columns[$i].DisplayEntry.Value }
        }
    }

    function New-Sample([string] $TypeName) {
        <# An instance of the type: records without calling a constructor (all values default), a real session otherwise. #>
        if ($TypeName -eq 'AwsContainerInventory.InventorySession') {
            $secret = ConvertTo-SecureString 'format-test-secret' -AsPlainText -Force
            return Connect-AwsInventory -AccessKey AKIAFORMATTESTKEY0 -SecretKey $secret -Region us-east-1 -PassThru
        }
        $type = [AwsContainerInventory.ICloudResourceRecord].Assembly.GetType($TypeName, $true)
        [System.Runtime.CompilerServices.RuntimeHelpers]::GetUninitializedObject($type)
    }
}

AfterAll {
    Disconnect-AwsInventory -Confirm:$false
}

Describe 'The format file' {
    It 'is well-formed XML with views for exactly the record types and the session' -TestCases @{ TypeNames = @($viewCases.TypeName) } {
        $xml = [xml](Get-Content -Raw $SourceFormatFile)
        $selected = @($xml.Configuration.ViewDefinitions.View.ViewSelectedBy.TypeName | Sort-Object -Unique)
        $selected | Should -Be @($TypeNames | Sort-Object)
    }

    It 'loads with Update-FormatData' {
        { Update-FormatData -PrependPath $SourceFormatFile -ErrorAction Stop } | Should -Not -Throw
    }

    It 'is the file the built module loads' {
        if (-not (Test-Path $BuiltFormatFile) -or (Get-Item $BuiltFormatFile).LastWriteTimeUtc -lt (Get-Item $SourceFormatFile).LastWriteTimeUtc) {
            Set-ItResult -Skipped -Because 'bin/ has no copy of the format file newer than the source: build the module first'
            return
        }
        Get-Content -Raw $BuiltFormatFile | Should -BeExactly (Get-Content -Raw $SourceFormatFile)
    }
}

Describe 'Default view of <TypeName>' -ForEach $viewCases {
    BeforeAll {
        $views = @((Get-FormatData -TypeName $TypeName).FormatViewDefinition)
        $sample = New-Sample $TypeName
    }

    It 'is a table' {
        $views[0].Control | Should -BeOfType [System.Management.Automation.TableControl]
    }

    It 'shows the columns <Columns>' {
        @(Get-ColumnName $views[0].Control) | Should -Be $Columns
        $Columns.Count | Should -BeIn (3..7)
    }

    It 'has a list view for Format-List' {
        @($views | Where-Object { $_.Control -is [System.Management.Automation.ListControl] }).Count | Should -BeGreaterThan 0
    }

    It 'renders the table with those headers' {
        $header = ($sample | Format-Table | Out-String -Width 250) -split "`r?`n" | Where-Object { $_.Trim() } | Select-Object -First 1
        @($header -split '\s+' | Where-Object { $_ }) | Should -Be $Columns
    }

    It 'keeps every property for Select-Object *' {
        $expected = @($sample.GetType().GetProperties().Name | Sort-Object)
        @(($sample | Select-Object *).PSObject.Properties.Name | Sort-Object) | Should -Be $expected
    }
}
