using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AwsContainerInventory.TestEndpoint;

/// <summary>Long-term credentials of an IAM user in an account.</summary>
public sealed record BaseCredential(string AccessKeyId, string SecretAccessKey, string AccountId);

/// <summary>An assumable role. <see cref="MaxSessionDurationSeconds"/> caps AssumeRole's DurationSeconds like IAM does.</summary>
public sealed record RoleDefinition(string RoleArn, int MaxSessionDurationSeconds = RoleDefinition.DefaultMaxSessionDurationSeconds)
{
    /// <summary>IAM's default is 3600; the endpoint defaults to the STS maximum so any valid duration is accepted.</summary>
    public const int DefaultMaxSessionDurationSeconds = 43200;

    public string AccountId => Estate.ParseRoleArn(RoleArn).AccountId;

    public string RoleName => Estate.ParseRoleArn(RoleArn).RoleName;
}

/// <summary>Temporary credentials issued by AssumeRole.</summary>
public sealed record TemporaryCredential(
    string AccessKeyId,
    string SecretAccessKey,
    string SessionToken,
    DateTimeOffset Expiration,
    string AccountId,
    string RoleArn,
    string RoleSessionName,
    string AssumedRoleId,
    string AssumedRoleArn);

/// <summary>Counts of what an estate holds.</summary>
public sealed record EstateSummary(
    int Accounts,
    int AccountRegions,
    int Repositories,
    int Clusters,
    int Services,
    int Tasks,
    int TaskDefinitions,
    int Roles,
    int NetworkInterfaces);

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

    // ---------------------------------------------------------------- credentials and roles

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

    // ---------------------------------------------------------------- ECR

    /// <summary>Adds (or replaces, by name) a repository given as a botocore <c>Repository</c> object.</summary>
    /// <returns>The repository ARN.</returns>
    public string AddRepository(
        string accountId,
        string region,
        JsonObject repository,
        string? policyText = null,
        IEnumerable<KeyValuePair<string, string>>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(repository);
        var name = RequiredMember(repository, "repositoryName", "Repository");
        var arn = OptionalMember(repository, "repositoryArn") ?? AwsShapes.RepositoryArn(accountId, region, name);
        var entry = new RepositoryEntry(name, arn, StoredJson.Capture(repository, tagsMember: null), policyText,
            (tags ?? []).ToList());
        lock (_sync)
        {
            Region(accountId, region).Repositories.Upsert(name, entry);
        }
        return arn;
    }

    /// <summary>Adds a repository built by <see cref="AwsShapes.Repository"/>.</summary>
    public string AddRepository(
        string accountId,
        string region,
        string repositoryName,
        string? policyText = null,
        IEnumerable<KeyValuePair<string, string>>? tags = null) =>
        AddRepository(accountId, region, AwsShapes.Repository(accountId, region, repositoryName), policyText, tags);

    public JsonObject? GetRepository(string accountId, string region, string repositoryName)
    {
        lock (_sync)
        {
            return FindRegion(accountId, region) is { } r && r.Repositories.TryGet(repositoryName, out var e)
                ? e.Json.ToJsonObject()
                : null;
        }
    }

    // ---------------------------------------------------------------- ECS

    /// <summary>
    /// Adds a botocore <c>Cluster</c> object (inline <c>tags</c> are served only with include TAGS).
    /// Replacing a cluster keeps its services and tasks.
    /// </summary>
    /// <returns>The cluster ARN.</returns>
    public string AddCluster(string accountId, string region, JsonObject cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var arn = OptionalMember(cluster, "clusterArn");
        var name = OptionalMember(cluster, "clusterName") ?? NameAfter(arn, "cluster/")
            ?? throw new ArgumentException("Cluster needs clusterName or clusterArn.", nameof(cluster));
        arn ??= AwsShapes.ClusterArn(accountId, region, name);
        var json = StoredJson.Capture(cluster);
        lock (_sync)
        {
            var clusters = Region(accountId, region).Clusters;
            if (clusters.TryGet(name, out var existing))
            {
                existing.Json = json;
            }
            else
            {
                clusters.Upsert(name, new ClusterEntry(name, arn, json));
            }
        }
        return arn;
    }

    /// <summary>Adds a cluster built by <see cref="AwsShapes.Cluster"/>.</summary>
    public string AddCluster(string accountId, string region, string clusterName, IEnumerable<KeyValuePair<string, string>>? tags = null) =>
        AddCluster(accountId, region, AwsShapes.Cluster(accountId, region, clusterName, tags));

    /// <summary>Adds a botocore <c>Service</c>; its cluster (from <c>clusterArn</c>) must exist.</summary>
    /// <returns>The service ARN.</returns>
    public string AddService(string accountId, string region, JsonObject service)
    {
        ArgumentNullException.ThrowIfNull(service);
        var clusterName = NameAfter(RequiredMember(service, "clusterArn", "Service"), "cluster/")!;
        var name = RequiredMember(service, "serviceName", "Service");
        var arn = OptionalMember(service, "serviceArn") ?? AwsShapes.ServiceArn(accountId, region, clusterName, name);
        var entry = new ServiceEntry(name, arn,
            OptionalMember(service, "status") ?? "ACTIVE",
            OptionalMember(service, "launchType"),
            OptionalMember(service, "schedulingStrategy"),
            StoredJson.Capture(service));
        lock (_sync)
        {
            RequireCluster(accountId, region, clusterName).Services.Upsert(name, entry);
        }
        return arn;
    }

    /// <summary>Adds a service built by <see cref="AwsShapes.Service"/>.</summary>
    public string AddService(
        string accountId,
        string region,
        string clusterName,
        string serviceName,
        string taskDefinitionArn,
        int desiredCount = 1,
        IEnumerable<KeyValuePair<string, string>>? tags = null) =>
        AddService(accountId, region,
            AwsShapes.Service(accountId, region, clusterName, serviceName, taskDefinitionArn, desiredCount, tags));

    /// <summary>
    /// Adds a botocore <c>Task</c>; its cluster (from <c>clusterArn</c>) must exist. <c>desiredStatus</c>
    /// drives ListTasks filtering (missing means RUNNING); <c>group</c> "service:&lt;name&gt;" ties it to a service.
    /// Each <c>ElasticNetworkInterface</c> attachment that is not <c>DELETED</c> (a stopped task's ENI is gone in
    /// AWS too) and names a <c>networkInterfaceId</c> and <c>privateIPv4Address</c> registers its ENI, unless an
    /// ENI with that id exists already in the account and region.
    /// </summary>
    /// <param name="publicIp">Public IP of the task's (first) ENI; an existing ENI gets it too.</param>
    /// <returns>The task ARN.</returns>
    public string AddTask(string accountId, string region, JsonObject task, string? publicIp = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        var clusterName = NameAfter(RequiredMember(task, "clusterArn", "Task"), "cluster/")!;
        var arn = RequiredMember(task, "taskArn", "Task");
        var id = arn[(arn.LastIndexOf('/') + 1)..];
        var taskDefinitionArn = OptionalMember(task, "taskDefinitionArn");
        var entry = new TaskEntry(id, arn,
            OptionalMember(task, "desiredStatus") ?? "RUNNING",
            OptionalMember(task, "group"),
            OptionalMember(task, "startedBy"),
            AwsShapes.FamilyOf(taskDefinitionArn),
            OptionalMember(task, "launchType"),
            StoredJson.Capture(task));
        var interfaces = TaskNetworkInterfaces(accountId, region, task, publicIp);
        if (publicIp is not null && interfaces.Count == 0)
        {
            throw new ArgumentException(
                "A public IP needs an ElasticNetworkInterface attachment (not DELETED) with networkInterfaceId and privateIPv4Address.",
                nameof(publicIp));
        }

        lock (_sync)
        {
            RequireCluster(accountId, region, clusterName).Tasks.Upsert(id, entry);
            var store = Region(accountId, region).NetworkInterfaces;
            foreach (var eni in interfaces)
            {
                if (!store.TryGet(eni.Id, out var existing))
                {
                    store.Upsert(eni.Id, eni);
                }
                else if (eni.PublicIp is not null)
                {
                    store.Upsert(eni.Id, NetworkInterfaceEntry.Own(AwsShapes.WithPublicIp(existing.ToJsonObject(), region, eni.PublicIp)));
                }
            }
        }
        return arn;
    }

    /// <summary>Adds a task built by <see cref="AwsShapes.Task"/> with a random task id (and its ENI).</summary>
    /// <param name="publicIp">Public IP of the task's ENI (a RUNNING task's; a STOPPED task has no ENI).</param>
    public string AddTask(
        string accountId,
        string region,
        string clusterName,
        string taskDefinitionArn,
        string desiredStatus = "RUNNING",
        string? serviceName = null,
        IEnumerable<KeyValuePair<string, string>>? tags = null,
        string? publicIp = null) =>
        AddTask(accountId, region, AwsShapes.Task(accountId, region, clusterName, AwsShapes.NewTaskId(),
            taskDefinitionArn, desiredStatus, serviceName, tags), publicIp);

    /// <summary>
    /// Adds a botocore <c>TaskDefinition</c>. Its tags are separate because DescribeTaskDefinition returns
    /// them beside <c>taskDefinition</c>, not inside it.
    /// </summary>
    /// <returns>The task definition ARN.</returns>
    public string AddTaskDefinition(
        string accountId,
        string region,
        JsonObject taskDefinition,
        IEnumerable<KeyValuePair<string, string>>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(taskDefinition);
        var family = RequiredMember(taskDefinition, "family", "TaskDefinition");
        var revision = taskDefinition["revision"]?.GetValue<int>()
            ?? throw new ArgumentException("TaskDefinition needs revision.", nameof(taskDefinition));
        var arn = OptionalMember(taskDefinition, "taskDefinitionArn")
            ?? AwsShapes.TaskDefinitionArn(accountId, region, family, revision);
        var entry = new TaskDefinitionEntry(arn, family, revision,
            OptionalMember(taskDefinition, "status") ?? "ACTIVE",
            StoredJson.Capture(taskDefinition, tagsMember: null),
            tags is null ? null : AwsWire.Serialize(AwsShapes.EcsTags(tags)));
        lock (_sync)
        {
            Region(accountId, region).TaskDefinitions.Upsert(arn, entry);
        }
        return arn;
    }

    /// <summary>
    /// Adds a task definition built by <see cref="AwsShapes.TaskDefinition"/>; without
    /// <paramref name="revision"/> it becomes the family's next revision.
    /// </summary>
    public string AddTaskDefinition(
        string accountId,
        string region,
        string family,
        int? revision = null,
        string status = "ACTIVE",
        IEnumerable<KeyValuePair<string, string>>? tags = null)
    {
        int next;
        lock (_sync)
        {
            next = revision ?? 1 + (FindRegion(accountId, region)?.TaskDefinitions.Items
                .Where(d => d.Family == family).Select(d => d.Revision).DefaultIfEmpty(0).Max() ?? 0);
        }
        return AddTaskDefinition(accountId, region,
            AwsShapes.TaskDefinition(accountId, region, family, next, status: status), tags);
    }

    public JsonObject? GetCluster(string accountId, string region, string clusterName)
    {
        lock (_sync) { return FindCluster(accountId, region, clusterName)?.Json.ToJsonObject(); }
    }

    public JsonObject? GetService(string accountId, string region, string clusterName, string serviceName)
    {
        lock (_sync)
        {
            return FindCluster(accountId, region, clusterName) is { } c && c.Services.TryGet(serviceName, out var s)
                ? s.Json.ToJsonObject()
                : null;
        }
    }

    /// <param name="task">Task id or ARN.</param>
    public JsonObject? GetTask(string accountId, string region, string clusterName, string task)
    {
        lock (_sync)
        {
            return FindCluster(accountId, region, clusterName) is { } c
                && c.Tasks.TryGet(task[(task.LastIndexOf('/') + 1)..], out var t)
                ? t.Json.ToJsonObject()
                : null;
        }
    }

    public JsonObject? GetTaskDefinition(string accountId, string region, string taskDefinitionArn)
    {
        lock (_sync)
        {
            return FindRegion(accountId, region) is { } r && r.TaskDefinitions.TryGet(taskDefinitionArn, out var d)
                ? d.Json.ToJsonObject()
                : null;
        }
    }

    // ---------------------------------------------------------------- EC2

    /// <summary>
    /// Adds (or replaces, by <c>networkInterfaceId</c>) an ENI given in the EC2 wire vocabulary
    /// (see <see cref="AwsShapes.NetworkInterface"/>). It is served only in this account and region.
    /// </summary>
    /// <returns>The ENI id.</returns>
    public string AddNetworkInterface(string accountId, string region, JsonObject networkInterface)
    {
        ArgumentNullException.ThrowIfNull(networkInterface);
        var entry = NetworkInterfaceEntry.Capture(networkInterface);
        lock (_sync)
        {
            Region(accountId, region).NetworkInterfaces.Upsert(entry.Id, entry);
        }
        return entry.Id;
    }

    /// <summary>Adds an ECS task ENI built by <see cref="AwsShapes.NetworkInterface"/>.</summary>
    public string AddNetworkInterface(
        string accountId,
        string region,
        string networkInterfaceId,
        string subnetId,
        string privateIp,
        string? publicIp = null) =>
        AddNetworkInterface(accountId, region,
            AwsShapes.NetworkInterface(accountId, region, networkInterfaceId, subnetId, privateIp, publicIp));

    public JsonObject? GetNetworkInterface(string accountId, string region, string networkInterfaceId)
    {
        lock (_sync)
        {
            return FindRegion(accountId, region) is { } r && r.NetworkInterfaces.TryGet(networkInterfaceId, out var e)
                ? e.ToJsonObject()
                : null;
        }
    }

    /// <summary>Gives an existing ENI a public IP, or takes it away (null). See <see cref="AwsShapes.WithPublicIp"/>.</summary>
    public void SetPublicIp(string accountId, string region, string networkInterfaceId, string? publicIp)
    {
        lock (_sync)
        {
            if (FindRegion(accountId, region)?.NetworkInterfaces is not { } store || !store.TryGet(networkInterfaceId, out var entry))
            {
                throw new InvalidOperationException(
                    $"Network interface '{networkInterfaceId}' does not exist in {accountId}/{region}; add it (or its task) first.");
            }
            store.Upsert(networkInterfaceId,
                NetworkInterfaceEntry.Own(AwsShapes.WithPublicIp(entry.ToJsonObject(), region, publicIp)));
        }
    }

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

    /// <summary>
    /// The ENIs a task's live <c>ElasticNetworkInterface</c> attachments describe; the first one gets
    /// <paramref name="publicIp"/>. Built outside the lock; whether each is registered is decided under it.
    /// </summary>
    private static List<NetworkInterfaceEntry> TaskNetworkInterfaces(string accountId, string region, JsonObject task, string? publicIp)
    {
        var interfaces = new List<NetworkInterfaceEntry>();
        foreach (var node in task["attachments"] as JsonArray ?? [])
        {
            if (node is not JsonObject attachment
                || OptionalMember(attachment, "type") != "ElasticNetworkInterface"
                || OptionalMember(attachment, "status") == "DELETED")
            {
                continue;
            }

            var details = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var detail in (attachment["details"] as JsonArray ?? []).OfType<JsonObject>())
            {
                if (OptionalMember(detail, "name") is { } name && OptionalMember(detail, "value") is { } value)
                {
                    details.TryAdd(name, value);
                }
            }
            if (!details.TryGetValue("networkInterfaceId", out var eniId) || !details.TryGetValue("privateIPv4Address", out var privateIp))
            {
                continue;
            }

            var zone = OptionalMember(task, "availabilityZone");
            var eni = AwsShapes.NetworkInterface(accountId, region, eniId,
                details.GetValueOrDefault("subnetId") ?? AwsShapes.SubnetId(zone ?? region + "a"),
                privateIp,
                interfaces.Count == 0 ? publicIp : null,
                zone,
                OptionalMember(attachment, "id"),
                details.GetValueOrDefault("macAddress"),
                details.GetValueOrDefault("privateDnsName"),
                EpochTime(task["connectivityAt"] ?? task["createdAt"]));
            interfaces.Add(NetworkInterfaceEntry.Own(eni));
        }
        return interfaces;
    }

    private static DateTimeOffset? EpochTime(JsonNode? seconds) =>
        seconds is JsonValue v && v.TryGetValue(out double value)
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(value * 1000))
            : null;

    private ClusterEntry RequireCluster(string accountId, string region, string clusterName) =>
        FindRegion(accountId, region) is { } r && r.Clusters.TryGet(clusterName, out var c)
            ? c
            : throw new InvalidOperationException(
                $"Cluster '{clusterName}' does not exist in {accountId}/{region}; add the cluster first.");

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

    private const string UpperAlphanumeric = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private const string SecretAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private static string RandomToken(int length, string alphabet) =>
        RandomNumberGenerator.GetString(alphabet, length);

    [GeneratedRegex(@"^arn:aws:iam::(\d{12}):role/(?:[\w+=,.@-]+/)*([\w+=,.@-]+)$")]
    private static partial Regex RoleArnPattern();

    [GeneratedRegex(@"^\d{12}$")]
    private static partial Regex AccountIdPattern();
}
