namespace AwsContainerInventory.Policy
{
    /// <summary>Whether a statement's principal means everyone, and in which form.</summary>
    internal readonly struct PrincipalReading
    {
        public PrincipalReading(PolicyRule rule, string text)
        {
            IsEveryone = true;
            Rule = rule;
            Text = text;
        }

        public bool IsEveryone { get; }

        /// <summary><see cref="PolicyRule.WildcardPrincipal"/>, <see cref="PolicyRule.WildcardAccount"/> or <see cref="PolicyRule.NotPrincipal"/>.</summary>
        public PolicyRule Rule { get; }

        /// <summary>The principal in words, for <see cref="PublicStatement.Reason"/>.</summary>
        public string Text { get; }
    }
}
