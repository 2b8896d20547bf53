using System;
using System.Collections.Generic;
using System.Text.Json;

namespace AwsContainerInventory.Policy
{
    /// <summary>Reads an ECR repository policy document.</summary>
    internal static class PolicyAnalyzer
    {
        /// <summary>
        /// The contract's rule: public when an <c>Allow</c> statement names the wildcard principal in any JSON
        /// form (<c>"*"</c>, <c>{"AWS":"*"}</c>, <c>{"AWS":["…","*"]}</c>). Deny statements never make a
        /// repository public; no policy, or one that is not valid JSON, is not public.
        /// </summary>
        public static bool IsPublic(string? policyText)
        {
            if (string.IsNullOrWhiteSpace(policyText)) return false;
            try
            {
                using JsonDocument document = JsonDocument.Parse(policyText!);
                foreach (JsonElement statement in Statements(document.RootElement))
                {
                    if (IsAllow(statement) && TryGetMember(statement, "Principal", out JsonElement principal) && HasWildcard(principal))
                        return true;
                }
                return false;
            }
            catch (JsonException)
            {
                return false;
            }
        }

        private static IEnumerable<JsonElement> Statements(JsonElement policy)
        {
            if (policy.ValueKind != JsonValueKind.Object || !TryGetMember(policy, "Statement", out JsonElement statement)) yield break;
            if (statement.ValueKind == JsonValueKind.Object)
            {
                yield return statement;
            }
            else if (statement.ValueKind == JsonValueKind.Array)
            {
                foreach (JsonElement item in statement.EnumerateArray())
                    if (item.ValueKind == JsonValueKind.Object) yield return item;
            }
        }

        private static bool IsAllow(JsonElement statement) =>
            TryGetMember(statement, "Effect", out JsonElement effect) && effect.ValueKind == JsonValueKind.String
            && string.Equals(effect.GetString(), "Allow", StringComparison.Ordinal);

        // "*" | {"AWS": "*"} | {"AWS": ["123…", "*"]} | any principal type whose value holds "*".
        private static bool HasWildcard(JsonElement principal)
        {
            switch (principal.ValueKind)
            {
                case JsonValueKind.String:
                    return principal.GetString() == "*";
                case JsonValueKind.Array:
                    foreach (JsonElement item in principal.EnumerateArray())
                        if (item.ValueKind == JsonValueKind.String && item.GetString() == "*") return true;
                    return false;
                case JsonValueKind.Object:
                    foreach (JsonProperty member in principal.EnumerateObject())
                        if (HasWildcard(member.Value)) return true;
                    return false;
                default:
                    return false;
            }
        }

        // IAM policy element names are case-sensitive in AWS's grammar, but tolerate other casings as AWS does.
        private static bool TryGetMember(JsonElement element, string name, out JsonElement value)
        {
            foreach (JsonProperty property in element.EnumerateObject())
            {
                if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    value = property.Value;
                    return true;
                }
            }
            value = default;
            return false;
        }
    }
}
