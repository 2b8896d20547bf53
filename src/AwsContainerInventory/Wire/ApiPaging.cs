using System;
using System.Threading.Tasks;

namespace AwsContainerInventory.Wire
{
    /// <summary>The one NextToken loop of the code base (inventory listings, organization listings, lookups).</summary>
    internal static class ApiPaging
    {
        /// <summary>
        /// Each page in turn, in order, handed to <paramref name="onPage"/>. The next page is asked for as soon as a
        /// page arrives, while that page is handled: a page needs the previous one's token, so pages are never
        /// concurrent with each other, but the handler's calls and the next page's call are. Otherwise every page
        /// boundary stalls the work: the handler starts its last items, the next page's call queues behind them for a
        /// slot, and every other slot then sits idle for that call's whole round trip.
        /// </summary>
        public static async Task ForEachPageAsync<T>(Func<string?, Task<ApiPage<T>>> listPage, Func<ApiPage<T>, Task> onPage)
        {
            Task<ApiPage<T>>? pending = listPage(null);
            while (pending != null)
            {
                ApiPage<T> page = await pending.ConfigureAwait(false);
                pending = page.NextToken == null ? null : listPage(page.NextToken);
                try
                {
                    await onPage(page).ConfigureAwait(false);
                }
                catch
                {
                    // The page already asked for is not awaited now; its failure, if any, is observed here.
                    if (pending != null) _ = pending.ContinueWith(t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously);
                    throw;
                }
            }
        }
    }
}
