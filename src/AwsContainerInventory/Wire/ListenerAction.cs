using System.Collections.Generic;

namespace AwsContainerInventory.Wire
{
    /// <summary>A listener or rule action: its type and the target groups a <c>forward</c> sends to (TargetGroupArn or ForwardConfig).</summary>
    internal sealed class ListenerAction
    {
        public ListenerAction(string type, IReadOnlyList<string> targetGroupArns)
        {
            Type = type;
            TargetGroupArns = targetGroupArns;
        }

        public string Type { get; }
        public IReadOnlyList<string> TargetGroupArns { get; }
    }
}
