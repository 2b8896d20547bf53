using System;
using System.Collections.Generic;
using System.Linq;
using AwsContainerInventory.Inventory;

namespace AwsContainerInventory.Session
{
    /// <summary>
    /// Which accounts a session reads beyond its -RoleArn list: the organization's (Connect-AwsInventory
    /// -OrganizationRoleName, -OrganizationalUnitId), and which it leaves out (-ExcludeAccountId, -Shard).
    /// Exclusions and the shard apply to every account, the -RoleArn ones included.
    /// </summary>
    internal sealed class AccountSettings
    {
        public static readonly AccountSettings None = new AccountSettings(null, Array.Empty<string>(), Array.Empty<string>(), null);

        public AccountSettings(string? organizationRoleName, IEnumerable<string> organizationalUnitIds, IEnumerable<string> excludedAccountIds, Shard? shard)
        {
            OrganizationRoleName = string.IsNullOrEmpty(organizationRoleName) ? null : organizationRoleName;
            OrganizationalUnitIds = organizationalUnitIds.Distinct(StringComparer.Ordinal).ToList();
            ExcludedAccountIds = excludedAccountIds.Distinct(StringComparer.Ordinal).ToList();
            Shard = shard;
        }

        /// <summary>Connect-AwsInventory's account parameters, the shard as its "k/n" text (already checked by its attribute).</summary>
        public static AccountSettings FromParameters(string? organizationRoleName, IEnumerable<string> organizationalUnitIds,
            IEnumerable<string> excludedAccountIds, string? shard) =>
            new AccountSettings(organizationRoleName, organizationalUnitIds, excludedAccountIds, shard == null ? null : Shard.Parse(shard));

        public string? OrganizationRoleName { get; }
        public IReadOnlyList<string> OrganizationalUnitIds { get; }
        public IReadOnlyList<string> ExcludedAccountIds { get; }
        public Shard? Shard { get; }

        /// <summary>Whether an account (null: the base credentials' account, not known without a call) is read.</summary>
        public bool Keeps(string? accountId) =>
            accountId == null || (!ExcludedAccountIds.Contains(accountId, StringComparer.Ordinal) && (Shard == null || Shard.Contains(accountId)));
    }
}
