using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AwsContainerInventory.Wire;
using AwsContainerInventory.Session;

namespace AwsContainerInventory.Inventory
{
    /// <summary>
    /// Expands a session into its (account × region) pairs for one run. The accounts come from
    /// <see cref="AccountSelection"/> (the -RoleArn roles at once, an organization's accounts as they are listed); each
    /// role is assumed once (in the home region's STS endpoint) and its regions start as soon as it is ready, so no
    /// account waits for another's inventory. With -Region All each account's regions are its enabled ones
    /// (<see cref="EnabledRegions"/>); the home region's pair starts beside the DescribeRegions call when the home region is
    /// one every account has, so an account's first records do not wait for its region list; when the list cannot be
    /// had, the account is still read in the regions every account has. A role, account or region that cannot be read is
    /// one error naming it, and every other pair goes on.
    /// </summary>
    internal sealed class ScopePlan
    {
        // What a call to a region the account has not enabled is answered with (JSON services, EC2, STS).
        private static readonly HashSet<string> RegionNotEnabledCodes =
            new HashSet<string>(StringComparer.Ordinal) { "UnrecognizedClientException", "AuthFailure", "InvalidClientTokenId" };

        private readonly InventorySession _session;
        private readonly IReadOnlyList<string> _regions;
        private readonly bool _allRegions;
        private readonly string _homeRegion;
        // -Region All: the home partition's regions every account has, read even when an account's list cannot be had.
        private readonly IReadOnlyList<string> _alwaysEnabled;
        private readonly InventoryRun _run;
        private readonly TaskCompletionSource<bool> _discovered = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly object _gate = new object();
        private readonly List<ScopeGroup> _groups = new List<ScopeGroup>();
        private readonly List<Consumer> _consumers = new List<Consumer>();
        private readonly Lazy<IStsClient> _sts;
        private readonly PairStarts _pairStarts;
        private bool _discoveryStarted;
        private bool _incomplete;

        public ScopePlan(InventorySession session, IReadOnlyList<string> regions, InventoryRun run)
        {
            _session = session;
            _regions = regions;
            _run = run;
            _allRegions = EnabledRegions.IsAll(regions);
            _homeRegion = _allRegions ? session.HomeRegion : regions[0];
            _alwaysEnabled = _allRegions
                ? session.Endpoints.Partitions.Resolve(_homeRegion).Regions.Where(EnabledRegions.IsEnabledByDefault).ToList()
                : (IReadOnlyList<string>)Array.Empty<string>();
            // One AWS SDK STS client for every role this run assumes: building one per role costs about a millisecond each.
            _sts = new Lazy<IStsClient>(() => session.CreateBaseStsClient(_homeRegion, run));
            // Enough admitted pairs to keep every slot busy with first calls while the others are under way.
            _pairStarts = new PairStarts(Math.Max(16, 4 * session.ParallelRequests), run, run.Token);
            run.KeepSlotsUntilFirstRecord(session.Transport.KeepSlotsForFollowUps());
        }

        /// <summary>
        /// Starts <paramref name="work"/> (given the pair's <see cref="InventoryContext"/>) for every pair that <paramref name="include"/> accepts, as the pairs become known.
        /// Failures of a pair are reported as errors naming it; the other pairs are not affected. <paramref name="unread"/>
        /// is told the region (<see cref="EnabledRegions.All"/> for every region) and account (null when unknown) of each
        /// pair that could not be read: its role, credentials or regions failed, its work ended in an error, or the
        /// organization could not be listed completely (then: every region of every account). Pairs start a few at a
        /// time (<see cref="PairStarts"/>), except with <paramref name="waitsForOtherPairs"/>: work that waits for every
        /// pair of another ForEachScope (a <see cref="PairBarrier"/>) starts at once, since waiting with a permit held
        /// could keep out the very pairs it waits for.
        /// </summary>
        public void ForEachScope(string what, Func<InventoryContext, Task> work, Func<InventoryScope, bool>? include = null,
            Action<string, string?>? unread = null, bool waitsForOtherPairs = false)
        {
            var consumer = new Consumer(what, work, include, unread, waitsForOtherPairs);
            List<ScopeGroup> known;
            bool startDiscovery, incomplete;
            lock (_gate)
            {
                known = _groups.ToList();
                _consumers.Add(consumer);
                incomplete = _incomplete;
                startDiscovery = !_discoveryStarted;
                _discoveryStarted = true;
            }
            if (startDiscovery) _run.Start(DiscoverAsync);
            foreach (ScopeGroup group in known) Start(group, consumer);
            if (incomplete) unread?.Invoke(EnabledRegions.All, null);
        }

        private async Task DiscoverAsync(CancellationToken token)
        {
            int accounts = 0;
            try
            {
                await AccountSelection.ForEachAsync(_session, _homeRegion, () => _sts.Value, _run, target =>
                {
                    Interlocked.Increment(ref accounts);
                    Add(NewGroup(target, token));
                }, token).ConfigureAwait(false);
                if (accounts == 0)
                {
                    string by = string.Join(" and ", new[] { _session.ExcludedAccountIds.Count > 0 ? "-ExcludeAccountId" : null, _session.Shard != null ? "-Shard " + _session.Shard : null }
                        .Where(option => option != null));
                    _run.WriteWarning("No account to read: " + (by.Length > 0 ? "every account was left out by " + by : "the organization lists no ACTIVE account") + ".");
                }
            }
            catch (OrganizationListingException error) when (!token.IsCancellationRequested)
            {
                _run.WriteError(InventoryErrors.OrganizationFailed(error));
                List<Consumer> consumers;
                lock (_gate)
                {
                    _incomplete = true;
                    consumers = _consumers.ToList();
                }
                foreach (Consumer consumer in consumers) consumer.Unread?.Invoke(EnabledRegions.All, null);
            }
            finally
            {
                _discovered.TrySetResult(true);
            }
        }

        /// <summary>
        /// Every pair of the run, once every account is listed and each has been assumed (or has failed, leaving its
        /// pairs out): for work that must wait until all pairs have done a first part (Get-EcrImage -InUse reads every
        /// pair's running tasks first; Get-ContainerExposure's image scans wait for every pair's network). Call after
        /// the first <see cref="ForEachScope"/>, which starts the listing.
        /// </summary>
        public async Task<IReadOnlyList<InventoryScope>> AllScopesAsync()
        {
            await _discovered.Task.ConfigureAwait(false);
            List<ScopeGroup> groups;
            lock (_gate) groups = _groups.ToList();
            var all = new List<InventoryScope>();
            foreach (ScopeGroup group in groups)
            {
                InventoryScope? home = await group.Home.ConfigureAwait(false);
                if (home != null) all.Add(home);
                all.AddRange((await group.Others.ConfigureAwait(false)).Scopes);
            }
            return all;
        }

        private void Add(ScopeGroup group)
        {
            List<Consumer> consumers;
            lock (_gate)
            {
                _groups.Add(group);
                consumers = _consumers.ToList();
            }
            foreach (Consumer consumer in consumers) Start(group, consumer);
        }

        private void Start(ScopeGroup group, Consumer consumer)
        {
            _run.Start(async token =>
            {
                InventoryScope? home = await group.Home.ConfigureAwait(false);
                if (home != null) StartPair(home, consumer);
                AccountPairs others = await group.Others.ConfigureAwait(false);
                // Not all known: the role, the credentials or the regions failed (already reported), so some or all of the
                // account's pairs are not read.
                if (!others.Complete && consumer.Unread != null)
                {
                    foreach (string region in _allRegions ? new[] { EnabledRegions.All } : _regions) consumer.Unread(region, group.Target.AccountId);
                }
                foreach (InventoryScope scope in others.Scopes) StartPair(scope, consumer);
            });
        }

        private void StartPair(InventoryScope scope, Consumer consumer)
        {
            if (consumer.Include != null && !consumer.Include(scope)) return;
            _run.AddScopes(1);
            if (consumer.WaitsForOtherPairs)
            {
                _run.Start(token => ReadPairAsync(scope, consumer, null, token));
                return;
            }
            // Held open while the pair waits for its turn, which it does as no more than this delegate.
            _run.Hold();
            _pairStarts.Enter(admitted => _run.StartHeld(token => ReadPairAsync(scope, consumer, admitted, token)));
        }

        private async Task ReadPairAsync(InventoryScope scope, Consumer consumer, PairStart? admitted, CancellationToken token)
        {
            try
            {
                token.ThrowIfCancellationRequested();
                await consumer.Work(new InventoryContext(scope, _run, _session, token, admitted)).ConfigureAwait(false);
            }
            catch (Exception error) when (InventoryErrors.IsScopeFailure(error) && !token.IsCancellationRequested)
            {
                _run.WriteError(await ScopeFailureAsync(error, scope, consumer.What, token).ConfigureAwait(false));
                consumer.Unread?.Invoke(scope.Region, scope.AccountId);
            }
            finally
            {
                admitted?.Dispose();
                _run.ScopeDone();
            }
        }

        private ScopeGroup NewGroup(AccountTarget target, CancellationToken token)
        {
            Task<ICredentialProvider?> credentials = CredentialsAsync(target, token);
            Task<InventoryScope?> home = HomeAheadAsync(target, credentials);
            return new ScopeGroup(target, home, OtherScopesAsync(target, credentials, home, token));
        }

        private async Task<ICredentialProvider?> CredentialsAsync(AccountTarget target, CancellationToken token) =>
            target.RoleArn == null ? await BaseCredentialsAsync(token).ConfigureAwait(false) : await RoleCredentialsAsync(target.RoleArn, token).ConfigureAwait(false);

        /// <summary>
        /// With -Region All, the home region's pair, as soon as the credentials are ready: a region every account has
        /// enabled (<see cref="EnabledRegions.IsEnabledByDefault"/>) need not wait for DescribeRegions to say so. Null when
        /// it waits with the others: the home region is opt-in, the session knows the account's regions already, or the
        /// credentials failed.
        /// </summary>
        private async Task<InventoryScope?> HomeAheadAsync(AccountTarget target, Task<ICredentialProvider?> credentialsTask)
        {
            if (!_allRegions || !EnabledRegions.IsEnabledByDefault(_homeRegion)) return null;
            ICredentialProvider? credentials = await credentialsTask.ConfigureAwait(false);
            if (credentials == null || _session.EnabledRegions.IsKnown(AccountKey(target, credentials))) return null;
            return new InventoryScope(_session, _homeRegion, target.RoleArn, credentials, target.AccountId);
        }

        /// <summary>
        /// The account's pairs, but for the one started ahead (<paramref name="homeTask"/>), once its credentials (and,
        /// with -Region All, its regions) are known. Without credentials, none. Without its region list, those of the regions
        /// every account has (it cannot lack them, and a role without ec2:DescribeRegions is common), not complete: the
        /// opt-in regions it may have enabled are not read, and the error says so.
        /// </summary>
        private async Task<AccountPairs> OtherScopesAsync(AccountTarget target, Task<ICredentialProvider?> credentialsTask,
            Task<InventoryScope?> homeTask, CancellationToken token)
        {
            ICredentialProvider? credentials = await credentialsTask.ConfigureAwait(false);
            if (credentials == null) return AccountPairs.None;
            InventoryScope? home = await homeTask.ConfigureAwait(false);
            IReadOnlyList<string> regions = _regions;
            bool complete = true;
            if (_allRegions)
            {
                try
                {
                    regions = await RegionsOfAsync(target, credentials, token).ConfigureAwait(false);
                }
                catch (Exception error) when (InventoryErrors.IsScopeFailure(error) && !token.IsCancellationRequested)
                {
                    _run.WriteError(InventoryErrors.RegionsUnavailable(error, target.RoleArn, target.AccountId, _homeRegion, _alwaysEnabled.Count));
                    regions = _alwaysEnabled;
                    complete = false;
                }
            }
            return new AccountPairs(regions.Where(region => home == null || region != home.Region)
                .Select(region => new InventoryScope(_session, region, target.RoleArn, credentials, target.AccountId)).ToList(), complete);
        }

        private static string AccountKey(AccountTarget target, ICredentialProvider credentials) => target.AccountId ?? "credentials " + credentials.Description;

        /// <summary>The account's enabled regions in the home region's partition (AWS lists no other; moto lists aws-cn and aws-us-gov too).</summary>
        private async Task<IReadOnlyList<string>> RegionsOfAsync(AccountTarget target, ICredentialProvider credentials, CancellationToken token)
        {
            var partition = _session.Endpoints.Partitions.Resolve(_homeRegion);
            // An opt-in home region may be one a member account has not enabled (the management account's home, say): AWS
            // then knows none of the account's credentials there, so the account is asked again in a region it cannot lack.
            string? fallback = EnabledRegions.IsEnabledByDefault(_homeRegion) ? null : EnabledRegions.FallbackRegion(partition.Regions);
            IReadOnlyList<string> enabled = await _session.EnabledRegions.ForAccountAsync(AccountKey(target, credentials),
                () => new HomeRegionsClient(RegionsClient(_homeRegion, credentials), fallback == null ? null : RegionsClient(fallback, credentials)),
                token).ConfigureAwait(false);
            return enabled.Where(region => _session.Endpoints.Partitions.Resolve(region).Id == partition.Id).ToList();
        }

        private IEc2RegionsClient RegionsClient(string region, ICredentialProvider credentials) =>
            new Ec2Client(_session.Transport, _session.Endpoints.Ec2(region), region, credentials, _run);

        /// <summary>DescribeRegions in the home region, and once more in the fallback region when the home region is not enabled in the account.</summary>
        private sealed class HomeRegionsClient : IEc2RegionsClient
        {
            private readonly IEc2RegionsClient _home;
            private readonly IEc2RegionsClient? _fallback;

            public HomeRegionsClient(IEc2RegionsClient home, IEc2RegionsClient? fallback)
            {
                _home = home;
                _fallback = fallback;
            }

            public async Task<IReadOnlyList<Ec2Region>> DescribeRegionsAsync(CancellationToken cancellationToken)
            {
                try
                {
                    return await _home.DescribeRegionsAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (AwsServiceException error) when (_fallback != null && RegionNotEnabledCodes.Contains(error.ErrorCode))
                {
                    return await _fallback.DescribeRegionsAsync(cancellationToken).ConfigureAwait(false);
                }
            }
        }

        /// <summary>
        /// The error for a pair whose work failed. AWS answers a call to a region the account has not enabled as if the
        /// credentials were unknown; after such an answer outside the home region (where the same credentials must work,
        /// unless it is opt-in), the account's enabled regions are asked once, and when they leave the region out the error
        /// says so instead.
        /// </summary>
        private async Task<System.Management.Automation.ErrorRecord> ScopeFailureAsync(Exception error, InventoryScope scope, string what, CancellationToken token)
        {
            // In the home region the same answer means what it says, unless that region is opt-in: then the account's
            // regions are asked in a region it cannot lack (see RegionsOfAsync).
            bool couldBeDisabled = scope.Region != _homeRegion || !EnabledRegions.IsEnabledByDefault(_homeRegion);
            if (!_allRegions && couldBeDisabled && error is AwsServiceException aws && RegionNotEnabledCodes.Contains(aws.ErrorCode))
            {
                try
                {
                    var target = new AccountTarget(scope.RoleArn, scope.AccountId);
                    IReadOnlyList<string> enabled = await RegionsOfAsync(target, scope.Credentials, token).ConfigureAwait(false);
                    if (!enabled.Contains(scope.Region, StringComparer.Ordinal)) return InventoryErrors.RegionNotEnabled(error, scope, what, enabled);
                }
                catch (Exception) when (!token.IsCancellationRequested)
                {
                    // The regions could not be had either: the original error says what is known.
                }
            }
            return InventoryErrors.ScopeFailed(error, scope, what);
        }

        private async Task<ICredentialProvider?> BaseCredentialsAsync(CancellationToken token)
        {
            try
            {
                // Resolve once so missing credentials are one error, not one per region.
                await _session.BaseCredentials.GetCredentialsAsync(token).ConfigureAwait(false);
                return _session.BaseCredentials;
            }
            catch (CredentialsUnavailableException error) when (!token.IsCancellationRequested)
            {
                _run.WriteError(InventoryErrors.CredentialsUnavailable(error));
                return null;
            }
        }

        private async Task<ICredentialProvider?> RoleCredentialsAsync(string roleArn, CancellationToken token)
        {
            AssumedRoleCredentialProvider credentials = _session.RoleCredentials(roleArn, _homeRegion, _run, () => _sts.Value);
            try
            {
                if (_run.VerboseShown) _run.WriteVerbose("Assuming role " + roleArn + " (session " + credentials.RoleSessionName + ", " + credentials.DurationSeconds + " s).");
                await credentials.GetCredentialsAsync(token).ConfigureAwait(false);
                _session.RecordRoleOutcome(roleArn, failed: false);
                return credentials;
            }
            catch (RoleAssumptionException error) when (!token.IsCancellationRequested)
            {
                _run.WriteError(InventoryErrors.RoleFailed(error.InnerException!, roleArn));
            }
            catch (Exception error) when ((error is AwsServiceException || error is CredentialsUnavailableException) && !token.IsCancellationRequested)
            {
                _run.WriteError(InventoryErrors.RoleFailed(error, roleArn));
            }
            _session.RecordRoleOutcome(roleArn, failed: true);
            return null;
        }

        /// <summary>The pairs of one account: the home region's, when it starts ahead of the others, and the others (whose regions may still be asked for).</summary>
        private sealed class ScopeGroup
        {
            public ScopeGroup(AccountTarget target, Task<InventoryScope?> home, Task<AccountPairs> others)
            {
                Target = target;
                Home = home;
                Others = others;
            }

            public AccountTarget Target { get; }
            public Task<InventoryScope?> Home { get; }
            public Task<AccountPairs> Others { get; }
        }

        /// <summary>An account's pairs (but for one started ahead), and whether they are all it has.</summary>
        private sealed class AccountPairs
        {
            public static readonly AccountPairs None = new AccountPairs(Array.Empty<InventoryScope>(), complete: false);

            public AccountPairs(IReadOnlyList<InventoryScope> scopes, bool complete)
            {
                Scopes = scopes;
                Complete = complete;
            }

            public IReadOnlyList<InventoryScope> Scopes { get; }

            /// <summary>False when the credentials or the region list could not be had.</summary>
            public bool Complete { get; }
        }

        /// <summary>One ForEachScope call: its work, applied to every pair as it becomes known.</summary>
        private sealed class Consumer
        {
            public Consumer(string what, Func<InventoryContext, Task> work, Func<InventoryScope, bool>? include, Action<string, string?>? unread,
                bool waitsForOtherPairs)
            {
                What = what;
                Work = work;
                Include = include;
                Unread = unread;
                WaitsForOtherPairs = waitsForOtherPairs;
            }

            public string What { get; }
            public Func<InventoryContext, Task> Work { get; }
            public Func<InventoryScope, bool>? Include { get; }
            public Action<string, string?>? Unread { get; }
            public bool WaitsForOtherPairs { get; }
        }
    }
}
