using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace AwsContainerInventory.TestEndpoint;

/// <summary>The services the endpoint speaks; the name in lower case is the SigV4 signing name.</summary>
public enum AwsService
{
    Ecr,
    Ecs,
    Sts,
    Ec2,

    /// <summary>Elastic Load Balancing v2 (query protocol, API version 2015-12-01; signing name elasticloadbalancing).</summary>
    ElasticLoadBalancing,
    Organizations,
}

/// <summary>An AWS error the handlers raise; the pipeline renders it in the protocol of the service.</summary>
internal sealed class AwsServiceException(int statusCode, string code, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;
    public string Code { get; } = code;

    public static AwsServiceException InvalidParameter(string message) => new(400, "InvalidParameterException", message);
}

/// <summary>
/// A complete response produced by a handler (before any fault mangles it). <paramref name="Headers"/> are extra
/// response headers (a test's scripted <c>Retry-After</c>, say); the handlers set none.
/// </summary>
internal sealed record AwsResponse(int StatusCode, ReadOnlyMemory<byte> Body, string ContentType, IReadOnlyDictionary<string, string>? Headers = null);

/// <summary>Wire-format helpers shared by the JSON 1.1 services (ECR, ECS, Organizations) and the query services (STS, EC2).</summary>
internal static class AwsWire
{
    public const string JsonContentType = "application/x-amz-json-1.1";
    public const string XmlContentType = "text/xml";
    public const string Ec2ContentType = "text/xml;charset=UTF-8";
    public const string StsNamespace = "https://sts.amazonaws.com/doc/2011-06-15/";
    public const string Ec2Namespace = "http://ec2.amazonaws.com/doc/2016-11-15/";
    public const string Elbv2Namespace = "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/";
    public const string XmlDeclaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

    /// <summary>STS and EC2 take form-encoded parameters and answer XML; ECR and ECS speak JSON 1.1.</summary>
    public static bool IsQueryProtocol(AwsService service) => service is AwsService.Sts or AwsService.Ec2 or AwsService.ElasticLoadBalancing;

    public static string ContentTypeOf(AwsService service) => service switch
    {
        AwsService.Sts or AwsService.ElasticLoadBalancing => XmlContentType,
        AwsService.Ec2 => Ec2ContentType,
        _ => JsonContentType,
    };

    /// <summary>Relaxed escaping keeps policy documents and ARNs readable; the output is still valid JSON.</summary>
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static AwsResponse Json(JsonNode body) =>
        new(200, Serialize(body), JsonContentType);

    public static byte[] Serialize(JsonNode node)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            node.WriteTo(writer);
        }
        return buffer.WrittenSpan.ToArray();
    }

    public static AwsResponse Error(AwsService service, int statusCode, string code, string message, string requestId)
    {
        if (service is AwsService.Sts or AwsService.ElasticLoadBalancing)
        {
            XNamespace ns = service == AwsService.Sts ? StsNamespace : Elbv2Namespace;
            var document = new XElement(ns + "ErrorResponse",
                new XElement(ns + "Error",
                    new XElement(ns + "Type", statusCode >= 500 ? "Receiver" : "Sender"),
                    new XElement(ns + "Code", code),
                    new XElement(ns + "Message", message)),
                new XElement(ns + "RequestId", requestId));
            return new AwsResponse(statusCode, Xml(document), XmlContentType);
        }

        if (service == AwsService.Ec2)
        {
            // EC2's own error document: no namespace, "RequestID" (not "RequestId"), no error type.
            var document = new XElement("Response",
                new XElement("Errors",
                    new XElement("Error",
                        new XElement("Code", code),
                        new XElement("Message", message))),
                new XElement("RequestID", requestId));
            return new AwsResponse(statusCode, Encoding.UTF8.GetBytes(XmlDeclaration + document.ToString(SaveOptions.DisableFormatting)),
                Ec2ContentType);
        }

        var body = new JsonObject { ["__type"] = code, ["message"] = message };
        return new AwsResponse(statusCode, Serialize(body), JsonContentType);
    }

    public static byte[] Xml(XElement root) =>
        Encoding.UTF8.GetBytes(root.ToString(SaveOptions.DisableFormatting));

    /// <summary>How <paramref name="service"/> answers an injected throttle, 503 or 500.</summary>
    public static AwsServiceException FaultError(AwsService service, FaultKind fault) => (service, fault) switch
    {
        (AwsService.Ec2, FaultKind.Throttle) => new(503, "RequestLimitExceeded", "Request limit exceeded."),
        (AwsService.Ec2, FaultKind.ServiceUnavailable) => new(503, "Unavailable", "The server is overloaded and can't handle the request."),
        (AwsService.Ec2, _) => new(500, "InternalError", "An internal error has occurred."),
        (AwsService.Sts or AwsService.ElasticLoadBalancing, FaultKind.Throttle) => new(400, "Throttling", "Rate exceeded"),
        (AwsService.Sts or AwsService.ElasticLoadBalancing, FaultKind.ServiceUnavailable) => new(503, "ServiceUnavailable", "Service Unavailable"),
        (AwsService.Sts or AwsService.ElasticLoadBalancing, _) => new(500, "InternalFailure", "Internal server error"),
        (AwsService.Organizations, FaultKind.Throttle) => new(400, "TooManyRequestsException", "AWS Organizations can't complete your request because another request is already in progress. Try again later."),
        (AwsService.Organizations, FaultKind.InternalError) => new(500, "ServiceException", "AWS Organizations can't complete your request because of an internal service error. Try again later."),
        (_, FaultKind.Throttle) => new(400, "ThrottlingException", "Rate exceeded"),
        (_, FaultKind.ServiceUnavailable) => new(503, "ServiceUnavailableException", "Service Unavailable"),
        _ => new(500, "ServerException", "Internal server error"),
    };

    /// <summary>The code a service uses for an unexpected server failure.</summary>
    public static string InternalErrorCode(AwsService service) => FaultError(service, FaultKind.InternalError).Code;
}

/// <summary>
/// Typed, strict access to a JSON 1.1 request body. A member of the wrong JSON type is a
/// <c>SerializationException</c>, as AWS answers.
/// </summary>
internal sealed class JsonInput(JsonObject body)
{
    public JsonObject Body { get; } = body;

    public static JsonInput Parse(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Trim((byte)' ').IsEmpty)
        {
            return new JsonInput(new JsonObject());
        }

        try
        {
            return JsonNode.Parse(utf8) is JsonObject obj
                ? new JsonInput(obj)
                : throw Serialization("Request body must be a JSON object.");
        }
        catch (JsonException ex)
        {
            throw Serialization($"Unable to parse request body: {ex.Message}");
        }
    }

    public string? String(string name) => Body[name] switch
    {
        null => null,
        JsonValue v when v.TryGetValue(out string? s) => s,
        _ => throw Serialization($"Member '{name}' must be a string."),
    };

    public string RequiredString(string name) =>
        String(name) ?? throw AwsServiceException.InvalidParameter($"{name} is required.");

    public int? Int(string name) => Body[name] switch
    {
        null => null,
        JsonValue v when v.TryGetValue(out int i) => i,
        JsonValue v when v.TryGetValue(out double d) && d == Math.Floor(d) && d is >= int.MinValue and <= int.MaxValue => (int)d,
        _ => throw Serialization($"Member '{name}' must be an integer."),
    };

    public IReadOnlyList<string>? StringList(string name)
    {
        switch (Body[name])
        {
            case null:
                return null;
            case JsonArray array:
                var list = new List<string>(array.Count);
                foreach (var item in array)
                {
                    list.Add(item is JsonValue v && v.TryGetValue(out string? s)
                        ? s
                        : throw Serialization($"Member '{name}' must be a list of strings."));
                }
                return list;
            default:
                throw Serialization($"Member '{name}' must be a list.");
        }
    }

    /// <summary>Size of the first batch-style list member present (used for call records).</summary>
    public int? BatchSize()
    {
        foreach (var name in new[] { "repositoryNames", "clusters", "services", "tasks", "imageIds", "containerInstances" })
        {
            if (Body[name] is JsonArray array)
            {
                return array.Count;
            }
        }
        return null;
    }

    private static AwsServiceException Serialization(string message) => new(400, "SerializationException", message);
}

/// <summary>
/// Opaque, query-bound paging tokens. A token only continues the exact query it came from
/// (same operation, account, region, cluster and filters); anything else is rejected.
/// </summary>
internal static class PageTokens
{
    private const string Version = "p1";

    public static int ReadOffset(string? token, string queryKey) =>
        TryReadOffset(token, queryKey, out var offset)
            ? offset
            : throw AwsServiceException.InvalidParameter("The nextToken provided is invalid.");

    /// <summary>Offset a token continues at (0 without a token); false when it does not belong to <paramref name="queryKey"/>.</summary>
    public static bool TryReadOffset(string? token, string queryKey, out int offset)
    {
        offset = 0;
        if (token is null)
        {
            return true;
        }

        try
        {
            var parts = Encoding.UTF8.GetString(Base64UrlDecode(token)).Split('\n');
            return parts.Length == 3 && parts[0] == Version && parts[1] == queryKey
                && int.TryParse(parts[2], out offset) && offset >= 0;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    public static string? Next(int nextOffset, int total, string queryKey) =>
        nextOffset >= total
            ? null
            : Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Version}\n{queryKey}\n{nextOffset}"))
                .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Validates <paramref name="maxResults"/> against the AWS range and applies the AWS default.</summary>
    public static int PageSize(int? maxResults, int defaultSize, int max)
    {
        if (maxResults is null)
        {
            return defaultSize;
        }
        if (maxResults < 1 || maxResults > max)
        {
            throw AwsServiceException.InvalidParameter(
                $"maxResults must be between 1 and {max}; received {maxResults}.");
        }
        return maxResults.Value;
    }

    private static byte[] Base64UrlDecode(string token)
    {
        var s = token.Replace('-', '+').Replace('_', '/');
        s = s.PadRight(s.Length + (4 - s.Length % 4) % 4, '=');
        return Convert.FromBase64String(s);
    }
}

/// <summary>
/// Builds a JSON response body by splicing pre-serialized entities (see <see cref="StoredJson"/>)
/// between small hand-written or node-written fragments.
/// </summary>
internal sealed class JsonBodyBuilder
{
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);

    public JsonBodyBuilder Raw(string ascii)
    {
        Encoding.UTF8.GetBytes(ascii, _buffer);
        return this;
    }

    public JsonBodyBuilder Raw(ReadOnlySpan<byte> utf8)
    {
        _buffer.Write(utf8);
        return this;
    }

    public JsonBodyBuilder Node(JsonNode? node)
    {
        using var writer = new Utf8JsonWriter(_buffer, AwsWire.WriterOptions);
        if (node is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            node.WriteTo(writer);
        }
        return this;
    }

    /// <summary>Writes <c>"name":</c> (with a leading comma when <paramref name="comma"/>).</summary>
    public JsonBodyBuilder Property(string name, bool comma = true) =>
        Raw(comma ? "," : "").Raw(JsonSerializer.Serialize(name)).Raw(":");

    public JsonBodyBuilder Array<T>(IEnumerable<T> items, Action<JsonBodyBuilder, T> writeItem)
    {
        Raw("[");
        var first = true;
        foreach (var item in items)
        {
            if (!first)
            {
                Raw(",");
            }
            first = false;
            writeItem(this, item);
        }
        return Raw("]");
    }

    public AwsResponse ToResponse() => new(200, _buffer.WrittenMemory, AwsWire.JsonContentType);
}
