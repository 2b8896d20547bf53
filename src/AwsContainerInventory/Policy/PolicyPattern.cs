using System;

namespace AwsContainerInventory.Policy
{
    /// <summary>IAM's wildcards: <c>*</c> matches any run of characters, <c>?</c> any one character.</summary>
    internal static class PolicyPattern
    {
        public static bool HasWildcard(string value) => value.IndexOf('*') >= 0 || value.IndexOf('?') >= 0;

        /// <summary>Whether <paramref name="text"/> matches <paramref name="pattern"/> (ASCII case folded when asked).</summary>
        public static bool IsMatch(string pattern, string text, bool ignoreCase)
        {
            // Greedy match with one backtrack point: the last '*' seen and where in the text it started.
            int p = 0, t = 0, star = -1, resume = 0;
            while (t < text.Length)
            {
                if (p < pattern.Length && (pattern[p] == '?' || Same(pattern[p], text[t], ignoreCase)))
                {
                    p++;
                    t++;
                }
                else if (p < pattern.Length && pattern[p] == '*')
                {
                    star = p++;
                    resume = t;
                }
                else if (star >= 0)
                {
                    p = star + 1;
                    t = ++resume;
                }
                else
                {
                    return false;
                }
            }
            while (p < pattern.Length && pattern[p] == '*') p++;
            return p == pattern.Length;
        }

        private static bool Same(char a, char b, bool ignoreCase) =>
            a == b || (ignoreCase && char.ToUpperInvariant(a) == char.ToUpperInvariant(b));
    }
}
