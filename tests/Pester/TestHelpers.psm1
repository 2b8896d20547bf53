#Requires -Version 7.4
<#
.SYNOPSIS
    Comparison helpers for the AwsContainerInventory tests: module records against the
    oracle the moto seed scripts print (tests/Moto/estate.py describes its conventions).

.DESCRIPTION
    Every Get-*Mismatch function (and Get-SecretLeak) returns its findings as one string,
    a line per finding, empty when all is well; so a test asserts
    `Get-ValueMismatch ... | Should -BeNullOrEmpty` and a failure lists every wrong
    attribute of every record at once. Nothing here depends on Pester.

    Comparison rules (per oracle value):
    - FirstSeen, LastStarted, LastStopped, ImagePushedAt, LastRecordedPullTime, ImageScanCompletedAt:
      a UTC DateTime, equal to the second;
    - ImageSizeInBytes: an [long]; other whole numbers an [int];
    - Tags: a dictionary with the same key/value pairs (null and empty are alike);
    - arrays: a list (not a string) with the same elements in the same order, whose
      ToString() of scalar elements is the `a;b;c` join; objects (SecretRefs) are
      compared property by property;
    - null: null; for a list or dictionary, an empty one is accepted too;
    - bool / integer / string: the same .NET kind ([bool], [int], [string]) and value
      (strings case-sensitively).
#>

# No Set-StrictMode here on purpose: a record missing a property must become a mismatch line,
# not a PropertyNotFoundException.
Set-StrictMode -Off

$script:TimeProperties = @('FirstSeen', 'LastStarted', 'LastStopped', 'ImagePushedAt', 'LastRecordedPullTime', 'ImageScanCompletedAt')
# Int64 attributes (all other whole numbers are Int32).
$script:LongProperties = @('ImageSizeInBytes')
$script:ListSeparator = ';'

# Record properties that are not seed attributes: ConvertTo-CloudResource leaves them out, and the
# oracle need not compute them.
$script:BeyondSeed = @{
    'AwsContainerInventory.EcrRepository'     = @('PublicStatements', 'IsPublicUnconditionally')
    'AwsContainerInventory.EcsTask'           = @('EcrRepositoryArns', 'PublicIpAddresses')
    'AwsContainerInventory.EcsTaskDefinition' = @('EcrRepositoryArns', 'Tags')
}

# ----------------------------------------------------------------------------- value shapes

function Join-Finding([object[]] $Finding) {
    return (@($Finding | Where-Object { $_ }) -join [Environment]::NewLine)
}

function Test-ListValue([object] $Value) {
    return ($Value -is [System.Collections.IEnumerable]) -and ($Value -isnot [string]) -and
        ($Value -isnot [System.Collections.IDictionary])
}

function Test-MapValue([object] $Value) {
    return ($Value -is [System.Collections.IDictionary]) -or
        ($Value -is [System.Management.Automation.PSCustomObject])
}

function ConvertTo-UtcDateTime {
    <# A DateTime/DateTimeOffset/ISO-8601 string as a UTC DateTime; $null stays $null. #>
    param([object] $Value)
    if ($null -eq $Value) { return $null }
    if ($Value -is [DateTimeOffset]) { return $Value.UtcDateTime }
    if ($Value -is [datetime]) {
        switch ($Value.Kind) {
            'Utc' { return $Value }
            'Local' { return $Value.ToUniversalTime() }
            default { return [datetime]::SpecifyKind($Value, 'Utc') }
        }
    }
    return [DateTimeOffset]::Parse([string]$Value, [cultureinfo]::InvariantCulture).UtcDateTime
}

function ConvertTo-StringMap {
    <# Tags in any shape (IDictionary, PSCustomObject from JSON, `k=v;k2=v2` text) as a sorted dictionary. #>
    param([object] $Value)
    $map = [System.Collections.Generic.SortedDictionary[string, string]]::new([StringComparer]::Ordinal)
    if ($null -eq $Value) { return , $map }
    if ($Value -is [string]) {
        foreach ($pair in $Value.Split($script:ListSeparator, [StringSplitOptions]::RemoveEmptyEntries)) {
            $key, $text = $pair.Split('=', 2)
            $map[$key] = $text
        }
    }
    elseif ($Value -is [System.Collections.IDictionary]) {
        foreach ($entry in $Value.GetEnumerator()) { $map[[string]$entry.Key] = [string]$entry.Value }
    }
    else {
        foreach ($property in $Value.PSObject.Properties) { $map[$property.Name] = [string]$property.Value }
    }
    return , $map
}

function Format-StringMap([System.Collections.Generic.SortedDictionary[string, string]] $Map) {
    return ($Map.GetEnumerator() | ForEach-Object { "$($_.Key)=$($_.Value)" }) -join $script:ListSeparator
}

function Format-Value {
    <# A short, unambiguous rendering for mismatch messages and cross-shape comparisons. #>
    param([object] $Value)
    if ($null -eq $Value) { return '<null>' }
    if ($Value -is [datetime]) { return (ConvertTo-UtcDateTime $Value).ToString('o') }
    if (Test-MapValue $Value) { return "{$(Format-StringMap (ConvertTo-StringMap $Value))}" }
    if (Test-ListValue $Value) { return "[$((@($Value) | ForEach-Object { Format-Value $_ }) -join ', ')]" }
    if ($Value -is [string]) { return "'$Value'" }
    return "$Value ($($Value.GetType().Name))"
}

# ----------------------------------------------------------------------------- one value

function Compare-OracleValue {
    <# $null when Actual matches the oracle's Expected value for property Name, else why not. #>
    param([string] $Name, [object] $Actual, [object] $Expected)

    $why = $null
    if ($Name -in $script:TimeProperties) {
        if ($null -eq $Expected) {
            if ($null -ne $Actual) { $why = 'expected null' }
        }
        elseif ($Actual -isnot [datetime]) { $why = 'expected a DateTime' }
        elseif ($Actual.Kind -ne 'Utc') { $why = "expected a UTC DateTime, got Kind $($Actual.Kind)" }
        elseif ([Math]::Abs(($Actual - (ConvertTo-UtcDateTime $Expected)).TotalSeconds) -ge 1) {
            $why = 'times differ by a second or more'
        }
    }
    elseif ($Name -eq 'Tags') {
        if ($null -ne $Actual -and $Actual -isnot [System.Collections.IDictionary]) { $why = 'expected a dictionary' }
        elseif ((Format-StringMap (ConvertTo-StringMap $Actual)) -cne (Format-StringMap (ConvertTo-StringMap $Expected))) {
            $why = 'different tags'
        }
        elseif ($null -ne $Actual -and $Actual.Count -gt 0 -and
            -not (Test-SameStringMap $Actual.ToString() $Expected)) {
            $why = "ToString() is '$($Actual.ToString())', expected k=v pairs joined by '$script:ListSeparator'"
        }
    }
    elseif ($null -eq $Expected) {
        $isEmptyCollection = ((Test-ListValue $Actual) -or ($Actual -is [System.Collections.IDictionary])) -and
            @($Actual).Count -eq 0
        if ($null -ne $Actual -and -not $isEmptyCollection) { $why = 'expected null' }
    }
    elseif (Test-ListValue $Expected) {
        $why = Compare-OracleList -Actual $Actual -Expected @($Expected)
    }
    elseif ($Expected -is [bool]) {
        if ($Actual -isnot [bool] -or $Actual -ne $Expected) { $why = 'expected a [bool] equal to the oracle' }
    }
    elseif ($Name -in $script:LongProperties) {
        if ($Actual -isnot [long] -or $Actual -ne $Expected) { $why = 'expected a [long] equal to the oracle' }
    }
    elseif ($Expected -is [long] -or $Expected -is [int]) {
        if ($Actual -isnot [int] -or $Actual -ne $Expected) { $why = 'expected an [int] equal to the oracle' }
    }
    else {
        if ($Actual -isnot [string] -or $Actual -cne [string]$Expected) { $why = 'expected the same string' }
    }

    if ($why) { return "$why; got $(Format-Value $Actual), expected $(Format-Value $Expected)" }
    return $null
}

function Test-SameStringMap([string] $Text, [object] $Expected) {
    return (Format-StringMap (ConvertTo-StringMap $Text)) -ceq (Format-StringMap (ConvertTo-StringMap $Expected))
}

function Compare-OracleList {
    param([object] $Actual, [object[]] $Expected)
    if (-not (Test-ListValue $Actual)) { return 'expected a list' }
    $items = @($Actual)
    if ($items.Count -ne $Expected.Count) { return "expected $($Expected.Count) element(s), got $($items.Count)" }
    for ($i = 0; $i -lt $items.Count; $i++) {
        $expectedItem = $Expected[$i]
        if ($expectedItem -is [System.Management.Automation.PSCustomObject]) {
            foreach ($property in $expectedItem.PSObject.Properties) {
                $actualValue = $items[$i].PSObject.Properties[$property.Name]
                if ($null -eq $actualValue -or [string]$actualValue.Value -cne [string]$property.Value) {
                    return "element $i has no $($property.Name) equal to '$($property.Value)'"
                }
            }
        }
        elseif ($items[$i] -isnot [string] -or $items[$i] -cne [string]$expectedItem) {
            return "element $i differs"
        }
    }
    if ($Expected[0] -isnot [System.Management.Automation.PSCustomObject]) {
        $joined = $Expected -join $script:ListSeparator
        $text = $Actual.ToString()
        if ($text -cne $joined) { return "ToString() is '$text', expected '$joined'" }
    }
    return $null
}

# ----------------------------------------------------------------------------- records

function Get-RecordProperty {
    <# The names of a record's own (.NET or note) properties, sorted ordinally. #>
    param([object] $Record)
    $names = $Record.PSObject.Properties |
        Where-Object MemberType -In 'Property', 'NoteProperty' |
        ForEach-Object Name
    return [string[]]@($names | Sort-Object -CaseSensitive)
}

function Get-RecordSetMismatch {
    <# Every oracle Uid returned exactly once, nothing else. #>
    param([object[]] $Actual, [object[]] $Expected)
    $mismatches = [System.Collections.Generic.List[string]]::new()
    $actualUids = @($Actual | ForEach-Object { $_.Uid })
    $expectedUids = @($Expected | ForEach-Object { $_.Uid })
    foreach ($uid in $expectedUids) {
        $count = @($actualUids | Where-Object { $_ -ceq $uid }).Count
        if ($count -eq 0) { $mismatches.Add("missing: $uid") }
        elseif ($count -gt 1) { $mismatches.Add("returned $count times: $uid") }
    }
    foreach ($uid in $actualUids) {
        if ($uid -cnotin $expectedUids) { $mismatches.Add("unexpected: $uid") }
    }
    return Join-Finding $mismatches
}

function Get-RecordTypeMismatch {
    param([object[]] $Actual, [string] $TypeName)
    $mismatches = [System.Collections.Generic.List[string]]::new()
    foreach ($record in $Actual) {
        $type = $record.GetType().FullName
        if ($type -cne $TypeName) { $mismatches.Add("$($record.Uid): type $type, expected $TypeName") }
    }
    return Join-Finding $mismatches
}

function Get-PropertySetMismatch {
    <#
    Each record has exactly the oracle's properties plus LastCaptured, plus the properties of its type
    beyond the seed ($script:BeyondSeed), which the oracle need not compute.
    #>
    param([object[]] $Actual, [object[]] $Expected)
    $mismatches = [System.Collections.Generic.List[string]]::new()
    $oracleNames = @(@($Expected[0].PSObject.Properties.Name) + 'LastCaptured')
    foreach ($record in $Actual) {
        $beyond = @($script:BeyondSeed[$record.GetType().FullName])
        $wanted = @($oracleNames + $beyond | Where-Object { $_ } | Sort-Object -CaseSensitive -Unique)
        $names = Get-RecordProperty $record
        $missing = @($wanted | Where-Object { $_ -cnotin $names })
        $extra = @($names | Where-Object { $_ -cnotin $wanted })
        if ($missing) { $mismatches.Add("$($record.Uid): missing properties $($missing -join ', ')") }
        if ($extra) { $mismatches.Add("$($record.Uid): unexpected properties $($extra -join ', ')") }
    }
    return Join-Finding $mismatches
}

function Get-ValueMismatch {
    <# Every oracle attribute of every record the module returned (matched by Uid). #>
    param([object[]] $Actual, [object[]] $Expected)
    $mismatches = [System.Collections.Generic.List[string]]::new()
    foreach ($expectedRecord in $Expected) {
        $record = $Actual | Where-Object { $_.Uid -ceq $expectedRecord.Uid } | Select-Object -First 1
        if (-not $record) { continue }   # Get-RecordSetMismatch reports it
        foreach ($property in $expectedRecord.PSObject.Properties) {
            $actualProperty = $record.PSObject.Properties[$property.Name]
            if (-not $actualProperty) { $mismatches.Add("$($record.Uid).$($property.Name): no such property"); continue }
            $why = Compare-OracleValue -Name $property.Name -Actual $actualProperty.Value -Expected $property.Value
            if ($why) { $mismatches.Add("$($record.Uid).$($property.Name): $why") }
        }
    }
    return Join-Finding $mismatches
}

function Get-LastCapturedMismatch {
    <# LastCaptured is a UTC DateTime between -After (minus a second) and now. #>
    param([object[]] $Actual, [datetime] $After)
    $mismatches = [System.Collections.Generic.List[string]]::new()
    $earliest = (ConvertTo-UtcDateTime $After).AddSeconds(-1)
    $latest = [datetime]::UtcNow.AddSeconds(1)
    foreach ($record in $Actual) {
        $value = $record.LastCaptured
        if ($value -isnot [datetime]) { $mismatches.Add("$($record.Uid): LastCaptured is $(Format-Value $value)") }
        elseif ($value.Kind -ne 'Utc') { $mismatches.Add("$($record.Uid): LastCaptured Kind is $($value.Kind)") }
        elseif ($value -lt $earliest -or $value -gt $latest) {
            $mismatches.Add("$($record.Uid): LastCaptured $($value.ToString('o')) not within $($earliest.ToString('o'))..$($latest.ToString('o'))")
        }
    }
    return Join-Finding $mismatches
}

function Get-OracleMismatch {
    <# All of the above at once: record set, type, property set, values, LastCaptured. #>
    param([object[]] $Actual, [object[]] $Expected, [string] $TypeName, [datetime] $CapturedAfter)
    return Join-Finding @(
        Get-RecordSetMismatch -Actual $Actual -Expected $Expected
        if ($TypeName) { Get-RecordTypeMismatch -Actual $Actual -TypeName $TypeName }
        Get-PropertySetMismatch -Actual $Actual -Expected $Expected
        Get-ValueMismatch -Actual $Actual -Expected $Expected
        Get-LastCapturedMismatch -Actual $Actual -After $CapturedAfter
    )
}

# ----------------------------------------------------------------------------- CSV

function Get-CsvMismatch {
    <#
    Rows of Import-Csv against the oracle: Tags cells are `k=v;k2=v2` (any order),
    scalar-list cells `a;b`, object-list cells non-empty readable text, strings, bools and
    ints verbatim, times present or not, absent values empty; no cell anywhere is a .NET
    type name.
    #>
    param([object[]] $Rows, [object[]] $Expected)
    $mismatches = [System.Collections.Generic.List[string]]::new()
    foreach ($row in $Rows) {
        foreach ($cell in $row.PSObject.Properties) {
            if ([string]$cell.Value -match 'System\.[A-Z]\w*|Collections\.Generic|AwsContainerInventory\.|@\{') {
                $mismatches.Add("$($row.Uid).$($cell.Name): cell '$($cell.Value)' is a type name or unexpanded object")
            }
        }
    }
    foreach ($expectedRecord in $Expected) {
        $row = $Rows | Where-Object { $_.Uid -ceq $expectedRecord.Uid } | Select-Object -First 1
        if (-not $row) { $mismatches.Add("missing row: $($expectedRecord.Uid)"); continue }
        foreach ($property in $expectedRecord.PSObject.Properties) {
            $name, $oracleValue = $property.Name, $property.Value
            $cell = $row.PSObject.Properties[$name]
            if (-not $cell) { $mismatches.Add("$($row.Uid): no column $name"); continue }
            $cellText = [string]$cell.Value

            if ($name -in $script:TimeProperties) {
                # Culture-specific text: only present-or-absent is checked.
                if (($null -eq $oracleValue) -ne ($cellText -eq '')) { $mismatches.Add("$($row.Uid).${name}: cell '$cellText'") }
                continue
            }
            if ((Test-ListValue $oracleValue) -and @($oracleValue)[0] -is [System.Management.Automation.PSCustomObject]) {
                # A list of objects (SecretRefs): free-form, but readable and not empty.
                if ($cellText -eq '') { $mismatches.Add("$($row.Uid).${name}: empty cell for a non-empty list") }
                continue
            }
            if ($name -eq 'Tags') {
                $expectedCell = Format-StringMap (ConvertTo-StringMap $oracleValue)
                $cellText = Format-StringMap (ConvertTo-StringMap $cellText)
            }
            elseif ($null -eq $oracleValue) { $expectedCell = '' }
            elseif (Test-ListValue $oracleValue) { $expectedCell = @($oracleValue) -join $script:ListSeparator }
            else { $expectedCell = [string]$oracleValue }
            if ($cellText -cne $expectedCell) {
                $mismatches.Add("$($row.Uid).${name}: cell '$cellText', expected '$expectedCell'")
            }
        }
    }
    return Join-Finding $mismatches
}

# ----------------------------------------------------------------------------- secrets

function Find-SecretInText {
    <# The secrets that occur in Text, as "'<secret>' in <Where>" lines. #>
    param([string[]] $Secret, [string] $Text, [string] $Where)
    return @($Secret | Where-Object { $_ -and $Text.Contains($_) } | ForEach-Object { "'$_' in $Where" })
}

function Get-SecretLeak {
    <#
    Runs Command with Parameters and looks for any of the Secret strings in: the default
    and Format-List output, ToString(), ConvertTo-Json -Depth 6, ConvertTo-CloudResource,
    the verbose/debug/warning/error streams and an exported CSV file.
    #>
    param(
        [Parameter(Mandatory)] [string] $Command,
        [hashtable] $Parameters = @{},
        [Parameter(Mandatory)] [string[]] $Secret,
        [Parameter(Mandatory)] [string] $CsvPath
    )
    $leaks = [System.Collections.Generic.List[string]]::new()
    $records = @(& $Command @Parameters)
    $texts = [ordered]@{
        'default output'         = $records | Out-String -Width 8192
        'Format-List *'          = $records | Format-List -Property * -Force | Out-String -Width 8192
        'ToString()'             = ($records | ForEach-Object { $_.ToString() }) -join "`n"
        'ConvertTo-Json'         = $records | ConvertTo-Json -Depth 6
        'ConvertTo-CloudResource' = $records | ConvertTo-CloudResource | ConvertTo-Json -Depth 6
    }
    $streams = & $Command @Parameters -Verbose -Debug -WarningAction Continue -ErrorAction Continue `
        4>&1 5>&1 3>&1 2>&1 | Out-String -Width 8192
    $texts['verbose, debug, warning and error streams'] = $streams
    $records | Export-Csv -Path $CsvPath -NoTypeInformation
    $texts['Export-Csv file'] = Get-Content -Path $CsvPath -Raw
    foreach ($entry in $texts.GetEnumerator()) {
        foreach ($leak in (Find-SecretInText -Secret $Secret -Text ([string]$entry.Value) -Where "$Command $($entry.Key)")) {
            $leaks.Add($leak)
        }
    }
    return Join-Finding $leaks
}

# ----------------------------------------------------------------------------- ConvertTo-CloudResource

function ConvertTo-UpperSnakeName([string] $Name) {
    <# RegisteredContainerInstanceCount -> REGISTERED_CONTAINER_INSTANCE_COUNT, Uid -> UID #>
    return ($Name -creplace '(?<=[a-z0-9])(?=[A-Z])', '_').ToUpperInvariant()
}

function Get-CloudResourceMismatch {
    <#
        Each resource has exactly the UPPER_SNAKE names of its record's seed properties, with equal values:
        times as ISO 8601 UTC strings to the second ending in Z, enum values as their names, the rest as is.
    #>
    param([object[]] $Record, [object[]] $Resource)
    $mismatches = [System.Collections.Generic.List[string]]::new()
    if ($Record.Count -ne $Resource.Count) {
        return "$($Resource.Count) resources for $($Record.Count) records"
    }
    for ($i = 0; $i -lt $Record.Count; $i++) {
        $source, $target = $Record[$i], $Resource[$i]
        $beyond = @($script:BeyondSeed[$source.GetType().FullName])
        $seedProperties = @(Get-RecordProperty $source | Where-Object { $_ -cnotin $beyond })
        $wanted = @($seedProperties | ForEach-Object { ConvertTo-UpperSnakeName $_ } | Sort-Object -CaseSensitive)
        $names = @($target.PSObject.Properties.Name | Sort-Object -CaseSensitive)
        $missing = @($wanted | Where-Object { $_ -cnotin $names })
        $extra = @($names | Where-Object { $_ -cnotin $wanted })
        if ($missing) { $mismatches.Add("$($source.Uid): missing $($missing -join ', ')") }
        if ($extra) { $mismatches.Add("$($source.Uid): unexpected $($extra -join ', ')") }
        foreach ($name in $seedProperties) {
            $property = $target.PSObject.Properties[(ConvertTo-UpperSnakeName $name)]
            if (-not $property) { continue }
            $value = $source.$name
            if ($value -is [datetime]) { $value = (ConvertTo-UtcDateTime $value).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", [cultureinfo]::InvariantCulture) }
            elseif ($value -is [enum]) { $value = $value.ToString() }
            $expected = Format-Value $value
            $actual = Format-Value $property.Value
            if ($actual -cne $expected) { $mismatches.Add("$($source.Uid).$(ConvertTo-UpperSnakeName $name): $actual, expected $expected") }
        }
    }
    return Join-Finding $mismatches
}

Export-ModuleMember -Function ConvertTo-UtcDateTime, ConvertTo-StringMap, Format-Value, Compare-OracleValue,
    Get-RecordProperty, Get-RecordSetMismatch, Get-RecordTypeMismatch, Get-PropertySetMismatch,
    Get-ValueMismatch, Get-LastCapturedMismatch, Get-OracleMismatch, Get-CsvMismatch,
    Find-SecretInText, Get-SecretLeak, ConvertTo-UpperSnakeName, Get-CloudResourceMismatch
