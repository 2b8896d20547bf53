using System.Threading;
using System.Threading.Tasks;

namespace AwsContainerInventory.Wire
{
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
}
