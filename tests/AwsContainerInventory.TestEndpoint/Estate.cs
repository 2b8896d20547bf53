using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AwsContainerInventory.TestEndpoint;

/// <summary>
/// What the endpoint serves: accounts and their credentials and roles, and per account × region the
/// ECR repositories, ECS clusters, services, tasks and task definitions, and EC2 network interfaces.
/// <para>
/// Entities are given as <see cref="JsonObject"/>s in the exact botocore shape (see <see cref="AwsShapes"/>
/// for realistic starting points) and are <b>captured</b> when added: later edits to the object you passed
/// do not show. To change an entity, add it again — an entity with the same key (repository name, cluster
/// name, service name, task id, task definition ARN, ENI id) replaces the old one in place. Getters return copies.
/// </para>
/// All members are thread-safe.
/// </summary>
public sealed partial class Estate
{
    public const string DefaultAccessKeyId = "AKIDEXAMPLEBASE0001";
    public const string DefaultSecretAccessKey = "base-secret-key-for-tests";
    public const string DefaultAccountId = "111111111111";

    private readonly object _sync = new();
    private readonly Dictionary<string, BaseCredential> _credentials = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RoleDefinition> _roles = new(StringComparer.Ordinal);
    private readonly HashSet<string> _deniedRoles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _deniedOperations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TemporaryCredential> _issued = new(StringComparer.Ordinal);
    private readonly Dictionary<(string AccountId, string Region), RegionResources> _regions = [];
    private TimeSpan? _temporaryCredentialLifetime;

    public Estate()
    {
        AddCredential(DefaultAccessKeyId, DefaultSecretAccessKey, DefaultAccountId);
    }

    /// <summary>Lock guarding the storage; handlers hold it only while collecting entries.</summary>
    internal object SyncRoot => _sync;


    public EstateSummary Summarize()
    {
        lock (_sync)
        {
            var regions = _regions.Values.ToList();
            return new EstateSummary(
                Accounts: regions.Select(r => r.AccountId).Concat(_credentials.Values.Select(c => c.AccountId))
                    .Concat(_roles.Values.Select(r => r.AccountId)).Distinct().Count(),
                AccountRegions: regions.Count,
                Repositories: regions.Sum(r => r.Repositories.Count),
                Clusters: regions.Sum(r => r.Clusters.Count),
                Services: regions.Sum(r => r.Clusters.Items.Sum(c => c.Services.Count)),
                Tasks: regions.Sum(r => r.Clusters.Items.Sum(c => c.Tasks.Count)),
                TaskDefinitions: regions.Sum(r => r.TaskDefinitions.Count),
                Roles: _roles.Count,
                NetworkInterfaces: regions.Sum(r => r.NetworkInterfaces.Count));
        }
    }

    /// <summary>Back to the default estate: only the default base credential, nothing issued, no resources.</summary>
    public void Clear()
    {
        lock (_sync)
        {
            ClearLocked(keepIssuedCredentials: false);
        }
    }

    // ---------------------------------------------------------------- internals

    private void ClearLocked(bool keepIssuedCredentials)
    {
        _credentials.Clear();
        _roles.Clear();
        _deniedRoles.Clear();
        _deniedOperations.Clear();
        _regions.Clear();
        ClearOrganizationAndRegionsLocked();
        _temporaryCredentialLifetime = null;
        if (!keepIssuedCredentials)
        {
            _issued.Clear();
        }
        _credentials[DefaultAccessKeyId] = new BaseCredential(DefaultAccessKeyId, DefaultSecretAccessKey, DefaultAccountId);
    }

    /// <summary>Caller must hold <see cref="SyncRoot"/>.</summary>
    internal RegionResources? FindRegion(string accountId, string region) =>
        _regions.GetValueOrDefault((accountId, region));

    /// <summary>Cluster by name or ARN. Caller must hold <see cref="SyncRoot"/>.</summary>
    internal ClusterEntry? FindCluster(string accountId, string region, string clusterNameOrArn)
    {
        var name = NameAfter(clusterNameOrArn, "cluster/") ?? clusterNameOrArn;
        return FindRegion(accountId, region) is { } r && r.Clusters.TryGet(name, out var c)
            && (!clusterNameOrArn.StartsWith("arn:", StringComparison.Ordinal) || c.Arn == clusterNameOrArn)
            ? c
            : null;
    }

    private RegionResources Region(string accountId, string region)
    {
        ValidateAccountId(accountId);
        ArgumentException.ThrowIfNullOrEmpty(region);
        if (!_regions.TryGetValue((accountId, region), out var resources))
        {
            resources = new RegionResources(accountId, region);
            _regions[(accountId, region)] = resources;
        }
        return resources;
    }

    /// <summary>The part of an ARN after <paramref name="marker"/> (e.g. "cluster/"), or null when not an ARN.</summary>
    internal static string? NameAfter(string? arn, string marker)
    {
        if (arn is null || !arn.StartsWith("arn:", StringComparison.Ordinal))
        {
            return null;
        }
        var at = arn.IndexOf(marker, StringComparison.Ordinal);
        return at < 0 ? null : arn[(at + marker.Length)..];
    }

    internal static (string AccountId, string RoleName) ParseRoleArn(string roleArn)
    {
        var match = RoleArnPattern().Match(roleArn ?? "");
        return match.Success
            ? (match.Groups[1].Value, match.Groups[2].Value)
            : throw new ArgumentException($"Not a role ARN: '{roleArn}'.", nameof(roleArn));
    }

    internal static bool IsRoleArn(string value) => RoleArnPattern().IsMatch(value);

    /// <summary>A 12-digit account and an action the endpoint serves, so a typo fails at once instead of denying nothing.</summary>
    internal static void ValidateDenial(string accountId, string action)
    {
        ValidateAccountId(accountId);
        var colon = (action ?? "").IndexOf(':');
        var operations = colon < 0 ? null : action![..colon] switch
        {
            "ec2" => Ec2Handler.Operations,
            "ecr" => EcrHandler.Operations,
            "ecs" => EcsHandler.Operations,
            "elasticloadbalancing" => Elbv2Handler.Operations,
            "organizations" => OrganizationsHandler.Operations,
            _ => null,
        };
        if (operations is null || !operations.Contains(action![(colon + 1)..]))
        {
            throw new ArgumentException(
                $"Not an operation the endpoint can deny: '{action}'. Use service:Operation with service ec2, ecr, ecs, elasticloadbalancing or organizations, e.g. ec2:DescribeNetworkInterfaces.",
                nameof(action));
        }
    }

    private static void ValidateAccountId(string accountId)
    {
        if (accountId is null || !AccountIdPattern().IsMatch(accountId))
        {
            throw new ArgumentException($"Account id must be 12 digits: '{accountId}'.", nameof(accountId));
        }
    }

    private static string RequiredMember(JsonObject obj, string member, string shape) =>
        OptionalMember(obj, member) ?? throw new ArgumentException($"{shape} needs '{member}'.");

    private static string? OptionalMember(JsonObject obj, string member) =>
        obj[member] is JsonValue v && v.TryGetValue(out string? s) ? s : null;

    [GeneratedRegex(@"^arn:aws:iam::(\d{12}):role/(?:[\w+=,.@-]+/)*([\w+=,.@-]+)$")]
    private static partial Regex RoleArnPattern();

    [GeneratedRegex(@"^\d{12}$")]
    private static partial Regex AccountIdPattern();
}
