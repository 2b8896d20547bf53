using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AwsContainerInventory.Wire;

namespace AwsContainerInventory.Session
{
    /// <summary>
    /// -Region All (or *): the regions enabled in each account, from ec2:DescribeRegions with AllRegions=false (opt-in
    /// regions the account has not enabled are left out, silently), asked once per account for the life of the
    /// session. A failed answer is not kept, so the next run asks again.
    /// </summary>
    internal sealed class EnabledRegions
    {
        /// <summary>How a region list says "every enabled region" (-Region All and -Region * are normalized to it).</summary>
        public const string All = RegionList.All;

        private readonly ConcurrentDictionary<string, Lazy<Task<IReadOnlyList<string>>>> _byAccount =
            new ConcurrentDictionary<string, Lazy<Task<IReadOnlyList<string>>>>(StringComparer.Ordinal);

        /// <summary>True when <paramref name="regions"/> is the "every enabled region" list.</summary>
        public static bool IsAll(IReadOnlyList<string> regions) => regions.Count == 1 && regions[0] == All;

        // The regions AWS launched before 20 March 2019: enabled in every account, and they cannot be disabled (AWS Account
        // Management, "Specify which AWS Regions your account can use"). Every region launched since is opt-in, so the set is closed.
        private static readonly HashSet<string> EnabledByDefault = new HashSet<string>(StringComparer.Ordinal)
        {
            "us-east-1", "us-east-2", "us-west-1", "us-west-2", "ca-central-1", "sa-east-1",
            "eu-central-1", "eu-west-1", "eu-west-2", "eu-west-3", "eu-north-1",
            "ap-south-1", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-southeast-1", "ap-southeast-2",
            "cn-north-1", "cn-northwest-1", "us-gov-west-1", "us-gov-east-1",
        };

        /// <summary>True when <paramref name="region"/> is enabled in every account of its partition, whatever DescribeRegions would say.</summary>
        public static bool IsEnabledByDefault(string region) => EnabledByDefault.Contains(region);

        // Where to ask an account for its regions when the home region is an opt-in one the account has not enabled: the
        // first of its partition's always-enabled regions, in this order.
        private static readonly string[] FallbackOrder = { "us-east-1", "cn-north-1", "us-gov-west-1" };

        /// <summary>
        /// The always-enabled region of <paramref name="partitionRegions"/> (a partition's listed regions) to ask DescribeRegions
        /// in when the opt-in home region is not enabled in an account; null when the partition has none.
        /// </summary>
        public static string? FallbackRegion(IReadOnlyList<string> partitionRegions) =>
            FallbackOrder.FirstOrDefault(region => partitionRegions.Contains(region, StringComparer.Ordinal))
            ?? partitionRegions.FirstOrDefault(IsEnabledByDefault);

        /// <summary>True when the session already knows the enabled regions of the account <paramref name="accountKey"/> names.</summary>
        public bool IsKnown(string accountKey) => _byAccount.TryGetValue(accountKey, out var entry) && IsAnswered(entry);

        /// <summary>The accounts whose regions the session knows.</summary>
        public int KnownAccounts => _byAccount.Count(p => IsAnswered(p.Value));

        private static bool IsAnswered(Lazy<Task<IReadOnlyList<string>>> entry) => entry.IsValueCreated && entry.Value.Status == TaskStatus.RanToCompletion;

        /// <summary>
        /// The enabled regions of the account <paramref name="accountKey"/> names (its id, or a name for credentials
        /// whose account is not known), sorted; <paramref name="client"/> is asked only when the session does not know them.
        /// </summary>
        public async Task<IReadOnlyList<string>> ForAccountAsync(string accountKey, Func<IEc2RegionsClient> client, CancellationToken cancellationToken)
        {
            while (true)
            {
                var entry = _byAccount.GetOrAdd(accountKey, _ => new Lazy<Task<IReadOnlyList<string>>>(() => LoadAsync(client(), cancellationToken)));
                try
                {
                    return await entry.Value.ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    // Another run asked first and was stopped: ask again for this one.
                    Forget(accountKey, entry);
                }
                catch
                {
                    Forget(accountKey, entry);
                    throw;
                }
            }
        }

        /// <summary>Drops a failed or cancelled answer, so the account is asked again.</summary>
        private void Forget(string accountKey, Lazy<Task<IReadOnlyList<string>>> entry) =>
            ((ICollection<KeyValuePair<string, Lazy<Task<IReadOnlyList<string>>>>>)_byAccount).Remove(
                new KeyValuePair<string, Lazy<Task<IReadOnlyList<string>>>>(accountKey, entry));

        private static async Task<IReadOnlyList<string>> LoadAsync(IEc2RegionsClient client, CancellationToken cancellationToken)
        {
            IReadOnlyList<Ec2Region> regions = await client.DescribeRegionsAsync(cancellationToken).ConfigureAwait(false);
            return regions.Where(r => r.IsEnabled).Select(r => r.Name.ToLowerInvariant())
                .Distinct(StringComparer.Ordinal).OrderBy(r => r, StringComparer.Ordinal).ToList();
        }
    }
}
