using System.Text.Json.Nodes;

namespace AwsContainerInventory.TestEndpoint;

/// <summary>ECS clusters, services, tasks (with the ENIs their attachments register) and task definitions.</summary>
public sealed partial class Estate
{
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
}
