using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using AwsContainerInventory.Exposure.Reachability;
using AwsContainerInventory.Wire;

namespace AwsContainerInventory.Inventory
{
    /// <summary>
    /// ECS task definitions of one (role × region) pair: listed (paged by the session's PageSize) or named, one
    /// DescribeTaskDefinition (with TAGS) each, concurrently within the session's cap.
    /// </summary>
    internal sealed class TaskDefinitionReader
    {
        public const string RecordCountName = "task definitions";

        private readonly InventoryContext _context;
        private readonly ITaskNetworkObserver? _observer;

        /// <param name="observer">Also told each task definition as described (reachability).</param>
        public TaskDefinitionReader(InventoryContext context, ITaskNetworkObserver? observer = null)
        {
            _context = context;
            _observer = observer;
        }

        /// <summary>Get-EcsTaskDefinition: the listed task definitions (of a family, when given) that <paramref name="include"/> accepts (null: all).</summary>
        public Task ReadAsync(string? familyPrefix, Func<string, bool>? include = null)
        {
            IEcsClient ecs = _context.Ecs;
            if (_context.Run.VerboseShown) _context.Run.WriteVerbose("ECS ListTaskDefinitions" + (familyPrefix == null ? string.Empty : " (family " + familyPrefix + ")") + " in " + _context.Label + ".");
            return _context.ListInBatchesAsync(token => ecs.ListTaskDefinitionsAsync(familyPrefix, _context.PageSize, token, _context.CancellationToken),
                batchSize: 1, batch => DescribeOneAsync(batch[0]), include);
        }

        /// <summary>The named task definitions (ARNs) of the pair, one DescribeTaskDefinition each, concurrently.</summary>
        public Task DescribeAsync(IReadOnlyList<string> taskDefinitionArns)
        {
            if (taskDefinitionArns.Count == 0) return Task.CompletedTask;
            if (_context.Run.VerboseShown) _context.Run.WriteVerbose("ECS DescribeTaskDefinition for " + taskDefinitionArns.Count + " task definition(s) in use in " + _context.Label + ".");
            return _context.ForEachAsync(taskDefinitionArns, DescribeOneAsync);
        }

        private async Task DescribeOneAsync(string taskDefinition)
        {
            TaskDefinitionResult result;
            try
            {
                result = await _context.Ecs.DescribeTaskDefinitionAsync(taskDefinition, _context.CancellationToken).ConfigureAwait(false);
            }
            catch (AwsServiceException error) when (!_context.IsCancelled)
            {
                _context.Run.WriteError(InventoryErrors.ItemFailed(error, _context.Scope, "Describing task definition", taskDefinition));
                return;
            }
            _observer?.OnTaskDefinition(result.TaskDefinition);
            await _context.Run.WriteRecordAsync(EcsTaskDefinitionMapping.FromApi(result.TaskDefinition, result.Tags, _context.Region, DateTime.UtcNow), RecordCountName).ConfigureAwait(false);
        }
    }
}
