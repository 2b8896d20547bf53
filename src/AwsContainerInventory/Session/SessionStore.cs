using System;
using System.Collections.Generic;
using System.Linq;
using AwsContainerInventory.Isolation;

namespace AwsContainerInventory.Session
{
    /// <summary>
    /// The current session, shared by every runspace of the process (so ForEach-Object -Parallel and runspace
    /// pools see the same connection), or the default-chain session when nobody has connected.
    /// </summary>
    internal static class SessionStore
    {
        private static readonly object Gate = new object();
        private static InventorySession? _current;

        /// <summary>Replaced by tests to avoid touching the real environment.</summary>
        internal static Func<IDefaultChains> DefaultChains { get; set; } = () => DefaultChainsLoader.Instance;

        public static InventorySession? Current
        {
            get { lock (Gate) return _current; }
        }

        public static void Set(InventorySession session)
        {
            lock (Gate) _current = session;
        }

        public static void Clear()
        {
            lock (Gate) _current = null;
        }

        /// <summary>The connected session, or one built from the default chains with the connector's defaults.</summary>
        public static InventorySession CurrentOrDefault()
        {
            InventorySession? current = Current;
            if (current != null) return current;
            IDefaultChains chains = DefaultChains();
            string? region = chains.ResolveRegion(null);
            return new InventorySession(chains.CreateCredentialProvider(null), null,
                region == null ? Enumerable.Empty<string>() : new[] { region }, Enumerable.Empty<string>(),
                InventorySession.DefaultSessionDuration, InventorySession.DefaultPageSize,
                InventorySession.DefaultParallelRequests, InventorySession.DefaultMaxRetries, null, isDefault: true);
        }
    }
}
