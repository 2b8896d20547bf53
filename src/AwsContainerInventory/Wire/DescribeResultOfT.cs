using System.Collections.Generic;

namespace AwsContainerInventory.Wire
{
    /// <summary>What a Describe call returned: the objects found, as read, and the <c>failures</c> (arn, reason).</summary>
    internal class DescribeResult<T>
    {
        public DescribeResult(IReadOnlyList<T> items, IReadOnlyList<KeyValuePair<string, string>> failures)
        {
            Items = items;
            Failures = failures;
        }

        public IReadOnlyList<T> Items { get; }

        /// <summary>Key = the ARN or name asked for, Value = the reason (MISSING, …).</summary>
        public IReadOnlyList<KeyValuePair<string, string>> Failures { get; }
    }
}
