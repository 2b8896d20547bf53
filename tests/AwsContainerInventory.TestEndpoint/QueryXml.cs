using System.Text.Json.Nodes;
using System.Xml;

namespace AwsContainerInventory.TestEndpoint;

/// <summary>
/// Query-protocol XML (EC2, ELBv2) for an entity held in its wire vocabulary: every member becomes an element of the
/// same name, a JSON array becomes list elements (<c>item</c> in EC2, <c>member</c> in ELBv2), booleans are
/// <c>true</c>/<c>false</c>, null members and items are left out.
/// </summary>
internal static class QueryXml
{
    public static void WriteMembers(XmlWriter writer, JsonObject obj, string listItemName)
    {
        foreach (var (name, value) in obj)
        {
            if (value is null) continue;
            writer.WriteStartElement(name);
            WriteContent(writer, value, listItemName);
            writer.WriteEndElement();
        }
    }

    private static void WriteContent(XmlWriter writer, JsonNode value, string listItemName)
    {
        switch (value)
        {
            case JsonObject obj:
                WriteMembers(writer, obj, listItemName);
                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    if (item is null) continue;
                    writer.WriteStartElement(listItemName);
                    WriteContent(writer, item, listItemName);
                    writer.WriteEndElement();
                }
                break;
            case JsonValue scalar when scalar.TryGetValue(out string? text):
                writer.WriteString(text);
                break;
            case JsonValue scalar when scalar.TryGetValue(out bool flag):
                writer.WriteString(flag ? "true" : "false");
                break;
            default:
                writer.WriteString(value.ToJsonString());
                break;
        }
    }
}
