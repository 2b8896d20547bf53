using System;
using System.Collections.Generic;
using System.Linq;

namespace AwsContainerInventory.Policy
{
    /// <summary>
    /// Explicit Deny statements that override a public Allow: an explicit deny wins in AWS's evaluation. Only a Deny
    /// that certainly reaches every caller outside a pinned identity counts: its principal is <c>"*"</c> (or
    /// <c>{"AWS":"*"}</c>) or a <c>NotPrincipal</c> of specific principals, it has one Action or NotAction, and each
    /// of its conditions is a negated test of an identity (<see cref="ConditionKeys.HoldsForEveryOutsider"/>).
    /// Anything less certain, duplicate members included, is set aside: the more public reading.
    /// </summary>
    internal static class PolicyDenials
    {
        public static List<Denial> Read(IEnumerable<PolicyNode> statements, bool variablesResolve)
        {
            var denials = new List<Denial>();
            foreach (PolicyNode statement in statements)
            {
                List<PolicyNode> effects = statement.All("Effect").ToList();
                if (effects.Count == 0 || effects.Any(e => e.Text != "Deny") || !ReachesEveryone(statement, out string? spared)) continue;
                List<PolicyNode> actions = statement.All("Action").ToList();
                List<PolicyNode> notActions = statement.All("NotAction").ToList();
                if (actions.Count + notActions.Count != 1) continue;
                IReadOnlyList<string> denied = PolicyActions.Granted(
                    actions.Select(a => (IReadOnlyList<string>)a.Strings().ToList()).ToList(),
                    notActions.Select(a => (IReadOnlyList<string>)a.Strings().ToList()).ToList());
                if (denied.Count == 0 || !TryReadOutsiders(statement, variablesResolve, out string? outsiders)) continue;
                if (spared != null) outsiders = outsiders == null ? spared : spared + " and " + outsiders;
                string? sid = statement.All("Sid").Select(s => s.Text).FirstOrDefault(s => s != null);
                denials.Add(new Denial(sid, denied, outsiders));
            }
            return denials;
        }

        // Spared: the principals a NotPrincipal leaves out, in words; null when the Deny names "*".
        private static bool ReachesEveryone(PolicyNode statement, out string? spared)
        {
            spared = null;
            List<PolicyNode> principals = statement.All("Principal").ToList();
            List<PolicyNode> notPrincipals = statement.All("NotPrincipal").ToList();
            if (principals.Count + notPrincipals.Count != 1) return false;
            if (principals.Count == 1)
            {
                PolicyNode principal = principals[0];
                if (principal.Kind != PolicyNodeKind.Object) return principal.Strings().Contains("*");
                return principal.Members.Any(m => string.Equals(m.Key, "AWS", StringComparison.OrdinalIgnoreCase) && m.Value.Strings().Contains("*"));
            }
            // Deny with NotPrincipal reaches everyone but the principals it names: those must be specific ones.
            List<string> excluded = Values(notPrincipals[0]).ToList();
            if (excluded.Count == 0 || excluded.Any(PolicyPattern.HasWildcard)) return false;
            spared = "every caller but NotPrincipal " + string.Join(", ", excluded);
            return true;
        }

        private static IEnumerable<string> Values(PolicyNode principal) =>
            principal.Kind == PolicyNodeKind.Object ? principal.Members.SelectMany(m => m.Value.Strings()) : principal.Strings();

        // Null outsiders: no condition, the Deny reaches everyone. False: a condition that may spare an outsider.
        private static bool TryReadOutsiders(PolicyNode statement, bool variablesResolve, out string? outsiders)
        {
            outsiders = null;
            List<PolicyNode> conditions = statement.All("Condition").ToList();
            if (conditions.Count == 0) return true;
            if (conditions.Count > 1 || conditions[0].Kind != PolicyNodeKind.Object) return false;
            var tests = new List<string>();
            foreach (IGrouping<string, KeyValuePair<string, PolicyNode>> block in conditions[0].Members.GroupBy(m => m.Key, StringComparer.Ordinal))
            {
                if (block.Count() > 1 || block.First().Value.Kind != PolicyNodeKind.Object) return false;
                var op = ConditionOperator.Parse(block.Key);
                List<KeyValuePair<string, PolicyNode>> keys = block.First().Value.Members;
                if (keys.Count == 0 || keys.GroupBy(k => k.Key, StringComparer.Ordinal).Any(g => g.Count() > 1)) return false;
                foreach (KeyValuePair<string, PolicyNode> test in keys)
                {
                    if (!ConditionKeys.HoldsForEveryOutsider(op, test.Key, test.Value, variablesResolve, out string text)) return false;
                    tests.Add(text);
                }
            }
            outsiders = tests.Count == 0 ? null : string.Join(" and ", tests);
            return true;
        }
    }
}
