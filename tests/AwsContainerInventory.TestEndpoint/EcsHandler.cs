using System.Text.Json.Nodes;

namespace AwsContainerInventory.TestEndpoint;

/// <summary>
/// Amazon ECS (AmazonEC2ContainerServiceV20141113): the List*/Describe* operations an inventory uses,
/// with AWS's defaults, limits, paging, filters, <c>include: ["TAGS"]</c> handling and failures.
/// </summary>
internal sealed class EcsHandler(Estate estate, EndpointStats stats) : IServiceHandler
{
    public const string TargetPrefix = "AmazonEC2ContainerServiceV20141113";

    public static readonly IReadOnlySet<string> Operations = new HashSet<string>
    {
        "ListClusters", "DescribeClusters", "ListServices", "DescribeServices",
        "ListTasks", "DescribeTasks", "ListTaskDefinitions", "DescribeTaskDefinition", "DescribeContainerInstances",
    };

    private const string DefaultCluster = "default";
    private static readonly string[] ClusterFields = ["ATTACHMENTS", "CONFIGURATIONS", "SETTINGS", "STATISTICS", "TAGS"];
    private static readonly string[] TagsOnly = ["TAGS"];

    private readonly Estate _estate = estate;
    private readonly EndpointStats _stats = stats;

    public AwsResponse Handle(AwsCall call) => call.Operation switch
    {
        "ListClusters" => ListClusters(call),
        "DescribeClusters" => DescribeClusters(call),
        "ListServices" => ListServices(call),
        "DescribeServices" => DescribeServices(call),
        "ListTasks" => ListTasks(call),
        "DescribeTasks" => DescribeTasks(call),
        "DescribeContainerInstances" => DescribeContainerInstances(call),
        "ListTaskDefinitions" => ListTaskDefinitions(call),
        "DescribeTaskDefinition" => DescribeTaskDefinition(call),
        _ => throw new AwsServiceException(400, "UnknownOperationException", $"Unknown operation {call.Operation}"),
    };

    // ---------------------------------------------------------------- clusters

    private AwsResponse ListClusters(AwsCall call)
    {
        var pageSize = PageTokens.PageSize(call.Json.Int("maxResults"), defaultSize: 100, max: 100);
        var queryKey = $"ListClusters|{call.AccountId}|{call.Region}";
        var offset = PageTokens.ReadOffset(call.Json.String("nextToken"), queryKey);

        List<string> page;
        int total;
        lock (_estate.SyncRoot)
        {
            var clusters = _estate.FindRegion(call.AccountId, call.Region)?.Clusters.Items ?? [];
            total = clusters.Count;
            page = clusters.Skip(offset).Take(pageSize).Select(c => c.Arn).ToList();
        }
        return ArnPage("clusterArns", page, PageTokens.Next(offset + page.Count, total, queryKey));
    }

    private AwsResponse DescribeClusters(AwsCall call)
    {
        var requested = call.Json.StringList("clusters") ?? [];
        if (requested.Count == 0)
        {
            requested = [DefaultCluster];
        }
        CheckBatchLimit(requested.Count, 100, "clusters");
        var includeTags = Include(call, ClusterFields);

        var found = new List<ClusterEntry>();
        var failures = new JsonArray();
        lock (_estate.SyncRoot)
        {
            foreach (var cluster in requested)
            {
                if (_estate.FindCluster(call.AccountId, call.Region, cluster) is { } entry)
                {
                    found.Add(entry);
                }
                else
                {
                    failures.Add(Missing(IsArn(cluster) ? cluster : AwsShapes.ClusterArn(call.AccountId, call.Region, cluster)));
                }
            }
        }
        return DescribeResponse("clusters", found.Select(c => c.Json), includeTags, failures);
    }

    // ---------------------------------------------------------------- services

    private AwsResponse ListServices(AwsCall call)
    {
        var pageSize = PageTokens.PageSize(call.Json.Int("maxResults"), defaultSize: 10, max: 100);
        var launchType = call.Json.String("launchType");
        var schedulingStrategy = call.Json.String("schedulingStrategy");

        List<string> page;
        int total;
        string queryKey;
        int offset;
        lock (_estate.SyncRoot)
        {
            var cluster = RequireCluster(call);
            queryKey = $"ListServices|{call.AccountId}|{call.Region}|{cluster.Name}|{launchType}|{schedulingStrategy}";
            offset = PageTokens.ReadOffset(call.Json.String("nextToken"), queryKey);
            var matching = cluster.Services.Items
                .Where(s => s.Status != "INACTIVE"
                    && (launchType is null || s.LaunchType == launchType)
                    && (schedulingStrategy is null || s.SchedulingStrategy == schedulingStrategy))
                .ToList();
            total = matching.Count;
            page = matching.Skip(offset).Take(pageSize).Select(s => s.Arn).ToList();
        }
        return ArnPage("serviceArns", page, PageTokens.Next(offset + page.Count, total, queryKey));
    }

    private AwsResponse DescribeServices(AwsCall call) =>
        DescribeInCluster(call, "services", limit: 10, "Services", cluster => cluster.Services, s => s.Arn, s => s.Json,
            (cluster, name) => AwsShapes.ServiceArn(call.AccountId, call.Region, cluster, name));

    // ---------------------------------------------------------------- tasks

    private AwsResponse ListTasks(AwsCall call)
    {
        var pageSize = PageTokens.PageSize(call.Json.Int("maxResults"), defaultSize: 100, max: 100);
        var desiredStatus = call.Json.String("desiredStatus") ?? "RUNNING";
        if (desiredStatus is not ("RUNNING" or "PENDING" or "STOPPED"))
        {
            throw AwsServiceException.InvalidParameter($"Invalid desiredStatus '{desiredStatus}'. Valid values: RUNNING, PENDING, STOPPED.");
        }
        var serviceName = call.Json.String("serviceName");
        var family = call.Json.String("family");
        var startedBy = call.Json.String("startedBy");
        var launchType = call.Json.String("launchType");

        List<string> page;
        int total;
        string queryKey;
        int offset;
        lock (_estate.SyncRoot)
        {
            var cluster = RequireCluster(call);
            if (serviceName is not null && !cluster.Services.TryGet(serviceName[(serviceName.LastIndexOf('/') + 1)..], out _))
            {
                throw new AwsServiceException(400, "ServiceNotFoundException", "Service not found.");
            }
            var group = serviceName is null ? null : "service:" + serviceName[(serviceName.LastIndexOf('/') + 1)..];
            queryKey = $"ListTasks|{call.AccountId}|{call.Region}|{cluster.Name}|{desiredStatus}|{group}|{family}|{startedBy}|{launchType}";
            offset = PageTokens.ReadOffset(call.Json.String("nextToken"), queryKey);

            // As AWS documents: filtering on PENDING is accepted but returns nothing.
            var matching = desiredStatus == "PENDING"
                ? []
                : cluster.Tasks.Items.Where(t => t.DesiredStatus == desiredStatus
                    && (group is null || t.Group == group)
                    && (family is null || t.Family == family)
                    && (startedBy is null || t.StartedBy == startedBy)
                    && (launchType is null || t.LaunchType == launchType)).ToList();
            total = matching.Count;
            page = matching.Skip(offset).Take(pageSize).Select(t => t.Arn).ToList();
        }
        return ArnPage("taskArns", page, PageTokens.Next(offset + page.Count, total, queryKey));
    }

    private AwsResponse DescribeTasks(AwsCall call) =>
        DescribeInCluster(call, "tasks", limit: 100, "Tasks", cluster => cluster.Tasks, t => t.Arn, t => t.Json,
            (cluster, id) => AwsShapes.TaskArn(call.AccountId, call.Region, cluster, id));

    /// <summary>
    /// DescribeServices and DescribeTasks: a non-empty batch within the API limit, each item looked up in the
    /// request's cluster by its last ARN segment (an ARN must match exactly); the others are MISSING failures.
    /// </summary>
    private AwsResponse DescribeInCluster<T>(AwsCall call, string member, int limit, string noun,
        Func<ClusterEntry, OrderedStore<T>> store, Func<T, string> arnOf, Func<T, StoredJson> jsonOf,
        Func<string, string, string> arnFor)
    {
        var requested = call.Json.StringList(member) ?? [];
        if (requested.Count == 0)
        {
            throw AwsServiceException.InvalidParameter($"{noun} cannot be empty.");
        }
        CheckBatchLimit(requested.Count, limit, member);
        var includeTags = Include(call, TagsOnly);

        var found = new List<T>();
        var failures = new JsonArray();
        lock (_estate.SyncRoot)
        {
            var cluster = RequireCluster(call);
            foreach (var item in requested)
            {
                var key = item[(item.LastIndexOf('/') + 1)..];
                if (store(cluster).TryGet(key, out var entry) && (!IsArn(item) || item == arnOf(entry)))
                {
                    found.Add(entry);
                }
                else
                {
                    failures.Add(Missing(IsArn(item) ? item : arnFor(cluster.Name, item)));
                }
            }
        }
        return DescribeResponse(member, found.Select(jsonOf), includeTags, failures);
    }

    /// <summary>At most 100 container instances of the request's cluster (ARN or id); the others are MISSING failures.</summary>
    private AwsResponse DescribeContainerInstances(AwsCall call)
    {
        var requested = call.Json.StringList("containerInstances") ?? [];
        if (requested.Count == 0)
        {
            throw AwsServiceException.InvalidParameter("ContainerInstances cannot be empty.");
        }
        CheckBatchLimit(requested.Count, 100, "containerInstances");
        var includeTags = Include(call, ["TAGS", "CONTAINER_INSTANCE_HEALTH"]);
        var found = new JsonArray();
        var failures = new JsonArray();
        lock (_estate.SyncRoot)
        {
            var cluster = RequireCluster(call);
            var instances = _estate.FindRegion(call.AccountId, call.Region)!.Network.ContainerInstances.Items
                .Where(i => i["clusterName"]?.GetValue<string>() == cluster.Name).ToList();
            foreach (var item in requested)
            {
                var match = instances.FirstOrDefault(i => i["containerInstanceArn"]!.GetValue<string>() is { } arn
                    && (arn == item || (!IsArn(item) && arn.EndsWith("/" + item, StringComparison.Ordinal))));
                if (match is null)
                {
                    failures.Add(Missing(IsArn(item) ? item : $"arn:aws:ecs:{call.Region}:{call.AccountId}:container-instance/{cluster.Name}/{item}"));
                    continue;
                }
                var copy = match.DeepClone().AsObject();
                copy.Remove("clusterName");
                if (!includeTags) copy.Remove("tags");
                found.Add(copy);
            }
        }
        return AwsWire.Json(new JsonObject { ["containerInstances"] = found, ["failures"] = failures });
    }

    // ---------------------------------------------------------------- task definitions

    private AwsResponse ListTaskDefinitions(AwsCall call)
    {
        var pageSize = PageTokens.PageSize(call.Json.Int("maxResults"), defaultSize: 100, max: 100);
        // Despite its name, familyPrefix matches the family exactly (as AWS does).
        var family = call.Json.String("familyPrefix");
        var status = call.Json.String("status") ?? "ACTIVE";
        if (status is not ("ACTIVE" or "INACTIVE" or "DELETE_IN_PROGRESS"))
        {
            throw AwsServiceException.InvalidParameter($"Invalid status '{status}'. Valid values: ACTIVE, INACTIVE, DELETE_IN_PROGRESS.");
        }
        var sort = call.Json.String("sort") ?? "ASC";
        if (sort is not ("ASC" or "DESC"))
        {
            throw AwsServiceException.InvalidParameter($"Invalid sort '{sort}'. Valid values: ASC, DESC.");
        }

        var queryKey = $"ListTaskDefinitions|{call.AccountId}|{call.Region}|{family}|{status}|{sort}";
        var offset = PageTokens.ReadOffset(call.Json.String("nextToken"), queryKey);

        List<string> page;
        int total;
        lock (_estate.SyncRoot)
        {
            var matching = (_estate.FindRegion(call.AccountId, call.Region)?.TaskDefinitions.Items ?? [])
                .Where(d => d.Status == status && (family is null || d.Family == family));
            // Lexicographic by family, numeric by revision: newest revisions last (ASC) or first (DESC).
            var ordered = sort == "ASC"
                ? matching.OrderBy(d => d.Family, StringComparer.Ordinal).ThenBy(d => d.Revision)
                : matching.OrderByDescending(d => d.Family, StringComparer.Ordinal).ThenByDescending(d => d.Revision);
            var all = ordered.ToList();
            total = all.Count;
            page = all.Skip(offset).Take(pageSize).Select(d => d.Arn).ToList();
        }
        return ArnPage("taskDefinitionArns", page, PageTokens.Next(offset + page.Count, total, queryKey));
    }

    private AwsResponse DescribeTaskDefinition(AwsCall call)
    {
        var reference = call.Json.RequiredString("taskDefinition");
        var includeTags = Include(call, TagsOnly);

        TaskDefinitionEntry? entry;
        lock (_estate.SyncRoot)
        {
            var definitions = _estate.FindRegion(call.AccountId, call.Region)?.TaskDefinitions.Items ?? [];
            entry = FindTaskDefinition(definitions, reference, call);
        }
        if (entry is null)
        {
            throw new AwsServiceException(400, "ClientException", "Unable to describe task definition.");
        }

        var body = new JsonBodyBuilder().Raw("{").Property("taskDefinition", comma: false);
        entry.Json.WriteTo(body, includeTags: false);
        if (includeTags)
        {
            body.Property("tags").Raw(entry.TagsJson ?? "[]"u8.ToArray());
        }
        return body.Raw("}").ToResponse();
    }

    /// <summary>"family" (newest ACTIVE revision), "family:revision" or the full ARN.</summary>
    private static TaskDefinitionEntry? FindTaskDefinition(IReadOnlyList<TaskDefinitionEntry> definitions, string reference, AwsCall call)
    {
        if (IsArn(reference))
        {
            return definitions.FirstOrDefault(d => d.Arn == reference);
        }

        var colon = reference.LastIndexOf(':');
        if (colon > 0 && int.TryParse(reference[(colon + 1)..], out var revision))
        {
            var arn = AwsShapes.TaskDefinitionArn(call.AccountId, call.Region, reference[..colon], revision);
            return definitions.FirstOrDefault(d => d.Arn == arn);
        }

        return definitions.Where(d => d.Family == reference && d.Status == "ACTIVE").MaxBy(d => d.Revision);
    }

    // ---------------------------------------------------------------- shared

    /// <summary>The request's cluster (name or ARN; default "default"). Caller holds the estate lock.</summary>
    private ClusterEntry RequireCluster(AwsCall call) =>
        _estate.FindCluster(call.AccountId, call.Region, call.Json.String("cluster") ?? DefaultCluster)
        ?? throw new AwsServiceException(400, "ClusterNotFoundException", "Cluster not found.");

    private void CheckBatchLimit(int count, int limit, string member)
    {
        if (count > limit)
        {
            _stats.BatchLimitViolated();
            throw AwsServiceException.InvalidParameter(
                $"{char.ToUpperInvariant(member[0])}{member[1..]} cannot have more than {limit} elements; received {count}.");
        }
    }

    /// <summary>Validates <c>include</c> against <paramref name="allowed"/>; true when TAGS is requested.</summary>
    private static bool Include(AwsCall call, string[] allowed)
    {
        var include = call.Json.StringList("include") ?? [];
        foreach (var field in include)
        {
            if (!allowed.Contains(field))
            {
                throw AwsServiceException.InvalidParameter(
                    $"Invalid include value '{field}'. Valid values: {string.Join(", ", allowed)}.");
            }
        }
        return include.Contains("TAGS");
    }

    private static AwsResponse ArnPage(string member, List<string> arns, string? nextToken)
    {
        var body = new JsonBodyBuilder().Raw("{").Property(member, comma: false).Node(
            new JsonArray(arns.Select(a => (JsonNode?)a).ToArray()));
        if (nextToken is not null)
        {
            body.Property("nextToken").Node(nextToken);
        }
        return body.Raw("}").ToResponse();
    }

    private static AwsResponse DescribeResponse(string member, IEnumerable<StoredJson> entities, bool includeTags, JsonArray failures) =>
        new JsonBodyBuilder().Raw("{").Property(member, comma: false)
            .Array(entities, (b, e) => e.WriteTo(b, includeTags))
            .Property("failures").Node(failures)
            .Raw("}").ToResponse();

    private static JsonObject Missing(string arn) => new() { ["arn"] = arn, ["reason"] = "MISSING" };

    private static bool IsArn(string value) => value.StartsWith("arn:", StringComparison.Ordinal);
}
