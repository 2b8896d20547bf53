using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace AwsContainerInventory.Wire
{
    /// <summary>
    /// The Amazon ECS calls the inventory makes, in the API's own JSON shapes (botocore's ecs 2014-11-13 model).
    /// Describe calls always ask for tags (<c>include: ["TAGS"]</c>) so no separate tag calls are needed.
    /// </summary>
    internal interface IEcsClient
    {
        Task<ApiPage<string>> ListClustersAsync(int maxResults, string? nextToken, CancellationToken cancellationToken);

        /// <summary>At most <see cref="EcsLimits.DescribeClustersBatch"/> names or ARNs.</summary>
        Task<DescribeResult> DescribeClustersAsync(IReadOnlyList<string> clusters, CancellationToken cancellationToken);

        Task<ApiPage<string>> ListServicesAsync(string cluster, int maxResults, string? nextToken, CancellationToken cancellationToken);

        /// <summary>At most <see cref="EcsLimits.DescribeServicesBatch"/> names or ARNs.</summary>
        Task<DescribeResult> DescribeServicesAsync(string cluster, IReadOnlyList<string> services, CancellationToken cancellationToken);

        /// <summary><paramref name="desiredStatus"/> is RUNNING or STOPPED.</summary>
        Task<ApiPage<string>> ListTasksAsync(string cluster, string desiredStatus, int maxResults, string? nextToken, CancellationToken cancellationToken);

        /// <summary>At most <see cref="EcsLimits.DescribeTasksBatch"/> task ARNs.</summary>
        Task<DescribeResult> DescribeTasksAsync(string cluster, IReadOnlyList<string> tasks, CancellationToken cancellationToken);

        /// <summary>
        /// DescribeTasks, each task handed to <paramref name="map"/> while the answer's document is alive (no copy of it
        /// is made); the element is valid only during that call.
        /// </summary>
        Task<DescribeResult<T>> DescribeTasksAsync<T>(string cluster, IReadOnlyList<string> tasks, Func<JsonElement, T> map, CancellationToken cancellationToken);

        Task<ApiPage<string>> ListTaskDefinitionsAsync(string? familyPrefix, int maxResults, string? nextToken, CancellationToken cancellationToken);

        /// <summary>At most <see cref="EcsLimits.DescribeContainerInstancesBatch"/> container instance ARNs of one cluster.</summary>
        Task<DescribeResult> DescribeContainerInstancesAsync(string cluster, IReadOnlyList<string> containerInstances, CancellationToken cancellationToken);

        /// <summary>The <c>taskDefinition</c> object and the response's top-level <c>tags</c>.</summary>
        Task<TaskDefinitionResult> DescribeTaskDefinitionAsync(string taskDefinition, CancellationToken cancellationToken);
    }

    /// <summary>The API's batch limits.</summary>
    internal static class EcsLimits
    {
        public const int DescribeClustersBatch = 100;
        public const int DescribeServicesBatch = 10;
        public const int DescribeTasksBatch = 100;
        public const int DescribeContainerInstancesBatch = 100;
    }

    /// <summary>What a Describe call returned: the objects found (each a detached copy) and the <c>failures</c>.</summary>
    internal sealed class DescribeResult : DescribeResult<JsonElement>
    {
        public DescribeResult(IReadOnlyList<JsonElement> items, IReadOnlyList<KeyValuePair<string, string>> failures)
            : base(items, failures)
        {
        }
    }

    internal sealed class TaskDefinitionResult
    {
        public TaskDefinitionResult(JsonElement taskDefinition, JsonElement? tags)
        {
            TaskDefinition = taskDefinition;
            Tags = tags;
        }

        public JsonElement TaskDefinition { get; }
        public JsonElement? Tags { get; }
    }
}
