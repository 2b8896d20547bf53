using AwsContainerInventory.Wire;

namespace AwsContainerInventory.Session
{
    /// <summary>
    /// Assumes a role through the session's STS client (its endpoint, ParallelRequests cap and retries). A
    /// profile's <c>role_arn</c> is assumed this way, exactly as a <c>-RoleArn</c> is.
    /// </summary>
    internal interface IRoleAssumer
    {
        ICredentialProvider AssumeRole(string roleArn, string? roleSessionName, string? externalId, ICredentialProvider source);
    }
}
