using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AwsContainerInventory.Wire;
using AwsContainerInventory.Session;

namespace AwsContainerInventory.Inventory
{
    /// <summary>
    /// The accounts of one run: every -RoleArn at once, then (with -OrganizationRoleName) each organization account as
    /// it is listed, the caller's own account with the caller's credentials. -ExcludeAccountId and -Shard apply to all
    /// of them. No account is read twice: a -RoleArn for an account the organization lists wins over the organization
    /// role (several -RoleArn roles in one account are all read, as asked).
    /// </summary>
    internal static class AccountSelection
    {
        /// <summary>
        /// Hands each account to <paramref name="found"/>, possibly from several threads at once. Throws
        /// <see cref="OrganizationListingException"/> when the organization cannot be listed (completely).
        /// </summary>
        /// <param name="homeRegion">Where the Organizations calls are signed for (the partition).</param>
        /// <param name="sts">The run's STS client with the base credentials, for GetCallerIdentity.</param>
        public static async Task ForEachAsync(InventorySession session, string homeRegion, Func<IStsClient> sts, ICallObserver observer,
            Action<AccountTarget> found, CancellationToken cancellationToken)
        {
            var taken = new HashSet<string>(StringComparer.Ordinal);
            foreach (string roleArn in session.RoleArns)
            {
                string? account = ApiValues.AccountFromArn(roleArn);
                if (!session.Accounts.Keeps(account)) continue;
                if (account != null) taken.Add(account);
                found(new AccountTarget(roleArn, account));
            }
            if (session.Organization == null)
            {
                if (session.RoleArns.Count == 0) found(new AccountTarget(null, null));
                return;
            }
            await session.Organization.ListAsync(
                sts,
                () => session.CreateOrganizationsClient(homeRegion, observer),
                session.CredentialSource,
                account =>
                {
                    if (!session.Accounts.Keeps(account.Id)) return;
                    lock (taken)
                    {
                        if (!taken.Add(account.Id)) return;
                    }
                    found(new AccountTarget(account.RoleArn, account.Id));
                },
                cancellationToken).ConfigureAwait(false);
            lock (taken) session.RecordAccounts(taken);
        }
    }
}
