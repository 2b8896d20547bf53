using System.Collections.Generic;
using System.Text.Json;

namespace AwsContainerInventory.Inventory
{
    /// <summary>What DescribeImages found for a set of digests of one repository, and which digests it does not have.</summary>
    internal sealed class DigestLookupResult
    {
        public DigestLookupResult(IReadOnlyList<JsonElement> images, IReadOnlyList<string> missing)
        {
            Images = images;
            Missing = missing;
        }

        public IReadOnlyList<JsonElement> Images { get; }
        public IReadOnlyList<string> Missing { get; }
    }
}
