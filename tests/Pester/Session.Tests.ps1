#requires -Version 7.2
# Connect-AwsInventory, Get-AwsInventorySession and Disconnect-AwsInventory: validation before any call,
# credential forms, and no secret anywhere.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../../AwsContainerInventory.psd1') -Force
    $script:secret = 'Sess10nSecretKeyThatMustNeverShow'
    $script:secure = ConvertTo-SecureString $secret -AsPlainText -Force
    $script:cmdletId = 'AwsContainerInventory.Cmdlets.ConnectAwsInventoryCommand'
}

AfterAll {
    Disconnect-AwsInventory -Confirm:$false
}

Describe 'Connect-AwsInventory' {
    BeforeEach { Disconnect-AwsInventory -Confirm:$false }

    It 'rejects <Parameter> = <Value> naming the parameter and its range, before any call' -ForEach @(
        @{ Parameter = 'PageSize'; Value = 0; Expect = '1' }
        @{ Parameter = 'PageSize'; Value = 101; Expect = '100' }
        @{ Parameter = 'SessionDuration'; Value = 100; Expect = '900' }
        @{ Parameter = 'SessionDuration'; Value = 50000; Expect = '43200' }
        @{ Parameter = 'ParallelRequests'; Value = 0; Expect = '1' }
        @{ Parameter = 'ParallelRequests'; Value = 65; Expect = '64' }
        @{ Parameter = 'MaxRetries'; Value = -1; Expect = '0' }
        @{ Parameter = 'MaxRetries'; Value = 21; Expect = '20' }
    ) {
        $arguments = @{ AccessKey = 'AKIDVALIDATION'; SecretKey = $secure; Region = 'us-east-1'; $Parameter = $Value }
        $failure = { Connect-AwsInventory @arguments } | Should -Throw -ErrorId "ParameterArgumentValidationError,$cmdletId" -PassThru
        $failure.Exception.Message | Should -BeLike "*'$Parameter'*"
        $failure.Exception.Message | Should -BeLike "*$Expect*"
        Get-AwsInventorySession | Should -BeNullOrEmpty
    }

    It 'rejects a RoleArn that is not an IAM role ARN: <Value>' -ForEach @(
        @{ Value = 'arn:aws:iam::123456789012:user/alice' }
        @{ Value = 'arn:aws:iam::1234:role/short-account' }
        @{ Value = 'arn:aws:iam::123456789012:role/ok,not-an-arn' }
        @{ Value = 'Inventory' }
    ) {
        $failure = { Connect-AwsInventory -AccessKey AKID -SecretKey $secure -Region us-east-1 -RoleArn $Value } |
            Should -Throw -ErrorId "ParameterArgumentValidationError,$cmdletId" -PassThru
        $failure.Exception.Message | Should -BeLike "*'RoleArn'*is not an IAM role ARN*"
    }

    It 'rejects a malformed region name: <Value>' -ForEach @(
        @{ Value = 'eu-west' }, @{ Value = 'useast1' }, @{ Value = 'us_east_1' }, @{ Value = 'us-east-1,moon' }
    ) {
        $failure = { Connect-AwsInventory -AccessKey AKID -SecretKey $secure -Region $Value } |
            Should -Throw -ErrorId "ParameterArgumentValidationError,$cmdletId" -PassThru
        $failure.Exception.Message | Should -BeLike "*'Region'*not an AWS region name*"
    }

    It 'rejects an endpoint URL that is not http(s)' {
        { Connect-AwsInventory -AccessKey AKID -SecretKey $secure -Region us-east-1 -EndpointUrl 'ftp://127.0.0.1/' } |
            Should -Throw -ErrorId "ParameterArgumentValidationError,$cmdletId"
    }

    It 'splits comma-separated role ARNs and regions, and keeps the settings' {
        $session = Connect-AwsInventory -AccessKey AKIDEXAMPLE12345678 -SecretKey $secure -Region 'us-east-1,eu-west-1' `
            -RoleArn 'arn:aws:iam::111111111111:role/A,arn:aws:iam::222222222222:role/B', 'arn:aws:iam::333333333333:role/C' `
            -SessionDuration 900 -PageSize 25 -ParallelRequests 16 -MaxRetries 0 -PassThru
        $session.Regions | Should -Be @('us-east-1', 'eu-west-1')
        $session.RoleArns.Count | Should -Be 3
        $session.SessionDuration | Should -Be 900
        $session.PageSize | Should -Be 25
        $session.ParallelRequests | Should -Be 16
        $session.MaxRetries | Should -Be 0
        $session.RoleSessionName | Should -BeLike 'AwsContainerInventory-*'
        (Get-AwsInventorySession).RoleArns | Should -Be $session.RoleArns
    }

    It 'uses the connector defaults' {
        $session = Connect-AwsInventory -AccessKey AKIDEXAMPLE12345678 -SecretKey $secure -Region us-east-1 -PassThru
        $session.PageSize | Should -Be 100
        $session.ParallelRequests | Should -Be 8
        $session.MaxRetries | Should -Be 10
        $session.SessionDuration | Should -Be 3600
    }

    It 'accepts a PSCredential (user = access key id, password = secret)' {
        $credential = [pscredential]::new('AKIDFROMCREDENTIAL01', $secure)
        $session = Connect-AwsInventory -Credential $credential -Region us-east-1 -PassThru
        $session.CredentialSource | Should -BeLike 'AccessKey AKID*AL01'
    }

    It 'never shows the secret key or session token in the session, its ToString, JSON or verbose text' {
        $token = ConvertTo-SecureString 'Sess10nTokenThatMustNeverShow' -AsPlainText -Force
        $verbose = Connect-AwsInventory -AccessKey AKIDEXAMPLE12345678 -SecretKey $secure -SessionToken $token -Region us-east-1 -Verbose 4>&1
        $session = Get-AwsInventorySession
        $text = @(
            $verbose | Out-String
            $session | Format-List * | Out-String
            $session.ToString()
            $session | ConvertTo-Json -Depth 4
            $session | Export-Csv -Path TestDrive:/session.csv; Get-Content TestDrive:/session.csv -Raw
        ) -join "`n"
        $text | Should -Not -BeLike "*$secret*"
        $text | Should -Not -BeLike '*Sess10nToken*'
        $text | Should -Not -BeLike '*AKIDEXAMPLE12345678*'
    }
}

Describe 'Get-AwsInventorySession' {
    It 'writes nothing when not connected' {
        Disconnect-AwsInventory -Confirm:$false
        @(Get-AwsInventorySession).Count | Should -Be 0
    }
}

Describe 'Disconnect-AwsInventory' {
    It 'supports -WhatIf and forgets the session otherwise' {
        Connect-AwsInventory -AccessKey AKIDEXAMPLE12345678 -SecretKey $secure -Region us-east-1
        Disconnect-AwsInventory -WhatIf
        Get-AwsInventorySession | Should -Not -BeNullOrEmpty
        Disconnect-AwsInventory -Confirm:$false
        Get-AwsInventorySession | Should -BeNullOrEmpty
    }
}
