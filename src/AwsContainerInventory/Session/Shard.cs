using System;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace AwsContainerInventory.Session
{
    /// <summary>
    /// Shard <see cref="Number"/> of <see cref="Count"/> (Connect-AwsInventory -Shard k/n): the accounts whose 12-digit id
    /// falls in it. An account's shard is SHA-256 of its id's twelve ASCII digits, read as one big-endian unsigned
    /// number, modulo n, plus one — the same on every run and machine (never string.GetHashCode, which .NET randomizes
    /// per process), and easy to reproduce: <c>int(hashlib.sha256(b"123456789012").hexdigest(), 16) % n + 1</c>.
    /// </summary>
    internal sealed class Shard
    {
        private static readonly Regex Shape = new Regex(@"^\s*([0-9]{1,6})\s*/\s*([0-9]{1,6})\s*$", RegexOptions.CultureInvariant);

        private Shard(int number, int count)
        {
            Number = number;
            Count = count;
        }

        /// <summary>k, from 1.</summary>
        public int Number { get; }

        /// <summary>n, at least 1.</summary>
        public int Count { get; }

        /// <summary>Parses "k/n" with 1 ≤ k ≤ n; <paramref name="problem"/> says what is wrong otherwise.</summary>
        public static bool TryParse(string? text, out Shard? shard, out string problem)
        {
            shard = null;
            Match match = Shape.Match(text ?? string.Empty);
            if (!match.Success)
            {
                problem = "'" + text + "' is not a shard. Expected k/n, such as 2/8: shard k of n, with 1 <= k <= n.";
                return false;
            }
            int number = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            int count = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
            if (count < 1 || number < 1 || number > count)
            {
                problem = "'" + text + "' is not a shard: k must be from 1 to n, and n at least 1 (k/n, such as 2/8).";
                return false;
            }
            shard = new Shard(number, count);
            problem = string.Empty;
            return true;
        }

        public static Shard Parse(string text) =>
            TryParse(text, out Shard? shard, out string problem) ? shard! : throw new FormatException(problem);

        /// <summary>The shard (1 to <paramref name="count"/>) an account id falls in.</summary>
        public static int Of(string accountId, int count)
        {
            if (count < 1) throw new ArgumentOutOfRangeException(nameof(count));
            byte[] digest;
            using (SHA256 sha = SHA256.Create()) digest = sha.ComputeHash(Encoding.ASCII.GetBytes(accountId));
            // The digest as a big-endian number, reduced modulo count one byte at a time.
            long remainder = 0;
            foreach (byte b in digest) remainder = (remainder * 256 + b) % count;
            return (int)remainder + 1;
        }

        public bool Contains(string accountId) => Of(accountId, Count) == Number;

        public override string ToString() => Number.ToString(CultureInfo.InvariantCulture) + "/" + Count.ToString(CultureInfo.InvariantCulture);
    }
}
