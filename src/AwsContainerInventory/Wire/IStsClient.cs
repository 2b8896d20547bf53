using System.Threading;
using System.Threading.Tasks;

namespace AwsContainerInventory.Wire
{
    /// <summary>
    /// The AWS STS calls the module makes. Implemented in AwsContainerInventory.Engine on the AWS SDK for .NET
    /// (AWSSDK.SecurityToken), which speaks STS's query protocol exactly as the service expects.
    /// </summary>
    internal interface IStsClient
    {
        /// <summary>Assumes <paramref name="roleArn"/>; fails with <see cref="AwsServiceException"/> carrying STS's error code.</summary>
        Task<AwsCredentials> AssumeRoleAsync(string roleArn, string roleSessionName, int durationSeconds, string? externalId, CancellationToken cancellationToken);

        /// <summary>Who the credentials belong to (needs no permission); fails as <see cref="AssumeRoleAsync"/> does.</summary>
        Task<StsCallerIdentity> GetCallerIdentityAsync(CancellationToken cancellationToken);
    }
}
