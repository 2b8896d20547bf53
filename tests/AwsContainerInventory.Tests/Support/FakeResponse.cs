using System.Text;
using System.Text.Json;
using AwsContainerInventory.TestEndpoint;

namespace AwsContainerInventory.Tests.Support;

/// <summary>A scripted answer for <see cref="FakeAwsHandler.On(string, Func{System.Text.Json.Nodes.JsonObject, FakeResponse})"/>.</summary>
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

    /// <summary>As the scripted endpoint's pipeline writes it; the request id is the fake's own <c>req-</c> one, as before.</summary>
    internal AwsResponse ToAwsResponse()
    {
        var headers = new Dictionary<string, string>(Headers, StringComparer.OrdinalIgnoreCase);
        headers.TryAdd("x-amzn-RequestId", "req-" + Guid.NewGuid().ToString("N")[..8]);
        return new AwsResponse(Status, Encoding.UTF8.GetBytes(Body), ContentType, headers);
    }
}
