using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AwsContainerInventory.Wire;

namespace AwsContainerInventory.Inventory
{
    /// <summary>
    /// Expands a session into its (role × region) pairs for one run. Each role is assumed once (in the first
    /// region's STS endpoint) and its regions start as soon as it is ready; a role that cannot be assumed is
    /// one error naming it, and every other pair goes on.
    /// </summary>
    internal sealed class ScopePlan
    {
        private readonly InventorySession _session;
        private readonly IReadOnlyList<string> _regions;
        private readonly InventoryRun _run;
        private readonly Lazy<IReadOnlyList<ScopeGroup>> _groups;

        public ScopePlan(InventorySession session, IReadOnlyList<string> regions, InventoryRun run)
        {
            _session = session;
            _regions = regions;
            _run = run;
            _groups = new Lazy<IReadOnlyList<ScopeGroup>>(StartGroups);
        }

        /// <summary>
        /// Starts <paramref name="work"/> for every pair that <paramref name="include"/> accepts. Failures of a
        /// pair are reported as errors naming it; the other pairs are not affected. <paramref name="unread"/> is told
        /// the region and account (null when unknown) of each pair that could not be read: its role or credentials
        /// failed, or its work ended in an error.
        /// </summary>
        public void ForEachScope(string what, Func<InventoryScope, CancellationToken, Task> work, Func<InventoryScope, bool>? include = null,
            Action<string, string?>? unread = null)
        {
            foreach (ScopeGroup group in _groups.Value)
            {
                _run.Start(async token =>
                {
                    IReadOnlyList<InventoryScope> scopes = await group.Scopes.ConfigureAwait(false);
                    // There is always a region, so no scopes means the role or the credentials failed (already reported).
                    if (scopes.Count == 0 && unread != null)
                    {
                        foreach (string region in _regions) unread(region, ApiValues.AccountFromArn(group.RoleArn));
                    }
                    foreach (InventoryScope scope in scopes)
                    {
                        if (include != null && !include(scope)) continue;
                        _run.AddScopes(1);
                        _run.Start(async scopeToken =>
                        {
                            try
                            {
                                await work(scope, scopeToken).ConfigureAwait(false);
                            }
                            catch (Exception error) when (InventoryErrors.IsScopeFailure(error) && !scopeToken.IsCancellationRequested)
                            {
                                _run.WriteError(InventoryErrors.ScopeFailed(error, scope, what));
                                unread?.Invoke(scope.Region, scope.AccountId);
                            }
                            finally
                            {
                                _run.ScopeDone();
                            }
                        });
                    }
                });
            }
        }

        /// <summary>
        /// Every pair of the run, once each role has been assumed (or has failed, leaving its pairs out): for work that
        /// must wait until all pairs have done a first part (Get-EcrImage -InUse reads every pair's running tasks first).
        /// </summary>
        public async Task<IReadOnlyList<InventoryScope>> AllScopesAsync()
        {
            IReadOnlyList<InventoryScope>[] groups = await Task.WhenAll(_groups.Value.Select(g => g.Scopes)).ConfigureAwait(false);
            return groups.SelectMany(g => g).ToList();
        }

        private IReadOnlyList<ScopeGroup> StartGroups()
        {
            if (_session.RoleArns.Count == 0)
                return new[] { new ScopeGroup(null, BaseScopesAsync(_run.Token)) };
            string stsRegion = _regions[0];
            return _session.RoleArns.Select(role => new ScopeGroup(role, RoleScopesAsync(role, stsRegion, _run.Token))).ToList();
        }

        /// <summary>The pairs of one role (or of the base credentials, RoleArn null), once its credentials are ready.</summary>
        private sealed class ScopeGroup
        {
            public ScopeGroup(string? roleArn, Task<IReadOnlyList<InventoryScope>> scopes)
            {
                RoleArn = roleArn;
                Scopes = scopes;
            }

            public string? RoleArn { get; }
            public Task<IReadOnlyList<InventoryScope>> Scopes { get; }
        }

        private async Task<IReadOnlyList<InventoryScope>> BaseScopesAsync(CancellationToken token)
        {
            try
            {
                // Resolve once so missing credentials are one error, not one per region.
                await _session.BaseCredentials.GetCredentialsAsync(token).ConfigureAwait(false);
            }
            catch (CredentialsUnavailableException error) when (!token.IsCancellationRequested)
            {
                _run.WriteError(InventoryErrors.CredentialsUnavailable(error));
                return Array.Empty<InventoryScope>();
            }
            return _regions.Select(region => new InventoryScope(_session, region, null, _session.BaseCredentials, _run)).ToList();
        }

        private async Task<IReadOnlyList<InventoryScope>> RoleScopesAsync(string roleArn, string stsRegion, CancellationToken token)
        {
            AssumedRoleCredentialProvider credentials = _session.RoleCredentials(roleArn, stsRegion, _run);
            try
            {
                _run.WriteVerbose("Assuming role " + roleArn + " (session " + credentials.RoleSessionName + ", " + credentials.DurationSeconds + " s).");
                await credentials.GetCredentialsAsync(token).ConfigureAwait(false);
            }
            catch (RoleAssumptionException error) when (!token.IsCancellationRequested)
            {
                _run.WriteError(InventoryErrors.RoleFailed(error.InnerException!, roleArn));
                return Array.Empty<InventoryScope>();
            }
            catch (Exception error) when ((error is AwsServiceException || error is CredentialsUnavailableException) && !token.IsCancellationRequested)
            {
                _run.WriteError(InventoryErrors.RoleFailed(error, roleArn));
                return Array.Empty<InventoryScope>();
            }
            return _regions.Select(region => new InventoryScope(_session, region, roleArn, credentials, _run)).ToList();
        }
    }
}
