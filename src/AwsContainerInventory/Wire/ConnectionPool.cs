using System;
using System.Net;
using System.Net.Http;
using System.Threading;

namespace AwsContainerInventory.Wire
{
    /// <summary>
    /// The process's one HTTP connection pool, shared by every session. Connections are recycled after
    /// <see cref="PooledConnectionLifetime"/> so that a DNS change (an endpoint moving) is seen within minutes, not never.
    /// </summary>
    internal static class ConnectionPool
    {
        /// <summary>How long a pooled connection is used before a new one is opened, so DNS changes are seen.</summary>
        public static readonly TimeSpan PooledConnectionLifetime = TimeSpan.FromMinutes(5);

        /// <summary>How long an unused connection is kept: below the 60 s after which AWS's load balancers drop idle ones.</summary>
        public static readonly TimeSpan PooledConnectionIdleTimeout = TimeSpan.FromSeconds(50);

#if !NET8_0_OR_GREATER
        // Declared before the handler and the client, which are made from it in this order.
        private static readonly Type? SocketsHandlerType = Type.GetType("System.Net.Http.SocketsHttpHandler, System.Net.Http", throwOnError: false);
#endif

        /// <summary>SocketsHttpHandler on .NET (PowerShell 7), HttpClientHandler on .NET Framework (Windows PowerShell 5.1).</summary>
        public static readonly HttpMessageHandler SharedHandler = CreateHandler(PooledConnectionLifetime, PooledConnectionIdleTimeout);

        public static readonly HttpClient SharedClient = new HttpClient(SharedHandler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };

        /// <summary>True on .NET Framework, where connections are recycled per ServicePoint (<see cref="LeaseConnections"/>).</summary>
#if NET8_0_OR_GREATER
        public static bool RecyclesByServicePoint => false;
#else
        public static bool RecyclesByServicePoint => SocketsHandlerType == null;
#endif

        /// <summary>
        /// A pool handler: SocketsHttpHandler, for PooledConnectionLifetime (HttpClientHandler keeps a connection
        /// forever, and with it the address DNS gave when it opened). The PowerShell 7 build makes it directly; the
        /// netstandard2.0 build, which has no SocketsHttpHandler, by reflection when it runs on .NET, and on .NET Framework
        /// <see cref="LeaseConnections"/> does the same per endpoint.
        /// </summary>
        public static HttpMessageHandler CreateHandler(TimeSpan connectionLifetime, TimeSpan idleTimeout)
        {
#if NET8_0_OR_GREATER
            return new SocketsHttpHandler
            {
                UseCookies = false,
                AllowAutoRedirect = false,
                MaxConnectionsPerServer = 256,
                PooledConnectionLifetime = connectionLifetime,
                PooledConnectionIdleTimeout = idleTimeout,
                // No trace-context headers (traceparent) on AWS requests: botocore sends none, and they are not signed.
                ActivityHeadersPropagator = null,
            };
#else
            if (SocketsHandlerType == null)
                return new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false, MaxConnectionsPerServer = 256 };
            var handler = (HttpMessageHandler)Activator.CreateInstance(SocketsHandlerType)!;
            SetProperty(handler, "UseCookies", false);
            SetProperty(handler, "AllowAutoRedirect", false);
            SetProperty(handler, "MaxConnectionsPerServer", 256);
            SetProperty(handler, "PooledConnectionLifetime", connectionLifetime);
            SetProperty(handler, "PooledConnectionIdleTimeout", idleTimeout);
            return handler;
#endif
        }

        /// <summary>
        /// .NET Framework: connections to <paramref name="endpoint"/> are closed after <see cref="PooledConnectionLifetime"/>
        /// (ServicePoint.ConnectionLeaseTimeout) or <see cref="PooledConnectionIdleTimeout"/> unused. Set on every send,
        /// since ServicePointManager forgets an idle ServicePoint and makes a new one with the defaults.
        /// </summary>
        public static ServicePoint LeaseConnections(Uri endpoint)
        {
            ServicePoint point = ServicePointManager.FindServicePoint(endpoint);
            point.ConnectionLeaseTimeout = (int)PooledConnectionLifetime.TotalMilliseconds;
            point.MaxIdleTime = (int)PooledConnectionIdleTimeout.TotalMilliseconds;
            return point;
        }

#if !NET8_0_OR_GREATER
        private static void SetProperty(HttpMessageHandler handler, string name, object value) =>
            (handler.GetType().GetProperty(name) ?? throw new MissingMemberException(handler.GetType().FullName, name)).SetValue(handler, value);
#endif
    }
}
