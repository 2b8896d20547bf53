using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading.Tasks;
using AwsContainerInventory.Wire;

namespace AwsContainerInventory.Inventory
{
    /// <summary>
    /// ECR repositories of one (role × region) pair: DescribeRepositories page by page; for each repository
    /// its policy and tags, both at once, while the next page is read.
    /// </summary>
    internal sealed class RepositoryReader
    {
        public const string RecordCountName = "repositories";

        private readonly InventoryContext _context;

        public RepositoryReader(InventoryContext context) => _context = context;

        public Task ReadAsync(NameFilter names)
        {
            IEcrClient ecr = _context.Ecr;
            if (_context.Run.VerboseShown) _context.Run.WriteVerbose("ECR DescribeRepositories in " + _context.Label + ".");
            return _context.ListInBatchesAsync<JsonElement>(
                token => ecr.DescribeRepositoriesAsync(_context.PageSize, token, _context.CancellationToken),
                batchSize: 1,
                describe: batch => ReadOneAsync(batch[0]),
                include: repository => names.Matches(ApiValues.String(repository, "repositoryName"), ApiValues.String(repository, "repositoryArn")));
        }

        private async Task ReadOneAsync(JsonElement repository)
        {
            IEcrClient ecr = _context.Ecr;
            string name = ApiValues.String(repository, "repositoryName") ?? string.Empty;
            string arn = ApiValues.String(repository, "repositoryArn") ?? name;
            string registryId = ApiValues.String(repository, "registryId") ?? ApiValues.AccountFromArn(arn) ?? string.Empty;
            Task<string?> policy = ecr.GetRepositoryPolicyAsync(registryId, name, _context.CancellationToken);
            Task<IReadOnlyList<KeyValuePair<string, string>>> tags = ecr.ListTagsForResourceAsync(arn, _context.CancellationToken);
            try
            {
                await Task.WhenAll(policy, tags).ConfigureAwait(false);
            }
            catch (Exception error) when (InventoryErrors.IsScopeFailure(error) && !_context.IsCancelled)
            {
                Exception first = policy.IsFaulted ? policy.Exception!.InnerException! : tags.Exception!.InnerException!;
                _context.Run.WriteError(InventoryErrors.ItemFailed(first, _context.Scope, "Reading repository", arn));
                return;
            }
            EcrRepository record = EcrRepositoryMapping.FromApi(repository, policy.Result, tags.Result, _context.Region, DateTime.UtcNow);
            // Never a silent "not public": a policy we could not read strictly is named, with what was done about it.
            if (record.PolicyReadProblem != null)
                _context.Run.WriteWarning("The repository policy of " + arn + " cannot be read as strict JSON: " + record.PolicyReadProblem
                    + ". IsPublic and IsPublicUnconditionally are decided on what could be read, taking the more public reading.");
            await _context.Run.WriteRecordAsync(record, RecordCountName).ConfigureAwait(false);
        }
    }
}
