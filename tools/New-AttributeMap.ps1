#requires -Version 7.2
<#
.SYNOPSIS
    Writes docs/attribute-map.md from the record types themselves.

.DESCRIPTION
    Imports the built module and reads, by reflection, the [SeedAttribute] of every property of every
    record type (EcrRepository, EcsCluster, ...): one table per type with the seed attribute, the
    property, its .NET type and the API source, in the order ConvertTo-CloudResource uses; then, for
    each enum property of the record or of its list elements whose values carry a [Description]
    (PublicStatement.Verdict, PublicStatement.Rule, through EcrRepository.GetPublicStatements()), a table of
    those values and their meaning.

    The page is generated, never edited by hand: tests/Pester/Docs.Tests.ps1 regenerates it and
    fails when the committed copy differs. The output has no timestamp, so an unchanged module gives
    a byte-identical page.

.EXAMPLE
    ./tools/New-AttributeMap.ps1
    Regenerates docs/attribute-map.md after a record type changed (build the module first).
#>
[CmdletBinding()]
param(
    [string] $OutputPath = (Join-Path $PSScriptRoot '../docs/attribute-map.md'),
    [string] $ModulePath = (Join-Path $PSScriptRoot '../AwsContainerInventory.psd1')
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$module = Import-Module $ModulePath -PassThru -Force:$false
$assembly = [AwsContainerInventory.ICloudResourceRecord].Assembly
$nullability = [System.Reflection.NullabilityInfoContext]::new()
$keywords = @{ 'String' = 'string'; 'Boolean' = 'bool'; 'Int32' = 'int'; 'Int64' = 'long'; 'Double' = 'double'; 'Object' = 'object' }

function Format-TypeName([Type] $Type) {
    <# C#-style names: string, int?, DateTime, ValueList<string>. #>
    $underlying = [Nullable]::GetUnderlyingType($Type)
    if ($underlying) { return (Format-TypeName $underlying) + '?' }
    if ($Type.IsGenericType) {
        $arguments = ($Type.GetGenericArguments() | ForEach-Object { Format-TypeName $_ }) -join ', '
        return ($Type.Name -replace '`\d+$', '') + "<$arguments>"
    }
    if ($keywords.ContainsKey($Type.Name)) { return $keywords[$Type.Name] }
    $Type.Name
}

function Format-PropertyType([System.Reflection.PropertyInfo] $Property) {
    <# The property's type, with ? when it may be null (nullable value types and nullable references). #>
    $name = Format-TypeName $Property.PropertyType
    if (-not $Property.PropertyType.IsValueType -and $nullability.Create($Property).ReadState -eq 'Nullable') { $name += '?' }
    $name
}

function Format-Source([string] $Source) {
    <# Field paths as code; prose (with spaces) as text, with markdown's special characters escaped. #>
    if ($Source -notmatch '\s') { return '`' + $Source + '`' }
    $Source -replace '([\\|*_`\[\]])', '\$1'
}

function Get-RecordMethod([Type] $Type) {
    <# The record's own Get...() methods (EcrRepository.GetPublicStatements): values ConvertTo-Json and Export-Csv leave out. #>
    $Type.GetMethods([System.Reflection.BindingFlags] 'Public, Instance, DeclaredOnly') |
        Where-Object { -not $_.IsSpecialName -and $_.Name -like 'Get*' -and $_.GetParameters().Count -eq 0 } |
        Sort-Object MetadataToken
}

function Get-DescribedEnumProperty([Type] $Type) {
    <#
        Enum properties of the record and of its list elements, or of the list elements its Get...() methods
        return (GetPublicStatements() -> PublicStatement.Verdict), whose values carry a [Description]: what each
        value means belongs in the map beside the property.
    #>
    $flags = [System.Reflection.BindingFlags] 'Public, Instance'
    $members = @($Type.GetProperties($flags) | Sort-Object MetadataToken) + @(Get-RecordMethod $Type)
    foreach ($member in $members) {
        $memberType = if ($member -is [System.Reflection.PropertyInfo]) { $member.PropertyType } else { $member.ReturnType }
        $owner = $Type
        $candidates = @($member | Where-Object { $_ -is [System.Reflection.PropertyInfo] })
        $element = if ($memberType.IsGenericType) { $memberType.GetGenericArguments()[0] } else { $memberType }
        if ($element.IsClass -and $element.Assembly -eq $assembly -and $element -ne $Type) {
            $owner = $element
            $candidates = $element.GetProperties($flags) | Sort-Object MetadataToken
        }
        foreach ($candidate in $candidates) {
            if (-not $candidate.PropertyType.IsEnum) { continue }
            $values = foreach ($field in $candidate.PropertyType.GetFields([System.Reflection.BindingFlags] 'Public, Static')) {
                $description = [System.Reflection.CustomAttributeExtensions]::GetCustomAttribute($field, [System.ComponentModel.DescriptionAttribute])
                if ($description) { [pscustomobject]@{ Name = $field.Name; Description = $description.Description } }
            }
            if ($values) { [pscustomobject]@{ Label = '{0}.{1}' -f $owner.Name, $candidate.Name; Values = @($values) } }
        }
    }
}

$recordTypes = $assembly.GetTypes() |
    Where-Object { $_.IsPublic -and -not $_.IsAbstract -and [AwsContainerInventory.ICloudResourceRecord].IsAssignableFrom($_) } |
    Sort-Object Name
$commands = Get-Command -Module $module.Name

$lines = [System.Collections.Generic.List[string]]::new()
$lines.Add('# Attribute map')
$lines.Add('')
$lines.Add('<!-- Generated by tools/New-AttributeMap.ps1 from the [SeedAttribute] of each record property. Do not edit: run the script. -->')
$lines.Add('')
$lines.Add('Every property of a record carries one attribute of the Amazon ECR or Amazon ECS connector (the')
$lines.Add('UPPER_SNAKE names of the seed tables), plus `ACCOUNT_ID`. `ConvertTo-CloudResource` renames the')
$lines.Add('properties to these names, in this order. A `?` after the .NET type marks a value that is `$null`')
$lines.Add('when AWS does not return it. List types (`ValueList<T>`) and `TagDictionary` are read-only, and their')
$lines.Add('string form (`a;b;c`, `k=v;k2=v2`) is what `Export-Csv` writes.')

foreach ($type in $recordTypes) {
    $cmdlet = $commands | Where-Object { $_.OutputType.Type -contains $type } | Select-Object -First 1
    $lines.Add('')
    $lines.Add("## $($type.Name)")
    $lines.Add('')
    $returnedBy = if ($cmdlet) { ', returned by `{0}`' -f $cmdlet.Name } else { '' }
    $lines.Add(('`{0}`{1}.' -f $type.FullName, $returnedBy))
    $lines.Add('')
    $lines.Add('| Seed attribute | Property | .NET type | API source |')
    $lines.Add('|---|---|---|---|')
    $properties = $type.GetProperties([System.Reflection.BindingFlags] 'Public, Instance') | Sort-Object MetadataToken
    $beyondSeed = [System.Collections.Generic.List[string]]::new()
    foreach ($property in $properties) {
        $seed = [System.Reflection.CustomAttributeExtensions]::GetCustomAttribute($property, [AwsContainerInventory.SeedAttributeAttribute])
        if (-not $seed) {
            $beyondSeed.Add(('`{0}` (`{1}`)' -f $property.Name, (Format-PropertyType $property)))
            continue
        }
        $lines.Add(('| `{0}` | `{1}` | `{2}` | {3} |' -f $seed.Name, $property.Name, (Format-PropertyType $property), (Format-Source $seed.Source)))
    }
    foreach ($method in Get-RecordMethod $type) {
        $returned = Format-TypeName $method.ReturnType
        if (-not $method.ReturnType.IsValueType -and $nullability.Create($method.ReturnParameter).ReadState -eq 'Nullable') { $returned += '?' }
        $beyondSeed.Add(('`{0}()` (`{1}`)' -f $method.Name, $returned))
    }
    if ($beyondSeed.Count -gt 0) {
        $lines.Add('')
        $lines.Add(('Also on the record, without a seed attribute and so left out by `ConvertTo-CloudResource`: {0}.' -f ($beyondSeed -join ', ')))
    }
    foreach ($described in Get-DescribedEnumProperty $type) {
        $lines.Add('')
        $lines.Add(('### `{0}` values' -f $described.Label))
        $lines.Add('')
        $lines.Add('| Value | Meaning |')
        $lines.Add('|---|---|')
        foreach ($value in $described.Values) { $lines.Add(('| `{0}` | {1} |' -f $value.Name, ($value.Description -replace '\|', '\|'))) }
    }
}

$directory = Split-Path -Parent $OutputPath
if ($directory) { New-Item -ItemType Directory -Force -Path $directory | Out-Null }
[System.IO.File]::WriteAllText([System.IO.Path]::GetFullPath($OutputPath), ($lines -join "`n") + "`n", [System.Text.UTF8Encoding]::new($false))
Write-Verbose "Wrote $OutputPath ($($recordTypes.Count) record types)."
