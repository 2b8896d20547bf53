using System.ComponentModel;

namespace AwsContainerInventory
{
    /// <summary>AWS's verdict on one policy statement whose principal means everyone.</summary>
    public enum StatementVerdict
    {
        [Description("Some ECR action is allowed to anyone: no condition pins an identity (counts for IsPublicUnconditionally).")]
        Public,

        [Description("Allowed to anyone calling from a public address range of aws:SourceIp: a network limit, not an identity (counts for IsPublicUnconditionally).")]
        PublicFromNetwork,

        [Description("A condition pins the caller to a specific account, organization, principal, VPC or VPC endpoint.")]
        Narrowed,

        [Description("A condition no request to ECR can satisfy: the statement applies to nobody.")]
        NeverApplies,

        [Description("None of the statement's actions is an ECR action: it grants nothing on the repository.")]
        GrantsNoEcrAction,
    }
}
