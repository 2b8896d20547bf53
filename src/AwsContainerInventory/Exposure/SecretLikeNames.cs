using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace AwsContainerInventory.Exposure
{
    /// <summary>
    /// Judges environment variable NAMES (never values): a name looks like a secret when one of its words is
    /// PASSWORD, PASSWD, SECRET(S), TOKEN(S), CREDENTIAL(S), APIKEY or PRIVATEKEY, or PWD within a longer name
    /// (a bare PWD is the shell's working directory), or when it names a key: a final KEY word (STRIPE_KEY) or
    /// KEY after API, ACCESS, PRIVATE, SECRET, SIGNING or ENCRYPTION (API_KEY_ID). KEY elsewhere
    /// (CACHE_KEY_PREFIX, KEYSPACE) and PUBLIC_KEY are not enough.
    /// </summary>
    internal static class SecretLikeNames
    {
        private static readonly HashSet<string> SecretWords = new HashSet<string>(StringComparer.Ordinal)
        {
            "PASSWORD", "PASSWORDS", "PASSWD", "SECRET", "SECRETS", "TOKEN", "TOKENS",
            "CREDENTIAL", "CREDENTIALS", "APIKEY", "PRIVATEKEY",
        };

        private static readonly HashSet<string> KeyQualifiers = new HashSet<string>(StringComparer.Ordinal)
        {
            "API", "ACCESS", "PRIVATE", "SECRET", "SIGNING", "ENCRYPTION",
        };

        // Words of UPPER_SNAKE, kebab-case, dotted and camelCase names: dbPassword -> DB PASSWORD.
        private static readonly Regex WordBoundary = new Regex("[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])", RegexOptions.CultureInvariant);

        public static bool LooksSecret(string? name)
        {
            if (string.IsNullOrEmpty(name)) return false;
            string[] words = WordBoundary.Split(name!).Where(w => w.Length > 0).Select(w => w.ToUpperInvariant()).ToArray();
            for (int i = 0; i < words.Length; i++)
            {
                if (SecretWords.Contains(words[i])) return true;
                if (words[i] == "PWD" && words.Length > 1) return true;
                if (words[i] == "KEY" && !(i > 0 && words[i - 1] == "PUBLIC")
                    && (i == words.Length - 1 || (i > 0 && KeyQualifiers.Contains(words[i - 1])))) return true;
            }
            return false;
        }
    }
}
