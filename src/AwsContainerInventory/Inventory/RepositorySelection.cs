using System;
using System.Collections.Generic;
using System.Linq;

namespace AwsContainerInventory.Inventory
{
    /// <summary>
    /// The repositories a Get-EcrImage run covers: all of them, wildcard matches or names (found by listing each
    /// pair's repositories), or ARNs (read directly, only in the pair of their region and account).
    /// </summary>
    internal sealed class RepositorySelection
    {
        public RepositorySelection(IEnumerable<string>? repositories) => Names = new NameFilter(repositories);

        public NameFilter Names { get; }

        public IEnumerable<string> ArnLiterals => Names.Literals.Where(IsArn);

        /// <summary>Every repository, a wildcard or a plain name needs the pair's DescribeRepositories listing.</summary>
        public bool NeedsListing => Names.MatchesAll || !Names.LiteralsOnly || Names.Literals.Any(l => !IsArn(l));

        /// <summary>A listed repository is selected unless it is an ARN literal, which is read directly.</summary>
        public bool MatchesListed(string? name, string? arn)
        {
            if (Names.MatchesAll) return true;
            if (arn != null && ArnLiterals.Contains(arn, StringComparer.Ordinal)) return false;
            return Names.Matches(name, arn);
        }

        /// <summary>An ARN applies to the pair of its region (and account, when the pair's account is known).</summary>
        public static bool Applies(string arn, InventoryScope scope)
        {
            string? account = ApiValues.AccountFromArn(arn);
            return string.Equals(ApiValues.RegionFromArn(arn), scope.Region, StringComparison.Ordinal)
                && (scope.AccountId == null || account == null || string.Equals(account, scope.AccountId, StringComparison.Ordinal));
        }

        public bool AppliesTo(InventoryScope scope) => NeedsListing || ArnLiterals.Any(arn => Applies(arn, scope));

        private static bool IsArn(string value) => value.StartsWith("arn:", StringComparison.Ordinal);
    }
}
