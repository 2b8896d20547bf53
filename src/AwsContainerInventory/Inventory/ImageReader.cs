using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using AwsContainerInventory.Wire;

namespace AwsContainerInventory.Inventory
{
    /// <summary>
    /// ECR images of one (role × region) pair. Repositories are listed as Get-EcrRepository lists them (or taken by ARN);
    /// each repository's images come page by page from DescribeImages, or by digest, at most 100 a call and each digest
    /// once. Repositories are read concurrently, within the session's cap.
    /// </summary>
    internal sealed class ImageReader
    {
        public const string RecordCountName = "images";

        private readonly InventoryContext _context;

        public ImageReader(InventoryContext context) => _context = context;

        public async Task ReadAsync(ImageQuery query)
        {
            IEcrClient ecr = _context.Ecr;
            RepositorySelection selection = query.Repositories;
            List<string> direct = selection.ArnLiterals.Where(arn => RepositorySelection.Applies(arn, _context.Scope)).ToList();
            Task directWork = _context.ForEachAsync(direct.Select(RepositoryRef.FromArn).ToList(),
                repository => ReadRepositoryAsync(repository, literal: repository.Arn, query));
            if (selection.NeedsListing)
            {
                if (_context.Run.VerboseShown) _context.Run.WriteVerbose("ECR DescribeRepositories (for their images) in " + _context.Label + ".");
                await _context.ListInBatchesAsync<JsonElement>(
                    token => ecr.DescribeRepositoriesAsync(_context.PageSize, token, _context.CancellationToken),
                    batchSize: 1,
                    describe: batch => ReadRepositoryAsync(RepositoryRef.FromListing(batch[0]), literal: null, query),
                    include: repository => selection.MatchesListed(ApiValues.String(repository, "repositoryName"), ApiValues.String(repository, "repositoryArn"))).ConfigureAwait(false);
            }
            await directWork.ConfigureAwait(false);
        }

        /// <summary>Get-EcrImage -InUse, first part: the digests the pair's running tasks use.</summary>
        public Task CollectInUseAsync(ImagesInUse inUse)
        {
            if (_context.Run.VerboseShown) _context.Run.WriteVerbose("ECS ListClusters, ListTasks (RUNNING) and DescribeTasks for the image digests in use in " + _context.Label + ".");
            return new TaskReader(_context).ReadRunningAsync(task =>
            {
                inUse.Add(task);
                return Task.CompletedTask;
            });
        }

        /// <summary>
        /// The images behind the given digests of the given repositories (for Get-ContainerExposure): each repository of
        /// this pair's region and account is asked once, its digests at most 100 a call and each once. Repositories of
        /// other pairs are skipped. A repository that cannot be read is an error naming it; digests ECR does not have
        /// are in the result's Missing.
        /// </summary>
        public async Task<ImagesByDigest> DescribeByDigestAsync(IReadOnlyDictionary<string, IReadOnlyCollection<string>> digestsByRepositoryArn)
        {
            var result = new ImagesByDigest();
            List<RepositoryRef> repositories = digestsByRepositoryArn.Keys.Where(arn => RepositorySelection.Applies(arn, _context.Scope))
                .OrderBy(arn => arn, StringComparer.Ordinal).Select(RepositoryRef.FromArn).ToList();
            await _context.ForEachAsync(repositories, async repository =>
            {
                DigestLookupResult? found = await TryDescribeByDigestAsync(repository, digestsByRepositoryArn[repository.Arn]).ConfigureAwait(false);
                if (found == null) return;
                DateTime capturedAt = DateTime.UtcNow;
                foreach (JsonElement image in found.Images) result.Images.Enqueue(EcrImageMapping.FromApi(image, repository.Arn, _context.Region, capturedAt, inUse: true));
                foreach (string digest in found.Missing) result.Missing.Enqueue(new KeyValuePair<string, string>(repository.Arn, digest));
            }).ConfigureAwait(false);
            return result;
        }

        private async Task ReadRepositoryAsync(RepositoryRef repository, string? literal, ImageQuery query)
        {
            IEcrClient ecr = _context.Ecr;
            IReadOnlyList<string>? digests = query.DigestsFor(repository.Arn);
            if (digests != null && digests.Count == 0)
            {
                if (literal != null) query.Repositories.Names.MarkFound(literal);
                return;
            }
            bool? inUse = query.InUse == null ? (bool?)null : true;
            try
            {
                if (digests == null)
                {
                    if (_context.Run.VerboseShown) _context.Run.WriteVerbose("ECR DescribeImages in " + repository.Arn + ".");
                    await ApiPaging.ForEachPageAsync(token => ecr.DescribeImagesAsync(repository.RegistryId, repository.Name, _context.PageSize, token, _context.CancellationToken),
                        page =>
                        {
                            if (literal != null) query.Repositories.Names.MarkFound(literal);
                            return WriteAsync(page.Items, repository, query, inUse);
                        }).ConfigureAwait(false);
                    return;
                }
                if (_context.Run.VerboseShown) _context.Run.WriteVerbose("ECR DescribeImages for " + digests.Count + " digest(s) in " + repository.Arn + ".");
                DigestLookupResult found = await ImageDigestLookup.DescribeAsync(ecr, repository, digests, _context.CancellationToken).ConfigureAwait(false);
                if (literal != null) query.Repositories.Names.MarkFound(literal);
                await WriteAsync(found.Images, repository, query, inUse).ConfigureAwait(false);
                if (query.InUse != null)
                {
                    foreach (string digest in found.Missing)
                        _context.Run.WriteWarning("Running tasks use image " + digest + " of repository " + repository.Arn + ", which ECR does not have (deleted, or expired by a lifecycle policy).");
                }
            }
            catch (AwsServiceException error) when (error.ErrorCode == EcrLimits.RepositoryNotFound && literal != null)
            {
                // A named repository this pair does not have: the cmdlet reports names found nowhere.
            }
            catch (AwsServiceException error) when (!_context.IsCancelled)
            {
                if (literal != null) query.Repositories.Names.MarkFound(literal);
                _context.Run.WriteError(InventoryErrors.ItemFailed(error, _context.Scope, "Reading images of repository", repository.Arn));
            }
        }

        private async Task<DigestLookupResult?> TryDescribeByDigestAsync(RepositoryRef repository, IEnumerable<string> digests)
        {
            try
            {
                return await ImageDigestLookup.DescribeAsync(_context.Ecr, repository, digests, _context.CancellationToken).ConfigureAwait(false);
            }
            catch (AwsServiceException error) when (!_context.IsCancelled)
            {
                _context.Run.WriteError(InventoryErrors.ItemFailed(error, _context.Scope, "Reading images of repository", repository.Arn));
                return null;
            }
        }

        private async Task WriteAsync(IReadOnlyList<JsonElement> images, RepositoryRef repository, ImageQuery query, bool? inUse)
        {
            DateTime capturedAt = DateTime.UtcNow;
            foreach (JsonElement image in images)
            {
                EcrImage record = EcrImageMapping.FromApi(image, repository.Arn, _context.Region, capturedAt, inUse);
                query.Found(record.ImageDigest);
                await _context.Run.WriteRecordAsync(record, RecordCountName).ConfigureAwait(false);
            }
        }
    }
}
