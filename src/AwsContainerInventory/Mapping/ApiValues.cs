using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace AwsContainerInventory
{
    /// <summary>Reads members of API objects with the contract's value shapes (absent → null, times UTC).</summary>
    internal static class ApiValues
    {
        public const string AwsProvider = CloudProviders.Aws;

        public static JsonElement? Member(JsonElement parent, string name) =>
            parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out JsonElement value) && value.ValueKind != JsonValueKind.Null
                ? value : (JsonElement?)null;

        /// <summary>Follows a dotted path such as <c>networkConfiguration.awsvpcConfiguration</c>.</summary>
        public static JsonElement? Path(JsonElement parent, string dottedPath)
        {
            JsonElement? current = parent;
            foreach (string part in dottedPath.Split('.'))
            {
                if (current == null) return null;
                current = Member(current.Value, part);
            }
            return current;
        }

        public static string? String(JsonElement parent, string name)
        {
            JsonElement? value = Member(parent, name);
            if (value == null) return null;
            return value.Value.ValueKind switch
            {
                JsonValueKind.String => value.Value.GetString(),
                JsonValueKind.Number => value.Value.GetRawText(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                _ => null,
            };
        }

        public static int? Int(JsonElement parent, string name)
        {
            JsonElement? value = Member(parent, name);
            if (value == null) return null;
            if (value.Value.ValueKind == JsonValueKind.Number && value.Value.TryGetInt32(out int number)) return number;
            if (value.Value.ValueKind == JsonValueKind.String && int.TryParse(value.Value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out number)) return number;
            return null;
        }

        public static bool? Bool(JsonElement parent, string name)
        {
            JsonElement? value = Member(parent, name);
            if (value == null) return null;
            return value.Value.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => null,
            };
        }

        /// <summary>JSON 1.1 timestamps are epoch seconds (possibly fractional); ISO-8601 strings are accepted too.</summary>
        public static DateTime? Time(JsonElement parent, string name)
        {
            JsonElement? value = Member(parent, name);
            if (value == null) return null;
            if (value.Value.ValueKind == JsonValueKind.Number)
            {
                double seconds = value.Value.GetDouble();
                return DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds * 1000)).UtcDateTime;
            }
            if (value.Value.ValueKind == JsonValueKind.String
                && DateTime.TryParse(value.Value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out DateTime parsed))
                return DateTime.SpecifyKind(parsed, DateTimeKind.Utc);
            return null;
        }

        public static List<string>? Strings(JsonElement parent, string name)
        {
            JsonElement? value = Member(parent, name);
            if (value == null || value.Value.ValueKind != JsonValueKind.Array) return null;
            var result = new List<string>();
            foreach (JsonElement item in value.Value.EnumerateArray())
                if (item.ValueKind == JsonValueKind.String) result.Add(item.GetString()!);
            return result;
        }

        public static IEnumerable<JsonElement> Objects(JsonElement parent, string name)
        {
            JsonElement? value = Member(parent, name);
            if (value == null || value.Value.ValueKind != JsonValueKind.Array) yield break;
            foreach (JsonElement item in value.Value.EnumerateArray())
                if (item.ValueKind == JsonValueKind.Object) yield return item;
        }

        /// <summary>ECS tags: <c>[{ "key": …, "value": … }]</c>.</summary>
        public static TagDictionary EcsTags(JsonElement? tags)
        {
            if (tags == null || tags.Value.ValueKind != JsonValueKind.Array) return TagDictionary.Empty;
            var pairs = new List<KeyValuePair<string, string>>();
            foreach (JsonElement tag in tags.Value.EnumerateArray())
            {
                string? key = String(tag, "key");
                if (key != null) pairs.Add(new KeyValuePair<string, string>(key, String(tag, "value") ?? string.Empty));
            }
            return new TagDictionary(pairs);
        }

        /// <summary>The account id field of an ARN (<c>arn:partition:service:region:account:resource</c>).</summary>
        public static string? AccountFromArn(string? arn) => ArnField(arn, 4);

        /// <summary>The region field of an ARN.</summary>
        public static string? RegionFromArn(string? arn) => ArnField(arn, 3);

        /// <summary>
        /// Field <paramref name="index"/> (1-4: partition, service, region, account) of an ARN of six colon-separated fields (the resource may hold more colons);
        /// null when the ARN is not one or the field is empty. Only the field is copied: every record of a task estate
        /// takes its account from its ARN, and splitting made six strings and an array each time.
        /// </summary>
        private static string? ArnField(string? arn, int index)
        {
            if (arn == null || !arn.StartsWith("arn:", StringComparison.Ordinal)) return null;
            // Field n ends at colon n (colon 0, after "arn", is at 3); an ARN has colons 1-4 after it, whichever field is asked.
            int start = 0, end = 0, colon = 3;
            for (int field = 1; field < 5; field++)
            {
                int next = arn.IndexOf(':', colon + 1);
                if (next < 0) return null;
                if (field == index)
                {
                    start = colon + 1;
                    end = next;
                }
                colon = next;
            }
            return end > start ? arn.Substring(start, end - start) : null;
        }
    }
}
