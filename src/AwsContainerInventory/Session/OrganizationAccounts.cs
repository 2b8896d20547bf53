using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AwsContainerInventory.Wire;

namespace AwsContainerInventory.Session
{
    /// <summary>
    /// Connect-AwsInventory -OrganizationRoleName: the ACTIVE accounts of the organization (ListAccounts), or of the
    /// given OUs and every OU below them (ListAccountsForParent and ListChildren, recursively). Listed at the first run
    /// that needs them and kept for the session; accounts are handed on page by page as they arrive, so their roles
    /// are assumed while the rest of the organization is still being listed. The caller's identity
    /// (sts:GetCallerIdentity, asked beside the first page) gives the partition of the role ARNs and the caller's own
    /// account, which is read with the caller's credentials instead of a role assumed into itself.
    /// </summary>
    internal sealed class OrganizationAccounts
    {
        private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
        private IReadOnlyList<DiscoveredAccount>? _listed;

        public OrganizationAccounts(string roleName, IReadOnlyList<string> organizationalUnitIds)
        {
            RoleName = roleName;
            OrganizationalUnitIds = organizationalUnitIds;
        }

        /// <summary>The role assumed in each member account (a name, possibly with a path: inventory/Reader).</summary>
        public string RoleName { get; }

        /// <summary>Roots (r-…) or OUs (ou-…) to read, with every OU below them; empty for the whole organization.</summary>
        public IReadOnlyList<string> OrganizationalUnitIds { get; }

        /// <summary>The accounts of the last complete listing, in the order found; null until one completed.</summary>
        public IReadOnlyList<DiscoveredAccount>? Listed => Volatile.Read(ref _listed);

        /// <summary>
        /// Hands every ACTIVE account to <paramref name="found"/> (from worker threads, possibly at once): as listed, or
        /// from the session's copy once one listing has completed. Throws <see cref="OrganizationListingException"/>
        /// when a call fails; the accounts found before it have been handed on, and nothing is kept.
        /// </summary>
        /// <param name="caller">Names the caller's credentials, the error target when the caller cannot list the organization.</param>
        public async Task ListAsync(Func<IStsClient> sts, Func<IOrganizationsClient> organizations, string caller,
            Action<DiscoveredAccount> found, CancellationToken cancellationToken)
        {
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                IReadOnlyList<DiscoveredAccount>? listed = _listed;
                if (listed == null)
                {
                    var listing = new Listing(this, organizations(), found, cancellationToken);
                    // On a thread of its own: the AWS SDK builds, signs and sends GetCallerIdentity before its first await
                    // (several milliseconds in a new process), and the first page, which every account waits for, should
                    // not wait for that to go out.
                    Task<StsCallerIdentity> identity = Task.Run(() => IdentityAsync(sts(), caller, cancellationToken));
                    listing.Identity = identity;
                    await listing.RunAsync(caller).ConfigureAwait(false);
                    Volatile.Write(ref _listed, listing.Accounts);
                    return;
                }
                foreach (DiscoveredAccount account in listed) found(account);
            }
            finally
            {
                _gate.Release();
            }
        }

        private static async Task<StsCallerIdentity> IdentityAsync(IStsClient sts, string caller, CancellationToken cancellationToken)
        {
            try
            {
                return await sts.GetCallerIdentityAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (AwsServiceException error)
            {
                throw new OrganizationListingException(caller, "Could not read the caller's identity (sts:GetCallerIdentity) for " + caller + ": " + error.Message, error);
            }
        }

        /// <summary>One listing: the pages in flight, the OUs visited and the accounts found so far.</summary>
        private sealed class Listing
        {
            private readonly OrganizationAccounts _owner;
            private readonly IOrganizationsClient _client;
            private readonly Action<DiscoveredAccount> _found;
            private readonly CancellationToken _token;
            private readonly object _lock = new object();
            private readonly HashSet<string> _seenAccounts = new HashSet<string>(StringComparer.Ordinal);
            private readonly HashSet<string> _seenUnits = new HashSet<string>(StringComparer.Ordinal);
            private readonly List<DiscoveredAccount> _accounts = new List<DiscoveredAccount>();

            public Listing(OrganizationAccounts owner, IOrganizationsClient client, Action<DiscoveredAccount> found, CancellationToken token)
            {
                _owner = owner;
                _client = client;
                _found = found;
                _token = token;
            }

            public Task<StsCallerIdentity> Identity { get; set; } = null!;

            public IReadOnlyList<DiscoveredAccount> Accounts { get { lock (_lock) return _accounts.ToList(); } }

            public async Task RunAsync(string caller)
            {
                try
                {
                    if (_owner.OrganizationalUnitIds.Count == 0)
                        await PagesAsync(caller, "ListAccounts", token => _client.ListAccountsAsync(token, _token), EmitAsync).ConfigureAwait(false);
                    else
                        await Task.WhenAll(_owner.OrganizationalUnitIds.Select(ReadUnitAsync)).ConfigureAwait(false);
                    await Identity.ConfigureAwait(false);
                }
                finally
                {
                    // A listing that failed first must not leave the identity's own failure unobserved.
                    _ = Identity.ContinueWith(t => t.Exception, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously);
                }
            }

            private async Task ReadUnitAsync(string parentId)
            {
                lock (_lock)
                {
                    if (!_seenUnits.Add(parentId)) return;
                }
                var children = new List<Task>();
                Task accounts = PagesAsync(parentId, "ListAccountsForParent", token => _client.ListAccountsForParentAsync(parentId, token, _token), EmitAsync);
                Task units = PagesAsync(parentId, "ListChildren", token => _client.ListOrganizationalUnitsAsync(parentId, token, _token), page =>
                {
                    lock (children) children.AddRange(page.Select(ReadUnitAsync));
                    return Task.CompletedTask;
                });
                await Task.WhenAll(accounts, units).ConfigureAwait(false);
                Task[] below;
                lock (children) below = children.ToArray();
                await Task.WhenAll(below).ConfigureAwait(false);
            }

            private static Task PagesAsync<T>(string target, string operation, Func<string?, Task<ApiPage<T>>> list, Func<IReadOnlyList<T>, Task> page) =>
                ApiPaging.ForEachPageAsync(async nextToken =>
                {
                    try
                    {
                        return await list(nextToken).ConfigureAwait(false);
                    }
                    catch (AwsServiceException error)
                    {
                        string where = target.StartsWith("r-", StringComparison.Ordinal) || target.StartsWith("ou-", StringComparison.Ordinal)
                            ? "of " + target : "for " + target;
                        throw new OrganizationListingException(target, "Could not list the organization's accounts " + where + " (organizations:" + operation + "): " + error.Message, error);
                    }
                }, result => page(result.Items));

            private async Task EmitAsync(IReadOnlyList<OrganizationAccount> page)
            {
                StsCallerIdentity identity = await Identity.ConfigureAwait(false);
                foreach (OrganizationAccount account in page)
                {
                    if (!account.IsActive) continue;
                    DiscoveredAccount discovered;
                    lock (_lock)
                    {
                        if (!_seenAccounts.Add(account.Id)) continue;
                        string? role = account.Id == identity.Account ? null : "arn:" + identity.Partition + ":iam::" + account.Id + ":role/" + _owner.RoleName;
                        discovered = new DiscoveredAccount(account.Id, account.Name, role);
                        _accounts.Add(discovered);
                    }
                    _found(discovered);
                }
            }
        }
    }
}
