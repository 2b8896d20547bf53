#Requires -Version 7.4
<#
    The default views of src/AwsContainerInventory/AwsContainerInventory.format.ps1xml: each record type
    (and the session) is shown as a table of the columns a user wants at a glance, has a list view,
    and keeps every property for Select-Object *. Views change display only.

    Each table is rendered with Out-String at 80 and 120 columns from the moto demo estate plus resources
    with 40-character names (tests/Moto/seed_long_names.py) and parsed: one header line, the identifying
    column first (after Severity and Kind for findings) with every value in full, no value cut to fewer
    than 6 characters, and whole columns dropped rather than squeezed.

    Run from the repository root:
        dotnet pwsh -NoProfile -c "Import-Module ~/.nuget/packages/pester/6.2.0/tools/Pester.psd1; Invoke-Pester tests/Pester/Format.Tests.ps1 -Output Detailed"
#>

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot ../Moto/MotoServer.psm1) -Force
    $motoMissing = -not (Test-MotoAvailable)

    # The table columns of each type, in order (property names, or the label of a computed column), and the
    # index of the identifying column.
    $viewCases = @(
        @{ TypeName = 'AwsContainerInventory.EcrRepository'; Columns = 'Name', 'AccountId', 'Region', 'IsPublic', 'ScanOnPush'; IdentityColumn = 0 }
        @{ TypeName = 'AwsContainerInventory.EcrImage'; Columns = 'RepositoryName', 'Digest', 'Critical', 'High', 'Tags'; IdentityColumn = 0 }
        @{ TypeName = 'AwsContainerInventory.EcsCluster'; Columns = 'Name', 'AccountId', 'Region', 'Services', 'RunningTasks'; IdentityColumn = 0 }
        @{ TypeName = 'AwsContainerInventory.EcsService'; Columns = 'Name', 'AccountId', 'Region', 'PublicIp', 'Cluster'; IdentityColumn = 0 }
        @{ TypeName = 'AwsContainerInventory.EcsTask'; Columns = 'TaskId', 'Cluster', 'PublicIp', 'Status', 'Region'; IdentityColumn = 0 }
        @{ TypeName = 'AwsContainerInventory.EcsTaskDefinition'; Columns = 'TaskDefinition', 'AccountId', 'Region', 'Cpu', 'Memory'; IdentityColumn = 0 }
        @{ TypeName = 'AwsContainerInventory.ExposureFinding'; Columns = 'Severity', 'Kind', 'Resource', 'AccountId', 'Region'; IdentityColumn = 2 }
        @{ TypeName = 'AwsContainerInventory.InventorySession'; Columns = 'CredentialSource', 'Regions', 'Roles', 'MaxRetries', 'EndpointUrl'; IdentityColumn = 0 }
    )
    $renderCases = foreach ($case in $viewCases) {
        foreach ($width in 80, 120) { $case + @{ Width = $width; Identity = $case.Columns[$case.IdentityColumn] } }
    }
}

BeforeAll {
    $Root = Join-Path $PSScriptRoot ../..
    $SourceFormatFile = Join-Path $Root src/AwsContainerInventory/AwsContainerInventory.format.ps1xml
    $BuiltFormatFile = Join-Path $Root bin/AwsContainerInventory.format.ps1xml
    Import-Module (Join-Path $Root AwsContainerInventory.psd1) -Force
    Import-Module (Join-Path $PSScriptRoot ../Moto/MotoServer.psm1) -Force
    # The source file first, so its views win over a stale copy in bin/.
    Update-FormatData -PrependPath $SourceFormatFile
    $script:outputRendering = $PSStyle.OutputRendering
    $PSStyle.OutputRendering = 'PlainText'

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

    function Get-IdentityText([object] $Record) {
        <# What the identifying column must show in full, derived from the record (not from the view). #>
        switch ($Record.GetType().Name) {
            'EcsTask' { return $Record.TaskArn.Split('/')[-1] }
            'ExposureFinding' {
                $resource = ($Record.ResourceArn -split ':', 6)[-1]
                if ($resource.StartsWith('repository/')) { return $resource.Substring('repository/'.Length) }
                return $resource.Split('/')[-1]
            }
            'InventorySession' { return $Record.CredentialSource }
            'EcrImage' { return $Record.RepositoryName }   # beside the short digest; Name is repository@digest
            default { return $Record.Name }
        }
    }

    function Read-Table([string] $Text) {
        <#
            A rendered table: its header lines (every non-blank line above the dashes), the start of each
            column (where its dashes start: headers are left-aligned or end at the column's end, and the
            tables here right-align only numbers), and the data rows.
        #>
        $lines = @($Text -split "`r?`n" | ForEach-Object TrimEnd)
        $dash = [Array]::FindIndex([string[]]$lines, [Predicate[string]] { param($l) $l -match '^-[- ]*$' })
        if ($dash -lt 0) { throw "No header underline in:`n$Text" }
        $top = $dash
        while ($top -gt 0 -and $lines[$top - 1]) { $top-- }
        $rows = [System.Collections.Generic.List[string]]::new()
        for ($i = $dash + 1; $i -lt $lines.Count -and $lines[$i]; $i++) { $rows.Add($lines[$i]) }
        [pscustomobject]@{
            HeaderLines  = @($lines[$top..($dash - 1)])
            ColumnStarts = @([regex]::Matches($lines[$dash], '-+') | ForEach-Object Index)
            Rows         = $rows.ToArray()
        }
    }

    function Get-Cell([string] $Row, [int[]] $Starts, [int] $Column) {
        if ($Starts[$Column] -ge $Row.Length) { return '' }
        $end = if ($Column + 1 -lt $Starts.Count) { [Math]::Min($Starts[$Column + 1], $Row.Length) } else { $Row.Length }
        $Row.Substring($Starts[$Column], $end - $Starts[$Column]).Trim()
    }

    $script:motoMissing = -not (Test-MotoAvailable)
    $script:recordsByType = @{}
    if (-not $motoMissing) {
        $script:moto = Start-MotoServer
        Set-MotoTaskStatePinned -Server $moto
        $null = Invoke-MotoSeed -Server $moto -Estate Demo -Region us-east-1
        $script:longNames = Invoke-MotoSeed -Server $moto -Estate LongNames -Region us-east-1
        $null = Invoke-MotoSeed -Server $moto -Estate Images -Region us-east-1
        $session = Connect-AwsInventory -AccessKey testing -SecretKey (ConvertTo-SecureString testing -AsPlainText -Force) `
            -Region us-east-1 -EndpointUrl $moto.Url -PassThru
        $recordsByType['AwsContainerInventory.EcrRepository'] = @(Get-EcrRepository)
        $recordsByType['AwsContainerInventory.EcrImage'] = @(Get-EcrImage)
        $recordsByType['AwsContainerInventory.EcsCluster'] = @(Get-EcsCluster)
        $recordsByType['AwsContainerInventory.EcsService'] = @(Get-EcsService)
        $recordsByType['AwsContainerInventory.EcsTask'] = @(Get-EcsTask)
        $recordsByType['AwsContainerInventory.EcsTaskDefinition'] = @(Get-EcsTaskDefinition)
        $recordsByType['AwsContainerInventory.ExposureFinding'] = @(Get-ContainerExposure)
        $recordsByType['AwsContainerInventory.InventorySession'] = @($session)
    }
}

AfterAll {
    $PSStyle.OutputRendering = $outputRendering
    Disconnect-AwsInventory -Confirm:$false
    if ($moto) { Stop-MotoServer -Server $moto }
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

    It 'shows the columns <Columns>, each with a width no narrower than its header' {
        @(Get-ColumnName $views[0].Control) | Should -Be $Columns
        $Columns.Count | Should -BeIn (3..5)
        for ($i = 0; $i -lt $Columns.Count; $i++) {
            $width = $views[0].Control.Headers[$i].Width
            $width | Should -BeGreaterOrEqual $Columns[$i].Length -Because "column $($Columns[$i]) needs a width: one without is squeezed to what is left"
        }
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

Describe 'The <TypeName> table at <Width> columns' -ForEach $renderCases -Skip:$motoMissing {
    BeforeAll {
        $records = @($recordsByType[$TypeName])
        $table = Read-Table ($records | Out-String -Width $Width)
    }

    It 'has records to show, one row each' {
        $records.Count | Should -BeGreaterThan 0
        $table.Rows.Count | Should -Be $records.Count
    }

    It 'wraps no header: one header line' {
        $table.HeaderLines.Count | Should -Be 1 -Because ($table.HeaderLines -join "`n")
    }

    It 'fits the width' {
        foreach ($line in @($table.HeaderLines) + $table.Rows) { $line.Length | Should -BeLessOrEqual $Width }
    }

    It 'shows the identifying column <Identity> in full in every row' {
        $shown = @($table.HeaderLines[0] -split '\s+' | Where-Object { $_ })
        $shown[$IdentityColumn] | Should -Be $Columns[$IdentityColumn]
        for ($i = 0; $i -lt $records.Count; $i++) {
            $identity = Get-IdentityText $records[$i]
            $identity.Length | Should -BeLessOrEqual 44
            Get-Cell $table.Rows[$i] $table.ColumnStarts $IdentityColumn | Should -BeExactly $identity
        }
    }

    It 'cuts no value to fewer than 6 characters' {
        foreach ($row in $table.Rows) {
            foreach ($cut in [regex]::Matches($row, '…')) {
                $start = @($table.ColumnStarts | Where-Object { $_ -le $cut.Index })[-1]
                ($cut.Index - $start) | Should -BeGreaterOrEqual 6 -Because "'$row' cuts a value short"
            }
        }
    }

    It 'drops whole columns from the right: the headers shown are the first of <Columns>' {
        $shown = @($table.HeaderLines[0] -split '\s+' | Where-Object { $_ })
        $shown.Count | Should -BeGreaterOrEqual 3
        $shown | Should -Be @($Columns[0..($shown.Count - 1)])
        if ($Width -ge 120) { $shown | Should -Be $Columns }
    }
}

Describe 'Lists and tags in the views' -Skip:$motoMissing {
    It 'the task table shows the public IPs as text, not {…}' {
        $task = $recordsByType['AwsContainerInventory.EcsTask'] | Where-Object { $_.PublicIpAddresses.Count -gt 0 } | Select-Object -First 1
        $task | Should -Not -BeNullOrEmpty -Because 'seed_long_names.py gives its task a public IP'
        $text = $task | Out-String -Width 120
        $text | Should -Match ([regex]::Escape($task.PublicIpAddresses.ToString()))
        $text | Should -Not -Match '\{'
    }

    It 'the session table shows the regions as a;b' {
        $session = Connect-AwsInventory -AccessKey testing -SecretKey (ConvertTo-SecureString testing -AsPlainText -Force) `
            -Region us-east-1, eu-west-1 -EndpointUrl $moto.Url -PassThru
        try {
            $text = $session | Out-String -Width 120
            $text | Should -Match 'us-east-1;eu-west-1'
            $text | Should -Not -Match '\{'
        }
        finally {
            Connect-AwsInventory -AccessKey testing -SecretKey (ConvertTo-SecureString testing -AsPlainText -Force) -Region us-east-1 -EndpointUrl $moto.Url
        }
    }

    It 'Format-List shows tags as k=v;k2=v2 and lists as a;b' {
        $repository = $recordsByType['AwsContainerInventory.EcrRepository'] | Where-Object Name -EQ $longNames.Repository
        ($repository | Format-List | Out-String -Width 200) | Should -Match 'Tags\s+: team=observability;tier=platform'
        $cluster = $recordsByType['AwsContainerInventory.EcsCluster'] | Where-Object Name -EQ storefront
        ($cluster | Format-List | Out-String -Width 200) | Should -Match 'CapacityProviders\s+: FARGATE;FARGATE_SPOT'
    }

    It 'Format-List of a finding has its full reason' {
        $finding = $recordsByType['AwsContainerInventory.ExposureFinding'] | Where-Object { $_.Reason.Length -gt 60 } | Select-Object -First 1
        ($finding | Format-List | Out-String -Width 400) | Should -Match ([regex]::Escape($finding.Reason))
    }
}
