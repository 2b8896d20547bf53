using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace AwsContainerInventory.Wire
{
    /// <summary>
    /// AWS Signature Version 4 for the POST requests this module makes (JSON 1.1 and the STS query protocol).
    /// Written from the published algorithm; tests compare it with botocore's signer.
    /// </summary>
    internal static class SigV4Signer
    {
        public const string Algorithm = "AWS4-HMAC-SHA256";

        /// <summary>
        /// Returns the headers to add to the request (<c>X-Amz-Date</c>, <c>X-Amz-Security-Token</c> when the
        /// credentials carry one, and <c>Authorization</c>). <paramref name="headers"/> are the other headers
        /// to sign, such as Content-Type and X-Amz-Target; Host is derived from the URI.
        /// </summary>
        public static IReadOnlyList<KeyValuePair<string, string>> Sign(
            string method, Uri uri, IEnumerable<KeyValuePair<string, string>> headers, byte[] payload,
            AwsCredentials credentials, string region, string service, DateTime utcNow)
        {
            string amzDate = AmzDate(utcNow.ToUniversalTime());

            // A handful of headers: a list sorted once (ordinal) does what a SortedDictionary did, with less to
            // allocate and run per call; a later header of the same name replaces an earlier one, as before.
            var toSign = new List<KeyValuePair<string, string>>(6);
            foreach (var header in headers) SetHeader(toSign, LowerCaseName(header.Key), CanonicalHeaderValue(header.Value));
            SetHeader(toSign, "host", uri.Authority);
            SetHeader(toSign, "x-amz-date", amzDate);
            if (credentials.SessionToken != null) SetHeader(toSign, "x-amz-security-token", credentials.SessionToken);
            toSign.Sort(HeaderNameOrder);

            var names = new StringBuilder(64);
            foreach (var header in toSign) names.Append(names.Length == 0 ? "" : ";").Append(header.Key);
            string signedHeaders = names.ToString();
            SigningScope scope = credentials.SigningScopes.Get(credentials.SecretAccessKey, amzDate, region, service);

            // The canonical request and the string to sign are written into pooled buffers and hashed there: with a
            // session token (an assumed role's is about 1,000 characters) they were a growing builder, a string and its
            // UTF-8 copy every call, a quarter of what an organization's run allocated.
            string path = CanonicalPath(uri.AbsolutePath);
            string query = CanonicalQuery(uri.Query);
            int length = method.Length + path.Length + query.Length + signedHeaders.Length + 4 + 1 + HexLength;
            foreach (var header in toSign) length += header.Key.Length + header.Value.Length + 2;
            length = Math.Max(length, StringToSignLength(scope.Scope));
            char[] chars = ArrayPool<char>.Shared.Rent(length);
            byte[] bytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(length));
            byte[] hash = new byte[32];
            try
            {
                var text = new CharWriter(chars);
                text.Append(method.ToUpperInvariant()).Append('\n').Append(path).Append('\n').Append(query).Append('\n');
                foreach (var header in toSign) text.Append(header.Key).Append(':').Append(header.Value).Append('\n');
                text.Append('\n').Append(signedHeaders).Append('\n');
                Sha256(payload, payload.Length, hash);
                text.AppendHex(hash);
                Sha256(bytes, Encoding.UTF8.GetBytes(chars, 0, text.Length, bytes, 0), hash);

                text.Clear();
                text.Append(Algorithm).Append('\n').Append(amzDate).Append('\n').Append(scope.Scope).Append('\n').AppendHex(hash);
                HmacSha256(scope.Key, bytes, Encoding.UTF8.GetBytes(chars, 0, text.Length, bytes, 0), hash);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(bytes);
                ArrayPool<char>.Shared.Return(chars);
            }

            var result = new List<KeyValuePair<string, string>>(3)
            {
                new KeyValuePair<string, string>("X-Amz-Date", amzDate),
            };
            if (credentials.SessionToken != null)
                result.Add(new KeyValuePair<string, string>("X-Amz-Security-Token", credentials.SessionToken));
            result.Add(new KeyValuePair<string, string>("Authorization",
                Algorithm + " Credential=" + credentials.AccessKeyId + "/" + scope.Scope +
                ", SignedHeaders=" + signedHeaders + ", Signature=" + ToHex(hash)));
            return result;
        }

        private const int HexLength = 64;

        private static int StringToSignLength(string scope) => Algorithm.Length + 1 + 16 + 1 + scope.Length + 1 + HexLength;

        // The names this module signs, without a lower-cased copy made per call.
        private static string LowerCaseName(string name) =>
            string.Equals(name, "Content-Type", StringComparison.OrdinalIgnoreCase) ? "content-type"
            : string.Equals(name, "X-Amz-Target", StringComparison.OrdinalIgnoreCase) ? "x-amz-target"
            : name.ToLowerInvariant();

        /// <summary>Appends to a buffer sized beforehand.</summary>
        private sealed class CharWriter
        {
            private readonly char[] _chars;

            public CharWriter(char[] chars)
            {
                _chars = chars;
            }

            public void Clear() => Length = 0;

            public int Length { get; private set; }

            public CharWriter Append(string value)
            {
                value.CopyTo(0, _chars, Length, value.Length);
                Length += value.Length;
                return this;
            }

            public CharWriter Append(char value)
            {
                _chars[Length++] = value;
                return this;
            }

            public CharWriter AppendHex(byte[] bytes)
            {
                WriteHex(bytes, _chars, Length);
                Length += bytes.Length * 2;
                return this;
            }
        }

        // One-shot hashing where the runtime has it: no hash object, and no native context made and freed per call.
        private static void Sha256(byte[] data, int count, byte[] hash)
        {
#if NET8_0_OR_GREATER
            SHA256.HashData(new ReadOnlySpan<byte>(data, 0, count), hash);
#else
            using var sha = SHA256.Create();
            Buffer.BlockCopy(sha.ComputeHash(data, 0, count), 0, hash, 0, hash.Length);
#endif
        }

        private static void HmacSha256(byte[] key, byte[] data, int count, byte[] hash)
        {
#if NET8_0_OR_GREATER
            HMACSHA256.HashData(key, new ReadOnlySpan<byte>(data, 0, count), hash);
#else
            using var hmac = new HMACSHA256(key);
            Buffer.BlockCopy(hmac.ComputeHash(data, 0, count), 0, hash, 0, hash.Length);
#endif
        }

        private static readonly Comparison<KeyValuePair<string, string>> HeaderNameOrder = (a, b) => string.CompareOrdinal(a.Key, b.Key);

        private static void SetHeader(List<KeyValuePair<string, string>> headers, string name, string value)
        {
            for (int i = 0; i < headers.Count; i++)
            {
                if (headers[i].Key == name)
                {
                    headers[i] = new KeyValuePair<string, string>(name, value);
                    return;
                }
            }
            headers.Add(new KeyValuePair<string, string>(name, value));
        }

        // yyyyMMddTHHmmssZ without parsing a custom format string on every call.
        private static string AmzDate(DateTime utc)
        {
            var chars = new char[16];
            Digits(chars, 0, utc.Year, 4);
            Digits(chars, 4, utc.Month, 2);
            Digits(chars, 6, utc.Day, 2);
            chars[8] = 'T';
            Digits(chars, 9, utc.Hour, 2);
            Digits(chars, 11, utc.Minute, 2);
            Digits(chars, 13, utc.Second, 2);
            chars[15] = 'Z';
            return new string(chars);
        }

        private static void Digits(char[] chars, int start, int value, int width)
        {
            for (int i = start + width - 1; i >= start; i--)
            {
                chars[i] = (char)('0' + value % 10);
                value /= 10;
            }
        }

        internal static byte[] SigningKey(string secretAccessKey, string dateStamp, string region, string service)
        {
            byte[] kDate = HmacSha256(Encoding.UTF8.GetBytes("AWS4" + secretAccessKey), dateStamp);
            byte[] kRegion = HmacSha256(kDate, region);
            byte[] kService = HmacSha256(kRegion, service);
            return HmacSha256(kService, "aws4_request");
        }

        // Non-S3 services encode each path segment (already-encoded input is encoded again, as the spec says).
        private static string CanonicalPath(string absolutePath)
        {
            // Every call of this module goes to "/".
            if (string.IsNullOrEmpty(absolutePath) || absolutePath == "/") return "/";
            var segments = absolutePath.Split('/').Select(segment => UriEncode(Uri.UnescapeDataString(segment)));
            return UriEncode(string.Join("/", segments), keepSlash: true);
        }

        private static string CanonicalQuery(string query)
        {
            if (string.IsNullOrEmpty(query) || query == "?") return string.Empty;
            var pairs = query.TrimStart('?').Split('&').Where(part => part.Length > 0).Select(part =>
            {
                int equals = part.IndexOf('=');
                string name = Uri.UnescapeDataString(equals < 0 ? part : part.Substring(0, equals));
                string value = equals < 0 ? string.Empty : Uri.UnescapeDataString(part.Substring(equals + 1));
                return new KeyValuePair<string, string>(UriEncode(name), UriEncode(value));
            });
            return string.Join("&", pairs.OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal)
                .Select(p => p.Key + "=" + p.Value));
        }

        private static string CanonicalHeaderValue(string value)
        {
            // Trim and collapse runs of spaces, as the algorithm requires (most values need neither).
            if (value.Length == 0 || (!char.IsWhiteSpace(value[0]) && !char.IsWhiteSpace(value[value.Length - 1]) && value.IndexOf("  ", StringComparison.Ordinal) < 0))
                return value;
            var builder = new StringBuilder(value.Length);
            bool previousSpace = false;
            foreach (char c in value.Trim())
            {
                bool space = c == ' ';
                if (!(space && previousSpace)) builder.Append(c);
                previousSpace = space;
            }
            return builder.ToString();
        }

        /// <summary>RFC 3986 unreserved characters stay; everything else is %XX of its UTF-8 bytes.</summary>
        internal static string UriEncode(string value, bool keepSlash = false)
        {
            var builder = new StringBuilder(value.Length);
            foreach (byte b in Encoding.UTF8.GetBytes(value))
            {
                char c = (char)b;
                if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~' || (keepSlash && c == '/'))
                    builder.Append(c);
                else if (keepSlash && c == '%')
                    builder.Append("%25");
                else
                    builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
            return builder.ToString();
        }

        private static byte[] HmacSha256(byte[] key, string data)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(data);
            var hash = new byte[32];
            HmacSha256(key, bytes, bytes.Length, hash);
            return hash;
        }

        private static string ToHex(byte[] bytes)
        {
            var chars = new char[bytes.Length * 2];
            WriteHex(bytes, chars, 0);
            return new string(chars);
        }

        /// <summary>Lower-case hex of <paramref name="bytes"/> into <paramref name="chars"/> from <paramref name="start"/>.</summary>
        private static void WriteHex(byte[] bytes, char[] chars, int start)
        {
            const string digits = "0123456789abcdef";
            for (int i = 0; i < bytes.Length; i++)
            {
                chars[start + 2 * i] = digits[bytes[i] >> 4];
                chars[start + 2 * i + 1] = digits[bytes[i] & 0xF];
            }
        }
    }
}
