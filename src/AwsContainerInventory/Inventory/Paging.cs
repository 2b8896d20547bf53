using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AwsContainerInventory.Wire;

namespace AwsContainerInventory.Inventory
{
    /// <summary>
    /// Walks a listing page by page (pages are sequential: each needs the previous token) and hands its items
    /// to <c>describe</c> in batches of the API's maximum, filled across page boundaries so the number of
    /// Describe calls is the minimum. Batches run while the next page is being fetched.
    /// </summary>
    internal static class Paging
    {
        public static async Task ListInBatchesAsync<T>(
            Func<string?, Task<ApiPage<T>>> listPage, int batchSize, Func<IReadOnlyList<T>, Task> describe,
            int parallelRequests, CancellationToken cancellationToken, Func<T, bool>? include = null)
        {
            using var window = new WorkWindow(Math.Max(2, parallelRequests * 2));
            try
            {
                var batch = new List<T>(batchSize);
                await ApiPaging.ForEachPageAsync(listPage, async page =>
                {
                    foreach (T item in page.Items)
                    {
                        if (include != null && !include(item)) continue;
                        batch.Add(item);
                        if (batch.Count == batchSize)
                        {
                            List<T> full = batch;
                            batch = new List<T>(batchSize);
                            await window.StartAsync(() => describe(full), cancellationToken).ConfigureAwait(false);
                        }
                    }
                }).ConfigureAwait(false);
                if (batch.Count > 0)
                {
                    List<T> last = batch;
                    await window.StartAsync(() => describe(last), cancellationToken).ConfigureAwait(false);
                }
            }
            finally
            {
                await window.WhenAllAsync().ConfigureAwait(false);
            }
        }

        /// <summary>Every item of every page, in order.</summary>
        public static async Task<List<T>> AllPagesAsync<T>(Func<string?, Task<ApiPage<T>>> listPage)
        {
            var items = new List<T>();
            await ApiPaging.ForEachPageAsync(listPage, page =>
            {
                items.AddRange(page.Items);
                return Task.CompletedTask;
            }).ConfigureAwait(false);
            return items;
        }

        /// <summary>Splits items into chunks of at most <paramref name="size"/>.</summary>
        public static IEnumerable<IReadOnlyList<T>> Chunk<T>(IReadOnlyList<T> items, int size)
        {
            for (int i = 0; i < items.Count; i += size)
            {
                var chunk = new List<T>(Math.Min(size, items.Count - i));
                for (int j = i; j < items.Count && j < i + size; j++) chunk.Add(items[j]);
                yield return chunk;
            }
        }
    }
}
