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

    /// <summary>sts:GetCallerIdentity's answer: the account, the caller's ARN (which names the partition) and user id.</summary>
    internal sealed class StsCallerIdentity
    {
        public StsCallerIdentity(string account, string arn, string? userId)
        {
            Account = account;
            Arn = arn;
            UserId = userId;
        }

        public string Account { get; }
        public string Arn { get; }
        public string? UserId { get; }

        /// <summary>The partition of the caller's ARN: aws, aws-cn, aws-us-gov, …</summary>
        public string Partition
        {
            get
            {
                string[] parts = Arn.Split(':');
                return parts.Length > 1 && parts[0] == "arn" && parts[1].Length > 0 ? parts[1] : "aws";
            }
        }
    }
}
