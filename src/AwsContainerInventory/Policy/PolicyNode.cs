using System;
using System.Collections.Generic;
using System.Linq;

namespace AwsContainerInventory.Policy
{
    /// <summary>
    /// One JSON value of a policy. Objects keep every member in document order, duplicates included: IAM's own
    /// reader keeps one of two duplicate members, and we cannot know which, so the analyzer sees both.
    /// </summary>
    internal sealed class PolicyNode
    {
        private PolicyNode(PolicyNodeKind kind, string? text)
        {
            Kind = kind;
            Text = text;
        }

        public PolicyNodeKind Kind { get; }

        /// <summary>The text of a string, the literal of a number, <c>true</c>/<c>false</c>; null otherwise.</summary>
        public string? Text { get; }

        public List<KeyValuePair<string, PolicyNode>> Members { get; } = new List<KeyValuePair<string, PolicyNode>>();

        public List<PolicyNode> Items { get; } = new List<PolicyNode>();

        public static PolicyNode Container(PolicyNodeKind kind) => new PolicyNode(kind, null);

        public static PolicyNode Scalar(PolicyNodeKind kind, string? text) => new PolicyNode(kind, text);

        /// <summary>
        /// Every member called <paramref name="name"/>, in any letter case: policy element names are case-sensitive
        /// in IAM's grammar, but a stored policy is read the way that loses nothing.
        /// </summary>
        public IEnumerable<PolicyNode> All(string name) =>
            Kind == PolicyNodeKind.Object
                ? Members.Where(m => string.Equals(m.Key, name, StringComparison.OrdinalIgnoreCase)).Select(m => m.Value)
                : Enumerable.Empty<PolicyNode>();

        /// <summary>
        /// A value that may be one scalar or an array of scalars, as text (<c>"ecr:*"</c>, <c>["a","b"]</c>,
        /// <c>123456789012</c>). IAM reads numbers and booleans in conditions as their text.
        /// </summary>
        public IEnumerable<string> Strings()
        {
            if (Kind == PolicyNodeKind.Array) return Items.Where(i => i.Text != null).Select(i => i.Text!);
            return Text != null ? new[] { Text } : Enumerable.Empty<string>();
        }
    }
}
