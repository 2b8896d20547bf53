using System;
using System.Collections.Generic;
using System.Linq;

namespace AwsContainerInventory.Policy
{
    /// <summary>How far a condition limits who a statement applies to, least limiting first.</summary>
    internal enum ConditionLimit { None = 0, Network = 1, Identity = 2, Nobody = 3 }

    /// <summary>What one condition (or a whole Condition element) does to the callers a statement applies to.</summary>
    internal readonly struct ConditionFinding
    {
        public ConditionFinding(ConditionLimit limit, PolicyRule rule, string text)
        {
            Limit = limit;
            Rule = rule;
            Text = text;
        }

        public ConditionLimit Limit { get; }

        /// <summary>The rule behind a limit; meaningless for <see cref="ConditionLimit.None"/>.</summary>
        public PolicyRule Rule { get; }

        /// <summary>The condition in words ("StringEquals aws:PrincipalOrgID pins organization o-abc").</summary>
        public string Text { get; }
    }

    /// <summary>
    /// Evaluates a statement's <c>Condition</c> element as AWS does for the requests ECR receives: conditions
    /// combine with AND (so the most limiting one decides), a key's values with OR. Where duplicate JSON members
    /// leave the reading open, the less limiting reading is taken.
    /// </summary>
    internal static class PolicyConditions
    {
        public static readonly ConditionFinding NoLimit = new ConditionFinding(ConditionLimit.None, PolicyRule.WildcardPrincipal, "no condition pins an identity");

        /// <param name="conditions">Every <c>Condition</c> member of the statement (more than one only in a malformed policy).</param>
        /// <param name="variablesResolve">True for a <c>"Version":"2012-10-17"</c> policy, where <c>${…}</c> are policy variables.</param>
        public static ConditionFinding Evaluate(IEnumerable<PolicyNode> conditions, bool variablesResolve)
        {
            List<ConditionFinding> readings = conditions
                .Select(condition => EvaluateElement(condition, variablesResolve))
                .ToList();
            return readings.Count == 0 ? NoLimit : LeastLimiting(readings);
        }

        // A Condition that is not an object is not valid IAM; it is read as no condition, the more public reading.
        private static ConditionFinding EvaluateElement(PolicyNode condition, bool variablesResolve)
        {
            if (condition.Kind != PolicyNodeKind.Object) return NoLimit;
            return MostLimiting(GroupDuplicates(condition.Members).Select(sameOperator => LeastLimiting(sameOperator
                .Select(block => EvaluateBlock(block.Key, block.Value, variablesResolve)))));
        }

        private static ConditionFinding EvaluateBlock(string operatorName, PolicyNode block, bool variablesResolve)
        {
            if (block.Kind != PolicyNodeKind.Object) return NoLimit;
            var conditionOperator = ConditionOperator.Parse(operatorName);
            return MostLimiting(GroupDuplicates(block.Members).Select(sameKey => LeastLimiting(sameKey
                .Select(test => ConditionKeys.Evaluate(conditionOperator, test.Key, test.Value, variablesResolve)))));
        }

        // Members with exactly the same name, in order of first appearance.
        private static IEnumerable<List<KeyValuePair<string, PolicyNode>>> GroupDuplicates(IEnumerable<KeyValuePair<string, PolicyNode>> members) =>
            members.GroupBy(m => m.Key, StringComparer.Ordinal).Select(g => g.ToList());

        private static ConditionFinding MostLimiting(IEnumerable<ConditionFinding> findings)
        {
            ConditionFinding result = NoLimit;
            foreach (ConditionFinding finding in findings)
            {
                // Among tests that limit nothing, keep the first one worth saying (an identity key that pins nobody).
                bool firstNote = finding.Limit == ConditionLimit.None && result.Limit == ConditionLimit.None
                    && result.Text == NoLimit.Text && finding.Text != NoLimit.Text;
                if (finding.Limit > result.Limit || firstNote) result = finding;
            }
            return result;
        }

        private static ConditionFinding LeastLimiting(IEnumerable<ConditionFinding> findings)
        {
            ConditionFinding? result = null;
            foreach (ConditionFinding finding in findings)
                if (result == null || finding.Limit < result.Value.Limit) result = finding;
            return result ?? NoLimit;
        }
    }

    /// <summary>A condition operator split into its qualifier, base operator and <c>IfExists</c> suffix.</summary>
    internal sealed class ConditionOperator
    {
        private const string AnyValuePrefix = "ForAnyValue:";
        private const string AllValuesPrefix = "ForAllValues:";
        private const string IfExistsSuffix = "IfExists";

        private static readonly HashSet<string> Positive = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "StringEquals", "StringEqualsIgnoreCase", "StringLike", "NumericEquals", "NumericLessThan", "NumericLessThanEquals",
            "NumericGreaterThan", "NumericGreaterThanEquals", "DateEquals", "DateLessThan", "DateLessThanEquals", "DateGreaterThan",
            "DateGreaterThanEquals", "Bool", "BinaryEquals", "IpAddress", "ArnEquals", "ArnLike",
        };

        private static readonly HashSet<string> Negated = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "StringNotEquals", "StringNotEqualsIgnoreCase", "StringNotLike", "NumericNotEquals", "DateNotEquals", "NotIpAddress",
            "ArnNotEquals", "ArnNotLike",
        };

        private ConditionOperator(string name, string baseName, bool anyValue, bool allValues, bool ifExists)
        {
            Name = name;
            Base = baseName;
            AnyValue = anyValue;
            AllValues = allValues;
            IfExists = ifExists;
        }

        public string Name { get; }
        public string Base { get; }
        public bool AnyValue { get; }
        public bool AllValues { get; }
        public bool IfExists { get; }

        public bool IsNull => string.Equals(Base, "Null", StringComparison.OrdinalIgnoreCase) && !IfExists && !AnyValue && !AllValues;

        public bool IsPositive => Positive.Contains(Base);

        public bool IsNegated => Negated.Contains(Base);

        /// <summary>StringEquals (and its negation) compares literally: a <c>*</c> in its value is just that character.</summary>
        public bool IsLiteral => IsOneOf("StringEquals", "StringEqualsIgnoreCase", "StringNotEquals", "StringNotEqualsIgnoreCase");

        /// <summary>StringLike, and ArnLike and ArnEquals, which AWS evaluates alike (each ARN field may hold wildcards), and their negations.</summary>
        public bool IsPattern => IsOneOf("StringLike", "StringNotLike") || IsArn;

        public bool IsArn => IsOneOf("ArnLike", "ArnEquals", "ArnNotLike", "ArnNotEquals");

        private bool IsOneOf(params string[] names) => names.Any(n => string.Equals(Base, n, StringComparison.OrdinalIgnoreCase));

        /// <summary>
        /// Whether the condition is false for a request that lacks the key: a positive operator, plain or with
        /// <c>ForAnyValue:</c>, without <c>IfExists</c>. Negated operators, <c>…IfExists</c> and <c>ForAllValues:</c>
        /// are true for such a request; unknown operators are taken to be so too (the more public reading).
        /// </summary>
        public bool FailsWhenAbsent => !IfExists && !AllValues && (IsPositive || (AnyValue && IsNegated));

        public static ConditionOperator Parse(string name)
        {
            string rest = name;
            bool anyValue = rest.StartsWith(AnyValuePrefix, StringComparison.OrdinalIgnoreCase);
            bool allValues = rest.StartsWith(AllValuesPrefix, StringComparison.OrdinalIgnoreCase);
            if (anyValue) rest = rest.Substring(AnyValuePrefix.Length);
            if (allValues) rest = rest.Substring(AllValuesPrefix.Length);
            bool ifExists = rest.EndsWith(IfExistsSuffix, StringComparison.OrdinalIgnoreCase) && rest.Length > IfExistsSuffix.Length;
            if (ifExists) rest = rest.Substring(0, rest.Length - IfExistsSuffix.Length);
            return new ConditionOperator(name, rest, anyValue, allValues, ifExists);
        }
    }
}
