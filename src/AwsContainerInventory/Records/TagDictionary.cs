using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;

namespace AwsContainerInventory
{
    /// <summary>
    /// Resource tags: a read-only, case-sensitive key → value dictionary (AWS tag keys are case-sensitive),
    /// ordered by key. ToString is <c>k=v;k2=v2</c> so Export-Csv writes the tags themselves.
    /// </summary>
    public sealed class TagDictionary : ReadOnlyDictionary<string, string>
    {
        public static readonly TagDictionary Empty = new TagDictionary(Array.Empty<KeyValuePair<string, string>>());

        public TagDictionary(IEnumerable<KeyValuePair<string, string>> tags) : base(Build(tags)) { }

        public override string ToString() => string.Join(";", this.Select(tag => tag.Key + "=" + tag.Value));

        private static IDictionary<string, string> Build(IEnumerable<KeyValuePair<string, string>> tags)
        {
            var sorted = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var tag in tags) sorted[tag.Key] = tag.Value;
            return sorted;
        }
    }
}
