using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace AwsContainerInventory.Wire
{
    /// <summary>Amazon ECS over AWS JSON 1.1.</summary>
    internal sealed class EcsClient : AwsJsonClient, IEcsClient
    {
        private const string TargetPrefix = "AmazonEC2ContainerServiceV20141113.";
        private static readonly string[] IncludeTags = { "TAGS" };

        public EcsClient(AwsTransport transport, Uri endpoint, string region, ICredentialProvider credentials, ICallObserver? observer)
            : base("ecs", TargetPrefix, transport, endpoint, region, credentials, observer)
        {
        }

        public Task<ApiPage<string>> ListClustersAsync(int maxResults, string? nextToken, CancellationToken cancellationToken) =>
            ListAsync("ListClusters", "clusterArns", w => { }, maxResults, nextToken, cancellationToken);

        public Task<DescribeResult> DescribeClustersAsync(IReadOnlyList<string> clusters, CancellationToken cancellationToken)
        {
            CheckBatch(clusters, EcsLimits.DescribeClustersBatch, nameof(clusters));
            byte[] body = JsonWire.Body(w =>
            {
                w.WriteStringArray("clusters", clusters);
                w.WriteStringArray("include", IncludeTags);
            });
            return SendAsync("DescribeClusters", body, root => ReadDescribe(root, "clusters"), cancellationToken);
        }

        public Task<ApiPage<string>> ListServicesAsync(string cluster, int maxResults, string? nextToken, CancellationToken cancellationToken) =>
            ListAsync("ListServices", "serviceArns", w => w.WriteString("cluster", cluster), maxResults, nextToken, cancellationToken);

        public Task<DescribeResult> DescribeServicesAsync(string cluster, IReadOnlyList<string> services, CancellationToken cancellationToken)
        {
            CheckBatch(services, EcsLimits.DescribeServicesBatch, nameof(services));
            byte[] body = JsonWire.Body(w =>
            {
                w.WriteString("cluster", cluster);
                w.WriteStringArray("services", services);
                w.WriteStringArray("include", IncludeTags);
            });
            return SendAsync("DescribeServices", body, root => ReadDescribe(root, "services"), cancellationToken);
        }

        public Task<ApiPage<string>> ListTasksAsync(string cluster, string desiredStatus, int maxResults, string? nextToken, CancellationToken cancellationToken) =>
            ListAsync("ListTasks", "taskArns", w =>
            {
                w.WriteString("cluster", cluster);
                w.WriteString("desiredStatus", desiredStatus);
            }, maxResults, nextToken, cancellationToken);

        public Task<DescribeResult> DescribeTasksAsync(string cluster, IReadOnlyList<string> tasks, CancellationToken cancellationToken)
        {
            CheckBatch(tasks, EcsLimits.DescribeTasksBatch, nameof(tasks));
            return SendAsync("DescribeTasks", DescribeTasksBody(cluster, tasks), root => ReadDescribe(root, "tasks"), cancellationToken);
        }

        private static byte[] DescribeTasksBody(string cluster, IReadOnlyList<string> tasks) => JsonWire.Body(w =>
        {
            w.WriteString("cluster", cluster);
            w.WriteStringArray("tasks", tasks);
            w.WriteStringArray("include", IncludeTags);
        });

        public Task<DescribeResult<T>> DescribeTasksAsync<T>(string cluster, IReadOnlyList<string> tasks, Func<JsonElement, T> map, CancellationToken cancellationToken)
        {
            CheckBatch(tasks, EcsLimits.DescribeTasksBatch, nameof(tasks));
            byte[] body = DescribeTasksBody(cluster, tasks);
            return SendAsync("DescribeTasks", body, root =>
            {
                // Mapped in place while the document is alive: no detached copy of each task, nothing of the page kept.
                var items = new List<T>();
                if (root.TryGetProperty("tasks", out JsonElement array) && array.ValueKind == JsonValueKind.Array)
                {
                    items.Capacity = array.GetArrayLength();
                    foreach (JsonElement task in array.EnumerateArray()) items.Add(map(task));
                }
                return new DescribeResult<T>(items, Failures(root));
            }, cancellationToken);
        }

        public Task<DescribeResult> DescribeContainerInstancesAsync(string cluster, IReadOnlyList<string> containerInstances, CancellationToken cancellationToken)
        {
            CheckBatch(containerInstances, EcsLimits.DescribeContainerInstancesBatch, nameof(containerInstances));
            byte[] body = JsonWire.Body(w =>
            {
                w.WriteString("cluster", cluster);
                w.WriteStringArray("containerInstances", containerInstances);
            });
            return SendAsync("DescribeContainerInstances", body, root => ReadDescribe(root, "containerInstances"), cancellationToken);
        }

        public Task<ApiPage<string>> ListTaskDefinitionsAsync(string? familyPrefix, int maxResults, string? nextToken, CancellationToken cancellationToken) =>
            ListAsync("ListTaskDefinitions", "taskDefinitionArns", w => w.WriteOptionalString("familyPrefix", familyPrefix), maxResults, nextToken, cancellationToken);

        public Task<TaskDefinitionResult> DescribeTaskDefinitionAsync(string taskDefinition, CancellationToken cancellationToken)
        {
            byte[] body = JsonWire.Body(w =>
            {
                w.WriteString("taskDefinition", taskDefinition);
                w.WriteStringArray("include", IncludeTags);
            });
            return SendAsync("DescribeTaskDefinition", body, root =>
            {
                if (!root.TryGetProperty("taskDefinition", out JsonElement definition) || definition.ValueKind != JsonValueKind.Object)
                    throw new JsonException("DescribeTaskDefinition returned no taskDefinition.");
                JsonElement? tags = root.TryGetProperty("tags", out JsonElement t) && t.ValueKind == JsonValueKind.Array ? t.Clone() : (JsonElement?)null;
                return new TaskDefinitionResult(definition.Clone(), tags);
            }, cancellationToken);
        }

        private Task<ApiPage<string>> ListAsync(string operation, string member, Action<Utf8JsonWriter> writeFilters, int maxResults, string? nextToken, CancellationToken cancellationToken)
        {
            byte[] body = JsonWire.Body(w =>
            {
                writeFilters(w);
                w.WriteNumber("maxResults", maxResults);
                w.WriteOptionalString("nextToken", nextToken);
            });
            return SendAsync(operation, body, root => new ApiPage<string>(JsonWire.StringArray(root, member), JsonWire.String(root, "nextToken")), cancellationToken);
        }

        private static DescribeResult ReadDescribe(JsonElement root, string member) => new DescribeResult(JsonWire.Array(root, member), Failures(root));

        private static IReadOnlyList<KeyValuePair<string, string>> Failures(JsonElement root)
        {
            if (!root.TryGetProperty("failures", out JsonElement array) || array.ValueKind != JsonValueKind.Array || array.GetArrayLength() == 0)
                return Array.Empty<KeyValuePair<string, string>>();
            var failures = new List<KeyValuePair<string, string>>();
            foreach (JsonElement failure in array.EnumerateArray())
                failures.Add(new KeyValuePair<string, string>(JsonWire.String(failure, "arn") ?? string.Empty, JsonWire.String(failure, "reason") ?? "UNKNOWN"));
            return failures;
        }

        private static void CheckBatch(IReadOnlyList<string> items, int limit, string name)
        {
            if (items.Count == 0 || items.Count > limit)
                throw new ArgumentOutOfRangeException(name, items.Count, "A batch holds 1 to " + limit + " items.");
        }
    }
}
