using System.Globalization;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace AwsContainerInventory.TestEndpoint;

/// <summary>
/// Real STS answers in JSON when the request says <c>Accept: application/json</c>: the XML document as nested
/// objects (<c>{"AssumeRoleResponse":{"AssumeRoleResult":{"Credentials":{…}}}}</c>), timestamps as epoch seconds, and
/// errors as <c>{"Error":{"Code":…,"Message":…,"Type":…},"RequestId":…}</c>. The endpoint does the same, so a client
/// that asks for JSON and reads XML fails here as it fails on AWS.
/// </summary>
internal static class StsJson
{
    public const string ContentType = "application/json";

    public static bool IsAsked(string? accept) =>
        accept != null && accept.Split(',').Any(part => part.Split(';')[0].Trim().Equals("application/json", StringComparison.OrdinalIgnoreCase));

    public static AwsResponse FromXml(AwsResponse xml)
    {
        var root = XElement.Parse(System.Text.Encoding.UTF8.GetString(xml.Body.Span));
        JsonNode body = root.Name.LocalName == "ErrorResponse"
            ? Convert(root)!
            : new JsonObject { [root.Name.LocalName] = Convert(root) };
        return new AwsResponse(xml.StatusCode, AwsWire.Serialize(body), ContentType);
    }

    private static JsonNode? Convert(XElement element)
    {
        if (!element.HasElements)
        {
            return element.Name.LocalName == "Expiration"
                ? JsonValue.Create(DateTimeOffset.Parse(element.Value, CultureInfo.InvariantCulture).ToUnixTimeSeconds())
                : JsonValue.Create(element.Value);
        }
        var members = new JsonObject();
        foreach (var child in element.Elements()) members[child.Name.LocalName] = Convert(child);
        return members;
    }
}
