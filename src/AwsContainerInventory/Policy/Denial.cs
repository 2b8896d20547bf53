using System.Collections.Generic;

namespace AwsContainerInventory.Policy
{
    /// <summary>A Deny statement that reaches every caller outside a pinned identity (or every caller at all).</summary>
    internal sealed class Denial
    {
        public Denial(string? sid, IReadOnlyList<string> actions, string? outsiders)
        {
            Sid = sid;
            Actions = actions;
            Outsiders = outsiders;
        }

        public string? Sid { get; }

        /// <summary>The ECR actions it denies.</summary>
        public IReadOnlyList<string> Actions { get; }

        /// <summary>Who it reaches, in words ("every caller but the organization …"); null when it reaches everyone.</summary>
        public string? Outsiders { get; }
    }
}
