using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;

namespace AwsContainerInventory.Wire
{
    /// <summary>A page of a listing: the items as the API returned them and the token for the next page.</summary>
    internal sealed class ApiPage<T>
    {
        public ApiPage(IReadOnlyList<T> items, string? nextToken)
        {
            Items = items;
            NextToken = string.IsNullOrEmpty(nextToken) ? null : nextToken;
        }

        public IReadOnlyList<T> Items { get; }
        public string? NextToken { get; }
    }

    /// <summary>Small helpers to write JSON 1.1 request bodies and read response members.</summary>
    internal static class JsonWire
    {
        public const string ContentType = "application/x-amz-json-1.1";

        public static byte[] Body(Action<Utf8JsonWriter> writeMembers)
        {
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream))
            {
                writer.WriteStartObject();
                writeMembers(writer);
                writer.WriteEndObject();
            }
            return stream.ToArray();
        }

        public static void WriteStringArray(this Utf8JsonWriter writer, string name, IEnumerable<string> values)
        {
            writer.WriteStartArray(name);
            foreach (string value in values) writer.WriteStringValue(value);
            writer.WriteEndArray();
        }

        public static void WriteOptionalString(this Utf8JsonWriter writer, string name, string? value)
        {
            if (!string.IsNullOrEmpty(value)) writer.WriteString(name, value);
        }

        /// <summary>Parses a body and returns a detached copy of its root, so no pooled buffer outlives the call.</summary>
        public static JsonElement ParseRoot(byte[] body)
        {
            if (body.Length == 0) throw new JsonException("Empty response body.");
            using JsonDocument document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object) throw new JsonException("Response body is not a JSON object.");
            return document.RootElement.Clone();
        }

        public static IReadOnlyList<JsonElement> Array(JsonElement parent, string name)
        {
            if (parent.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.Array)
            {
                var items = new List<JsonElement>(value.GetArrayLength());
                foreach (JsonElement item in value.EnumerateArray()) items.Add(item);
                return items;
            }
            return System.Array.Empty<JsonElement>();
        }

        public static IReadOnlyList<string> StringArray(JsonElement parent, string name)
        {
            var result = new List<string>();
            foreach (JsonElement item in Array(parent, name))
                if (item.ValueKind == JsonValueKind.String) result.Add(item.GetString()!);
            return result;
        }

        public static string? String(JsonElement parent, string name) =>
            parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String
                ? value.GetString() : null;
    }
}
