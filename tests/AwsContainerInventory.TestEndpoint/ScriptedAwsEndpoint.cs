using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace AwsContainerInventory.TestEndpoint;

/// <summary>
/// A scripted AWS endpoint (ECR, ECS, STS, EC2 and Organizations behind one base URL) on 127.0.0.1.
/// <code>
/// await using var ep = await ScriptedAwsEndpoint.StartAsync();
/// ep.Estate.Generate(new EstateGenerationOptions { Accounts = 2 });
/// ep.Faults.ThrottleEveryNth = 3;
/// … point the client at ep.BaseUri with Estate.DefaultAccessKeyId / DefaultSecretAccessKey …
/// Assert.Equal(0, ep.Stats.BatchLimitViolations);
/// </code>
/// AWS calls go through <see cref="AwsCallPipeline"/> (the same one <see cref="InProcessAwsHandler"/> runs without a socket).
/// Routes under <c>/_control/</c> are the control API (see <see cref="ControlApi"/>), unauthenticated.
/// </summary>
public sealed class ScriptedAwsEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _shutdownRequested = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly AwsCallPipeline _pipeline;
    private readonly ControlApi _control;
    private int _disposed;

    private ScriptedAwsEndpoint(WebApplication app)
    {
        _app = app;
        _pipeline = new AwsCallPipeline(Estate, Faults, Stats, _stopping.Token);
        SsoPortal = new SsoPortalHandler(Estate);
        _control = new ControlApi(this);
        ((IApplicationBuilder)app).Run(HandleAsync);
    }

    /// <summary>Base URL for every service, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseUri { get; private set; } = null!;

    public int Port => BaseUri.Port;

    /// <summary>What is served. Long-lived: control routes load into this same object.</summary>
    public Estate Estate { get; } = new();

    public FaultSettings Faults { get; } = new();

    public EndpointStats Stats { get; } = new();

    /// <summary>The IAM Identity Center portal stand-in (GetRoleCredentials) for SSO profile tests.</summary>
    public SsoPortalHandler SsoPortal { get; }

    /// <summary>Completes when <c>POST /_control/shutdown</c> is received.</summary>
    public Task ShutdownRequested => _shutdownRequested.Task;

    /// <summary>Starts listening on 127.0.0.1 (<paramref name="port"/> 0 picks a free port).</summary>
    public static async Task<ScriptedAwsEndpoint> StartAsync(int port = 0, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, port);
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.Limits.MinRequestBodyDataRate = null;
        });
        builder.Services.Configure<Microsoft.Extensions.Hosting.HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        // The endpoint stands for AWS at a given latency, so its own cost per call should be as small as it can be: a
        // request is handled on the thread that read it (no hand-over to the thread pool and back), and run as a
        // program it also gets its socket completions inline (DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS, set by
        // tools/ScriptedEndpoint.psm1). Its handlers never block: every wait is awaited.
        builder.Services.Configure<SocketTransportOptions>(o => o.UnsafePreferInlineScheduling = true);

        var endpoint = new ScriptedAwsEndpoint(builder.Build());
        await endpoint._app.StartAsync(cancellationToken);

        var address = endpoint._app.Services.GetRequiredService<IServer>().Features
            .GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        endpoint.BaseUri = new Uri(new Uri(address.Replace("localhost", "127.0.0.1")), "/");
        return endpoint;
    }

    /// <summary>Clears stats and faults; the estate stays.</summary>
    public void Reset()
    {
        Faults.Clear();
        Stats.Reset();
    }

    /// <summary>Clears stats, faults and the estate (back to the default credential only).</summary>
    public void Clear()
    {
        Reset();
        Estate.Clear();
        SsoPortal.Clear();
    }

    internal void RequestShutdown() => _shutdownRequested.TrySetResult();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        await _stopping.CancelAsync();
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            await _app.StopAsync(timeout.Token);
        }
        await _app.DisposeAsync();
        _stopping.Dispose();
    }

    // ---------------------------------------------------------------- routes

    private Task HandleAsync(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/_control") ? _control.HandleAsync(context)
        : context.Request.Path.StartsWithSegments(SsoPortalHandler.Path) ? SsoPortal.HandleAsync(context)
        : _pipeline.HandleAsync(context);
}
