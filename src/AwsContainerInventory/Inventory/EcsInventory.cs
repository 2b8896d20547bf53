using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using AwsContainerInventory.Exposure.Reachability;
using AwsContainerInventory.Wire;

namespace AwsContainerInventory.Inventory
{
    /// <summary>
    /// ECS clusters, services, tasks and task definitions of one (role × region) pair. Listings are paged by
    /// the session's PageSize; Describe calls take the API's largest batch and always include TAGS.
    /// </summary>
    internal static class EcsInventory
    {
        public const string Running = "RUNNING";
        public const string Stopped = "STOPPED";

        /// <summary>The <c>failures[].reason</c> of a Describe call for an item that does not exist.</summary>
        public const string Missing = "MISSING";

        public static async Task ReadClustersAsync(InventoryScope scope, NameFilter names, InventoryRun run, InventorySession session, CancellationToken cancellationToken)
        {
            IEcsClient ecs = scope.CreateEcsClient();
            if (names.LiteralsOnly)
            {
                // Named clusters need no listing: DescribeClusters takes names directly.
                run.WriteVerbose("ECS DescribeClusters " + string.Join(", ", names.Literals) + " in " + scope.Label + ".");
                await Task.WhenAll(Paging.Chunk(names.Literals, EcsLimits.DescribeClustersBatch)
                    .Select(batch => DescribeClustersAsync(ecs, batch, listed: false, scope, names, run, cancellationToken))).ConfigureAwait(false);
                return;
            }
            Func<IReadOnlyList<string>, Task> describe = batch => DescribeClustersAsync(ecs, batch, listed: true, scope, names, run, cancellationToken);
            run.WriteVerbose("ECS ListClusters in " + scope.Label + ".");
            await Paging.ListInBatchesAsync(token => ecs.ListClustersAsync(session.PageSize, token, cancellationToken),
                EcsLimits.DescribeClustersBatch, describe, session.ParallelRequests, cancellationToken,
                include: arn => names.Matches(ClusterNameFromArn(arn), arn)).ConfigureAwait(false);
        }

        public static Task ReadServicesAsync(InventoryScope scope, ClusterSelection clusters, InventoryRun run, InventorySession session, CancellationToken cancellationToken)
        {
            IEcsClient ecs = scope.CreateEcsClient();
            return ForEachClusterAsync(ecs, scope, clusters, run, session, cancellationToken,
                cluster => ReadServicesOfClusterAsync(ecs, cluster, scope, run, session, cancellationToken));
        }

        /// <summary>
        /// Tasks of the pair's selected clusters. With <paramref name="lookUpPublicIps"/>, their network interfaces'
        /// public IPs are resolved in batches across all of the pair's clusters (see <see cref="TaskPublicIpLookup"/>).
        /// </summary>
        public static Task ReadTasksAsync(InventoryScope scope, ClusterSelection clusters, bool includeStopped, bool lookUpPublicIps,
            InventoryRun run, InventorySession session, CancellationToken cancellationToken)
        {
            IEcsClient ecs = scope.CreateEcsClient();
            string[] statuses = includeStopped ? new[] { Running, Stopped } : new[] { Running };
            TaskPublicIpLookup? publicIps = lookUpPublicIps ? new TaskPublicIpLookup(scope, run, cancellationToken) : null;
            Func<EcsTask, Task> emit = publicIps != null ? publicIps.AddAsync : task => run.WriteRecordAsync(task, "tasks");
            return WithPublicIpsAsync(publicIps, cancellationToken, () => ForEachClusterAsync(ecs, scope, clusters, run, session, cancellationToken,
                cluster => ReadTasksOfClusterAsync(ecs, cluster, statuses, emit, scope, run, session, cancellationToken)));
        }

        /// <summary>
        /// RUNNING tasks of every cluster of the pair, handed to <paramref name="onTask"/> instead of the pipeline and
        /// without public-IP lookups: what Get-EcrImage -InUse reads its digests from.
        /// </summary>
        public static Task ReadRunningTasksAsync(InventoryScope scope, Func<EcsTask, Task> onTask, InventoryRun run, InventorySession session, CancellationToken cancellationToken)
        {
            IEcsClient ecs = scope.CreateEcsClient();
            string[] running = { Running };
            return ForEachClusterAsync(ecs, scope, new ClusterSelection(null), run, session, cancellationToken,
                cluster => ReadTasksOfClusterAsync(ecs, cluster, running, onTask, scope, run, session, cancellationToken));
        }

        /// <summary>
        /// Services and RUNNING tasks (with their public IPs) of every cluster of the pair, from one cluster listing:
        /// what Get-ContainerExposure reads.
        /// </summary>
        /// <param name="observer">Also told each task as described and each interface as EC2 described it (reachability).</param>
        public static Task ReadServicesAndTasksAsync(InventoryScope scope, InventoryRun run, InventorySession session, CancellationToken cancellationToken,
            ITaskNetworkObserver? observer = null)
        {
            IEcsClient ecs = scope.CreateEcsClient();
            string[] running = { Running };
            var publicIps = new TaskPublicIpLookup(scope, run, cancellationToken, observer);
            return WithPublicIpsAsync(publicIps, cancellationToken, () => ForEachClusterAsync(ecs, scope, new ClusterSelection(null), run, session, cancellationToken,
                cluster => Task.WhenAll(
                    ReadServicesOfClusterAsync(ecs, cluster, scope, run, session, cancellationToken),
                    ReadTasksOfClusterAsync(ecs, cluster, running, publicIps.AddAsync, scope, run, session, cancellationToken, observer))));
        }

        private static async Task ReadServicesOfClusterAsync(IEcsClient ecs, string cluster, InventoryScope scope, InventoryRun run, InventorySession session, CancellationToken cancellationToken)
        {
            run.WriteVerbose("ECS ListServices in cluster " + cluster + ", " + scope.Label + ".");
            await Paging.ListInBatchesAsync(token => ecs.ListServicesAsync(cluster, session.PageSize, token, cancellationToken),
                EcsLimits.DescribeServicesBatch, async batch =>
                {
                    DescribeResult result = await ecs.DescribeServicesAsync(cluster, batch, cancellationToken).ConfigureAwait(false);
                    ReportFailures(result, scope, run, "DescribeServices", "service");
                    foreach (JsonElement service in result.Items)
                        await run.WriteRecordAsync(EcsServiceMapping.FromApi(service, scope.Region, DateTime.UtcNow), "services").ConfigureAwait(false);
                }, session.ParallelRequests, cancellationToken).ConfigureAwait(false);
        }

        private static Task ReadTasksOfClusterAsync(IEcsClient ecs, string cluster, string[] statuses, Func<EcsTask, Task> emit,
            InventoryScope scope, InventoryRun run, InventorySession session, CancellationToken cancellationToken, ITaskNetworkObserver? observer = null)
        {
            // A task that stops between the RUNNING and the STOPPED listing is in both: it is described and written once.
            var listed = statuses.Length > 1 ? new ConcurrentDictionary<string, byte>(StringComparer.Ordinal) : null;
            Func<string, bool>? firstListing = listed == null ? null : arn => listed.TryAdd(arn, 0);
            return Task.WhenAll(statuses.Select(async status =>
            {
                run.WriteVerbose("ECS ListTasks (" + status + ") in cluster " + cluster + ", " + scope.Label + ".");
                await Paging.ListInBatchesAsync(token => ecs.ListTasksAsync(cluster, status, session.PageSize, token, cancellationToken),
                    EcsLimits.DescribeTasksBatch, async batch =>
                    {
                        DescribeResult result = await ecs.DescribeTasksAsync(cluster, batch, cancellationToken).ConfigureAwait(false);
                        ReportFailures(result, scope, run, "DescribeTasks", "task");
                        foreach (JsonElement item in result.Items)
                        {
                            observer?.OnTask(item);
                            await emit(EcsTaskMapping.FromApi(item, scope.Region, DateTime.UtcNow)).ConfigureAwait(false);
                        }
                    }, session.ParallelRequests, cancellationToken, include: firstListing).ConfigureAwait(false);
            }));
        }

        /// <summary>Runs the pair's task reading, then resolves and writes the tasks still waiting for their public IPs.</summary>
        private static async Task WithPublicIpsAsync(TaskPublicIpLookup? publicIps, CancellationToken cancellationToken, Func<Task> readTasks)
        {
            try
            {
                await readTasks().ConfigureAwait(false);
            }
            finally
            {
                // Tasks already described are written even when a later call of the pair failed.
                if (publicIps != null && !cancellationToken.IsCancellationRequested) await publicIps.FlushAsync().ConfigureAwait(false);
            }
        }

        /// <param name="include">Which listed task definition ARNs to describe (null: all).</param>
        public static Task ReadTaskDefinitionsAsync(InventoryScope scope, string? familyPrefix, InventoryRun run, InventorySession session, CancellationToken cancellationToken,
            Func<string, bool>? include = null)
        {
            IEcsClient ecs = scope.CreateEcsClient();
            run.WriteVerbose("ECS ListTaskDefinitions" + (familyPrefix == null ? string.Empty : " (family " + familyPrefix + ")") + " in " + scope.Label + ".");
            return Paging.ListInBatchesAsync(token => ecs.ListTaskDefinitionsAsync(familyPrefix, session.PageSize, token, cancellationToken),
                batchSize: 1, batch => DescribeTaskDefinitionAsync(ecs, batch[0], scope, run, cancellationToken), session.ParallelRequests, cancellationToken, include);
        }

        /// <summary>The named task definitions (ARNs) of the pair, one DescribeTaskDefinition each, concurrently.</summary>
        public static Task DescribeTaskDefinitionsAsync(InventoryScope scope, IReadOnlyList<string> taskDefinitionArns, InventoryRun run, InventorySession session,
            CancellationToken cancellationToken, ITaskNetworkObserver? observer = null)
        {
            if (taskDefinitionArns.Count == 0) return Task.CompletedTask;
            IEcsClient ecs = scope.CreateEcsClient();
            run.WriteVerbose("ECS DescribeTaskDefinition for " + taskDefinitionArns.Count + " task definition(s) in use in " + scope.Label + ".");
            return Paging.ListInBatchesAsync(_ => Task.FromResult(new ApiPage<string>(taskDefinitionArns, null)),
                batchSize: 1, batch => DescribeTaskDefinitionAsync(ecs, batch[0], scope, run, cancellationToken, observer), session.ParallelRequests, cancellationToken);
        }

        private static async Task DescribeTaskDefinitionAsync(IEcsClient ecs, string taskDefinition, InventoryScope scope, InventoryRun run, CancellationToken cancellationToken,
            ITaskNetworkObserver? observer = null)
        {
            TaskDefinitionResult result;
            try
            {
                result = await ecs.DescribeTaskDefinitionAsync(taskDefinition, cancellationToken).ConfigureAwait(false);
            }
            catch (AwsServiceException error) when (!cancellationToken.IsCancellationRequested)
            {
                run.WriteError(InventoryErrors.ItemFailed(error, scope, "Describing task definition", taskDefinition));
                return;
            }
            observer?.OnTaskDefinition(result.TaskDefinition);
            await run.WriteRecordAsync(EcsTaskDefinitionMapping.FromApi(result.TaskDefinition, result.Tags, scope.Region, DateTime.UtcNow), "task definitions").ConfigureAwait(false);
        }

        /// <summary>The name part of <c>arn:aws:ecs:region:account:cluster/NAME</c>.</summary>
        public static string ClusterNameFromArn(string arnOrName)
        {
            int slash = arnOrName.LastIndexOf('/');
            return arnOrName.StartsWith("arn:", StringComparison.Ordinal) && slash >= 0 ? arnOrName.Substring(slash + 1) : arnOrName;
        }

        /// <summary>
        /// Describes one batch: <paramref name="listed"/> ARNs from ListClusters, or the names and ARNs given. Every
        /// failure of a listed cluster is an error naming it; of a given one, MISSING just means this pair has no
        /// such cluster (the cmdlet reports names found nowhere) and any other reason is an error.
        /// </summary>
        private static async Task DescribeClustersAsync(IEcsClient ecs, IReadOnlyList<string> batch, bool listed, InventoryScope scope, NameFilter names,
            InventoryRun run, CancellationToken cancellationToken)
        {
            DescribeResult result = await ecs.DescribeClustersAsync(batch, cancellationToken).ConfigureAwait(false);
            foreach (var failure in result.Failures)
            {
                if (!listed)
                {
                    if (failure.Value == Missing) continue;
                    names.MarkUndecided(failure.Key, ClusterNameFromArn(failure.Key));
                }
                run.WriteError(InventoryErrors.NotDescribed(scope, "ECS DescribeClusters", "cluster", failure.Key, failure.Value));
            }
            foreach (JsonElement cluster in result.Items)
            {
                names.Matches(ApiValues.String(cluster, "clusterName"), ApiValues.String(cluster, "clusterArn"));
                await run.WriteRecordAsync(EcsClusterMapping.FromApi(cluster, scope.Region, DateTime.UtcNow), "clusters").ConfigureAwait(false);
            }
        }

        /// <summary>
        /// Runs <paramref name="perCluster"/> for each selected cluster of the pair: every cluster (listed), the
        /// wildcard matches (listed and filtered), or the given names and ARNs directly. A named cluster the
        /// pair does not have is not an error here; the cmdlet reports names found nowhere.
        /// </summary>
        private static async Task ForEachClusterAsync(IEcsClient ecs, InventoryScope scope, ClusterSelection clusters, InventoryRun run,
            InventorySession session, CancellationToken cancellationToken, Func<string, Task> perCluster)
        {
            async Task Guarded(string cluster, string? literal)
            {
                try
                {
                    await perCluster(cluster).ConfigureAwait(false);
                    if (literal != null) clusters.Names.MarkFound(literal);
                }
                catch (AwsServiceException error) when (error.ErrorCode == "ClusterNotFoundException")
                {
                    if (literal == null) run.WriteError(InventoryErrors.ItemFailed(error, scope, "Reading cluster", cluster));
                }
                catch (AwsServiceException error) when (!cancellationToken.IsCancellationRequested)
                {
                    if (literal != null) clusters.Names.MarkUndecided(literal);
                    run.WriteError(InventoryErrors.ItemFailed(error, scope, "Reading cluster", cluster));
                }
            }

            var direct = clusters.Names.Literals.Where(c => clusters.Applies(c, scope)).ToList();
            Task directWork = Task.WhenAll(direct.Select(c => Guarded(c, c)));
            if (clusters.NeedsListing)
            {
                run.WriteVerbose("ECS ListClusters in " + scope.Label + ".");
                await Paging.ListInBatchesAsync(token => ecs.ListClustersAsync(session.PageSize, token, cancellationToken),
                    batchSize: 1, batch => Guarded(batch[0], null), session.ParallelRequests, cancellationToken,
                    include: arn => clusters.MatchesListed(arn)).ConfigureAwait(false);
            }
            await directWork.ConfigureAwait(false);
        }

        /// <summary>Services and tasks are always listed first, so each failure of their Describe call is an error naming the item.</summary>
        private static void ReportFailures(DescribeResult result, InventoryScope scope, InventoryRun run, string operation, string what)
        {
            foreach (var failure in result.Failures)
                run.WriteError(InventoryErrors.NotDescribed(scope, "ECS " + operation, what, failure.Key, failure.Value));
        }
    }

    /// <summary>The clusters a Get-EcsService / Get-EcsTask run covers: all, wildcard matches, names or ARNs.</summary>
    internal sealed class ClusterSelection
    {
        public ClusterSelection(IEnumerable<string>? clusters) => Names = new NameFilter(clusters);

        public NameFilter Names { get; }

        /// <summary>True when clusters must be listed: none named, or wildcards given.</summary>
        public bool NeedsListing => Names.MatchesAll || !Names.LiteralsOnly;

        /// <summary>A listed cluster ARN is selected when nothing was named or a wildcard matches its name.</summary>
        public bool MatchesListed(string arn)
        {
            if (Names.MatchesAll) return true;
            string name = EcsInventory.ClusterNameFromArn(arn);
            // Literals are handled directly; here only wildcards count, so a literal is not read twice.
            return !Names.Literals.Any(l => string.Equals(l, name, StringComparison.OrdinalIgnoreCase) || string.Equals(l, arn, StringComparison.Ordinal))
                && Names.Matches(name, arn);
        }

        /// <summary>A name applies to every pair; an ARN only to the pair of its region and account.</summary>
        public bool Applies(string cluster, InventoryScope scope) => NameFilter.AppliesTo(cluster, scope.Region, scope.AccountId);
    }
}
