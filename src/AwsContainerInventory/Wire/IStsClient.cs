using System;
using System.Threading;
using System.Threading.Tasks;

namespace AwsContainerInventory.Wire
{
    /// <summary>The AWS STS calls the module makes (query protocol, botocore's sts 2011-06-15 model).</summary>
    internal interface IStsClient
    {
        Task<AwsCredentials> AssumeRoleAsync(string roleArn, string roleSessionName, int durationSeconds, CancellationToken cancellationToken);

        /// <summary>The account id the credentials belong to.</summary>
        Task<string> GetCallerAccountAsync(CancellationToken cancellationToken);
    }
}
