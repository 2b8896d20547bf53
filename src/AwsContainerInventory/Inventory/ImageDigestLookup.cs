using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using AwsContainerInventory.Wire;

namespace AwsContainerInventory.Inventory
{
    /// <summary>
    /// Describes images of one repository by digest: each digest once, at most 100 a call. ECR fails the whole call
    /// with ImageNotFoundException when one digest is not there (DescribeImages has no per-image failures), naming that
    /// image in its message: the named digests are set aside as missing and the rest asked again, so k missing digests
    /// cost k more calls. When the message names none of them, the batch is halved until each missing one is alone.
    /// </summary>
    internal static class ImageDigestLookup
    {
        public static async Task<DigestLookupResult> DescribeAsync(IEcrClient ecr, RepositoryRef repository, IEnumerable<string> digests, CancellationToken cancellationToken)
        {
            List<string> distinct = digests.Distinct(StringComparer.Ordinal).ToList();
            var images = new List<JsonElement>();
            var missing = new List<string>();
            foreach (IReadOnlyList<string> batch in Paging.Chunk(distinct, EcrLimits.DescribeImagesBatch))
            {
                DigestLookupResult part = await DescribeBatchAsync(ecr, repository, batch.ToList(), cancellationToken).ConfigureAwait(false);
                images.AddRange(part.Images);
                missing.AddRange(part.Missing);
            }
            return new DigestLookupResult(images, missing);
        }

        private static async Task<DigestLookupResult> DescribeBatchAsync(IEcrClient ecr, RepositoryRef repository, List<string> batch, CancellationToken cancellationToken)
        {
            var missing = new List<string>();
            while (batch.Count > 0)
            {
                try
                {
                    IReadOnlyList<JsonElement> images = await ecr.DescribeImagesAsync(repository.RegistryId, repository.Name, batch, cancellationToken).ConfigureAwait(false);
                    return new DigestLookupResult(images, missing);
                }
                catch (AwsServiceException error) when (error.ErrorCode == EcrLimits.ImageNotFound)
                {
                    List<string> named = batch.Where(d => error.AwsMessage.IndexOf(d, StringComparison.OrdinalIgnoreCase) >= 0).ToList();
                    if (named.Count > 0)
                    {
                        missing.AddRange(named);
                        batch = batch.Except(named, StringComparer.Ordinal).ToList();
                        continue;
                    }
                    if (batch.Count == 1)
                    {
                        missing.Add(batch[0]);
                        break;
                    }
                    int half = batch.Count / 2;
                    DigestLookupResult[] halves = await Task.WhenAll(
                        DescribeBatchAsync(ecr, repository, batch.GetRange(0, half), cancellationToken),
                        DescribeBatchAsync(ecr, repository, batch.GetRange(half, batch.Count - half), cancellationToken)).ConfigureAwait(false);
                    missing.AddRange(halves.SelectMany(h => h.Missing));
                    return new DigestLookupResult(halves.SelectMany(h => h.Images).ToList(), missing);
                }
            }
            return new DigestLookupResult(Array.Empty<JsonElement>(), missing);
        }
    }
}
