using System;
using System.Text.Json;
using System.Threading.Tasks;
using AwsContainerInventory.Wire;

namespace AwsContainerInventory.Inventory
{
    /// <summary>
    /// Names only, for argument completion: the listing calls of one (role × region) pair, no Describe. Each name
    /// is handed to <c>found</c> as soon as its page arrives, so a completion that must answer quickly has what
    /// came so far.
    /// </summary>
    internal sealed class NameReader
    {
        private readonly InventoryContext _context;
        private readonly Action<string> _found;

        public NameReader(InventoryContext context, Action<string> found)
        {
            _context = context;
            _found = found;
        }

        public Task ListRepositoryNamesAsync()
        {
            IEcrClient ecr = _context.Ecr;
            return _context.ListInBatchesAsync<JsonElement>(token => ecr.DescribeRepositoriesAsync(_context.PageSize, token, _context.CancellationToken),
                batchSize: 1, batch => Found(ApiValues.String(batch[0], "repositoryName")));
        }

        public Task ListClusterNamesAsync()
        {
            IEcsClient ecs = _context.Ecs;
            return _context.ListInBatchesAsync(token => ecs.ListClustersAsync(_context.PageSize, token, _context.CancellationToken),
                batchSize: 1, batch => Found(ClusterReader.NameFromArn(batch[0])));
        }

        /// <summary>The families of the pair's ACTIVE task definitions (each revision's ARN names its family).</summary>
        public Task ListTaskDefinitionFamiliesAsync()
        {
            IEcsClient ecs = _context.Ecs;
            return _context.ListInBatchesAsync(token => ecs.ListTaskDefinitionsAsync(null, _context.PageSize, token, _context.CancellationToken),
                batchSize: 1, batch => Found(FamilyFromArn(batch[0])));
        }

        /// <summary>arn:aws:ecs:us-east-1:123456789012:task-definition/web:3 → web.</summary>
        internal static string FamilyFromArn(string arn)
        {
            int slash = arn.LastIndexOf('/');
            string familyAndRevision = slash >= 0 ? arn.Substring(slash + 1) : arn;
            int colon = familyAndRevision.LastIndexOf(':');
            return colon > 0 ? familyAndRevision.Substring(0, colon) : familyAndRevision;
        }

        private Task Found(string? name)
        {
            if (!string.IsNullOrEmpty(name)) _found(name!);
            return Task.CompletedTask;
        }
    }
}
