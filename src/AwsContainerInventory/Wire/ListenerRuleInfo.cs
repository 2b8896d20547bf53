using System.Collections.Generic;

namespace AwsContainerInventory.Wire
{
    internal sealed class ListenerRuleInfo
    {
        public ListenerRuleInfo(string arn, string? priority, bool isDefault, IReadOnlyList<string> conditions, IReadOnlyList<ListenerAction> actions)
        {
            Arn = arn;
            Priority = priority;
            IsDefault = isDefault;
            Conditions = conditions;
            Actions = actions;
        }

        public string Arn { get; }
        public string? Priority { get; }
        public bool IsDefault { get; }

        /// <summary>Each condition as <c>field value,value</c> (for the evidence text).</summary>
        public IReadOnlyList<string> Conditions { get; }

        public IReadOnlyList<ListenerAction> Actions { get; }
    }
}
