using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Sockets;

namespace AwsContainerInventory.Policy
{
    /// <summary>
    /// The address ranges of <c>aws:SourceIp</c> conditions, and which of them no request to ECR can come from.
    /// A request reaches ECR's public endpoints from a public address; through a VPC endpoint it carries no
    /// <c>aws:SourceIp</c> at all. So private, shared (carrier-grade NAT), loopback, link-local, documentation,
    /// benchmarking, multicast and reserved ranges never match.
    /// </summary>
    internal static class PolicyAddresses
    {
        private static readonly Range[] Unreachable = new[]
        {
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
            "192.0.0.0/24", "192.0.2.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24",
            "224.0.0.0/4", "240.0.0.0/4",
            "::/128", "::1/128", "100::/64", "2001:db8::/32", "3fff::/20", "fc00::/7", "fe80::/10", "ff00::/8",
        }.Select(text => Range.Parse(text)!).ToArray();

        /// <summary>True when every value is a valid address or CIDR range that lies wholly in an unreachable range.</summary>
        public static bool AllUnreachable(IReadOnlyCollection<string> values) =>
            values.Count > 0 && values.All(value => Range.Parse(value) is Range range && Unreachable.Any(block => block.Contains(range)));

        /// <summary>True when some value is a whole address family (<c>0.0.0.0/0</c>, <c>::/0</c>): no limit at all.</summary>
        public static bool AnyIsEverything(IEnumerable<string> values) =>
            values.Any(value => Range.Parse(value) is Range range && range.PrefixLength == 0);

        private sealed class Range
        {
            private readonly byte[] _network;

            private Range(byte[] network, int prefixLength)
            {
                _network = network;
                PrefixLength = prefixLength;
            }

            public int PrefixLength { get; }

            /// <summary><c>a.b.c.d</c>, <c>a.b.c.d/n</c>, or the IPv6 forms; null when the text is neither.</summary>
            public static Range? Parse(string text)
            {
                string[] parts = text.Trim().Split('/');
                if (parts.Length > 2 || !IPAddress.TryParse(parts[0], out IPAddress? address)) return null;
                if (address!.AddressFamily != AddressFamily.InterNetwork && address.AddressFamily != AddressFamily.InterNetworkV6) return null;
                byte[] bytes = address.GetAddressBytes();
                int maximum = bytes.Length * 8;
                int prefix = maximum;
                if (parts.Length == 2 && (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out prefix) || prefix > maximum)) return null;
                // IPAddress.TryParse takes "10" as 0.0.0.10: only dotted quads are IPv4 ranges in IAM.
                if (address.AddressFamily == AddressFamily.InterNetwork && parts[0].Count(c => c == '.') != 3) return null;
                return new Range(Masked(bytes, prefix), prefix);
            }

            /// <summary>Whether <paramref name="other"/> lies wholly inside this range.</summary>
            public bool Contains(Range other) =>
                other._network.Length == _network.Length && other.PrefixLength >= PrefixLength
                && Masked(other._network, PrefixLength).SequenceEqual(_network);

            private static byte[] Masked(byte[] bytes, int prefix)
            {
                var result = new byte[bytes.Length];
                for (int i = 0; i < bytes.Length; i++)
                {
                    int bits = Math.Max(0, Math.Min(8, prefix - i * 8));
                    result[i] = (byte)(bytes[i] & (0xFF << (8 - bits)));
                }
                return result;
            }
        }
    }
}
