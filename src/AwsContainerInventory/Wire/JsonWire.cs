using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;

namespace AwsContainerInventory.Wire
{
    /// <summary>Small helpers to write JSON 1.1 request bodies and read response members.</summary>
    internal static class JsonWire
    {
        public const string ContentType = "application/x-amz-json-1.1";

        // One writer and buffer a thread, reset for each body: a body is written synchronously, start to end, on one
        // thread, so thousands of calls a run need not each make (and collect) a writer and a growing stream.
        [ThreadStatic] private static MemoryStream? t_stream;
        [ThreadStatic] private static Utf8JsonWriter? t_writer;

        public static byte[] Body(Action<Utf8JsonWriter> writeMembers)
        {
            MemoryStream stream = t_stream ??= new MemoryStream(256);
            stream.SetLength(0);
            Utf8JsonWriter writer = t_writer ??= new Utf8JsonWriter(stream);
            writer.Reset(stream);
            writer.WriteStartObject();
            writeMembers(writer);
            writer.WriteEndObject();
            writer.Flush();
            byte[] body = stream.ToArray();
            // A rare large body (thousands of ids) does not stay with the thread.
            if (stream.Capacity > 64 * 1024) { t_stream = null; t_writer = null; }
            return body;
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

        /// <summary>
        /// Parses a body and hands its root to <paramref name="read"/> while the document is alive; the document's
        /// pooled buffers, and the body's own (AwsResponse.ReturnBody), go back to the pool afterwards. So whatever <paramref name="read"/> returns must not point
        /// into the document: <see cref="Array"/> returns detached copies of the items, one small object each,
        /// rather than one copy of the whole page (which would land on the large object heap).
        /// </summary>
        public static T Read<T>(ArraySegment<byte> body, Func<JsonElement, T> read)
        {
            if (body.Count == 0) throw new JsonException("Empty response body.");
            using JsonDocument document = JsonDocument.Parse(body.AsMemory());
            if (document.RootElement.ValueKind != JsonValueKind.Object) throw new JsonException("Response body is not a JSON object.");
            return read(document.RootElement);
        }

        /// <summary>The items of an array member, each a detached copy that outlives the document.</summary>
        public static IReadOnlyList<JsonElement> Array(JsonElement parent, string name)
        {
            if (parent.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.Array)
            {
                var items = new List<JsonElement>(value.GetArrayLength());
                foreach (JsonElement item in value.EnumerateArray()) items.Add(item.Clone());
                return items;
            }
            return System.Array.Empty<JsonElement>();
        }

        public static IReadOnlyList<string> StringArray(JsonElement parent, string name)
        {
            // The strings are detached already: no copy of each item (a listing's page is 100 ARNs).
            if (!parent.TryGetProperty(name, out JsonElement value) || value.ValueKind != JsonValueKind.Array) return new List<string>();
            var result = new List<string>(value.GetArrayLength());
            foreach (JsonElement item in value.EnumerateArray())
                if (item.ValueKind == JsonValueKind.String) result.Add(item.GetString()!);
            return result;
        }

        public static string? String(JsonElement parent, string name) =>
            parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String
                ? value.GetString() : null;
    }
}
