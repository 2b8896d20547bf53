using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading.Tasks;
using AwsContainerInventory.Exposure.Reachability;
using AwsContainerInventory.Wire;

namespace AwsContainerInventory.Inventory
{
    /// <summary>
    /// ECS tasks of one (role × region) pair: ListTasks per selected cluster and desired status, paged by the session's
    /// PageSize, DescribeTasks in the API's largest batch (with TAGS); public IPs, when asked for, resolved in batches
    /// across all of the pair's clusters (see <see cref="TaskPublicIpLookup"/>).
    /// </summary>
    internal sealed class TaskReader
    {
        public const string RecordCountName = "tasks";
        public const string Running = "RUNNING";
        public const string Stopped = "STOPPED";

        private static readonly string[] RunningOnly = { Running };
        private static readonly string[] RunningAndStopped = { Running, Stopped };

        private readonly InventoryContext _context;
        private readonly ITaskNetworkObserver? _observer;

        /// <param name="observer">Also told each task as described and each interface as EC2 described it (reachability).</param>
        public TaskReader(InventoryContext context, ITaskNetworkObserver? observer = null)
        {
            _context = context;
            _observer = observer;
        }

        /// <summary>Get-EcsTask: the tasks of the selected clusters, with their public IPs when <paramref name="lookUpPublicIps"/>.</summary>
        public Task ReadAsync(ClusterSelection clusters, bool includeStopped, bool lookUpPublicIps)
        {
            string[] statuses = includeStopped ? RunningAndStopped : RunningOnly;
            TaskPublicIpLookup? publicIps = lookUpPublicIps ? new TaskPublicIpLookup(_context, _observer) : null;
            Func<EcsTask, Task> emit = publicIps != null ? publicIps.AddAsync : task => _context.Run.WriteRecordAsync(task, RecordCountName);
            return WithPublicIpsAsync(publicIps, () => new ClusterReader(_context).ForEachSelectedAsync(clusters,
                cluster => ReadClusterAsync(cluster, statuses, emit)));
        }

        /// <summary>
        /// RUNNING tasks of every cluster of the pair, handed to <paramref name="onTask"/> instead of the pipeline and
        /// without public-IP lookups: what Get-EcrImage -InUse reads its digests from.
        /// </summary>
        public Task ReadRunningAsync(Func<EcsTask, Task> onTask) =>
            new ClusterReader(_context).ForEachSelectedAsync(ClusterSelection.Every(), cluster => ReadClusterAsync(cluster, RunningOnly, onTask));

        /// <summary>
        /// RUNNING tasks (with their public IPs) of every cluster of the pair, and <paramref name="alongside"/> for each
        /// cluster from the same listing: what Get-ContainerExposure reads (its services alongside).
        /// </summary>
        public Task ReadRunningWithPublicIpsAsync(Func<string, Task> alongside)
        {
            var publicIps = new TaskPublicIpLookup(_context, _observer);
            return WithPublicIpsAsync(publicIps, () => new ClusterReader(_context).ForEachSelectedAsync(ClusterSelection.Every(),
                cluster => Task.WhenAll(alongside(cluster), ReadClusterAsync(cluster, RunningOnly, publicIps.AddAsync))));
        }

        private Task ReadClusterAsync(string cluster, string[] statuses, Func<EcsTask, Task> emit)
        {
            IEcsClient ecs = _context.Ecs;
            // A task that stops between the RUNNING and the STOPPED listing is in both: it is described and written once.
            var listed = statuses.Length > 1 ? new ConcurrentDictionary<string, byte>(StringComparer.Ordinal) : null;
            Func<string, bool>? firstListing = listed == null ? null : arn => listed.TryAdd(arn, 0);
            return Task.WhenAll(statuses.Select(async status =>
            {
                if (_context.Run.VerboseShown) _context.Run.WriteVerbose("ECS ListTasks (" + status + ") in cluster " + cluster + ", " + _context.Label + ".");
                await _context.ListInBatchesAsync(token => ecs.ListTasksAsync(cluster, status, _context.PageSize, token, _context.CancellationToken),
                    EcsLimits.DescribeTasksBatch, async batch =>
                    {
                        // Each task mapped (and told to the observer) while the answer's document is alive.
                        DescribeResult<EcsTask> result = await ecs.DescribeTasksAsync(cluster, batch, item =>
                        {
                            _observer?.OnTask(item);
                            return EcsTaskMapping.FromApi(item, _context.Region, DateTime.UtcNow);
                        }, _context.CancellationToken).ConfigureAwait(false);
                        _context.WriteNotDescribed(result, "ECS DescribeTasks", "task");
                        foreach (EcsTask task in result.Items)
                            await emit(task).ConfigureAwait(false);
                    }, include: firstListing).ConfigureAwait(false);
            }));
        }

        /// <summary>Runs the pair's task reading, then resolves and writes the tasks still waiting for their public IPs.</summary>
        private async Task WithPublicIpsAsync(TaskPublicIpLookup? publicIps, Func<Task> readTasks)
        {
            try
            {
                await readTasks().ConfigureAwait(false);
            }
            finally
            {
                // Tasks already described are written even when a later call of the pair failed.
                if (publicIps != null && !_context.IsCancelled) await publicIps.FlushAsync().ConfigureAwait(false);
            }
        }
    }
}
