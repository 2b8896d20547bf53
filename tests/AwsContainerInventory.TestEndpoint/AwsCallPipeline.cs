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
/// The scripted endpoint's handling of one AWS call, whatever carries it (Kestrel in <see cref="ScriptedAwsEndpoint"/>,
/// or <see cref="InProcessAwsHandler"/> with no socket): count as in flight → identify service/operation → latency →
/// SigV4 verification → region not enabled → fault selection → denied operations → service handler → response
/// (possibly mangled by the fault). One estate, one routing, one set of handlers for every test double.
/// </summary>
public sealed partial class AwsCallPipeline
{
    private static readonly byte[] MalformedBody = "<html><body><h1>502 Bad Gateway</h1></body></html>\n{\"truncated"u8.ToArray();

    private readonly CancellationToken _stopping;
    private readonly SigV4Verifier _verifier;
    private readonly Dictionary<AwsService, IServiceHandler> _handlers;

    /// <param name="stopping">Cancels injected latency and hangs when the host stops.</param>
    public AwsCallPipeline(Estate estate, FaultSettings faults, EndpointStats stats, CancellationToken stopping = default)
    {
        Estate = estate;
        Faults = faults;
        Stats = stats;
        _stopping = stopping;
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
    }

    public Estate Estate { get; }

    public FaultSettings Faults { get; }

    public EndpointStats Stats { get; }

    /// <summary>
    /// A test's own answer for an authenticated call, in place of the service handler (which it may still call,
    /// through the second argument, to change the question or the answer). Null: the handlers answer.
    /// </summary>
    internal Func<AwsCall, Func<AwsCall, AwsResponse>, AwsResponse>? Interceptor { get; set; }

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
        public int LatencyMs;
        public WaitPlan Wait;
        public Stopwatch Clock = null!;
    }

    /// <summary>Answers one AWS call (the control API and SSO portal are the host's).</summary>
    public async Task HandleAsync(HttpContext context)
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
            if (facts.LatencyMs > 0 && status != 0 && facts.Fault == FaultKind.None) _latency.Learn(facts.LatencyMs, clock.Elapsed.TotalMilliseconds, facts.Wait);
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
        // The Authorization header is read once: its scope routes the call and names its region; verification reuses it.
        var authorization = SigV4Verifier.PeekAuthorization(request.Headers);
        var (service, operation, form) = Identify(request, body, ServiceFromScope(authorization?.Service));
        facts.Service = service;
        facts.Operation = operation;
        facts.Region = authorization?.Region;
        Stats.Attempt(operation);

        var latency = Faults.LatencyFor(operation);
        if (latency > 0)
        {
            facts.LatencyMs = latency;
            facts.Wait = await WaitForLatencyAsync(context, facts.Clock, latency);
        }

        CallerIdentity caller;
        try
        {
            var rawTarget = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
            var queryStart = rawTarget.IndexOf('?');
            var signed = new SignedRequest(request.Method,
                queryStart < 0 ? rawTarget : rawTarget[..queryStart],
                queryStart < 0 ? "" : rawTarget[queryStart..],
                request.Headers, body, authorization);
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

            var call = new AwsCall(service, operation, caller, json, form, requestId);
            response = Interceptor is { } intercept ? intercept(call, handler.Handle) : handler.Handle(call);
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
}
