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

        public override string ToString() => "AwsCredentials(" + MaskKeyId(AccessKeyId) + ")";

        /// <summary>AKIA…WXYZ: enough to tell keys apart in a session summary, not enough to use.</summary>
        public static string MaskKeyId(string? accessKeyId)
        {
            if (string.IsNullOrEmpty(accessKeyId)) return string.Empty;
            return accessKeyId!.Length <= 8 ? new string('*', accessKeyId.Length)
                : accessKeyId.Substring(0, 4) + new string('*', accessKeyId.Length - 8) + accessKeyId.Substring(accessKeyId.Length - 4);
        }
    }

    /// <summary>Where a scope's credentials come from: static keys, the SDK's default chain, or an assumed role.</summary>
    internal interface ICredentialProvider
    {
        /// <summary>A short description for the session summary and errors; never contains a secret.</summary>
        string Description { get; }

        Task<AwsCredentials> GetCredentialsAsync(CancellationToken cancellationToken);

        /// <summary>
        /// False when <paramref name="credentials"/>, handed out earlier, are now due for renewal: a request that
        /// waited for a free slot must not sign with credentials that expired while it waited.
        /// </summary>
        bool IsCurrent(AwsCredentials credentials);
    }

    internal sealed class StaticCredentialProvider : ICredentialProvider
    {
        private readonly AwsCredentials _credentials;

        public StaticCredentialProvider(AwsCredentials credentials, string description)
        {
            _credentials = credentials;
            Description = description;
        }

        public string Description { get; }

        public Task<AwsCredentials> GetCredentialsAsync(CancellationToken cancellationToken) => Task.FromResult(_credentials);

        public bool IsCurrent(AwsCredentials credentials) => true;
    }

    /// <summary>The credentials could not be found or resolved (no keys, unknown profile, metadata unreachable).</summary>
    public class CredentialsUnavailableException : Exception
    {
        /// <summary>The name used in errors when no profile or role is involved.</summary>
        public const string DefaultChainTarget = "default chain";

        public CredentialsUnavailableException(string message, Exception? inner = null, string? target = null) : base(message, inner)
        {
            Target = string.IsNullOrEmpty(target) ? DefaultChainTarget : target!;
        }

        /// <summary>What could not give credentials, the error's target: the profile name, the role ARN, or "default chain".</summary>
        public string Target { get; }
    }

    /// <summary>STS refused or could not answer an AssumeRole; the inner exception is STS's error.</summary>
    public sealed class RoleAssumptionException : CredentialsUnavailableException
    {
        public RoleAssumptionException(string roleArn, Exception inner)
            : base("Could not assume role " + roleArn + ": " + inner.Message, inner, roleArn)
        {
            RoleArn = roleArn;
        }

        public string RoleArn { get; }
    }
}
