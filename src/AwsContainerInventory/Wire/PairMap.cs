using System;
using System.Collections.Concurrent;
using System.Collections.Generic;

namespace AwsContainerInventory.Wire
{
    /// <summary>
    /// A value per (credentials × region) pair, the credentials by identity. Two levels of reference-keyed maps rather
    /// than one keyed by a struct pair: nothing is allocated per lookup, and the maps are the framework's shared,
    /// precompiled code (a struct key has the runtime compile a dictionary for it at a run's first call).
    /// </summary>
    internal sealed class PairMap<TValue> where TValue : class
    {
        private readonly ConcurrentDictionary<ICredentialProvider, ConcurrentDictionary<string, TValue>> _byCredentials =
            new ConcurrentDictionary<ICredentialProvider, ConcurrentDictionary<string, TValue>>(IdentityComparer.Instance);

        public TValue GetOrAdd(ICredentialProvider credentials, string region, Func<TValue> create)
        {
            ConcurrentDictionary<string, TValue> byRegion = RegionsOf(credentials);
            return byRegion.TryGetValue(region, out TValue? value) ? value : byRegion.GetOrAdd(region, _ => create());
        }

        /// <summary>True when the pair had no value yet and now has <paramref name="value"/>.</summary>
        public bool TryAdd(ICredentialProvider credentials, string region, TValue value) => RegionsOf(credentials).TryAdd(region, value);

        private ConcurrentDictionary<string, TValue> RegionsOf(ICredentialProvider credentials) =>
            _byCredentials.TryGetValue(credentials, out ConcurrentDictionary<string, TValue>? byRegion)
                ? byRegion
                : _byCredentials.GetOrAdd(credentials, _ => new ConcurrentDictionary<string, TValue>(StringComparer.Ordinal));

        private sealed class IdentityComparer : IEqualityComparer<ICredentialProvider>
        {
            public static readonly IdentityComparer Instance = new IdentityComparer();

            public bool Equals(ICredentialProvider? x, ICredentialProvider? y) => ReferenceEquals(x, y);

            public int GetHashCode(ICredentialProvider credentials) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(credentials);
        }
    }
}
