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
/// Request pipeline for AWS calls: count as in flight → identify service/operation → latency →
/// SigV4 verification → region not enabled → fault selection → denied operations → service handler → response (possibly mangled by the fault).
/// Routes under <c>/_control/</c> are the control API (see <see cref="ControlApi"/>), unauthenticated.
/// </summary>
public sealed class ScriptedAwsEndpoint : IAsyncDisposable
{
    private static readonly byte[] MalformedBody = "<html><body><h1>502 Bad Gateway</h1></body></html>\n{\"truncated"u8.ToArray();

    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _shutdownRequested = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SigV4Verifier _verifier;
    private readonly Dictionary<AwsService, IServiceHandler> _handlers;
    private readonly ControlApi _control;
    private int _disposed;

    private ScriptedAwsEndpoint(WebApplication app)
    {
        _app = app;
        _verifier = new SigV4Verifier(Estate);
        _handlers = new Dictionary<AwsService, IServiceHandler>
        {
            [AwsService.Ecr] = new EcrHandler(Estate, Stats),
            [AwsService.Ecs] = new EcsHandler(Estate, Stats),
            [AwsService.Sts] = new StsHandler(Estate, Stats),
            [AwsService.Ec2] = new Ec2Handler(Estate, Stats),
            [AwsService.ElasticLoadBalancing] = new Elbv2Handler(Estate),
            [AwsService.Organizations] = new OrganizationsHandler(Estate),
        };
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

    // ---------------------------------------------------------------- request pipeline

    private Task HandleAsync(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/_control") ? _control.HandleAsync(context)
        : context.Request.Path.StartsWithSegments(SsoPortalHandler.Path) ? SsoPortal.HandleAsync(context)
        : HandleAwsAsync(context);

    /// <summary>Mutable facts about one call, gathered along the pipeline for its <see cref="CallRecord"/>.</summary>
    private sealed class CallFacts
    {
        public AwsService Service;
        public string Operation = "Unknown";
        public string? AccountId;
        public string? Region;
        public int? MaxResults;
        public int? BatchSize;
        public string? DesiredStatus;
        public string? Cluster;
        public bool HasNextToken;
        public int StatusCode;
        public string? ErrorCode;
        public FaultKind Fault;
        public bool Aborted;
        public Stopwatch Clock = null!;
    }

    private async Task HandleAwsAsync(HttpContext context)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var facts = new CallFacts { Clock = clock };
        Stats.RequestStarted();
        try
        {
            await ProcessAsync(context, facts);
            if (!facts.Aborted)
            {
                await context.Response.CompleteAsync();
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ConnectionAbortedException)
        {
            facts.Aborted = true;
        }
        catch (Exception ex)
        {
            // A bug in the endpoint: make it visible to the test instead of failing silently.
            Console.Error.WriteLine($"ScriptedAwsEndpoint: {facts.Operation} failed: {ex}");
            if (context.Response.HasStarted)
            {
                facts.Aborted = true;
                context.Abort();
            }
            else
            {
                var error = new AwsServiceException(500, AwsWire.InternalErrorCode(facts.Service),
                    $"Scripted endpoint failure: {ex.GetType().Name}: {ex.Message}");
                await WriteErrorAsync(context, facts, error, Guid.NewGuid().ToString());
            }
        }
        finally
        {
            Stats.RequestFinished();
            var status = facts.Aborted ? 0 : facts.StatusCode;
            Stats.Completed(
                new CallRecord(facts.Operation, facts.Service.ToString().ToLowerInvariant(), facts.AccountId, facts.Region,
                    facts.MaxResults, facts.BatchSize, facts.DesiredStatus, facts.Cluster, facts.HasNextToken,
                    status, facts.ErrorCode, facts.Fault, startedAt, clock.Elapsed.TotalMilliseconds),
                success: status is >= 200 and < 300 && facts.Fault == FaultKind.None);
        }
    }

    private async Task ProcessAsync(HttpContext context, CallFacts facts)
    {
        var requestId = Guid.NewGuid().ToString();
        var request = context.Request;
        var body = await ReadBodyAsync(request, context.RequestAborted);
        var (service, operation, form) = Identify(request, body);
        facts.Service = service;
        facts.Operation = operation;
        facts.Region = SigV4Verifier.PeekScope(request.Headers).Region;
        Stats.Attempt(operation);

        var latency = Faults.LatencyFor(operation);
        if (latency > 0)
        {
            await WaitForLatencyAsync(context, facts.Clock, latency);
        }

        CallerIdentity caller;
        try
        {
            var rawTarget = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
            var queryStart = rawTarget.IndexOf('?');
            var signed = new SignedRequest(request.Method,
                queryStart < 0 ? rawTarget : rawTarget[..queryStart],
                queryStart < 0 ? "" : rawTarget[queryStart..],
                request.Headers, body);
            caller = _verifier.Verify(signed, SigningName(service), DateTimeOffset.UtcNow);
        }
        catch (AuthenticationException ex)
        {
            var error = ex.ToServiceException(service);
            Stats.SignatureRejected(error.Code);
            await WriteErrorAsync(context, facts, error, requestId);
            return;
        }
        facts.AccountId = caller.AccountId;
        facts.Region = caller.Region;

        // An opt-in region the account has not enabled knows none of its credentials (Organizations is global).
        if (service != AwsService.Organizations && Estate.IsRegionDisabled(caller.AccountId, caller.Region))
        {
            await WriteErrorAsync(context, facts, AuthenticationException.RegionNotEnabled().ToServiceException(service), requestId);
            return;
        }

        AwsResponse response;
        try
        {
            var handler = _handlers[service];
            if (!KnownOperations(service).Contains(operation))
            {
                throw service switch
                {
                    AwsService.Sts => new AwsServiceException(400, "InvalidAction", $"Could not find operation {operation} for version {form.GetValueOrDefault("Version")}"),
                    AwsService.Ec2 => Ec2Handler.InvalidAction(operation),
                    AwsService.ElasticLoadBalancing => new AwsServiceException(400, "InvalidAction", $"Could not find operation {operation} for version {form.GetValueOrDefault("Version")}"),
                    _ => new AwsServiceException(400, "UnknownOperationException", $"Unknown operation {operation}"),
                };
            }

            var json = AwsWire.IsQueryProtocol(service) ? new JsonInput(new()) : JsonInput.Parse(body.Span);
            RecordParameters(facts, service, json, form);

            var (fault, retryAfter, hangMs) = Faults.NextFault(operation);
            facts.Fault = fault;
            switch (fault)
            {
                case FaultKind.ResetConnection:
                    AbortWithReset(context, facts);
                    return;
                case FaultKind.Hang:
                    await HangAsync(context, facts, hangMs);
                    return;
                case FaultKind.Throttle or FaultKind.ServiceUnavailable or FaultKind.InternalError:
                    await WriteFaultErrorAsync(context, facts, service, fault, retryAfter, requestId);
                    return;
                case FaultKind.MalformedBody:
                    await WriteAsync(context, facts, new AwsResponse(200, MalformedBody, AwsWire.ContentTypeOf(service)), requestId);
                    return;
            }

            // After faults, like every other outcome of an authenticated call.
            var action = $"{SigningName(service)}:{operation}";
            if (Estate.IsOperationDenied(caller.AccountId, action))
            {
                throw NotAuthorized(service, action, caller);
            }

            response = handler.Handle(new AwsCall(service, operation, caller, json, form, requestId));
        }
        catch (AwsServiceException ex)
        {
            await WriteErrorAsync(context, facts, ex, requestId);
            return;
        }

        if (facts.Fault == FaultKind.TruncatedBody)
        {
            await WriteTruncatedAsync(context, facts, response, requestId);
            return;
        }
        await WriteAsync(context, facts, response, requestId);
    }

    /// <summary>
    /// Service and operation: <c>X-Amz-Target</c> for the JSON services; for a form body (query protocol) the
    /// <c>Action</c>, sent to STS or EC2 by the credential scope's service — the one thing that stands for the
    /// host name AWS routes by — or, without such a scope, by whether the action (or version) is EC2's.
    /// </summary>
    private static (AwsService Service, string Operation, Dictionary<string, string> Form) Identify(HttpRequest request, ReadOnlyMemory<byte> body)
    {
        var form = new Dictionary<string, string>(StringComparer.Ordinal);
        var target = request.Headers["X-Amz-Target"].ToString();
        if (target.Length > 0)
        {
            var dot = target.IndexOf('.');
            var prefix = dot < 0 ? target : target[..dot];
            var operation = dot < 0 ? "Unknown" : target[(dot + 1)..];
            var service = prefix switch
            {
                EcrHandler.TargetPrefix => AwsService.Ecr,
                EcsHandler.TargetPrefix => AwsService.Ecs,
                OrganizationsHandler.TargetPrefix => AwsService.Organizations,
                _ => ServiceFromScope(request) is { } jsonService and (AwsService.Ecr or AwsService.Ecs) ? jsonService : AwsService.Ecs,
            };
            return (service, prefix is EcrHandler.TargetPrefix or EcsHandler.TargetPrefix or OrganizationsHandler.TargetPrefix ? operation : target, form);
        }

        var contentType = request.ContentType ?? "";
        var scoped = ServiceFromScope(request);
        if (contentType.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)
            || scoped is AwsService.Sts or AwsService.Ec2 or AwsService.ElasticLoadBalancing)
        {
            var text = System.Text.Encoding.UTF8.GetString(body.Span);
            foreach (var (key, value) in QueryHelpers.ParseQuery(request.QueryString.Value))
            {
                form[key] = value.ToString();
            }
            foreach (var (key, value) in QueryHelpers.ParseQuery(text))
            {
                form[key] = value.ToString();
            }
            var action = form.GetValueOrDefault("Action") ?? "Unknown";
            var service = scoped is AwsService.Sts or AwsService.Ec2 or AwsService.ElasticLoadBalancing
                ? scoped.Value
                : Ec2Handler.Operations.Contains(action) || form.GetValueOrDefault("Version") == Ec2Handler.ApiVersion
                    ? AwsService.Ec2
                    : form.GetValueOrDefault("Version") == Elbv2Handler.ApiVersion ? AwsService.ElasticLoadBalancing : AwsService.Sts;
            return (service, action, form);
        }

        return (scoped ?? AwsService.Ecs, "Unknown", form);
    }

    private static AwsService? ServiceFromScope(HttpRequest request) => SigV4Verifier.PeekScope(request.Headers).Service switch
    {
        "ecr" => AwsService.Ecr,
        "ecs" => AwsService.Ecs,
        "sts" => AwsService.Sts,
        "ec2" => AwsService.Ec2,
        "elasticloadbalancing" => AwsService.ElasticLoadBalancing,
        "organizations" => AwsService.Organizations,
        _ => null,
    };

    private static string SigningName(AwsService service) => service.ToString().ToLowerInvariant();

    /// <summary>An IAM denial as each service words it (see <see cref="Estate.DenyOperation"/>).</summary>
    private static AwsServiceException NotAuthorized(AwsService service, string action, CallerIdentity caller) =>
        service == AwsService.ElasticLoadBalancing
            ? new AwsServiceException(403, "AccessDenied",
                $"User: {caller.Arn} is not authorized to perform: {action} because no identity-based policy allows the {action} action")
            : service == AwsService.Ec2
            ? new AwsServiceException(403, "UnauthorizedOperation",
                $"You are not authorized to perform this operation. User: {caller.Arn} is not authorized to perform: {action} " +
                $"because no identity-based policy allows the {action} action")
            : new AwsServiceException(400, "AccessDeniedException",
                $"User: {caller.Arn} is not authorized to perform: {action} on resource: * " +
                $"because no identity-based policy allows the {action} action");

    private static IReadOnlySet<string> KnownOperations(AwsService service) => service switch
    {
        AwsService.Ecr => EcrHandler.Operations,
        AwsService.Ecs => EcsHandler.Operations,
        AwsService.Ec2 => Ec2Handler.Operations,
        AwsService.ElasticLoadBalancing => Elbv2Handler.Operations,
        AwsService.Organizations => OrganizationsHandler.Operations,
        _ => StsHandler.Operations,
    };

    /// <summary>Call-record parameters, read leniently (a wrongly typed member is reported by the handler).</summary>
    private static void RecordParameters(CallFacts facts, AwsService service, JsonInput json, IReadOnlyDictionary<string, string> form)
    {
        if (service == AwsService.Ec2)
        {
            (facts.MaxResults, facts.BatchSize, facts.HasNextToken) = Ec2Handler.CallFacts(form);
            return;
        }
        if (service == AwsService.ElasticLoadBalancing)
        {
            facts.MaxResults = int.TryParse(form.GetValueOrDefault("PageSize"), out var pageSize) ? pageSize : null;
            facts.HasNextToken = form.ContainsKey("Marker");
            return;
        }

        facts.BatchSize = json.BatchSize();
        facts.HasNextToken = json.Body["nextToken"] is not null || json.Body["NextToken"] is not null;
        try
        {
            facts.MaxResults = json.Int("maxResults");
            facts.DesiredStatus = json.String("desiredStatus");
            facts.Cluster = json.String("cluster");
        }
        catch (AwsServiceException)
        {
            // recorded as far as readable
        }
    }

    private static async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream(request.ContentLength is > 0 and < int.MaxValue ? (int)request.ContentLength : 256);
        await request.Body.CopyToAsync(buffer, cancellationToken);
        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }

    // ---------------------------------------------------------------- writing responses and faults

    private static async Task WriteAsync(HttpContext context, CallFacts facts, AwsResponse response, string requestId)
    {
        if (facts.Service == AwsService.Sts && response.ContentType == AwsWire.XmlContentType && StsJson.IsAsked(context.Request.Headers.Accept.ToString()))
        {
            response = StsJson.FromXml(response);
        }
        facts.StatusCode = response.StatusCode;
        var http = context.Response;
        http.StatusCode = response.StatusCode;
        http.ContentType = response.ContentType;
        http.ContentLength = response.Body.Length;
        http.Headers["x-amzn-RequestId"] = requestId;
        await http.Body.WriteAsync(response.Body, context.RequestAborted);
    }

    private static Task WriteErrorAsync(HttpContext context, CallFacts facts, AwsServiceException error, string requestId)
    {
        facts.ErrorCode = error.Code;
        if (!AwsWire.IsQueryProtocol(facts.Service))
        {
            context.Response.Headers["x-amzn-ErrorType"] = error.Code;
        }
        return WriteAsync(context, facts, AwsWire.Error(facts.Service, error.StatusCode, error.Code, error.Message, requestId), requestId);
    }

    private static Task WriteFaultErrorAsync(
        HttpContext context, CallFacts facts, AwsService service, FaultKind fault, int? retryAfter, string requestId)
    {
        if (retryAfter is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return WriteErrorAsync(context, facts, AwsWire.FaultError(service, fault), requestId);
    }

    /// <summary>
    /// Headers announce the full Content-Length, half the body follows, then the connection is closed.
    /// The bytes go straight to the socket, followed by a FIN, so the client deterministically receives
    /// exactly the headers and half the body before the connection ends.
    /// </summary>
    private static async Task WriteTruncatedAsync(HttpContext context, CallFacts facts, AwsResponse response, string requestId)
    {
        facts.StatusCode = response.StatusCode;
        facts.Aborted = true;
        var half = response.Body[..(response.Body.Length / 2)];

        if (context.Features.Get<IConnectionSocketFeature>()?.Socket is Socket socket)
        {
            var head = $"HTTP/1.1 {response.StatusCode} {ReasonPhrases.GetReasonPhrase(response.StatusCode)}\r\n" +
                       $"Content-Type: {response.ContentType}\r\n" +
                       $"Content-Length: {response.Body.Length}\r\n" +
                       $"Date: {DateTimeOffset.UtcNow:R}\r\n" +
                       $"x-amzn-RequestId: {requestId}\r\n\r\n";
            await socket.SendAsync(System.Text.Encoding.ASCII.GetBytes(head), SocketFlags.None, context.RequestAborted);
            await socket.SendAsync(half, SocketFlags.None, context.RequestAborted);
            socket.Shutdown(SocketShutdown.Send);
        }
        else
        {
            // Not on a socket transport: send through the server and give it a moment to go out.
            var http = context.Response;
            http.StatusCode = response.StatusCode;
            http.ContentType = response.ContentType;
            http.ContentLength = response.Body.Length;
            http.Headers["x-amzn-RequestId"] = requestId;
            await http.Body.WriteAsync(half, context.RequestAborted);
            await http.Body.FlushAsync(context.RequestAborted);
            await Task.Delay(100);
        }
        context.Abort();
    }

    private async Task HangAsync(HttpContext context, CallFacts facts, int hangMs)
    {
        try
        {
            await DelayAsync(context, hangMs);
        }
        catch (OperationCanceledException)
        {
            // client gave up or the endpoint is stopping
        }
        facts.Aborted = true;
        context.Abort();
    }

    /// <summary>Aborts with SO_LINGER 0 so the client sees a TCP reset rather than an orderly close.</summary>
    private static void AbortWithReset(HttpContext context, CallFacts facts)
    {
        if (context.Features.Get<IConnectionSocketFeature>()?.Socket is Socket socket)
        {
            socket.LingerState = new LingerOption(enable: true, seconds: 0);
        }
        facts.Aborted = true;
        context.Abort();
    }

    // How late Task.Delay wakes up under load (timer granularity, a busy thread pool), learnt from the waits
    // themselves, so a "25 ms" call is answered about 25 ms after it arrived rather than 25 ms plus the overshoot.
    // It tracks the lower quartile of the lateness, not its mean: three waits in four still end late, so the
    // endpoint errs on the slow side and can only flatter no client.
    private double _delayOvershootMs;
    private const double OvershootQuantile = 0.25;
    private const double OvershootStepMs = 0.02;

    /// <summary>
    /// Injected latency counts from the request's arrival, as a network's would: the wait ends about
    /// <paramref name="latencyMs"/> after the request arrived, whatever reading it took.
    /// </summary>
    private async Task WaitForLatencyAsync(HttpContext context, Stopwatch sinceArrival, int latencyMs)
    {
        double overshoot = Volatile.Read(ref _delayOvershootMs);
        // Whole milliseconds, rounded up: Task.Delay truncates a fraction, which would end the wait early.
        int planned = (int)Math.Ceiling(latencyMs - sinceArrival.Elapsed.TotalMilliseconds - overshoot);
        if (planned < 1) return;
        var before = sinceArrival.Elapsed;
        await DelayAsync(context, planned);
        double late = (sinceArrival.Elapsed - before).TotalMilliseconds - planned;
        // Stochastic quantile tracking: up a little when this wait was later than the estimate, down otherwise.
        double next = late > overshoot ? overshoot + OvershootStepMs * (1 - OvershootQuantile) : overshoot - OvershootStepMs * OvershootQuantile;
        Volatile.Write(ref _delayOvershootMs, Math.Clamp(next, 0, 5));
    }

    /// <summary>Waits, but gives up when the client disconnects or the endpoint stops.</summary>
    private Task DelayAsync(HttpContext context, int milliseconds) => DelayAsync(context, TimeSpan.FromMilliseconds(milliseconds));

    /// <summary>Waits, but gives up when the client disconnects or the endpoint stops.</summary>
    private async Task DelayAsync(HttpContext context, TimeSpan duration)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        await Task.Delay(duration, cancel.Token);
    }
}
