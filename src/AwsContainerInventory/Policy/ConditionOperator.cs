using System;
using System.Collections.Generic;
using System.Linq;

namespace AwsContainerInventory.Policy
{
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
