using System;
using System.Threading;
using System.Threading.Tasks;

namespace AwsContainerInventory.Wire
{
    /// <summary>One set of signing credentials. Never printed: ToString shows a masked key id only.</summary>
    internal sealed class AwsCredentials
    {
        public AwsCredentials(string accessKeyId, string secretAccessKey, string? sessionToken = null, DateTime? expiration = null)
        {
            if (string.IsNullOrEmpty(accessKeyId)) throw new ArgumentException("An access key id is required.", nameof(accessKeyId));
            if (string.IsNullOrEmpty(secretAccessKey)) throw new ArgumentException("A secret access key is required.", nameof(secretAccessKey));
            AccessKeyId = accessKeyId;
            SecretAccessKey = secretAccessKey;
            SessionToken = string.IsNullOrEmpty(sessionToken) ? null : sessionToken;
            Expiration = expiration;
        }

        public string AccessKeyId { get; }
        public string SecretAccessKey { get; }
        public string? SessionToken { get; }
        public DateTime? Expiration { get; }

        /// <summary>The signing keys derived from <see cref="SecretAccessKey"/> so far (never printed either).</summary>
        internal SigningScopes SigningScopes { get; } = new SigningScopes();

        public override string ToString() => "AwsCredentials(" + MaskKeyId(AccessKeyId) + ")";

        /// <summary>AKIA…WXYZ: enough to tell keys apart in a session summary, not enough to use.</summary>
        public static string MaskKeyId(string? accessKeyId)
        {
            if (string.IsNullOrEmpty(accessKeyId)) return string.Empty;
            return accessKeyId!.Length <= 8 ? new string('*', accessKeyId.Length)
                : accessKeyId.Substring(0, 4) + new string('*', accessKeyId.Length - 8) + accessKeyId.Substring(accessKeyId.Length - 4);
        }
    }
}
