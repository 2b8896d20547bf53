using System.Net;
using System.Net.Sockets;
using System.Text;
using AwsContainerInventory.Wire;

namespace AwsContainerInventory.Tests.Wire;

/// <summary>
/// The process's connection pool recycles connections, so a DNS change (a regional endpoint moving) is seen
/// within minutes instead of never.
/// </summary>
public class ConnectionPoolTests
{
    [Fact]
    public void The_shared_handler_is_a_sockets_handler_that_recycles_connections_every_five_minutes()
    {
        var handler = Assert.IsType<SocketsHttpHandler>(ConnectionPool.SharedHandler);

        Assert.Equal(TimeSpan.FromMinutes(5), handler.PooledConnectionLifetime);
        Assert.Equal(TimeSpan.FromSeconds(50), handler.PooledConnectionIdleTimeout);
        Assert.False(handler.UseCookies);
        Assert.False(handler.AllowAutoRedirect);
        Assert.Equal(256, handler.MaxConnectionsPerServer);
        Assert.False(ConnectionPool.RecyclesByServicePoint);
    }

    [Fact]
    public async Task A_connection_older_than_its_lifetime_is_replaced_and_a_younger_one_reused()
    {
        using var server = new KeepAliveServer();
        using var recycling = new HttpClient(ConnectionPool.CreateHandler(TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(50)));
        using var keeping = new HttpClient(ConnectionPool.CreateHandler(TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(50)));

        await keeping.GetStringAsync(server.Url);
        await recycling.GetStringAsync(server.Url);
        await Task.Delay(700);
        await keeping.GetStringAsync(server.Url);
        await recycling.GetStringAsync(server.Url);

        Assert.Equal(3, server.Connections);   // keeping: 1, recycling: 2
        Assert.Equal(4, server.Requests);
    }

#pragma warning disable SYSLIB0014 // ServicePointManager is what Windows PowerShell 5.1's HttpClientHandler uses.
    [Fact]
    public void On_dotnet_framework_each_endpoints_service_point_gets_the_same_lease()
    {
        var endpoint = new Uri("https://ecs.eu-west-1.amazonaws.com/");

        ServicePoint point = ConnectionPool.LeaseConnections(endpoint);

        Assert.Equal(300_000, point.ConnectionLeaseTimeout);
        Assert.Equal(50_000, point.MaxIdleTime);
        Assert.Same(point, ServicePointManager.FindServicePoint(endpoint));
    }
#pragma warning restore SYSLIB0014

    /// <summary>An HTTP/1.1 server on loopback that keeps connections open and counts them.</summary>
    private sealed class KeepAliveServer : IDisposable
    {
        private static readonly byte[] Response = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Type: text/plain\r\n\r\nok");
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        private int _connections;
        private int _requests;

        public KeepAliveServer()
        {
            _listener.Start();
            Url = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
            _ = AcceptAsync();
        }

        public Uri Url { get; }
        public int Connections => Volatile.Read(ref _connections);
        public int Requests => Volatile.Read(ref _requests);

        private async Task AcceptAsync()
        {
            try
            {
                while (true)
                {
                    TcpClient client = await _listener.AcceptTcpClientAsync(_stop.Token);
                    Interlocked.Increment(ref _connections);
                    _ = ServeAsync(client);
                }
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
            }
        }

        private async Task ServeAsync(TcpClient client)
        {
            using (client)
            {
                NetworkStream stream = client.GetStream();
                var buffer = new byte[4096];
                var pending = new StringBuilder();
                try
                {
                    while (true)
                    {
                        int read = await stream.ReadAsync(buffer, _stop.Token);
                        if (read == 0) return;
                        pending.Append(Encoding.ASCII.GetString(buffer, 0, read));
                        int end;
                        while ((end = pending.ToString().IndexOf("\r\n\r\n", StringComparison.Ordinal)) >= 0)
                        {
                            pending.Remove(0, end + 4);   // GET requests: no body
                            Interlocked.Increment(ref _requests);
                            await stream.WriteAsync(Response, _stop.Token);
                        }
                    }
                }
                catch (Exception e) when (e is IOException || e is OperationCanceledException || e is SocketException)
                {
                    // The client closed the connection, or the server is stopping.
                }
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
        }
    }
}
