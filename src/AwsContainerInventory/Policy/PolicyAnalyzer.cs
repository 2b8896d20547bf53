using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace AwsContainerInventory.Policy
{
    /// <summary>Reads an ECR repository policy document.</summary>
    internal static class PolicyAnalyzer
    {
        private const string ForAnyValuePrefix = "ForAnyValue:";
        private const string ForAllValuesPrefix = "ForAllValues:";
        private const string NotActionPrefix = "NotAction:";

        // Keys that name the caller's account, organization, ARN or network: tested positively, they limit a
        // wildcard principal to known callers (the keys Prowler counts). aws:SourceOwner, aws:PrincipalArn and
        // aws:PrincipalOrgPaths limit the caller just as well, so they count too. aws:SourceIp does not (nor
        // does Prowler count it): an address range says where a call comes from, not who makes it.
        // Condition keys are case-insensitive in IAM.
        private static readonly HashSet<string> PrincipalNarrowingKeys = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "aws:SourceAccount", "aws:SourceArn", "aws:PrincipalOrgID", "aws:PrincipalAccount", "aws:SourceVpc", "aws:SourceVpce",
            "aws:SourceOwner", "aws:PrincipalArn", "aws:PrincipalOrgPaths",
        };

        // Only a positive match fails for a caller that lacks the key. Negated operators (StringNotEquals, …) and
        // …IfExists operators pass such a caller, so they are deliberately absent; so are Null, Bool, IpAddress,
        // date and numeric operators, which never test the keys above.
        private static readonly HashSet<string> PositiveMatchOperators = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "StringEquals", "StringEqualsIgnoreCase", "StringLike", "ArnEquals", "ArnLike",
        };

        /// <summary>
        /// The contract's rule: public when an <c>Allow</c> statement names the wildcard principal in any JSON
        /// form (<c>"*"</c>, <c>{"AWS":"*"}</c>, <c>{"AWS":["…","*"]}</c>). Deny statements never make a
        /// repository public; no policy, or one that is not valid JSON, is not public.
        /// </summary>
        public static bool IsPublic(string? policyText) => Analyze(policyText).IsPublic;

        /// <summary>
        /// Reads the policy once: its public statements (the <c>Allow</c> statements with a wildcard principal,
        /// which make it public by the contract's rule) and whether any of them lacks a condition narrowing who
        /// can call. No policy, or one that is not valid JSON, has no public statement.
        /// </summary>
        public static PolicyExposure Analyze(string? policyText)
        {
            if (string.IsNullOrWhiteSpace(policyText)) return PolicyExposure.NotPublic;
            try
            {
                using JsonDocument document = JsonDocument.Parse(policyText!);
                var publicStatements = new List<PublicStatement>();
                foreach (JsonElement statement in Statements(document.RootElement))
                {
                    if (IsAllow(statement) && TryGetMember(statement, "Principal", out JsonElement principal) && HasWildcard(principal))
                        publicStatements.Add(ReadPublicStatement(statement));
                }
                return publicStatements.Count == 0 ? PolicyExposure.NotPublic : new PolicyExposure(new ValueList<PublicStatement>(publicStatements));
            }
            catch (JsonException)
            {
                return PolicyExposure.NotPublic;
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

        private static PublicStatement ReadPublicStatement(JsonElement statement)
        {
            string? sid = TryGetMember(statement, "Sid", out JsonElement sidElement) && sidElement.ValueKind == JsonValueKind.String
                ? sidElement.GetString() : null;
            var actions = new List<string>(MemberStrings(statement, "Action"));
            actions.AddRange(MemberStrings(statement, "NotAction").Select(a => NotActionPrefix + a));

            var conditionKeys = new List<string>();
            bool narrowsPrincipal = false;
            // A Condition that is not an object is not valid IAM; it is then read as no condition at all, which
            // errs towards reporting the repository as open to anyone.
            if (TryGetMember(statement, "Condition", out JsonElement condition) && condition.ValueKind == JsonValueKind.Object)
            {
                foreach (JsonProperty test in condition.EnumerateObject())
                {
                    if (test.Value.ValueKind != JsonValueKind.Object) continue;
                    foreach (JsonProperty key in test.Value.EnumerateObject())
                    {
                        conditionKeys.Add(test.Name + ":" + key.Name);
                        narrowsPrincipal |= NarrowsPrincipal(test.Name, key.Name, key.Value);
                    }
                }
            }
            return new PublicStatement(sid, actions, conditionKeys, narrowsPrincipal);
        }

        private static bool NarrowsPrincipal(string conditionOperator, string key, JsonElement values)
        {
            if (!PrincipalNarrowingKeys.Contains(key)) return false;
            string? matchOperator = PositiveMatchOperator(conditionOperator);
            if (matchOperator == null) return false;
            List<string> strings = StringValues(values).ToList();
            // A bare "*" as a *Like pattern matches every caller, so it narrows nothing even beside other values.
            bool isPattern = matchOperator.EndsWith("Like", StringComparison.OrdinalIgnoreCase);
            if (isPattern && strings.Contains("*")) return false;
            return strings.Any(v => v.Length > 0 && v != "*");
        }

        // The positive-match operator the condition uses, or null. ForAnyValue: fails when the key is absent, so it
        // narrows like the plain operator. ForAllValues: passes when the key is absent (IAM's documentation warns
        // against it in Allow statements), so it narrows nothing, like …IfExists.
        private static string? PositiveMatchOperator(string conditionOperator)
        {
            if (conditionOperator.StartsWith(ForAllValuesPrefix, StringComparison.OrdinalIgnoreCase)) return null;
            string plain = conditionOperator.StartsWith(ForAnyValuePrefix, StringComparison.OrdinalIgnoreCase)
                ? conditionOperator.Substring(ForAnyValuePrefix.Length) : conditionOperator;
            return PositiveMatchOperators.Contains(plain) ? plain : null;
        }

        // A policy element that may be one string or an array of strings ("Action": "ecr:*" or ["ecr:A", "ecr:B"]).
        private static IEnumerable<string> MemberStrings(JsonElement statement, string name) =>
            TryGetMember(statement, name, out JsonElement element) ? StringValues(element) : Enumerable.Empty<string>();

        private static IEnumerable<string> StringValues(JsonElement element)
        {
            if (element.ValueKind == JsonValueKind.String)
            {
                yield return element.GetString()!;
            }
            else if (element.ValueKind == JsonValueKind.Array)
            {
                foreach (JsonElement item in element.EnumerateArray())
                    if (item.ValueKind == JsonValueKind.String) yield return item.GetString()!;
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
