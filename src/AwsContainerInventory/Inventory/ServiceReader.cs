using System;
using System.Text.Json;
using System.Threading.Tasks;
using AwsContainerInventory.Wire;

namespace AwsContainerInventory.Inventory
{
    /// <summary>
    /// ECS services of one (role × region) pair: ListServices per selected cluster, paged by the session's PageSize,
    /// DescribeServices in the API's largest batch (with TAGS).
    /// </summary>
    internal sealed class ServiceReader
    {
        public const string RecordCountName = "services";

        private readonly InventoryContext _context;

        public ServiceReader(InventoryContext context) => _context = context;

        /// <summary>Get-EcsService: the services of the selected clusters.</summary>
        public Task ReadAsync(ClusterSelection clusters) =>
            new ClusterReader(_context).ForEachSelectedAsync(clusters, ReadClusterAsync);

        /// <summary>The services of one cluster (a name or ARN).</summary>
        public async Task ReadClusterAsync(string cluster)
        {
            IEcsClient ecs = _context.Ecs;
            if (_context.Run.VerboseShown) _context.Run.WriteVerbose("ECS ListServices in cluster " + cluster + ", " + _context.Label + ".");
            await _context.ListInBatchesAsync(token => ecs.ListServicesAsync(cluster, _context.PageSize, token, _context.CancellationToken),
                EcsLimits.DescribeServicesBatch, async batch =>
                {
                    DescribeResult result = await ecs.DescribeServicesAsync(cluster, batch, _context.CancellationToken).ConfigureAwait(false);
                    _context.WriteNotDescribed(result, "ECS DescribeServices", "service");
                    foreach (JsonElement service in result.Items)
                        await _context.Run.WriteRecordAsync(EcsServiceMapping.FromApi(service, _context.Region, DateTime.UtcNow), RecordCountName).ConfigureAwait(false);
                }).ConfigureAwait(false);
        }
    }
}
