using System;
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

        /// <summary>Reads an environment variable; replaced by tests so they need not change the process environment.</summary>
        internal static Func<string, string?> EnvironmentVariable { get; set; } = Environment.GetEnvironmentVariable;

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

        /// <summary>
        /// The connected session, or one built from the default chains with the connector's defaults. The
        /// environment and the config file are read on every call, so a change applies to the next cmdlet.
        /// Throws <see cref="EndpointConfigurationException"/> for an endpoint setting that cannot be used.
        /// </summary>
        public static InventorySession CurrentOrDefault() => Current ?? SessionBuilder.FromStore().BuildDefault();
    }
}
