using System;
using System.Collections.Generic;
using System.Linq;

namespace AwsContainerInventory.Policy
{
    /// <summary>
    /// One condition test (operator, key, values) against the requests ECR receives. Only a test that pins an
    /// identity narrows a statement; a test no ECR request can pass makes it apply to nobody; every other test
    /// (negated, <c>…IfExists</c>, <c>ForAllValues:</c>, <c>Null</c>, caller-chosen keys such as
    /// <c>aws:PrincipalTag/…</c> or <c>aws:UserAgent</c>) leaves it open to anyone.
    /// </summary>
    internal static class ConditionKeys
    {
        private enum IdentityPart { Whole, OrgPathRoot, ArnAccount, UserId }

        private sealed class Identity
        {
            public Identity(IdentityPart part, string noun)
            {
                Part = part;
                Noun = noun;
            }

            public IdentityPart Part { get; }
            public string Noun { get; }
        }

        // Keys whose value identifies the caller, and which part of the value must be wildcard-free to pin one.
        private static readonly Dictionary<string, Identity> IdentityKeys = new Dictionary<string, Identity>(StringComparer.OrdinalIgnoreCase)
        {
            ["aws:SourceAccount"] = new Identity(IdentityPart.Whole, "account"),
            ["aws:PrincipalAccount"] = new Identity(IdentityPart.Whole, "account"),
            ["aws:SourceOwner"] = new Identity(IdentityPart.Whole, "account"),
            ["aws:PrincipalOrgID"] = new Identity(IdentityPart.Whole, "organization"),
            ["aws:SourceOrgID"] = new Identity(IdentityPart.Whole, "organization"),
            ["aws:PrincipalOrgPaths"] = new Identity(IdentityPart.OrgPathRoot, "organization"),
            ["aws:SourceOrgPaths"] = new Identity(IdentityPart.OrgPathRoot, "organization"),
            ["aws:PrincipalArn"] = new Identity(IdentityPart.ArnAccount, "account"),
            ["aws:SourceArn"] = new Identity(IdentityPart.ArnAccount, "account"),
            ["aws:SourceVpc"] = new Identity(IdentityPart.Whole, "VPC"),
            ["aws:SourceVpce"] = new Identity(IdentityPart.Whole, "VPC endpoint"),
            ["aws:Ec2InstanceSourceVpc"] = new Identity(IdentityPart.Whole, "VPC"),
            ["aws:userid"] = new Identity(IdentityPart.UserId, "principal"),
        };

        // Variables that stand for the repository's own account or organization: a value built from them pins the owner.
        private static readonly string[] OwnerVariables = { "${aws:ResourceAccount}", "${aws:ResourceOrgID}", "${aws:ResourceOrgPaths}" };
        private const string OwnerMarker = "OWNER";

        private enum ValueMatch { Pins, MatchesNothing, MatchesOthers }

        public static ConditionFinding Evaluate(ConditionOperator op, string key, PolicyNode valuesNode, bool variablesResolve)
        {
            if (valuesNode.Kind == PolicyNodeKind.Object || valuesNode.Kind == PolicyNodeKind.Null) return PolicyConditions.NoLimit;
            List<string> values = valuesNode.Strings().ToList();
            string label = op.Name + " " + key + " " + Quote(values);
            if (IsOtherServiceKey(key)) return EvaluateAbsentKey(op, key, values, label);
            if (IdentityKeys.TryGetValue(key, out Identity? identity)) return EvaluateIdentity(op, identity!, values, label, variablesResolve);
            if (string.Equals(key, "aws:SourceIp", StringComparison.OrdinalIgnoreCase)) return EvaluateSourceIp(op, values, label);
            if (string.Equals(key, "aws:SecureTransport", StringComparison.OrdinalIgnoreCase) && string.Equals(op.Base, "Bool", StringComparison.OrdinalIgnoreCase)
                && op.FailsWhenAbsent && values.Count > 0 && values.All(v => string.Equals(v, "false", StringComparison.OrdinalIgnoreCase)))
                return new ConditionFinding(ConditionLimit.Nobody, PolicyRule.PlainHttpOnly, label + ": every request to ECR uses TLS");
            return PolicyConditions.NoLimit;
        }

        // kms:, s3:, sts:, ec2:, … : keys of other services, never in the context of a request to ECR.
        private static bool IsOtherServiceKey(string key)
        {
            int colon = key.IndexOf(':');
            if (colon <= 0) return false;
            string service = key.Substring(0, colon);
            return !string.Equals(service, "aws", StringComparison.OrdinalIgnoreCase) && !string.Equals(service, "ecr", StringComparison.OrdinalIgnoreCase);
        }

        private static ConditionFinding EvaluateAbsentKey(ConditionOperator op, string key, List<string> values, string label)
        {
            bool requiresKey = op.IsNull
                ? values.Count > 0 && values.All(v => string.Equals(v, "false", StringComparison.OrdinalIgnoreCase))
                : op.FailsWhenAbsent;
            return requiresKey
                ? new ConditionFinding(ConditionLimit.Nobody, PolicyRule.KeyNeverInEcrRequest, label + ": no request to ECR carries " + key)
                : PolicyConditions.NoLimit;
        }

        private static ConditionFinding EvaluateSourceIp(ConditionOperator op, List<string> values, string label)
        {
            if (!op.FailsWhenAbsent || !string.Equals(op.Base, "IpAddress", StringComparison.OrdinalIgnoreCase) || values.Count == 0)
                return PolicyConditions.NoLimit;
            if (PolicyAddresses.AllUnreachable(values))
                return new ConditionFinding(ConditionLimit.Nobody, PolicyRule.UnreachableSourceIp, label + ": no request to ECR comes from these addresses");
            if (PolicyAddresses.AnyIsEverything(values))
                return new ConditionFinding(ConditionLimit.None, PolicyRule.WildcardPrincipal, label + " matches every address");
            return new ConditionFinding(ConditionLimit.Network, PolicyRule.NetworkCondition, label + " limits callers to addresses, not to an identity");
        }

        private static ConditionFinding EvaluateIdentity(ConditionOperator op, Identity identity, List<string> values, string label, bool variablesResolve)
        {
            string? open = null;
            if (op.IsNull) open = " only tests whether the key is present";
            else if (op.IfExists) open = " also passes callers without the key";
            else if (op.AllValues) open = " passes callers without the key (ForAllValues:)";
            else if (op.IsNegated) open = " passes every other " + identity.Noun;
            else if (!op.IsLiteral && !op.IsPattern) open = " does not compare an identity";
            else if (values.Count == 0) open = " has no value";
            if (open != null) return Open(label + open);

            List<ValueMatch> matches = values.Select(v => Match(op, identity, v, variablesResolve)).ToList();
            if (matches.Contains(ValueMatch.MatchesOthers))
                return Open(label + (op.IsPattern ? " pins no " + identity.Noun : " depends on the caller"));
            if (matches.Contains(ValueMatch.Pins))
                return new ConditionFinding(ConditionLimit.Identity, PolicyRule.IdentityCondition, label + " pins the " + identity.Noun);
            return new ConditionFinding(ConditionLimit.Nobody, PolicyRule.LiteralWildcard,
                label + " matches only that literal text, which no " + identity.Noun + " has");
        }

        /// <summary>
        /// For a Deny: whether the test holds for every caller outside a pinned identity, so the Deny reaches all of
        /// them. Only negated string or ARN tests of an identity key qualify (<c>StringNotEquals aws:PrincipalOrgID
        /// "o-…"</c>, <c>ArnNotLike aws:PrincipalArn "arn:aws:iam::111122223333:*"</c>), plain, <c>…IfExists</c> or
        /// <c>ForAllValues:</c> (all true for a caller without the key); a pattern must pin its identity.
        /// </summary>
        public static bool HoldsForEveryOutsider(ConditionOperator op, string key, PolicyNode valuesNode, bool variablesResolve, out string text)
        {
            text = string.Empty;
            if (!IdentityKeys.TryGetValue(key, out Identity? identity) || !op.IsNegated || op.AnyValue || (!op.IsLiteral && !op.IsPattern)) return false;
            if (valuesNode.Kind == PolicyNodeKind.Object || valuesNode.Kind == PolicyNodeKind.Null) return false;
            List<string> values = valuesNode.Strings().ToList();
            if (values.Count == 0) return false;
            List<ValueMatch> matches = values.Select(v => Match(op, identity!, v, variablesResolve)).ToList();
            if (matches.Contains(ValueMatch.MatchesOthers)) return false;
            text = "every caller but the " + identity!.Noun + " " + Quote(values) + " (" + op.Name + " " + key + ")";
            return true;
        }

        private static ConditionFinding Open(string text) => new ConditionFinding(ConditionLimit.None, PolicyRule.WildcardPrincipal, text);

        private static ValueMatch Match(ConditionOperator op, Identity identity, string value, bool variablesResolve)
        {
            if (variablesResolve && value.IndexOf("${", StringComparison.Ordinal) >= 0)
            {
                foreach (string variable in OwnerVariables)
                    value = ReplaceIgnoringCase(value, variable, OwnerMarker);
                // Any other variable takes its value from the request, which the caller shapes.
                if (value.IndexOf("${", StringComparison.Ordinal) >= 0) return ValueMatch.MatchesOthers;
            }
            if (op.IsLiteral) return value.Length == 0 || PolicyPattern.HasWildcard(value) ? ValueMatch.MatchesNothing : ValueMatch.Pins;
            return IdentifyingPartIsFixed(op, identity.Part, value) ? ValueMatch.Pins : ValueMatch.MatchesOthers;
        }

        private static bool IdentifyingPartIsFixed(ConditionOperator op, IdentityPart part, string value)
        {
            switch (part)
            {
                case IdentityPart.OrgPathRoot:
                    return IsFixed(value.Split('/')[0]);
                case IdentityPart.UserId:
                    int colon = value.IndexOf(':');
                    return IsFixed(colon >= 0 ? value.Substring(0, colon) : value);
                case IdentityPart.ArnAccount:
                    string[] fields = value.Split(':');
                    if (fields.Length < 6 || !IsFixed(fields[4])) return false;
                    // ArnLike matches field by field; StringLike's '*' also spans ':', so nothing before the account may vary.
                    return op.IsArn || !PolicyPattern.HasWildcard(string.Join(":", fields, 0, 4));
                default:
                    return IsFixed(value);
            }
        }

        private static bool IsFixed(string part) => part.Length > 0 && !PolicyPattern.HasWildcard(part);

        private static string ReplaceIgnoringCase(string text, string find, string replacement)
        {
            int at;
            while ((at = text.IndexOf(find, StringComparison.OrdinalIgnoreCase)) >= 0)
                text = text.Substring(0, at) + replacement + text.Substring(at + find.Length);
            return text;
        }

        private static string Quote(IEnumerable<string> values) => string.Join(", ", values.Select(v => "\"" + v + "\""));
    }
}
