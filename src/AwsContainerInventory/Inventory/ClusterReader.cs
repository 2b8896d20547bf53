using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using AwsContainerInventory.Wire;

namespace AwsContainerInventory.Inventory
{
    /// <summary>
    /// ECS clusters of one (role × region) pair: Get-EcsCluster's records, and the cluster walk the service and task
    /// readers run their work in. Listings are paged by the session's PageSize; DescribeClusters takes the API's
    /// largest batch and always includes TAGS.
    /// </summary>
    internal sealed class ClusterReader
    {
        public const string RecordCountName = "clusters";

        /// <summary>The <c>failures[].reason</c> of a Describe call for an item that does not exist.</summary>
        public const string Missing = "MISSING";

        private readonly InventoryContext _context;

        public ClusterReader(InventoryContext context) => _context = context;

        /// <summary>The name part of <c>arn:aws:ecs:region:account:cluster/NAME</c>.</summary>
        public static string NameFromArn(string arnOrName)
        {
            int slash = arnOrName.LastIndexOf('/');
            return arnOrName.StartsWith("arn:", StringComparison.Ordinal) && slash >= 0 ? arnOrName.Substring(slash + 1) : arnOrName;
        }

        /// <summary>Get-EcsCluster: the clusters <paramref name="names"/> selects, described.</summary>
        public async Task ReadAsync(NameFilter names)
        {
            IEcsClient ecs = _context.Ecs;
            if (names.LiteralsOnly)
            {
                // Named clusters need no listing: DescribeClusters takes names directly.
                if (_context.Run.VerboseShown) _context.Run.WriteVerbose("ECS DescribeClusters " + string.Join(", ", names.Literals) + " in " + _context.Label + ".");
                await Task.WhenAll(Paging.Chunk(names.Literals, EcsLimits.DescribeClustersBatch)
                    .Select(batch => DescribeAsync(batch, listed: false, names))).ConfigureAwait(false);
                return;
            }
            if (_context.Run.VerboseShown) _context.Run.WriteVerbose("ECS ListClusters in " + _context.Label + ".");
            await _context.ListInBatchesAsync(token => ecs.ListClustersAsync(_context.PageSize, token, _context.CancellationToken),
                EcsLimits.DescribeClustersBatch, batch => DescribeAsync(batch, listed: true, names),
                include: arn => names.Matches(NameFromArn(arn), arn)).ConfigureAwait(false);
        }

        /// <summary>
        /// Runs <paramref name="perCluster"/> for each selected cluster of the pair: every cluster (listed), the
        /// wildcard matches (listed and filtered), or the given names and ARNs directly. A named cluster the
        /// pair does not have is not an error here; the cmdlet reports names found nowhere.
        /// </summary>
        public async Task ForEachSelectedAsync(ClusterSelection clusters, Func<string, Task> perCluster)
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
                    if (literal == null) _context.Run.WriteError(InventoryErrors.ItemFailed(error, _context.Scope, "Reading cluster", cluster));
                }
                catch (AwsServiceException error) when (!_context.IsCancelled)
                {
                    if (literal != null) clusters.Names.MarkUndecided(literal);
                    _context.Run.WriteError(InventoryErrors.ItemFailed(error, _context.Scope, "Reading cluster", cluster));
                }
            }

            var direct = clusters.Names.Literals.Where(c => clusters.Applies(c, _context.Scope)).ToList();
            Task directWork = Task.WhenAll(direct.Select(c => Guarded(c, c)));
            if (clusters.NeedsListing)
            {
                IEcsClient ecs = _context.Ecs;
                if (_context.Run.VerboseShown) _context.Run.WriteVerbose("ECS ListClusters in " + _context.Label + ".");
                await _context.ListInBatchesAsync(token => ecs.ListClustersAsync(_context.PageSize, token, _context.CancellationToken),
                    batchSize: 1, batch => Guarded(batch[0], null), include: clusters.MatchesListed).ConfigureAwait(false);
            }
            await directWork.ConfigureAwait(false);
        }

        /// <summary>
        /// Describes one batch: <paramref name="listed"/> ARNs from ListClusters, or the names and ARNs given. Every
        /// failure of a listed cluster is an error naming it; of a given one, MISSING just means this pair has no
        /// such cluster (the cmdlet reports names found nowhere) and any other reason is an error.
        /// </summary>
        private async Task DescribeAsync(IReadOnlyList<string> batch, bool listed, NameFilter names)
        {
            DescribeResult result = await _context.Ecs.DescribeClustersAsync(batch, _context.CancellationToken).ConfigureAwait(false);
            foreach (var failure in result.Failures)
            {
                if (!listed)
                {
                    if (failure.Value == Missing) continue;
                    names.MarkUndecided(failure.Key, NameFromArn(failure.Key));
                }
                _context.Run.WriteError(InventoryErrors.NotDescribed(_context.Scope, "ECS DescribeClusters", "cluster", failure.Key, failure.Value));
            }
            foreach (JsonElement cluster in result.Items)
            {
                names.Matches(ApiValues.String(cluster, "clusterName"), ApiValues.String(cluster, "clusterArn"));
                await _context.Run.WriteRecordAsync(EcsClusterMapping.FromApi(cluster, _context.Region, DateTime.UtcNow), RecordCountName).ConfigureAwait(false);
            }
        }
    }
}
