using System.Threading;
using System.Threading.Tasks;

namespace AwsContainerInventory.Wire
{
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
}
