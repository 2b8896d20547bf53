using System.ComponentModel;

namespace AwsContainerInventory
{
    /// <summary>The rule of the repository-policy analysis that decided a statement's verdict.</summary>
    public enum PolicyRule
    {
        [Description("Public: the principal is `*` in any JSON form and no condition pins an identity (negated, IfExists, ForAllValues: and Null tests never do). Example: `{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},\"Action\":\"ecr:BatchGetImage\"}`")]
        WildcardPrincipal,

        [Description("Public: Allow with NotPrincipal grants everyone but the named principals, anonymous callers included. Example: `{\"Effect\":\"Allow\",\"NotPrincipal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"},\"Action\":\"ecr:*\"}`")]
        NotPrincipal,

        [Description("Public: a principal whose account is a wildcard means every account (IAM rejects it in new policies, but a stored one is in force). Example: `\"Principal\":{\"AWS\":\"arn:aws:iam::*:root\"}`")]
        WildcardAccount,

        [Description("Public, with a network condition: aws:SourceIp limits callers to a public range, not to an identity. Example: `\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":\"54.240.143.0/24\"}}`")]
        NetworkCondition,

        [Description("Narrowed: a positive condition pins a wildcard-free account, organization id (or first segment of aws:PrincipalOrgPaths), principal ARN account, role or user unique id, VPC or VPC endpoint. `o-*`, `arn:aws:iam::*:role/*` and `vpce-*` pin nobody. Example: `\"Condition\":{\"StringEquals\":{\"aws:PrincipalOrgID\":\"o-a1b2c3d4e5\"}}`")]
        IdentityCondition,

        [Description("Never applies: StringEquals compares literally, so a `*` in the value matches only that text, which no account, organization or ARN contains. Example: `\"Condition\":{\"StringEquals\":{\"aws:PrincipalOrgID\":\"o-*\"}}`")]
        LiteralWildcard,

        [Description("Never applies: a key no ECR request carries (kms:, s3:, another service's keys) under a positive operator without IfExists. Example: `\"Condition\":{\"StringEquals\":{\"kms:ViaService\":\"ecr.us-east-1.amazonaws.com\"}}`")]
        KeyNeverInEcrRequest,

        [Description("Never applies: aws:SourceIp limited to addresses no request to ECR comes from (private, 100.64.0.0/10, loopback, link-local, documentation, reserved); through a VPC endpoint aws:SourceIp is absent. Example: `\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":\"10.0.0.0/8\"}}`")]
        UnreachableSourceIp,

        [Description("Never applies: ECR answers only over TLS, so aws:SecureTransport is never false. Example: `\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}}`")]
        PlainHttpOnly,

        [Description("Narrowed, or never applies: Deny statements to everyone cover every ECR action the statement grants, unconditionally (never applies) or for every caller but a pinned identity (narrowed); an explicit deny wins. Only a negated identity test counts as such a condition. Example: `{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"ecr:*\",\"Condition\":{\"StringNotEquals\":{\"aws:PrincipalOrgID\":\"o-a1b2c3d4e5\"}}}`")]
        ExplicitDeny,

        [Description("Grants nothing: no ECR action matches the Action values (wildcards expanded against ECR's actions), or NotAction excludes them all. Example: `{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\"}`")]
        NoEcrAction,
    }
}
