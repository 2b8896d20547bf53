#requires -Version 7.2
<#
.SYNOPSIS
    Reads the connector seed documents (shared/seeds beside the repository) into the data files the tests compare
    against: tests/Data/seed-attributes.csv (Type, Attribute, Row) and tests/Data/seed-api-calls.txt.
.DESCRIPTION
    The data files are committed, so a clone without shared/ still runs every seed check; tests/Pester/Docs.Tests.ps1
    re-reads the documents, when they are there, to prove the data files have not drifted. Dot-source the script for
    its functions alone (-NoWrite).
.EXAMPLE
    ./tools/Export-SeedData.ps1
#>
[CmdletBinding()]
param(
    [string] $SeedPath = (Join-Path $PSScriptRoot '../../shared/seeds'),
    [string] $DataPath = (Join-Path $PSScriptRoot '../tests/Data'),
    [switch] $NoWrite
)

function Get-SeedAttribute {
    <#
        The rows of the seed tables "Table N: <Type> attribute mappings". A row is the source field and
        the attribute run together ("repository.repositoryArnREPOSITORY_ARN"), so the attribute is the
        UPPER_SNAKE tail of the row; in "x == ENABLEDASSIGN_PUBLIC_IP" the compared value comes first.
    #>
    param([string] $Path)

    $type = $null
    $inTable = $false
    foreach ($line in Get-Content -LiteralPath $Path) {
        if ($line -match '^Table \d+: (\w+) attribute mappings') { $type = $Matches[1]; $inTable = $false; continue }
        if ($type -and $line -eq 'Source Field NameSDM Attribute') { $inTable = $true; continue }
        if (-not $inTable) { continue }
        # -cmatch: the attribute is told from the source field by case alone.
        if ($line -cmatch '==\s*(?:ENABLED|DISABLED|TRUE|FALSE)([A-Z][A-Z0-9_]*)$' -or $line -cmatch '([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*)$') {
            [pscustomobject]@{ Type = $type; Attribute = $Matches[1]; Row = $line }
        }
        else {
            $inTable = $false   # the table ends at the first line that is not a mapping row
        }
    }
}

function Get-SeedApiCall {
    <# The API calls the seeds' "API Endpoint" rows name: "EcrRepositoryecr:DescribeRepositories" ends with the call. #>
    param([string] $Path)
    Get-Content -LiteralPath $Path | ForEach-Object { if ($_ -match '((?:ecr|ecs):[A-Za-z]+)$') { $Matches[1] } }
}

function Read-SeedDocument {
    <# Every attribute row and API call of the seed documents in $SeedPath, in file order. #>
    param([string] $SeedPath)
    $files = @(Get-ChildItem (Join-Path $SeedPath '*.txt') | Sort-Object Name)
    [pscustomobject]@{
        Attributes = @($files | ForEach-Object { Get-SeedAttribute $_.FullName })
        ApiCalls   = @($files | ForEach-Object { Get-SeedApiCall $_.FullName } | Sort-Object -Unique)
    }
}

if (-not $NoWrite) {
    if (-not (Test-Path (Join-Path $SeedPath '*.txt'))) { throw "No seed documents in '$SeedPath'." }
    $seed = Read-SeedDocument $SeedPath
    New-Item -ItemType Directory -Force -Path $DataPath | Out-Null
    $seed.Attributes | Export-Csv -Path (Join-Path $DataPath 'seed-attributes.csv') -NoTypeInformation -Encoding utf8 -UseQuotes AsNeeded
    Set-Content -Path (Join-Path $DataPath 'seed-api-calls.txt') -Value $seed.ApiCalls -Encoding utf8
    Write-Verbose "Wrote $($seed.Attributes.Count) attributes and $($seed.ApiCalls.Count) API calls to $DataPath."
}
