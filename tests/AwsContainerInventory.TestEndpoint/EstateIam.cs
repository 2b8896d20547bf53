using System.Security.Cryptography;

namespace AwsContainerInventory.TestEndpoint;

/// <summary>Credentials, roles, denied operations and the temporary credentials AssumeRole issues (IAM and STS).</summary>
public sealed partial class Estate
{
    public IReadOnlyList<BaseCredential> Credentials
    {
        get { lock (_sync) { return _credentials.Values.ToList(); } }
    }

    public void AddCredential(string accessKeyId, string secretAccessKey, string accountId)
    {
        ArgumentException.ThrowIfNullOrEmpty(accessKeyId);
        ArgumentException.ThrowIfNullOrEmpty(secretAccessKey);
        ValidateAccountId(accountId);
        lock (_sync)
        {
            _credentials[accessKeyId] = new BaseCredential(accessKeyId, secretAccessKey, accountId);
        }
    }

    public IReadOnlyList<RoleDefinition> Roles
    {
        get { lock (_sync) { return _roles.Values.ToList(); } }
    }

    /// <summary>Adds (or replaces) an assumable role; returns its ARN.</summary>
    public string AddRole(string roleArn, int maxSessionDurationSeconds = RoleDefinition.DefaultMaxSessionDurationSeconds)
    {
        ParseRoleArn(roleArn);
        if (maxSessionDurationSeconds is < 3600 or > 43200)
        {
            throw new ArgumentOutOfRangeException(nameof(maxSessionDurationSeconds), "IAM allows 3600..43200 seconds.");
        }
        lock (_sync)
        {
            _roles[roleArn] = new RoleDefinition(roleArn, maxSessionDurationSeconds);
        }
        return roleArn;
    }

    /// <summary>Adds <c>arn:aws:iam::&lt;accountId&gt;:role/&lt;roleName&gt;</c>; returns its ARN.</summary>
    public string AddRole(string accountId, string roleName, int maxSessionDurationSeconds = RoleDefinition.DefaultMaxSessionDurationSeconds) =>
        AddRole(AwsShapes.RoleArn(accountId, roleName), maxSessionDurationSeconds);

    /// <summary>Role ARNs for which AssumeRole answers 403 AccessDenied (even if the role exists).</summary>
    public IReadOnlyCollection<string> DeniedRoleArns
    {
        get { lock (_sync) { return _deniedRoles.ToList(); } }
    }

    public void DenyRole(string roleArn)
    {
        lock (_sync) { _deniedRoles.Add(roleArn); }
    }

    public void AllowRole(string roleArn)
    {
        lock (_sync) { _deniedRoles.Remove(roleArn); }
    }

    /// <summary>
    /// Makes <paramref name="accountId"/>'s calls to <paramref name="action"/> (<c>service:Operation</c>, e.g.
    /// <c>ec2:DescribeNetworkInterfaces</c>) fail as an IAM denial does, whoever the caller in that account is:
    /// EC2 answers 403 <c>UnauthorizedOperation</c>, ECR and ECS 400 <c>AccessDeniedException</c>.
    /// STS is not covered (GetCallerIdentity needs no permission; use <see cref="DenyRole"/> for AssumeRole).
    /// </summary>
    public void DenyOperation(string accountId, string action)
    {
        ValidateDenial(accountId, action);
        lock (_sync)
        {
            if (!_deniedOperations.TryGetValue(accountId, out var actions))
            {
                _deniedOperations[accountId] = actions = new HashSet<string>(StringComparer.Ordinal);
            }
            actions.Add(action);
        }
    }

    public void AllowOperation(string accountId, string action)
    {
        lock (_sync)
        {
            if (_deniedOperations.TryGetValue(accountId, out var actions) && actions.Remove(action) && actions.Count == 0)
            {
                _deniedOperations.Remove(accountId);
            }
        }
    }

    /// <summary>Denied <c>service:Operation</c> actions by account id.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> DeniedOperations
    {
        get
        {
            lock (_sync)
            {
                return _deniedOperations.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value.Order(StringComparer.Ordinal).ToList());
            }
        }
    }

    internal bool IsOperationDenied(string accountId, string action)
    {
        lock (_sync) { return _deniedOperations.TryGetValue(accountId, out var actions) && actions.Contains(action); }
    }

    /// <summary>
    /// When set, AssumeRole credentials expire after min(DurationSeconds, this) — use a short value to
    /// exercise credential refresh. The response's <c>Expiration</c> reflects the shortened lifetime.
    /// </summary>
    public TimeSpan? TemporaryCredentialLifetime
    {
        get { lock (_sync) { return _temporaryCredentialLifetime; } }
        set { lock (_sync) { _temporaryCredentialLifetime = value; } }
    }

    /// <summary>Every credential AssumeRole has issued (expired ones included).</summary>
    public IReadOnlyList<TemporaryCredential> IssuedCredentials
    {
        get { lock (_sync) { return _issued.Values.ToList(); } }
    }

    /// <summary>Makes every issued temporary credential expired now (requests then get ExpiredToken errors).</summary>
    public void ExpireTemporaryCredentials()
    {
        lock (_sync)
        {
            var now = DateTimeOffset.UtcNow.AddSeconds(-1);
            foreach (var key in _issued.Keys.ToList())
            {
                _issued[key] = _issued[key] with { Expiration = now };
            }
        }
    }

    internal BaseCredential? FindBaseCredential(string accessKeyId)
    {
        lock (_sync) { return _credentials.GetValueOrDefault(accessKeyId); }
    }

    internal TemporaryCredential? FindTemporaryCredential(string accessKeyId)
    {
        lock (_sync) { return _issued.GetValueOrDefault(accessKeyId); }
    }

    internal RoleDefinition? FindRole(string roleArn)
    {
        lock (_sync) { return _roles.GetValueOrDefault(roleArn); }
    }

    internal bool IsDenied(string roleArn)
    {
        lock (_sync) { return _deniedRoles.Contains(roleArn); }
    }

    /// <summary>Issues credentials for <paramref name="role"/>, honouring <see cref="TemporaryCredentialLifetime"/>.</summary>
    internal TemporaryCredential IssueCredential(RoleDefinition role, string sessionName, int durationSeconds)
    {
        lock (_sync)
        {
            var lifetime = TimeSpan.FromSeconds(durationSeconds);
            if (_temporaryCredentialLifetime is { } shorter && shorter < lifetime)
            {
                lifetime = shorter;
            }

            var roleId = "AROA" + RandomToken(17, UpperAlphanumeric);
            var credential = new TemporaryCredential(
                AccessKeyId: "ASIA" + RandomToken(16, UpperAlphanumeric),
                SecretAccessKey: RandomToken(40, SecretAlphabet),
                SessionToken: "IQoJb3JpZ2luX2VjE" + RandomToken(300, SecretAlphabet),
                // Whole seconds, as the XML response carries them.
                Expiration: DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.Add(lifetime).ToUnixTimeSeconds()),
                AccountId: role.AccountId,
                RoleArn: role.RoleArn,
                RoleSessionName: sessionName,
                AssumedRoleId: $"{roleId}:{sessionName}",
                AssumedRoleArn: $"arn:aws:sts::{role.AccountId}:assumed-role/{role.RoleName}/{sessionName}");
            _issued[credential.AccessKeyId] = credential;
            return credential;
        }
    }

    private const string UpperAlphanumeric = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private const string SecretAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private static string RandomToken(int length, string alphabet) =>
        RandomNumberGenerator.GetString(alphabet, length);
}
