using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;

namespace AwsContainerInventory
{
    /// <summary>
    /// An image scan's finding counts by severity (<c>imageScanFindingsSummary.findingSeverityCounts</c>): a read-only
    /// severity → count dictionary, keys as ECR names them (CRITICAL, HIGH, MEDIUM, LOW, INFORMATIONAL, UNDEFINED) and
    /// looked up without regard to case. ToString is <c>CRITICAL=1;HIGH=3</c>, most severe first, so Export-Csv
    /// writes the counts themselves.
    /// </summary>
    public sealed class SeverityCounts : ReadOnlyDictionary<string, int>
    {
        private static readonly string[] Order = { "CRITICAL", "HIGH", "MEDIUM", "LOW", "INFORMATIONAL", "UNDEFINED" };

        public SeverityCounts(IEnumerable<KeyValuePair<string, int>> counts) : base(Build(counts)) { }

        /// <summary>The count for <paramref name="severity"/>; 0 when the scan found none of it.</summary>
        public int CountOf(string severity) => TryGetValue(severity, out int count) ? count : 0;

        public override string ToString() => string.Join(";", Ordered().Select(c => c.Key + "=" + c.Value));

        private IEnumerable<KeyValuePair<string, int>> Ordered() =>
            this.OrderBy(c => Rank(c.Key)).ThenBy(c => c.Key, StringComparer.Ordinal);

        private static int Rank(string severity)
        {
            int rank = Array.FindIndex(Order, s => string.Equals(s, severity, StringComparison.OrdinalIgnoreCase));
            return rank < 0 ? Order.Length : rank;
        }

        private static IDictionary<string, int> Build(IEnumerable<KeyValuePair<string, int>> counts)
        {
            var result = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            foreach (var count in counts) result[count.Key] = count.Value;
            return result;
        }
    }
}
