using System;
using System.Collections.Generic;
using System.Linq;

namespace AwsContainerInventory.Policy
{
    /// <summary>
    /// Reads an ECR repository policy as AWS evaluates it. Every <c>Allow</c> statement whose principal means
    /// everyone (<see cref="PolicyPrincipals"/>) is listed, with a verdict: whether it grants an ECR action
    /// (<see cref="PolicyActions"/>) and whether its conditions pin an identity, limit it to a network, or can
    /// never hold for a request to ECR (<see cref="PolicyConditions"/>), and whether explicit Deny statements override it
    /// (<see cref="PolicyDenials"/>). Where the text is ambiguous (duplicate
    /// members) or cannot be read strictly, the more public reading is taken and the problem is reported.
    /// </summary>
    internal static class PolicyAnalyzer
    {
        private const string NotActionPrefix = "NotAction:";

        /// <summary>
        /// The contract's IS_PUBLIC rule: an <c>Allow</c> statement whose principal means everyone (<c>"*"</c> in any
        /// JSON form, a wildcard account, or <c>NotPrincipal</c>). Deny statements never make a repository public;
        /// no policy is not public.
        /// </summary>
        public static bool IsPublic(string? policyText) => Analyze(policyText).IsPublic;

        public static PolicyExposure Analyze(string? policyText)
        {
            if (string.IsNullOrWhiteSpace(policyText)) return PolicyExposure.NotPublic;
            PolicyDocument document = PolicyDocument.Read(policyText!);
            var publicStatements = new List<PublicStatement>();
            if (document.Root != null)
            {
                // Policy variables (${aws:…}) exist only in version 2012-10-17; in 2008-10-17 they are plain text.
                bool variablesResolve = document.Root.All("Version").Any(v => v.Text == "2012-10-17");
                List<PolicyNode> statements = Statements(document.Root).ToList();
                List<Denial> denials = PolicyDenials.Read(statements, variablesResolve);
                foreach (PolicyNode statement in statements)
                {
                    if (!IsAllow(statement)) continue;
                    PrincipalReading principal = PolicyPrincipals.Read(statement);
                    if (principal.IsEveryone) publicStatements.Add(Judge(statement, principal, variablesResolve, denials));
                }
            }
            return new PolicyExposure(new ValueList<PublicStatement>(publicStatements), document.Problem);
        }

        // Statement may be one object or an array; two Statement members (a malformed policy) are both read.
        private static IEnumerable<PolicyNode> Statements(PolicyNode policy) =>
            policy.All("Statement").SelectMany(statement => statement.Kind == PolicyNodeKind.Array ? statement.Items : new List<PolicyNode> { statement })
                .Where(statement => statement.Kind == PolicyNodeKind.Object);

        // The Effect value is case-sensitive in IAM. Of duplicate Effect members, one saying Allow is enough.
        private static bool IsAllow(PolicyNode statement) => statement.All("Effect").Any(effect => effect.Text == "Allow");

        private static PublicStatement Judge(PolicyNode statement, PrincipalReading principal, bool variablesResolve, List<Denial> denials)
        {
            string? sid = statement.All("Sid").Select(s => s.Text).FirstOrDefault(s => s != null);
            List<IReadOnlyList<string>> actionLists = statement.All("Action").Select(a => (IReadOnlyList<string>)a.Strings().ToList()).ToList();
            List<IReadOnlyList<string>> notActionLists = statement.All("NotAction").Select(a => (IReadOnlyList<string>)a.Strings().ToList()).ToList();
            var actions = actionLists.SelectMany(list => list).Concat(notActionLists.SelectMany(list => list).Select(a => NotActionPrefix + a)).ToList();
            List<PolicyNode> conditions = statement.All("Condition").ToList();
            var conditionKeys = conditions.Where(c => c.Kind == PolicyNodeKind.Object)
                .SelectMany(c => c.Members.Where(block => block.Value.Kind == PolicyNodeKind.Object)
                    .SelectMany(block => block.Value.Members.Select(test => block.Key + ":" + test.Key)))
                .ToList();

            IReadOnlyList<string> granted = PolicyActions.Granted(actionLists, notActionLists);
            if (granted.Count == 0)
            {
                string written = actions.Count == 0 ? "no Action" : string.Join(", ", actions);
                return new PublicStatement(sid, actions, conditionKeys, StatementVerdict.GrantsNoEcrAction, PolicyRule.NoEcrAction,
                    principal.Text, "no ECR action matches " + written);
            }

            ConditionFinding finding = PolicyConditions.Evaluate(conditions, variablesResolve);
            switch (finding.Limit)
            {
                case ConditionLimit.Nobody:
                    return new PublicStatement(sid, actions, conditionKeys, StatementVerdict.NeverApplies, finding.Rule, principal.Text, finding.Text);
                case ConditionLimit.Identity:
                    return new PublicStatement(sid, actions, conditionKeys, StatementVerdict.Narrowed, finding.Rule, principal.Text, finding.Text);
            }
            if (Overridden(granted, denials, out StatementVerdict deniedVerdict, out string deniedText))
                return new PublicStatement(sid, actions, conditionKeys, deniedVerdict, PolicyRule.ExplicitDeny, principal.Text, deniedText);
            if (finding.Limit == ConditionLimit.Network)
                return new PublicStatement(sid, actions, conditionKeys, StatementVerdict.PublicFromNetwork, finding.Rule, principal.Text, finding.Text);
            string detail = finding.Text == PolicyConditions.NoLimit.Text ? finding.Text : PolicyConditions.NoLimit.Text + " (" + finding.Text + ")";
            return new PublicStatement(sid, actions, conditionKeys, StatementVerdict.Public, principal.Rule, principal.Text, detail);
        }

        // An explicit deny wins: when Deny statements reaching every outsider cover every ECR action the Allow grants,
        // only the identities those Denys spare remain (Narrowed), or nobody when they spare no one (NeverApplies).
        private static bool Overridden(IReadOnlyList<string> granted, List<Denial> denials, out StatementVerdict verdict, out string text)
        {
            verdict = StatementVerdict.Public;
            text = string.Empty;
            var deniedToEveryone = new HashSet<string>(denials.Where(d => d.Outsiders == null).SelectMany(d => d.Actions), StringComparer.Ordinal);
            var deniedToOutsiders = new HashSet<string>(denials.SelectMany(d => d.Actions), StringComparer.Ordinal);
            if (!granted.All(deniedToOutsiders.Contains)) return false;
            bool toEveryone = granted.All(deniedToEveryone.Contains);
            List<Denial> used = denials.Where(d => granted.Any(d.Actions.Contains) && (!toEveryone || d.Outsiders == null)).ToList();
            string sids = string.Join(", ", used.Select(d => string.IsNullOrEmpty(d.Sid) ? "(no Sid)" : d.Sid));
            verdict = toEveryone ? StatementVerdict.NeverApplies : StatementVerdict.Narrowed;
            text = "Deny " + sids + " denies every ECR action it grants to "
                + (toEveryone ? "everyone" : string.Join(" or ", used.Select(d => d.Outsiders ?? "everyone").Distinct()));
            return true;
        }
    }
}
