using System.Collections.Generic;

namespace AwsContainerInventory.Exposure.Reachability
{
    /// <summary>One way in from the internet, written out hop by hop, and the rules and groups that allow each hop.</summary>
    internal sealed class ReachPath
    {
        public ReachPath(string text, IReadOnlyList<string> evidence)
        {
            Text = text;
            Evidence = evidence;
        }

        public string Text { get; }
        public IReadOnlyList<string> Evidence { get; }
    }
}
