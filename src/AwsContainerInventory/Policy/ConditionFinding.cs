namespace AwsContainerInventory.Policy
{
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
}
