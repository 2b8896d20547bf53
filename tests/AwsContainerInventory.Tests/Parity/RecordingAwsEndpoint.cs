using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace AwsContainerInventory.Tests.Parity;

/// <summary>One request as it arrived on the socket: nothing normalised, headers in the order sent.</summary>
public sealed class RecordedRequest
{
    public RecordedRequest(string method, string path, IReadOnlyList<KeyValuePair<string, string>> headers, byte[] body)
    {
        Method = method;
        Path = path;
        Headers = headers;
        Body = body;
        BodyText = Encoding.UTF8.GetString(body);
        Service = SigningService(Header("Authorization"));
        string? target = Header("X-Amz-Target");
        if (target != null)
        {
            Operation = target.Substring(target.IndexOf('.') + 1);
            Json = BodyText.Length == 0 ? new JsonObject() : JsonNode.Parse(BodyText)?.AsObject();
        }
        else
        {
            Form = ParseForm(BodyText);
            Operation = Form.FirstOrDefault(p => p.Key == "Action").Value ?? string.Empty;
        }
    }

    public string Method { get; }
    public string Path { get; }
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }
    public byte[] Body { get; }
    public string BodyText { get; }

    /// <summary>The service of the SigV4 credential scope (ecr, ecs, ec2, sts), whatever client sent it.</summary>
    public string Service { get; }

    /// <summary>From X-Amz-Target (JSON protocols) or the form's Action (query protocols).</summary>
    public string Operation { get; }

    /// <summary>The body of a JSON-protocol request.</summary>
    public JsonObject? Json { get; }

    /// <summary>The decoded key/value pairs of a form-encoded (query-protocol) request.</summary>
    public IReadOnlyList<KeyValuePair<string, string>>? Form { get; }

    public string? Header(string name) =>
        Headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).FirstOrDefault();

    /// <summary>A top-level parameter as text: a JSON member (strings unquoted) or a form value; null when absent.</summary>
    public string? Parameter(string name)
    {
        if (Json != null) return Json[name] is JsonValue value && value.TryGetValue(out string? text) ? text : Json[name]?.ToJsonString();
        return Form!.Where(p => p.Key == name).Select(p => p.Value).FirstOrDefault();
    }

    public override string ToString() => Service + " " + Operation + " " + BodyText;

    public static IReadOnlyList<KeyValuePair<string, string>> ParseForm(string body) =>
        body.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(pair =>
        {
            string[] parts = pair.Split('=', 2);
            return KeyValuePair.Create(WebUtility.UrlDecode(parts[0]), WebUtility.UrlDecode(parts.Length > 1 ? parts[1] : string.Empty));
        }).ToList();

    // "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/ecs/aws4_request, SignedHeaders=…" -> "ecs"
    private static string SigningService(string? authorization)
    {
        if (authorization == null) return string.Empty;
        int start = authorization.IndexOf("Credential=", StringComparison.Ordinal);
        if (start < 0) return string.Empty;
        string[] scope = authorization.Substring(start + 11).Split(',')[0].Split('/');
        return scope.Length == 5 ? scope[3] : string.Empty;
    }
}

/// <summary>What the recording endpoint answers.</summary>
public sealed record RecordedResponse(int Status, string ContentType, string Body, string? ErrorType = null);

/// <summary>
/// A loopback HTTP/1.1 endpoint over a raw socket that keeps every request exactly as the client wrote it (method,
/// path, each header line, body) and answers through a script. A raw socket rather than a web server, so no
/// server-side layer adds, drops or merges headers before they are recorded.
/// </summary>
public sealed class RecordingAwsEndpoint : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<RecordedRequest, RecordedResponse> _answer;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentBag<Task> _connections = new();
    private readonly Task _accepting;

    public RecordingAwsEndpoint(Func<RecordedRequest, RecordedResponse> answer)
    {
        _answer = answer;
        _listener.Start();
        BaseUri = new Uri("http://127.0.0.1:" + ((IPEndPoint)_listener.LocalEndpoint).Port + "/");
        _accepting = AcceptAsync();
    }

    public Uri BaseUri { get; }

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>What the endpoint could not read or answer (the test asserts this stays empty).</summary>
    public ConcurrentQueue<string> Problems { get; } = new();

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stopping.Token);
            }
            catch (Exception) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            _connections.Add(ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = new BufferedStream(client.GetStream());
                while (!_stopping.IsCancellationRequested)
                {
                    string? requestLine = await ReadLineAsync(stream);
                    if (string.IsNullOrEmpty(requestLine)) return;
                    var headers = new List<KeyValuePair<string, string>>();
                    for (string? line = await ReadLineAsync(stream); !string.IsNullOrEmpty(line); line = await ReadLineAsync(stream))
                    {
                        int colon = line.IndexOf(':');
                        headers.Add(KeyValuePair.Create(line.Substring(0, colon), line.Substring(colon + 1).Trim()));
                    }
                    string[] parts = requestLine.Split(' ');
                    string? length = headers.FirstOrDefault(h => h.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)).Value;
                    if (length == null)
                    {
                        Problems.Enqueue("A request without Content-Length (chunked bodies are not expected): " + requestLine);
                        return;
                    }
                    if (headers.Any(h => h.Key.Equals("Expect", StringComparison.OrdinalIgnoreCase)))
                        await WriteAsync(stream, "HTTP/1.1 100 Continue\r\n\r\n");
                    byte[] body = new byte[int.Parse(length)];
                    await stream.ReadExactlyAsync(body, _stopping.Token);

                    var request = new RecordedRequest(parts[0], parts[1], headers, body);
                    Requests.Enqueue(request);
                    RecordedResponse response;
                    try
                    {
                        response = _answer(request);
                    }
                    catch (Exception error)
                    {
                        Problems.Enqueue("No answer for " + request + ": " + error.Message);
                        response = new RecordedResponse(500, "text/plain", error.Message);
                    }
                    byte[] payload = Encoding.UTF8.GetBytes(response.Body);
                    var head = new StringBuilder()
                        .Append("HTTP/1.1 ").Append(response.Status).Append(response.Status == 200 ? " OK" : " Error").Append("\r\n")
                        .Append("Content-Type: ").Append(response.ContentType).Append("\r\n")
                        .Append("Content-Length: ").Append(payload.Length).Append("\r\n")
                        .Append("x-amzn-RequestId: parity-").Append(Requests.Count).Append("\r\n");
                    if (response.ErrorType != null) head.Append("x-amzn-ErrorType: ").Append(response.ErrorType).Append("\r\n");
                    await WriteAsync(stream, head.Append("\r\n").ToString());
                    await stream.WriteAsync(payload, _stopping.Token);
                    await stream.FlushAsync(_stopping.Token);
                }
            }
            catch (Exception) when (_stopping.IsCancellationRequested)
            {
            }
            catch (IOException)
            {
                // The client closed a kept-alive connection.
            }
        }
    }

    private async Task WriteAsync(Stream stream, string text)
    {
        await stream.WriteAsync(Encoding.ASCII.GetBytes(text), _stopping.Token);
        await stream.FlushAsync(_stopping.Token);
    }

    private async Task<string?> ReadLineAsync(Stream stream)
    {
        var line = new List<byte>(128);
        var one = new byte[1];
        while (true)
        {
            if (await stream.ReadAsync(one, _stopping.Token) == 0) return line.Count == 0 ? null : throw new IOException("The connection closed mid-line.");
            if (one[0] == (byte)'\n') break;
            line.Add(one[0]);
        }
        if (line.Count > 0 && line[^1] == (byte)'\r') line.RemoveAt(line.Count - 1);
        return Encoding.Latin1.GetString(line.ToArray());
    }

    public async ValueTask DisposeAsync()
    {
        _stopping.Cancel();
        _listener.Stop();
        await _accepting;
        await Task.WhenAll(_connections);
        _stopping.Dispose();
    }
}
