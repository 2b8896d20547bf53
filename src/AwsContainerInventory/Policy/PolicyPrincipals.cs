using System;
using System.Collections.Generic;
using System.Linq;

namespace AwsContainerInventory.Policy
{
    /// <summary>
    /// Reads <c>Principal</c> and <c>NotPrincipal</c>. Everyone is: <c>"*"</c> in any JSON form (<c>"*"</c>,
    /// <c>{"AWS":"*"}</c>, <c>{"AWS":["123…","*"]}</c>, any principal type holding <c>"*"</c>); a principal ARN or
    /// id whose account is a wildcard (<c>arn:aws:iam::*:root</c>); or, with Allow, <c>NotPrincipal</c> (everyone but
    /// those named, anonymous callers included) unless it names <c>"*"</c> itself. Duplicate members are each read,
    /// and the one that means everyone wins.
    /// </summary>
    internal static class PolicyPrincipals
    {
        public static PrincipalReading Read(PolicyNode statement)
        {
            string? wildcardAccount = null;
            foreach (PolicyNode principal in statement.All("Principal"))
            {
                foreach (KeyValuePair<string, string> value in Values(principal))
                {
                    if (value.Value == "*") return new PrincipalReading(PolicyRule.WildcardPrincipal, PublicStatement.WildcardPrincipalText);
                    if (wildcardAccount == null && IsAwsType(value.Key) && HasWildcardAccount(value.Value)) wildcardAccount = value.Value;
                }
            }
            if (wildcardAccount != null) return new PrincipalReading(PolicyRule.WildcardAccount, "every account (Principal " + wildcardAccount + ")");
            foreach (PolicyNode notPrincipal in statement.All("NotPrincipal"))
            {
                List<KeyValuePair<string, string>> excluded = Values(notPrincipal).ToList();
                // NotPrincipal "*" or {"AWS":"*"} excludes every caller; "*" of another type only that type's principals.
                if (excluded.Any(v => v.Value == "*" && (v.Key.Length == 0 || IsAwsType(v.Key)))) continue;
                string names = excluded.Count == 0 ? "nobody" : string.Join(", ", excluded.Select(v => v.Value));
                return new PrincipalReading(PolicyRule.NotPrincipal, "everyone but NotPrincipal " + names);
            }
            return default;
        }

        // (type, value) pairs: "*" and bare strings have no type; {"AWS": "…" | […]} gives the type of each value.
        private static IEnumerable<KeyValuePair<string, string>> Values(PolicyNode principal)
        {
            if (principal.Kind != PolicyNodeKind.Object)
                return principal.Strings().Select(v => new KeyValuePair<string, string>(string.Empty, v));
            return principal.Members.SelectMany(member => member.Value.Strings().Select(v => new KeyValuePair<string, string>(member.Key, v)));
        }

        // A bare string principal is not valid IAM, but read as an AWS principal it loses nothing.
        private static bool IsAwsType(string type) => type.Length == 0 || string.Equals(type, "AWS", StringComparison.OrdinalIgnoreCase);

        /// <summary>
        /// <c>arn:aws:iam::*:root</c>, <c>arn:aws:iam::*:role/X</c>, <c>arn:aws:sts::12345678901?:assumed-role/…</c>,
        /// or an account id / unique id with a wildcard: the account part is not one account.
        /// </summary>
        internal static bool HasWildcardAccount(string value)
        {
            if (value.StartsWith("arn:", StringComparison.OrdinalIgnoreCase))
            {
                string[] fields = value.Split(':');
                return fields.Length >= 5 ? PolicyPattern.HasWildcard(fields[4]) : PolicyPattern.HasWildcard(value);
            }
            return PolicyPattern.HasWildcard(value);
        }
    }
}
