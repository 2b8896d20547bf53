using System.Collections.Generic;

namespace AwsContainerInventory.Wire
{
    /// <summary>A page of a listing: the items as the API returned them and the token for the next page.</summary>
    internal sealed class ApiPage<T>
    {
        public ApiPage(IReadOnlyList<T> items, string? nextToken)
        {
            Items = items;
            NextToken = string.IsNullOrEmpty(nextToken) ? null : nextToken;
        }

        public IReadOnlyList<T> Items { get; }
        public string? NextToken { get; }
    }
}
