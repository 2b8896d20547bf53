using System;
using System.Threading.Tasks;

namespace AwsContainerInventory.Wire
{
    /// <summary>The one NextToken loop of the code base (inventory listings, organization listings, lookups).</summary>
    internal static class ApiPaging
    {
        /// <summary>
        /// Each page in turn, handed to <paramref name="onPage"/> before the next is asked for (a page needs the
        /// previous one's token, so pages are never concurrent).
        /// </summary>
        public static async Task ForEachPageAsync<T>(Func<string?, Task<ApiPage<T>>> listPage, Func<ApiPage<T>, Task> onPage)
        {
            string? nextToken = null;
            do
            {
                ApiPage<T> page = await listPage(nextToken).ConfigureAwait(false);
                await onPage(page).ConfigureAwait(false);
                nextToken = page.NextToken;
            }
            while (nextToken != null);
        }
    }
}
