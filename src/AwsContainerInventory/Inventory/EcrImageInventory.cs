using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using AwsContainerInventory.Wire;

namespace AwsContainerInventory.Inventory
{
    /// <summary>What one Get-EcrImage run asks for: which repositories, and which of their images.</summary>
    internal sealed class ImageQuery
    {
        private readonly ConcurrentDictionary<string, byte> _foundDigests;

        /// <param name="foundDigests">Shared by the queries of one run: the digests some repository had.</param>
        public ImageQuery(RepositorySelection repositories, IReadOnlyList<string>? digests, ImagesInUse? inUse, ConcurrentDictionary<string, byte> foundDigests)
        {
            Repositories = repositories;
            Digests = digests;
            InUse = inUse;
            _foundDigests = foundDigests;
        }

        public RepositorySelection Repositories { get; }

        /// <summary>-ImageDigest: only these digests, in every selected repository; null for every image.</summary>
        public IReadOnlyList<string>? Digests { get; }

        /// <summary>-InUse: only the digests running tasks use (filled before any pair reads images).</summary>
        public ImagesInUse? InUse { get; }

        /// <summary>The -ImageDigest values no repository had, for the not-found errors at the end.</summary>
        public IEnumerable<string> UnmatchedDigests => (Digests ?? Array.Empty<string>()).Where(d => !_foundDigests.ContainsKey(d));

        /// <summary>The digests to describe in <paramref name="repositoryArn"/>: null for all its images, empty for none.</summary>
        public IReadOnlyList<string>? DigestsFor(string repositoryArn)
        {
            if (InUse == null) return Digests;
            IReadOnlyList<string> inUse = InUse.DigestsOf(repositoryArn);
            return Digests == null ? inUse : inUse.Where(Digests.Contains).ToList();
        }

        public void Found(string digest) => _foundDigests.TryAdd(digest, 0);
    }

    /// <summary>
    /// ECR images of one (role × region) pair. Repositories are listed as Get-EcrRepository lists them (or taken by ARN);
    /// each repository's images come page by page from DescribeImages, or by digest, at most 100 a call and each digest
    /// once. Repositories are read concurrently, within the session's cap.
    /// </summary>
    internal static class EcrImageInventory
    {
        public const string RecordCountName = "images";

        public static async Task ReadImagesAsync(InventoryScope scope, ImageQuery query, InventoryRun run, InventorySession session, CancellationToken cancellationToken)
        {
            IEcrClient ecr = scope.CreateEcrClient();
            RepositorySelection selection = query.Repositories;
            List<string> direct = selection.ArnLiterals.Where(arn => RepositorySelection.Applies(arn, scope)).ToList();
            Task directWork = ForEachAsync(direct.Select(RepositoryRef.FromArn).ToList(), session, cancellationToken,
                repository => ReadRepositoryAsync(ecr, repository, literal: repository.Arn, query, scope, run, session, cancellationToken));
            if (selection.NeedsListing)
            {
                run.WriteVerbose("ECR DescribeRepositories (for their images) in " + scope.Label + ".");
                await Paging.ListInBatchesAsync<JsonElement>(
                    token => ecr.DescribeRepositoriesAsync(session.PageSize, token, cancellationToken),
                    batchSize: 1,
                    describe: batch => ReadRepositoryAsync(ecr, RepositoryRef.FromListing(batch[0]), literal: null, query, scope, run, session, cancellationToken),
                    session.ParallelRequests, cancellationToken,
                    include: repository => selection.MatchesListed(ApiValues.String(repository, "repositoryName"), ApiValues.String(repository, "repositoryArn"))).ConfigureAwait(false);
            }
            await directWork.ConfigureAwait(false);
        }

        /// <summary>Get-EcrImage -InUse, first part: the digests the pair's running tasks use.</summary>
        public static Task CollectImagesInUseAsync(InventoryScope scope, ImagesInUse inUse, InventoryRun run, InventorySession session, CancellationToken cancellationToken)
        {
            run.WriteVerbose("ECS ListClusters, ListTasks (RUNNING) and DescribeTasks for the image digests in use in " + scope.Label + ".");
            return EcsInventory.ReadRunningTasksAsync(scope, task =>
            {
                inUse.Add(task);
                return Task.CompletedTask;
            }, run, session, cancellationToken);
        }

        /// <summary>
        /// The images behind the given digests of the given repositories (for Get-ContainerExposure): each repository of
        /// this pair's region and account is asked once, its digests at most 100 a call and each once. Repositories of
        /// other pairs are skipped. A repository that cannot be read is an error naming it; digests ECR does not have
        /// are in the result's Missing.
        /// </summary>
        public static async Task<ImagesByDigest> DescribeImagesByDigestAsync(InventoryScope scope, IReadOnlyDictionary<string, IReadOnlyCollection<string>> digestsByRepositoryArn,
            InventoryRun run, InventorySession session, CancellationToken cancellationToken)
        {
            IEcrClient ecr = scope.CreateEcrClient();
            var result = new ImagesByDigest();
            List<RepositoryRef> repositories = digestsByRepositoryArn.Keys.Where(arn => RepositorySelection.Applies(arn, scope))
                .OrderBy(arn => arn, StringComparer.Ordinal).Select(RepositoryRef.FromArn).ToList();
            await ForEachAsync(repositories, session, cancellationToken, async repository =>
            {
                DigestLookupResult? found = await TryDescribeByDigestAsync(ecr, repository, digestsByRepositoryArn[repository.Arn], scope, run, cancellationToken).ConfigureAwait(false);
                if (found == null) return;
                DateTime capturedAt = DateTime.UtcNow;
                foreach (JsonElement image in found.Images) result.Images.Enqueue(EcrImageMapping.FromApi(image, repository.Arn, scope.Region, capturedAt, inUse: true));
                foreach (string digest in found.Missing) result.Missing.Enqueue(new KeyValuePair<string, string>(repository.Arn, digest));
            }).ConfigureAwait(false);
            return result;
        }

        private static async Task ReadRepositoryAsync(IEcrClient ecr, RepositoryRef repository, string? literal, ImageQuery query, InventoryScope scope,
            InventoryRun run, InventorySession session, CancellationToken cancellationToken)
        {
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
                    run.WriteVerbose("ECR DescribeImages in " + repository.Arn + ".");
                    string? nextToken = null;
                    do
                    {
                        ApiPage<JsonElement> page = await ecr.DescribeImagesAsync(repository.RegistryId, repository.Name, session.PageSize, nextToken, cancellationToken).ConfigureAwait(false);
                        if (literal != null) query.Repositories.Names.MarkFound(literal);
                        await WriteAsync(page.Items, repository, query, inUse, scope, run).ConfigureAwait(false);
                        nextToken = page.NextToken;
                    }
                    while (nextToken != null);
                    return;
                }
                run.WriteVerbose("ECR DescribeImages for " + digests.Count + " digest(s) in " + repository.Arn + ".");
                DigestLookupResult found = await ImageDigestLookup.DescribeAsync(ecr, repository, digests, cancellationToken).ConfigureAwait(false);
                if (literal != null) query.Repositories.Names.MarkFound(literal);
                await WriteAsync(found.Images, repository, query, inUse, scope, run).ConfigureAwait(false);
                if (query.InUse != null)
                {
                    foreach (string digest in found.Missing)
                        run.WriteWarning("Running tasks use image " + digest + " of repository " + repository.Arn + ", which ECR does not have (deleted, or expired by a lifecycle policy).");
                }
            }
            catch (AwsServiceException error) when (error.ErrorCode == EcrLimits.RepositoryNotFound && literal != null)
            {
                // A named repository this pair does not have: the cmdlet reports names found nowhere.
            }
            catch (AwsServiceException error) when (!cancellationToken.IsCancellationRequested)
            {
                if (literal != null) query.Repositories.Names.MarkFound(literal);
                run.WriteError(InventoryErrors.ItemFailed(error, scope, "Reading images of repository", repository.Arn));
            }
        }

        private static async Task<DigestLookupResult?> TryDescribeByDigestAsync(IEcrClient ecr, RepositoryRef repository, IEnumerable<string> digests, InventoryScope scope,
            InventoryRun run, CancellationToken cancellationToken)
        {
            try
            {
                return await ImageDigestLookup.DescribeAsync(ecr, repository, digests, cancellationToken).ConfigureAwait(false);
            }
            catch (AwsServiceException error) when (!cancellationToken.IsCancellationRequested)
            {
                run.WriteError(InventoryErrors.ItemFailed(error, scope, "Reading images of repository", repository.Arn));
                return null;
            }
        }

        private static async Task WriteAsync(IReadOnlyList<JsonElement> images, RepositoryRef repository, ImageQuery query, bool? inUse, InventoryScope scope, InventoryRun run)
        {
            DateTime capturedAt = DateTime.UtcNow;
            foreach (JsonElement image in images)
            {
                EcrImage record = EcrImageMapping.FromApi(image, repository.Arn, scope.Region, capturedAt, inUse);
                query.Found(record.ImageDigest);
                await run.WriteRecordAsync(record, RecordCountName).ConfigureAwait(false);
            }
        }

        // Repositories concurrently, at most twice the session's cap waiting at once (the calls themselves share the cap).
        private static Task ForEachAsync(IReadOnlyList<RepositoryRef> repositories, InventorySession session, CancellationToken cancellationToken, Func<RepositoryRef, Task> read) =>
            repositories.Count == 0 ? Task.CompletedTask
                : Paging.ListInBatchesAsync(_ => Task.FromResult(new ApiPage<RepositoryRef>(repositories, null)), batchSize: 1,
                    batch => read(batch[0]), session.ParallelRequests, cancellationToken);
    }

    /// <summary>What <see cref="EcrImageInventory.DescribeImagesByDigestAsync"/> found: the images, and (repository ARN, digest) pairs ECR does not have.</summary>
    internal sealed class ImagesByDigest
    {
        public ConcurrentQueue<EcrImage> Images { get; } = new ConcurrentQueue<EcrImage>();
        public ConcurrentQueue<KeyValuePair<string, string>> Missing { get; } = new ConcurrentQueue<KeyValuePair<string, string>>();
    }
}
