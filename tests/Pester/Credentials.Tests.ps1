#requires -Version 7.2
<#
    Credentials as users configure them, end to end against the scripted endpoint (strict SigV4): IAM Identity
    Center profiles in both forms with a token cache under a temporary HOME and the endpoint's stand-in for the
    portal's GetRoleCredentials; role_arn/source_profile profiles assumed through the session's STS (-EndpointUrl);
    a failing credential_process; an unknown -ProfileName. Every error is asserted by id, category and target.
#>

BeforeAll {
    $repoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    Import-Module (Join-Path $repoRoot 'AwsContainerInventory.psd1') -Force
    Import-Module (Join-Path $PSScriptRoot '../../tools/ScriptedEndpoint.psm1') -Force
    $script:endpoint = Start-ScriptedEndpoint
    $script:url = $endpoint.Url
    function Invoke-Control([string] $Path, [string] $Json = '{}') { Invoke-EndpointControl $endpoint $Path $Json }

    $script:account = '222200000001'
    $script:roleArn = "arn:aws:iam::${account}:role/Inventory"
    Invoke-Control '/_control/generate' (@{
            replace = $true; accounts = 1; firstAccountId = $account; regions = @('us-east-1')
            repositoriesPerRegion = 3; clustersPerRegion = 0; taskDefinitionsPerRegion = 0
        } | ConvertTo-Json) | Out-Null
    Invoke-Control '/_control/sso' (@{ accessTokens = @('portal-accepts-this-token') } | ConvertTo-Json) | Out-Null

    # A private HOME: the shared files and the IAM Identity Center token cache live there, as for a real user.
    $script:saved = @{}
    foreach ($name in 'HOME', 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_PROFILE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY',
        'AWS_SESSION_TOKEN', 'AWS_ENDPOINT_URL_SSO', 'AWS_REGION', 'AWS_DEFAULT_REGION') {
        $saved[$name] = [Environment]::GetEnvironmentVariable($name)
        # [NullString]: a plain $null becomes '' on its way to a .NET string, which would set the variable, not remove it.
        [Environment]::SetEnvironmentVariable($name, [NullString]::Value)
    }
    $script:fakeHome = Join-Path ([IO.Path]::GetTempPath()) ("aci-home-" + [guid]::NewGuid().ToString('N'))
    $cache = New-Item -ItemType Directory -Force -Path (Join-Path $fakeHome '.aws/sso/cache')
    $env:HOME = $fakeHome
    $env:AWS_ENDPOINT_URL_SSO = $url
    $failing = if ($IsWindows) { 'cmd /c exit 3' } else { 'sh -c "echo broken >&2; exit 3"' }
    Set-Content -Path (Join-Path $fakeHome '.aws/config') -Value @"
[profile dev]
sso_session = corp
sso_account_id = $account
sso_role_name = Inventory
region = us-east-1

[sso-session corp]
sso_start_url = https://corp.example.awsapps.com/start
sso_region = us-east-1
sso_registration_scopes = sso:account:access

[profile legacy]
sso_start_url = https://legacy.example.awsapps.com/start
sso_region = us-east-1
sso_account_id = $account
sso_role_name = Inventory

[profile signed-out]
sso_session = nobody
sso_account_id = $account
sso_role_name = Inventory

[sso-session nobody]
sso_start_url = https://nobody.example.awsapps.com/start
sso_region = us-east-1

[profile stale]
sso_session = stale
sso_account_id = $account
sso_role_name = Inventory

[sso-session stale]
sso_start_url = https://stale.example.awsapps.com/start
sso_region = us-east-1

[profile inventory]
role_arn = $roleArn
source_profile = base

[profile denied]
role_arn = arn:aws:iam::${account}:role/Denied
source_profile = base

[profile broken-process]
credential_process = $failing
"@
    Set-Content -Path (Join-Path $fakeHome '.aws/credentials') -Value @"
[base]
aws_access_key_id = AKIDEXAMPLEBASE0001
aws_secret_access_key = base-secret-key-for-tests
"@
    # Token cache files are named by the SHA-1 of the sso_session name (or of the legacy start URL), as the AWS CLI writes them.
    function Write-Token([string] $Key, [datetime] $ExpiresAt, [string] $Token = 'portal-accepts-this-token') {
        $hash = -join ([Security.Cryptography.SHA1]::HashData([Text.Encoding]::UTF8.GetBytes($Key)) | ForEach-Object { $_.ToString('x2') })
        @{ accessToken = $Token; expiresAt = $ExpiresAt.ToUniversalTime().ToString('yyyy-MM-ddTHH:mm:ssZ'); region = 'us-east-1' } |
            ConvertTo-Json | Set-Content -Path (Join-Path $cache "$hash.json")
    }
    Write-Token 'corp' ([datetime]::UtcNow.AddHours(1))
    Write-Token 'https://legacy.example.awsapps.com/start' ([datetime]::UtcNow.AddHours(1))
    Write-Token 'stale' ([datetime]::UtcNow.AddHours(-1))
}

AfterAll {
    Disconnect-AwsInventory -ErrorAction SilentlyContinue
    foreach ($name in $saved.Keys) {
        [Environment]::SetEnvironmentVariable($name, $(if ($null -eq $saved[$name]) { [NullString]::Value } else { $saved[$name] }))
    }
    # Only ever the folder this file made under the temp directory (never a real home).
    if ($fakeHome -and (Split-Path $fakeHome -Leaf) -like 'aci-home-*' -and $fakeHome.StartsWith([IO.Path]::GetTempPath())) {
        Remove-Item -Recurse -Force $fakeHome -ErrorAction SilentlyContinue
    }
    Stop-ScriptedEndpoint $endpoint
}

Describe 'IAM Identity Center (SSO) profiles' {
    It 'inventories with the <Form> form and a cached sign-in token' -ForEach @(
        @{ Form = 'sso_session'; Profile = 'dev' }
        @{ Form = 'legacy sso_start_url'; Profile = 'legacy' }
    ) {
        $before = (Invoke-EndpointControl $endpoint sso -Get).getRoleCredentialsCalls
        Connect-AwsInventory -ProfileName $Profile -Region us-east-1 -EndpointUrl $url
        $repositories = @(Get-EcrRepository -ErrorVariable failures)
        $failures | Should -BeNullOrEmpty
        $repositories | Should -HaveCount 3
        $repositories.AccountId | Sort-Object -Unique | Should -Be $account
        (Invoke-EndpointControl $endpoint sso -Get).getRoleCredentialsCalls | Should -Be ($before + 1)
    }

    It 'says to run aws sso login when <Case>, naming the profile' -ForEach @(
        @{ Case = 'there is no cached token'; Profile = 'signed-out'; Says = '*no cached sign-in token*' }
        @{ Case = 'the cached token has expired'; Profile = 'stale'; Says = '*has expired*' }
    ) {
        Connect-AwsInventory -ProfileName $Profile -Region us-east-1 -EndpointUrl $url
        $repositories = @(Get-EcrRepository -ErrorVariable failures -ErrorAction SilentlyContinue)
        $repositories | Should -HaveCount 0
        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'AwsCredentialsUnavailable,*'
        $failures[0].CategoryInfo.Category | Should -Be 'AuthenticationError'
        $failures[0].TargetObject | Should -Be $Profile
        $failures[0].Exception.Message | Should -BeLike $Says
        $failures[0].Exception.Message | Should -BeLike "*aws sso login --profile $Profile*"
    }
}

Describe 'role_arn profiles' {
    It 'assumes the role through the session endpoint with the source profile''s keys' {
        Invoke-Control '/_control/reset' | Out-Null
        Connect-AwsInventory -ProfileName inventory -Region us-east-1 -EndpointUrl $url
        $repositories = @(Get-EcrRepository -ErrorVariable failures)
        $failures | Should -BeNullOrEmpty
        $repositories | Should -HaveCount 3
        $assumed = @((Invoke-EndpointControl $endpoint stats -Get).assumeRoles | Where-Object outcome -EQ Issued)
        $assumed | Should -HaveCount 1
        $assumed[0].roleArn | Should -Be $roleArn
    }

    It 'names the role and keeps STS''s error when the role cannot be assumed' {
        Connect-AwsInventory -ProfileName denied -Region us-east-1 -EndpointUrl $url
        $null = Get-EcrRepository -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'AwsRoleAssumptionFailed,*'
        $failures[0].TargetObject | Should -Be "arn:aws:iam::${account}:role/Denied"
        $failures[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
        $failures[0].Exception.Message | Should -BeLike '*AccessDenied*'
        $failures[0].Exception.InnerException.ErrorCode | Should -Be 'AccessDenied'
        $failures[0].Exception.InnerException.InnerException.GetType().FullName | Should -BeLike 'Amazon.*'
    }
}

Describe 'credential_process profiles' {
    It 'reports a failing process as AwsCredentialsUnavailable naming the profile' {
        Connect-AwsInventory -ProfileName broken-process -Region us-east-1 -EndpointUrl $url
        $null = Get-EcrRepository -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'AwsCredentialsUnavailable,*'
        $failures[0].CategoryInfo.Category | Should -Be 'AuthenticationError'
        $failures[0].TargetObject | Should -Be 'broken-process'
        $failures[0].Exception.Message | Should -BeLike "*Profile 'broken-process'*credential_process*"
    }
}

Describe 'Connect-AwsInventory -ProfileName' {
    It 'fails at once for a profile that does not exist, naming it and the files searched' {
        $failure = { Connect-AwsInventory -ProfileName nope -Region us-east-1 } | Should -Throw -PassThru
        $failure.FullyQualifiedErrorId | Should -BeLike 'AwsProfileNotFound,*'
        $failure.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failure.TargetObject | Should -Be 'nope'
        $failure.Exception.Message | Should -BeLike "*'nope'*$(Join-Path $fakeHome '.aws/credentials')*$(Join-Path $fakeHome '.aws/config')*"
    }
}
