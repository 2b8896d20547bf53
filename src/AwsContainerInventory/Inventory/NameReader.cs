using System;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using AwsContainerInventory.Wire;

namespace AwsContainerInventory.Inventory
{
    /// <summary>
    /// Names only, for argument completion: the listing calls of one (role × region) pair, no Describe. Each name
    /// is handed to <c>found</c> as soon as its page arrives, so a completion that must answer quickly has what
    /// came so far.
    /// </summary>
    internal static class NameReader
    {
        public static Task ListRepositoryNamesAsync(InventoryScope scope, InventorySession session, Action<string> found, CancellationToken cancellationToken)
        {
            IEcrClient ecr = scope.CreateEcrClient();
            return Paging.ListInBatchesAsync<JsonElement>(token => ecr.DescribeRepositoriesAsync(session.PageSize, token, cancellationToken),
                batchSize: 1, batch => Found(ApiValues.String(batch[0], "repositoryName"), found), session.ParallelRequests, cancellationToken);
        }

        public static Task ListClusterNamesAsync(InventoryScope scope, InventorySession session, Action<string> found, CancellationToken cancellationToken)
        {
            IEcsClient ecs = scope.CreateEcsClient();
            return Paging.ListInBatchesAsync(token => ecs.ListClustersAsync(session.PageSize, token, cancellationToken),
                batchSize: 1, batch => Found(EcsInventory.ClusterNameFromArn(batch[0]), found), session.ParallelRequests, cancellationToken);
        }

        /// <summary>The families of the pair's ACTIVE task definitions (each revision's ARN names its family).</summary>
        public static Task ListTaskDefinitionFamiliesAsync(InventoryScope scope, InventorySession session, Action<string> found, CancellationToken cancellationToken)
        {
            IEcsClient ecs = scope.CreateEcsClient();
            return Paging.ListInBatchesAsync(token => ecs.ListTaskDefinitionsAsync(null, session.PageSize, token, cancellationToken),
                batchSize: 1, batch => Found(FamilyFromArn(batch[0]), found), session.ParallelRequests, cancellationToken);
        }

        /// <summary>arn:aws:ecs:us-east-1:123456789012:task-definition/web:3 → web.</summary>
        internal static string FamilyFromArn(string arn)
        {
            int slash = arn.LastIndexOf('/');
            string familyAndRevision = slash >= 0 ? arn.Substring(slash + 1) : arn;
            int colon = familyAndRevision.LastIndexOf(':');
            return colon > 0 ? familyAndRevision.Substring(0, colon) : familyAndRevision;
        }

        private static Task Found(string? name, Action<string> found)
        {
            if (!string.IsNullOrEmpty(name)) found(name!);
            return Task.CompletedTask;
        }
    }
}
