using System;
using System.Collections.Generic;
using System.Linq;

namespace AwsContainerInventory.Policy
{
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
}
