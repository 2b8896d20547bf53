using System.Text.Json;
using System.Text.Json.Nodes;

namespace AwsContainerInventory.TestEndpoint;

/// <summary>
/// Shape of a generated estate. Per generated account: base-account-assumable role
/// <c>arn:aws:iam::&lt;acct&gt;:role/&lt;RoleName&gt;</c>; per account × region: repositories, clusters
/// (each with services and tasks, every RUNNING task with its ENI) and task definitions. Output is deterministic.
/// JSON form (control route / estate file): the same names in camelCase; "regions" may also be a count.
/// </summary>
public sealed record EstateGenerationOptions
{
    public static readonly IReadOnlyList<string> KnownRegions =
    [
        "us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2",
        "ap-northeast-1", "us-east-2", "eu-west-2", "ca-central-1", "sa-east-1",
    ];

    public int Accounts { get; init; } = 1;

    /// <summary>Accounts are numbered upwards from this id: 200000000001, 200000000002, …</summary>
    public string FirstAccountId { get; init; } = "200000000001";

    public string RoleName { get; init; } = "Inventory";

    public IReadOnlyList<string> Regions { get; init; } = ["us-east-1"];

    public int RepositoriesPerRegion { get; init; } = 10;

    /// <summary>Every Nth repository gets a policy (0 = none).</summary>
    public int PolicyEveryNthRepository { get; init; } = 3;

    /// <summary>Every Nth repository gets tags (0 = none).</summary>
    public int TagsEveryNthRepository { get; init; } = 2;

    public int ClustersPerRegion { get; init; } = 2;

    public int ServicesPerCluster { get; init; } = 3;

    /// <summary>RUNNING tasks per cluster, spread round-robin over the cluster's services.</summary>
    public int TasksPerCluster { get; init; } = 6;

    /// <summary>STOPPED tasks per cluster (returned only by ListTasks desiredStatus=STOPPED).</summary>
    public int StoppedTasksPerCluster { get; init; }

    public int TaskDefinitionsPerRegion { get; init; } = 4;

    /// <summary>Task definition families per region (0 = one per service, at most TaskDefinitionsPerRegion).</summary>
    public int TaskDefinitionFamilies { get; init; }

    /// <summary>When true, all but the newest revision of each family are INACTIVE.</summary>
    public bool InactiveOldRevisions { get; init; }

    /// <summary>Every Nth RUNNING task of a cluster gets a public IP on its ENI (0 = none).</summary>
    public int PublicIpEveryNthTask { get; init; }

    public static EstateGenerationOptions FromJson(JsonObject json)
    {
        var copy = json.DeepClone().AsObject();
        if (copy["regions"] is JsonValue count && count.TryGetValue(out int n))
        {
            copy["regions"] = new JsonArray(KnownRegions.Take(n).Select(r => (JsonNode?)r).ToArray());
        }
        copy.Remove("replace");
        return copy.Deserialize<EstateGenerationOptions>(new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
        }) ?? new EstateGenerationOptions();
    }
}

/// <summary>What <see cref="Estate.Generate"/> created.</summary>
public sealed record EstateGenerationResult(
    IReadOnlyList<string> AccountIds,
    IReadOnlyList<string> RoleArns,
    IReadOnlyList<string> Regions,
    int Repositories,
    int Clusters,
    int Services,
    int RunningTasks,
    int StoppedTasks,
    int TaskDefinitions,
    int PublicIpTasks)
{
    public JsonObject ToJson() => JsonSerializer.SerializeToNode(this, JsonSerializerOptions.Web)!.AsObject();
}

public sealed partial class Estate
{
    /// <summary>Adds a generated estate (existing content stays; call <see cref="Clear"/> first for a fresh one).</summary>
    public EstateGenerationResult Generate(EstateGenerationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var firstAccount = long.Parse(options.FirstAccountId);
        var accounts = Enumerable.Range(0, options.Accounts).Select(i => (firstAccount + i).ToString("D12")).ToList();
        var roleArns = new List<string>();
        int repositories = 0, clusters = 0, services = 0, running = 0, stopped = 0, definitions = 0, publicIps = 0;

        lock (_sync)
        {
            foreach (var account in accounts)
            {
                roleArns.Add(AddRole(account, options.RoleName));
                for (var regionIndex = 0; regionIndex < options.Regions.Count; regionIndex++)
                {
                    var region = options.Regions[regionIndex];
                    Region(account, region);
                    repositories += GenerateRepositories(options, account, region);
                    var latestByFamily = GenerateTaskDefinitions(options, account, region, ref definitions);
                    for (var c = 0; c < options.ClustersPerRegion; c++)
                    {
                        clusters++;
                        GenerateCluster(options, account, region, regionIndex, $"cluster-{c + 1:D2}", latestByFamily,
                            ref services, ref running, ref stopped, ref publicIps);
                    }
                }
            }
        }

        return new EstateGenerationResult(accounts, roleArns, options.Regions.ToList(),
            repositories, clusters, services, running, stopped, definitions, publicIps);
    }

    private int GenerateRepositories(EstateGenerationOptions options, string account, string region)
    {
        for (var r = 0; r < options.RepositoriesPerRegion; r++)
        {
            var name = $"team-{r % 5}/app-{r:D3}";
            var number = r + 1;
            var policy = options.PolicyEveryNthRepository > 0 && number % options.PolicyEveryNthRepository == 0
                ? AwsShapes.RepositoryPolicy(DefaultAccountId)
                : null;
            var tags = options.TagsEveryNthRepository > 0 && number % options.TagsEveryNthRepository == 0
                ? new Dictionary<string, string> { ["team"] = $"team-{r % 5}", ["cost-center"] = $"cc-{r % 7}" }
                : null;
            var createdAt = AwsShapes.ReferenceTime.AddDays(-365).AddHours(r);
            AddRepository(account, region, AwsShapes.Repository(account, region, name, createdAt), policy, tags);
        }
        return options.RepositoriesPerRegion;
    }

    /// <returns>Newest task definition ARN per family, in family order.</returns>
    private List<string> GenerateTaskDefinitions(EstateGenerationOptions options, string account, string region, ref int count)
    {
        var total = options.TaskDefinitionsPerRegion;
        var families = options.TaskDefinitionFamilies > 0
            ? options.TaskDefinitionFamilies
            : Math.Max(1, Math.Min(total, options.ServicesPerCluster));
        var latest = new List<string>();
        for (var f = 0; f < families; f++)
        {
            var family = $"app-{f:D2}";
            // Spread the definitions over the families; the first families get the remainder.
            var revisions = total / families + (f < total % families ? 1 : 0);
            string? newest = null;
            for (var revision = 1; revision <= revisions; revision++)
            {
                var status = options.InactiveOldRevisions && revision < revisions ? "INACTIVE" : "ACTIVE";
                var tags = new Dictionary<string, string> { ["family"] = family };
                newest = AddTaskDefinition(account, region,
                    AwsShapes.TaskDefinition(account, region, family, revision, status: status), tags);
                count++;
            }
            if (newest is not null)
            {
                latest.Add(newest);
            }
        }
        return latest;
    }

    private void GenerateCluster(
        EstateGenerationOptions options,
        string account,
        string region,
        int regionIndex,
        string clusterName,
        List<string> latestByFamily,
        ref int services,
        ref int running,
        ref int stopped,
        ref int publicIps)
    {
        var serviceNames = Enumerable.Range(1, options.ServicesPerCluster).Select(s => $"svc-{s:D2}").ToList();
        var clusterTags = new Dictionary<string, string> { ["environment"] = "test", ["owner"] = "platform" };
        AddCluster(account, region, AwsShapes.Cluster(account, region, clusterName, clusterTags,
            runningTasksCount: options.TasksPerCluster, activeServicesCount: serviceNames.Count));

        string DefinitionFor(int index) =>
            latestByFamily.Count == 0
                ? AwsShapes.TaskDefinitionArn(account, region, "app-00", 1)
                : latestByFamily[index % latestByFamily.Count];

        for (var s = 0; s < serviceNames.Count; s++)
        {
            var perService = options.TasksPerCluster / serviceNames.Count + (s < options.TasksPerCluster % serviceNames.Count ? 1 : 0);
            AddService(account, region, AwsShapes.Service(account, region, clusterName, serviceNames[s], DefinitionFor(s),
                desiredCount: perService, tags: new Dictionary<string, string> { ["service"] = serviceNames[s] }));
            services++;
        }

        // Task ids: 32 hex digits, unique per account, region, cluster and status.
        var prefix = $"{account[^4..]}{regionIndex:D4}{clusterName[^2..]}";
        int AddGeneratedTasks(int count, string desiredStatus, char marker, int publicIpEveryNth)
        {
            var withPublicIp = 0;
            for (var t = 0; t < count; t++)
            {
                var service = serviceNames.Count == 0 ? null : serviceNames[t % serviceNames.Count];
                var taskId = $"{prefix}{marker}{t:D21}"[..32];
                var tags = t % 2 == 0 ? new Dictionary<string, string> { ["generated"] = "true" } : null;
                var publicIp = publicIpEveryNth > 0 && (t + 1) % publicIpEveryNth == 0 ? AwsShapes.PublicIpFor(taskId) : null;
                AddTask(account, region, AwsShapes.Task(account, region, clusterName, taskId,
                    DefinitionFor(service is null ? t : t % serviceNames.Count), desiredStatus, service, tags,
                    createdAt: AwsShapes.ReferenceTime.AddMinutes(-t)), publicIp);
                withPublicIp += publicIp is null ? 0 : 1;
            }
            return withPublicIp;
        }

        // Stopped tasks have no ENI left, so no public IP either.
        publicIps += AddGeneratedTasks(options.TasksPerCluster, "RUNNING", 'a', options.PublicIpEveryNthTask);
        AddGeneratedTasks(options.StoppedTasksPerCluster, "STOPPED", 'b', publicIpEveryNth: 0);
        running += options.TasksPerCluster;
        stopped += options.StoppedTasksPerCluster;
    }
}
