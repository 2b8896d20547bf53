using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using AwsContainerInventory.Wire;

namespace AwsContainerInventory.Inventory
{
    /// <summary>
    /// ECR repositories of one (role × region) pair: DescribeRepositories page by page; for each repository
    /// its policy and tags, both at once, while the next page is read.
    /// </summary>
    internal static class EcrInventory
    {
        public const string RecordCountName = "repositories";

        public static Task ReadRepositoriesAsync(InventoryScope scope, NameFilter names, InventoryRun run, InventorySession session, CancellationToken cancellationToken)
        {
            IEcrClient ecr = scope.CreateEcrClient();
            run.WriteVerbose("ECR DescribeRepositories in " + scope.Label + ".");
            return Paging.ListInBatchesAsync<JsonElement>(
                token => ecr.DescribeRepositoriesAsync(session.PageSize, token, cancellationToken),
                batchSize: 1,
                describe: batch => ReadOneAsync(ecr, batch[0], scope, run, cancellationToken),
                session.ParallelRequests, cancellationToken,
                include: repository => names.Matches(ApiValues.String(repository, "repositoryName"), ApiValues.String(repository, "repositoryArn")));
        }

        private static async Task ReadOneAsync(IEcrClient ecr, JsonElement repository, InventoryScope scope, InventoryRun run, CancellationToken cancellationToken)
        {
            string name = ApiValues.String(repository, "repositoryName") ?? string.Empty;
            string arn = ApiValues.String(repository, "repositoryArn") ?? name;
            string registryId = ApiValues.String(repository, "registryId") ?? ApiValues.AccountFromArn(arn) ?? string.Empty;
            Task<string?> policy = ecr.GetRepositoryPolicyAsync(registryId, name, cancellationToken);
            Task<IReadOnlyList<KeyValuePair<string, string>>> tags = ecr.ListTagsForResourceAsync(arn, cancellationToken);
            try
            {
                await Task.WhenAll(policy, tags).ConfigureAwait(false);
            }
            catch (Exception error) when (InventoryErrors.IsScopeFailure(error) && !cancellationToken.IsCancellationRequested)
            {
                Exception first = policy.IsFaulted ? policy.Exception!.InnerException! : tags.Exception!.InnerException!;
                run.WriteError(InventoryErrors.ItemFailed(first, scope, "Reading repository", arn));
                return;
            }
            EcrRepository record = EcrRepositoryMapping.FromApi(repository, policy.Result, tags.Result, scope.Region, DateTime.UtcNow);
            // Never a silent "not public": a policy we could not read strictly is named, with what was done about it.
            if (record.PolicyReadProblem != null)
                run.WriteWarning("The repository policy of " + arn + " cannot be read as strict JSON: " + record.PolicyReadProblem
                    + ". IsPublic and IsPublicUnconditionally are decided on what could be read, taking the more public reading.");
            await run.WriteRecordAsync(record, RecordCountName).ConfigureAwait(false);
        }
    }
}
