<#
    Writes the help model as MAML (the XML Get-Help reads).
    Dot-sourced by tools/Convert-MarkdownHelp.ps1, which sets $ErrorActionPreference, strict mode and the shared constants.
#>

function Write-Para([System.Xml.XmlWriter] $Writer, [string[]] $Paragraphs) {
    foreach ($paragraph in $Paragraphs) { $Writer.WriteElementString('maml', 'para', $Namespaces.maml, $paragraph) }
    if (-not $Paragraphs) { $Writer.WriteElementString('maml', 'para', $Namespaces.maml, '') }
}

function Write-Description([System.Xml.XmlWriter] $Writer, [string[]] $Paragraphs) {
    $Writer.WriteStartElement('maml', 'description', $Namespaces.maml)
    Write-Para $Writer $Paragraphs
    $Writer.WriteEndElement()
}

function Write-Parameter([System.Xml.XmlWriter] $Writer, $Parameter, $Metadata, [switch] $InSyntax) {
    $type = $Metadata['Type']
    $isSwitch = $type -eq 'SwitchParameter'
    $position = if ($Metadata['Position'] -match '^\d+$') { $Metadata['Position'] } else { 'named' }
    $aliases = if ($Metadata['Aliases']) { $Metadata['Aliases'] } else { 'none' }

    $Writer.WriteStartElement('command', 'parameter', $Namespaces.command)
    $Writer.WriteAttributeString('required', $Metadata['Required'].ToLowerInvariant())
    $Writer.WriteAttributeString('variableLength', $type.EndsWith('[]').ToString().ToLowerInvariant())
    $Writer.WriteAttributeString('globbing', $Metadata['Accept wildcard characters'].ToLowerInvariant())
    $Writer.WriteAttributeString('pipelineInput', $Metadata['Accept pipeline input'])
    $Writer.WriteAttributeString('position', $position)
    $Writer.WriteAttributeString('aliases', $aliases)
    $Writer.WriteElementString('maml', 'name', $Namespaces.maml, $Parameter.Name)
    Write-Description $Writer $Parameter.Description
    # Get-Help shows a switch in the syntax as [-Name], without a value.
    if (-not ($InSyntax -and $isSwitch)) {
        $Writer.WriteStartElement('command', 'parameterValue', $Namespaces.command)
        $Writer.WriteAttributeString('required', (-not $isSwitch).ToString().ToLowerInvariant())
        $Writer.WriteAttributeString('variableLength', 'false')
        $Writer.WriteString($type)
        $Writer.WriteEndElement()
    }
    $Writer.WriteStartElement('dev', 'type', $Namespaces.dev)
    $Writer.WriteElementString('maml', 'name', $Namespaces.maml, $type)
    $Writer.WriteElementString('maml', 'uri', $Namespaces.maml, '')
    $Writer.WriteEndElement()
    $Writer.WriteElementString('dev', 'defaultValue', $Namespaces.dev, $(if ($Metadata['Default value']) { $Metadata['Default value'] } else { 'None' }))
    $Writer.WriteEndElement()
}

function Write-TypeList([System.Xml.XmlWriter] $Writer, [string] $ListName, [string] $ItemName, $Entries) {
    $Writer.WriteStartElement('command', $ListName, $Namespaces.command)
    foreach ($entry in $Entries) {
        $Writer.WriteStartElement('command', $ItemName, $Namespaces.command)
        $Writer.WriteStartElement('dev', 'type', $Namespaces.dev)
        $Writer.WriteElementString('maml', 'name', $Namespaces.maml, $entry.Type)
        $Writer.WriteEndElement()
        Write-Description $Writer $entry.Description
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()
}

function Write-Command([System.Xml.XmlWriter] $Writer, $Help) {
    $Writer.WriteStartElement('command', 'command', $Namespaces.command)
    foreach ($prefix in $Namespaces.Keys) { $Writer.WriteAttributeString('xmlns', $prefix, $null, $Namespaces[$prefix]) }

    $Writer.WriteStartElement('command', 'details', $Namespaces.command)
    $Writer.WriteElementString('command', 'name', $Namespaces.command, $Help.Name)
    $Writer.WriteElementString('command', 'verb', $Namespaces.command, $Help.Verb)
    $Writer.WriteElementString('command', 'noun', $Namespaces.command, $Help.Noun)
    Write-Description $Writer $Help.Synopsis
    $Writer.WriteEndElement()

    Write-Description $Writer $Help.Description

    $Writer.WriteStartElement('command', 'syntax', $Namespaces.command)
    foreach ($set in $Help.Syntax) {
        $Writer.WriteStartElement('command', 'syntaxItem', $Namespaces.command)
        $Writer.WriteElementString('maml', 'name', $Namespaces.maml, $Help.Name)
        foreach ($item in $set.Items) { Write-Parameter $Writer $item.Parameter $item.Metadata -InSyntax }
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()

    $Writer.WriteStartElement('command', 'parameters', $Namespaces.command)
    foreach ($parameter in $Help.Parameters) { Write-Parameter $Writer $parameter $parameter.Metadata[0] }
    $Writer.WriteEndElement()

    Write-TypeList $Writer 'inputTypes' 'inputType' $Help.Inputs
    Write-TypeList $Writer 'returnValues' 'returnValue' $Help.Outputs

    $Writer.WriteStartElement('maml', 'alertSet', $Namespaces.maml)
    $Writer.WriteStartElement('maml', 'alert', $Namespaces.maml)
    Write-Para $Writer $Help.Notes
    $Writer.WriteEndElement()
    $Writer.WriteEndElement()

    $Writer.WriteStartElement('command', 'examples', $Namespaces.command)
    foreach ($example in $Help.Examples) {
        $Writer.WriteStartElement('command', 'example', $Namespaces.command)
        $Writer.WriteElementString('maml', 'title', $Namespaces.maml, "---------- $($example.Title) ----------")
        if ($example.Introduction) {
            $Writer.WriteStartElement('maml', 'introduction', $Namespaces.maml)
            Write-Para $Writer $example.Introduction
            $Writer.WriteEndElement()
        }
        $Writer.WriteElementString('dev', 'code', $Namespaces.dev, $example.Code)
        $Writer.WriteStartElement('dev', 'remarks', $Namespaces.dev)
        Write-Para $Writer $example.Remarks
        $Writer.WriteEndElement()
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()

    $Writer.WriteStartElement('maml', 'relatedLinks', $Namespaces.maml)
    foreach ($link in $Help.Links) {
        $Writer.WriteStartElement('maml', 'navigationLink', $Namespaces.maml)
        $Writer.WriteElementString('maml', 'linkText', $Namespaces.maml, $link.Text)
        $Writer.WriteElementString('maml', 'uri', $Namespaces.maml, $link.Uri)
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()

    $Writer.WriteEndElement()
}

function Write-MamlFile([string] $Path, $Commands) {
    $settings = [System.Xml.XmlWriterSettings]::new()
    $settings.Indent = $true
    $settings.IndentChars = '  '
    $settings.Encoding = [System.Text.UTF8Encoding]::new($false)
    $settings.NewLineChars = "`n"
    $writer = [System.Xml.XmlWriter]::Create($Path, $settings)
    try {
        $writer.WriteStartDocument()
        $writer.WriteStartElement('helpItems', 'http://msh')
        $writer.WriteAttributeString('schema', 'maml')
        foreach ($help in $Commands) { Write-Command $writer $help }
        $writer.WriteEndElement()
        $writer.WriteEndDocument()
    }
    finally {
        $writer.Dispose()
    }
}
