using System;
using System.Collections.Generic;
using System.Linq;

namespace AwsContainerInventory.Inventory
{
    /// <summary>The clusters a Get-EcsService / Get-EcsTask run covers: all, wildcard matches, names or ARNs.</summary>
    internal sealed class ClusterSelection
    {
        public ClusterSelection(IEnumerable<string>? clusters) => Names = new NameFilter(clusters);

        /// <summary>Every cluster of the pair (what Get-ContainerExposure and Get-EcrImage -InUse read).</summary>
        public static ClusterSelection Every() => new ClusterSelection(null);

        public NameFilter Names { get; }

        /// <summary>True when clusters must be listed: none named, or wildcards given.</summary>
        public bool NeedsListing => Names.MatchesAll || !Names.LiteralsOnly;

        /// <summary>A listed cluster ARN is selected when nothing was named or a wildcard matches its name.</summary>
        public bool MatchesListed(string arn)
        {
            if (Names.MatchesAll) return true;
            string name = ClusterReader.NameFromArn(arn);
            // Literals are handled directly; here only wildcards count, so a literal is not read twice.
            return !Names.Literals.Any(l => string.Equals(l, name, StringComparison.OrdinalIgnoreCase) || string.Equals(l, arn, StringComparison.Ordinal))
                && Names.Matches(name, arn);
        }

        /// <summary>A name applies to every pair; an ARN only to the pair of its region and account.</summary>
        public bool Applies(string cluster, InventoryScope scope) => NameFilter.AppliesTo(cluster, scope.Region, scope.AccountId);
    }
}
