using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using AwsContainerInventory.TestEndpoint;

namespace AwsContainerInventory.Tests.Support;

/// <summary>
/// The scripted AWS endpoint in-process, with no socket: every request goes through the endpoint's own pipeline
/// (routing, SigV4 verification against <see cref="Estate"/>, faults, denied operations, the ECR/ECS/EC2/STS
/// handlers) on an estate of its own. A test may answer an operation itself with <see cref="On(string, Func{JsonObject, FakeResponse})"/>
/// (after verification, in place of the handler). Counts calls per operation and records every request body.
/// The estate knows <see cref="CmdletHarness"/>'s keys (account <see cref="FakeEstate.Account"/>); other keys need
/// <c>Estate.AddCredential</c>.
/// </summary>
public sealed class FakeAwsHandler : HttpMessageHandler
{
    private readonly ConcurrentDictionary<string, Func<JsonObject, FakeResponse>> _scripts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Func<AwsCall, Func<AwsCall, AwsResponse>, AwsResponse>> _wrappers = new(StringComparer.Ordinal);
    private readonly HttpMessageInvoker _endpoint;
    private int _inFlight;
    private int _peak;

    public FakeAwsHandler()
    {
        Pipeline = new AwsCallPipeline(new Estate(), new FaultSettings(), new EndpointStats()) { Interceptor = Answer };
        Pipeline.Estate.AddCredential(CmdletHarness.AccessKey, CmdletHarness.SecretKey, FakeEstate.Account);
        _endpoint = new HttpMessageInvoker(new InProcessAwsHandler(Pipeline));
    }

    /// <summary>The endpoint's pipeline this fake runs; its estate, faults and stats are the fake's.</summary>
    public AwsCallPipeline Pipeline { get; }

    public Estate Estate => Pipeline.Estate;

    public ConcurrentQueue<(string Operation, JsonObject Body, HttpRequestMessage Request)> Calls { get; } = new();

    /// <summary>Delay added to each call, to make concurrency observable.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>Extra delay for one operation's calls (a slow service among fast ones).</summary>
    public ConcurrentDictionary<string, TimeSpan> OperationLatency { get; } = new(StringComparer.Ordinal);

    public int PeakConcurrency => Volatile.Read(ref _peak);

    /// <summary>What <see cref="FakeEstate"/> put in the estate, for the helpers that add to it.</summary>
    internal List<(string Account, string Region, string Name)> Repositories { get; } = [];

    internal List<(string Region, string EniId)> TaskInterfaces { get; } = [];

    /// <summary>Answers <paramref name="operation"/> with a script instead of the estate.</summary>
    public FakeAwsHandler On(string operation, Func<JsonObject, FakeResponse> script)
    {
        _scripts[operation] = script;
        return this;
    }

    public FakeAwsHandler On(string operation, Func<JsonObject, object> json) =>
        On(operation, body => FakeResponse.Json(json(body)));

    /// <summary>Answers <paramref name="operation"/> around the estate's handler: the wrapper may change the call or the answer.</summary>
    internal FakeAwsHandler Around(string operation, Func<AwsCall, Func<AwsCall, AwsResponse>, AwsResponse> wrapper)
    {
        _wrappers[operation] = wrapper;
        return this;
    }

    public int CallCount(string operation) => Calls.Count(c => c.Operation == operation);

    public IEnumerable<JsonObject> Bodies(string operation) => Calls.Where(c => c.Operation == operation).Select(c => c.Body);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        int now = Interlocked.Increment(ref _inFlight);
        int seen;
        while (now > (seen = Volatile.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, now, seen) != seen) { }
        try
        {
            string text = request.Content == null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
            var (operation, body) = Read(request, text);
            Calls.Enqueue((operation, body, request));
            if (Latency > TimeSpan.Zero) await Task.Delay(Latency, cancellationToken);
            if (OperationLatency.TryGetValue(operation, out var extra)) await Task.Delay(extra, cancellationToken);
            return await _endpoint.SendAsync(request, cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    /// <summary>The operation and its parameters: the JSON body by X-Amz-Target, or the query protocol's form.</summary>
    private static (string Operation, JsonObject Body) Read(HttpRequestMessage request, string text)
    {
        if (request.Headers.TryGetValues("X-Amz-Target", out var target))
        {
            return (target.First().Split('.').Last(), JsonNode.Parse(text.Length == 0 ? "{}" : text)!.AsObject());
        }
        var form = text.Split('&').Select(p => p.Split('=', 2))
            .ToDictionary(p => WebUtility.UrlDecode(p[0]), p => WebUtility.UrlDecode(p.Length > 1 ? p[1] : ""));
        return (form["Action"], FormObject(form));
    }

    private static JsonObject FormObject(IEnumerable<KeyValuePair<string, string>> form) =>
        new(form.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)JsonValue.Create(kv.Value))));

    /// <summary>The pipeline's interceptor: a script, else a wrapper around the handler, else the handler.</summary>
    private AwsResponse Answer(AwsCall call, Func<AwsCall, AwsResponse> handler)
    {
        if (_scripts.TryGetValue(call.Operation, out var script))
        {
            var body = call.Form.Count > 0 ? FormObject(call.Form) : (JsonObject)call.Json.Body.DeepClone();
            return script(body).ToAwsResponse();
        }
        return _wrappers.TryGetValue(call.Operation, out var wrapper) ? wrapper(call, handler) : handler(call);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _endpoint.Dispose();
        base.Dispose(disposing);
    }
}
