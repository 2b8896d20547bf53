using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AwsContainerInventory.Tests.Support;

/// <summary>
/// An in-process scripted AWS endpoint: routes each request by X-Amz-Target (or STS Action) to a script,
/// counts calls per operation and records every request body, with no socket involved.
/// </summary>
public sealed class FakeAwsHandler : HttpMessageHandler
{
    private readonly ConcurrentDictionary<string, Func<JsonObject, FakeResponse>> _routes = new(StringComparer.Ordinal);
    private int _inFlight;
    private int _peak;

    public ConcurrentQueue<(string Operation, JsonObject Body, HttpRequestMessage Request)> Calls { get; } = new();

    /// <summary>Delay added to each call, to make concurrency observable.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>Extra delay for one operation's calls (a slow service among fast ones).</summary>
    public ConcurrentDictionary<string, TimeSpan> OperationLatency { get; } = new(StringComparer.Ordinal);

    public int PeakConcurrency => Volatile.Read(ref _peak);

    public FakeAwsHandler On(string operation, Func<JsonObject, FakeResponse> script)
    {
        _routes[operation] = script;
        return this;
    }

    public FakeAwsHandler On(string operation, Func<JsonObject, object> json) =>
        On(operation, body => FakeResponse.Json(json(body)));

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
            string operation;
            JsonObject body;
            if (request.Headers.TryGetValues("X-Amz-Target", out var target))
            {
                operation = target.First().Split('.').Last();
                body = JsonNode.Parse(text.Length == 0 ? "{}" : text)!.AsObject();
            }
            else
            {
                var form = text.Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => WebUtility.UrlDecode(p[0]), p => WebUtility.UrlDecode(p.Length > 1 ? p[1] : ""));
                operation = form["Action"];
                body = new JsonObject(form.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)JsonValue.Create(kv.Value))));
            }
            Calls.Enqueue((operation, body, request));
            if (Latency > TimeSpan.Zero) await Task.Delay(Latency, cancellationToken);
            if (OperationLatency.TryGetValue(operation, out var extra)) await Task.Delay(extra, cancellationToken);
            if (!_routes.TryGetValue(operation, out var script))
                return FakeResponse.Error(400, "UnknownOperationException", "No script for " + operation).ToMessage();
            return script(body).ToMessage();
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }
}

public sealed class FakeResponse
{
    public int Status { get; init; } = 200;
    public string Body { get; init; } = "{}";
    public string ContentType { get; init; } = "application/x-amz-json-1.1";
    public Dictionary<string, string> Headers { get; } = new();

    public static FakeResponse Json(object value) => new() { Body = value is string s ? s : JsonSerializer.Serialize(value) };

    public static FakeResponse Error(int status, string code, string message) =>
        new() { Status = status, Body = JsonSerializer.Serialize(new Dictionary<string, string> { ["__type"] = code, ["message"] = message }) };

    public static FakeResponse Xml(int status, string xml) => new() { Status = status, Body = xml, ContentType = "text/xml" };

    public HttpResponseMessage ToMessage()
    {
        var message = new HttpResponseMessage((HttpStatusCode)Status) { Content = new StringContent(Body, Encoding.UTF8) };
        message.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(ContentType);
        message.Headers.TryAddWithoutValidation("x-amzn-RequestId", "req-" + Guid.NewGuid().ToString("N")[..8]);
        foreach (var header in Headers) message.Headers.TryAddWithoutValidation(header.Key, header.Value);
        return message;
    }
}
