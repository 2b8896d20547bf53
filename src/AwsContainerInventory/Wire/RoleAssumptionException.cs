using System;

namespace AwsContainerInventory
{
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
