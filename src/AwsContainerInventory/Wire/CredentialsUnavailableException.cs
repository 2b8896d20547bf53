using System;

namespace AwsContainerInventory
{
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
}
