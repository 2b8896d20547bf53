namespace AwsContainerInventory.Tests.Policy;

/// <summary>
/// Realistic ECR repository policies, in the shapes the public fixtures of policy-checking tools use (written here,
/// not copied), each with the verdict of AWS's documented policy evaluation: IsPublic (an Allow whose principal
/// means everyone), IsPublicUnconditionally (some ECR action allowed to callers outside any specific account,
/// organization or endpoint), and each listed statement as <c>Sid:Verdict:Rule</c>.
/// </summary>
public static class PolicyCorpus
{
    public sealed record Case(string Name, string Policy, bool IsPublic, bool IsPublicUnconditionally, string Statements)
    {
        public override string ToString() => Name;
    }

    private const string Pull = "[\"ecr:BatchGetImage\",\"ecr:GetDownloadUrlForLayer\",\"ecr:BatchCheckLayerAvailability\"]";

    private static string One(string sid, string principal, string action, string? condition = null, string effect = "Allow", string version = "2012-10-17") =>
        "{\"Version\":\"" + version + "\",\"Statement\":[" + Statement(sid, principal, action, condition, effect) + "]}";

    private static string Statement(string sid, string principal, string action, string? condition = null, string effect = "Allow") =>
        "{\"Sid\":\"" + sid + "\",\"Effect\":\"" + effect + "\"," + principal + ",\"Action\":" + action
        + (condition == null ? "" : ",\"Condition\":" + condition) + "}";

    private static string Many(params string[] statements) => "{\"Version\":\"2012-10-17\",\"Statement\":[" + string.Join(",", statements) + "]}";

    private const string Anyone = "\"Principal\":\"*\"";
    private const string AnyAws = "\"Principal\":{\"AWS\":\"*\"}";

    public static readonly Case[] Cases =
    {
        // Principals.
        new("push and pull for two roles of one account (2008-10-17)", One("PushPull", "\"Principal\":{\"AWS\":[\"arn:aws:iam::111122223333:role/ci\",\"arn:aws:iam::111122223333:role/deploy\"]}",
            "[\"ecr:BatchGetImage\",\"ecr:PutImage\",\"ecr:InitiateLayerUpload\",\"ecr:UploadLayerPart\",\"ecr:CompleteLayerUpload\"]", version: "2008-10-17"), false, false, ""),
        new("cross-account pull to account roots", One("CrossAccount", "\"Principal\":{\"AWS\":[\"arn:aws:iam::111122223333:root\",\"444455556666\"]}", Pull), false, false, ""),
        new("anonymous pull", One("PublicPull", Anyone, Pull), true, true, "PublicPull:Public:WildcardPrincipal"),
        new("everything to {AWS:*}", One("All", AnyAws, "\"ecr:*\""), true, true, "All:Public:WildcardPrincipal"),
        new("wildcard among account ids", One("Mixed", "\"Principal\":{\"AWS\":[\"111122223333\",\"*\"]}", Pull), true, true, "Mixed:Public:WildcardPrincipal"),
        new("single statement object", "{\"Statement\":{\"Sid\":\"Legacy\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"ecr:*\"}}", true, true, "Legacy:Public:WildcardPrincipal"),
        new("stored wildcard-account root", One("AnyRoot", "\"Principal\":{\"AWS\":\"arn:aws:iam::*:root\"}", Pull), true, true, "AnyRoot:Public:WildcardAccount"),
        new("stored wildcard-account task role", One("AnyTaskRole", "\"Principal\":{\"AWS\":\"arn:aws:iam::*:role/ecsTaskExecutionRole\"}", Pull), true, true, "AnyTaskRole:Public:WildcardAccount"),
        new("NotPrincipal own root", One("AllButRoot", "\"NotPrincipal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"}", "\"ecr:*\""), true, true, "AllButRoot:Public:NotPrincipal"),
        new("Deny with NotPrincipal only", One("OnlyAdmins", "\"NotPrincipal\":{\"AWS\":\"arn:aws:iam::111122223333:role/admin\"}", "\"ecr:*\"", effect: "Deny"), false, false, ""),
        new("Deny everyone deletes", One("NoDelete", Anyone, "[\"ecr:DeleteRepository\",\"ecr:BatchDeleteImage\"]", effect: "Deny"), false, false, ""),
        new("CodeBuild service principal with source account", One("CodeBuild", "\"Principal\":{\"Service\":\"codebuild.amazonaws.com\"}", Pull,
            "{\"StringEquals\":{\"aws:SourceAccount\":\"111122223333\"},\"ArnLike\":{\"aws:SourceArn\":\"arn:aws:codebuild:us-east-1:111122223333:project/*\"}}"), false, false, ""),
        new("Lambda service principal for any account's functions", One("LambdaPull", "\"Principal\":{\"Service\":\"lambda.amazonaws.com\"}", Pull,
            "{\"StringLike\":{\"aws:sourceArn\":\"arn:aws:lambda:us-east-1:*:function:*\"}}"), false, false, ""),

        // Conditions that pin an identity, and look-alikes that pin nobody.
        new("organization pull", One("OrgPull", Anyone, Pull, "{\"StringEquals\":{\"aws:PrincipalOrgID\":\"o-a1b2c3d4e5\"}}"), true, false, "OrgPull:Narrowed:IdentityCondition"),
        new("organizational unit pull", One("OuPull", AnyAws, Pull, "{\"ForAnyValue:StringLike\":{\"aws:PrincipalOrgPaths\":[\"o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*\"]}}"), true, false, "OuPull:Narrowed:IdentityCondition"),
        new("any organization", One("AnyOrg", Anyone, Pull, "{\"StringLike\":{\"aws:PrincipalOrgID\":\"o-*\"}}"), true, true, "AnyOrg:Public:WildcardPrincipal"),
        new("organization id with a literal wildcard", One("OrgTypo", Anyone, Pull, "{\"StringEquals\":{\"aws:PrincipalOrgID\":\"o-*\"}}"), true, false, "OrgTypo:NeverApplies:LiteralWildcard"),
        new("two accounts by principal account", One("Accounts", Anyone, Pull, "{\"StringEquals\":{\"aws:PrincipalAccount\":[\"111122223333\",\"444455556666\"]}}"), true, false, "Accounts:Narrowed:IdentityCondition"),
        new("roles of one account by ARN pattern", One("Roles", Anyone, Pull, "{\"ArnLike\":{\"aws:PrincipalArn\":\"arn:aws:iam::111122223333:role/*\"}}"), true, false, "Roles:Narrowed:IdentityCondition"),
        new("task execution role of any account", One("AnyExecRole", Anyone, Pull, "{\"ArnLike\":{\"aws:PrincipalArn\":\"arn:aws:iam::*:role/ecsTaskExecutionRole\"}}"), true, true, "AnyExecRole:Public:WildcardPrincipal"),
        new("twelve single-character wildcards", One("Q", Anyone, Pull, "{\"StringLike\":{\"aws:SourceAccount\":\"????????????\"}}"), true, true, "Q:Public:WildcardPrincipal"),
        new("one role by unique id", One("RoleId", Anyone, Pull, "{\"StringLike\":{\"aws:userid\":\"AROAEXAMPLEROLEID1234:*\"}}"), true, false, "RoleId:Narrowed:IdentityCondition"),
        new("any role's sessions by unique id", One("AnyRoleId", Anyone, Pull, "{\"StringLike\":{\"aws:userid\":\"AROA*:*\"}}"), true, true, "AnyRoleId:Public:WildcardPrincipal"),
        new("own account through a variable", One("Own", AnyAws, "\"ecr:*\"", "{\"StringEquals\":{\"aws:PrincipalAccount\":\"${aws:ResourceAccount}\"}}"), true, false, "Own:Narrowed:IdentityCondition"),
        new("one VPC endpoint", One("Vpce", Anyone, Pull, "{\"StringEquals\":{\"aws:SourceVpce\":\"vpce-0a1b2c3d4e5f67890\"}}"), true, false, "Vpce:Narrowed:IdentityCondition"),
        new("one VPC", One("Vpc", Anyone, Pull, "{\"StringEquals\":{\"aws:SourceVpc\":\"vpc-0a1b2c3d4e5f67890\"}}"), true, false, "Vpc:Narrowed:IdentityCondition"),
        new("any VPC endpoint by pattern", One("AnyVpce", Anyone, Pull, "{\"StringLike\":{\"aws:SourceVpce\":\"vpce-*\"}}"), true, true, "AnyVpce:Public:WildcardPrincipal"),
        new("any VPC endpoint by presence", One("SomeVpce", Anyone, Pull, "{\"Null\":{\"aws:SourceVpce\":\"false\"}}"), true, true, "SomeVpce:Public:WildcardPrincipal"),
        new("VPC endpoint if there is one", One("IfVpce", Anyone, Pull, "{\"StringEqualsIfExists\":{\"aws:SourceVpce\":\"vpce-0a1b2c3d4e5f67890\"}}"), true, true, "IfVpce:Public:WildcardPrincipal"),
        new("Allow meant as a deny of outsiders", One("NotOrg", Anyone, Pull, "{\"StringNotEquals\":{\"aws:PrincipalOrgID\":\"o-a1b2c3d4e5\"}}"), true, true, "NotOrg:Public:WildcardPrincipal"),
        new("ForAllValues on org paths", One("AllPaths", Anyone, Pull, "{\"ForAllValues:StringLike\":{\"aws:PrincipalOrgPaths\":\"o-a1b2c3d4e5/*\"}}"), true, true, "AllPaths:Public:WildcardPrincipal"),
        new("source account and ARN together", One("Pipeline", Anyone, Pull,
            "{\"ForAnyValue:StringEquals\":{\"aws:SourceAccount\":\"111122223333\"},\"ArnLike\":{\"aws:SourceArn\":\"arn:aws:codepipeline:us-east-1:111122223333:*\"}}"), true, false, "Pipeline:Narrowed:IdentityCondition"),
        new("principal tag", One("Tagged", Anyone, Pull, "{\"StringEquals\":{\"aws:PrincipalTag/team\":\"platform\"}}"), true, true, "Tagged:Public:WildcardPrincipal"),
        new("TLS only", One("Tls", AnyAws, Pull, "{\"Bool\":{\"aws:SecureTransport\":\"true\"}}"), true, true, "Tls:Public:WildcardPrincipal"),
        new("until a date", One("Window", Anyone, Pull, "{\"DateLessThan\":{\"aws:CurrentTime\":\"2030-01-01T00:00:00Z\"}}"), true, true, "Window:Public:WildcardPrincipal"),

        // Keys no ECR request carries, and addresses no ECR request comes from.
        new("KMS key copied from a key policy", One("Kms", Anyone, "\"ecr:*\"", "{\"StringEquals\":{\"kms:ViaService\":\"ecr.us-east-1.amazonaws.com\"}}"), true, false, "Kms:NeverApplies:KeyNeverInEcrRequest"),
        new("S3 object tag copied from a bucket policy", One("S3Tag", Anyone, Pull, "{\"StringEquals\":{\"s3:ExistingObjectTag/public\":\"yes\"}}"), true, false, "S3Tag:NeverApplies:KeyNeverInEcrRequest"),
        new("KMS key only if present", One("KmsIf", Anyone, Pull, "{\"StringEqualsIfExists\":{\"kms:ViaService\":\"ecr.us-east-1.amazonaws.com\"}}"), true, true, "KmsIf:Public:WildcardPrincipal"),
        new("office egress range", One("Office", Anyone, Pull, "{\"IpAddress\":{\"aws:SourceIp\":[\"54.240.143.0/24\",\"54.240.144.0/24\"]}}"), true, true, "Office:PublicFromNetwork:NetworkCondition"),
        new("VPC CIDR as source IP", One("VpcCidr", Anyone, Pull, "{\"IpAddress\":{\"aws:SourceIp\":\"10.0.0.0/16\"}}"), true, false, "VpcCidr:NeverApplies:UnreachableSourceIp"),
        new("documentation range left in", One("Example", Anyone, Pull, "{\"IpAddress\":{\"aws:SourceIp\":\"192.0.2.0/24\"}}"), true, false, "Example:NeverApplies:UnreachableSourceIp"),
        new("carrier-grade NAT range", One("Cgnat", Anyone, Pull, "{\"IpAddress\":{\"aws:SourceIp\":\"100.64.0.0/10\"}}"), true, false, "Cgnat:NeverApplies:UnreachableSourceIp"),
        new("every IPv4 address", One("AnyIp", Anyone, Pull, "{\"IpAddress\":{\"aws:SourceIp\":\"0.0.0.0/0\"}}"), true, true, "AnyIp:Public:WildcardPrincipal"),
        new("everywhere but a range", One("NotOffice", Anyone, Pull, "{\"NotIpAddress\":{\"aws:SourceIp\":\"54.240.143.0/24\"}}"), true, true, "NotOffice:Public:WildcardPrincipal"),
        new("plain HTTP only", One("Http", Anyone, Pull, "{\"Bool\":{\"aws:SecureTransport\":\"false\"}}"), true, false, "Http:NeverApplies:PlainHttpOnly"),

        // Actions.
        new("S3 statement pasted into a repository policy", One("S3Read", Anyone, "\"s3:GetObject\""), true, false, "S3Read:GrantsNoEcrAction:NoEcrAction"),
        new("ECR Public actions", One("PublicGallery", Anyone, "\"ecr-public:*\""), true, false, "PublicGallery:GrantsNoEcrAction:NoEcrAction"),
        new("everything but deletes", "{\"Statement\":[{\"Sid\":\"NoDeletes\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"NotAction\":[\"ecr:DeleteRepository\",\"ecr:BatchDeleteImage\"]}]}",
            true, true, "NoDeletes:Public:WildcardPrincipal"),
        new("NotAction of all ECR", "{\"Statement\":[{\"Sid\":\"NotEcr\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"NotAction\":\"ecr:*\"}]}",
            true, false, "NotEcr:GrantsNoEcrAction:NoEcrAction"),
        new("Batch wildcard", One("Batch", Anyone, "\"ecr:Batch*\""), true, true, "Batch:Public:WildcardPrincipal"),

        // Several statements.
        new("account push, anonymous pull", Many(
            Statement("Push", "\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:role/ci\"}", "[\"ecr:PutImage\",\"ecr:UploadLayerPart\"]"),
            Statement("Pull", Anyone, Pull)), true, true, "Pull:Public:WildcardPrincipal"),
        new("organization pull, anonymous list", Many(
            Statement("OrgPull", Anyone, Pull, "{\"StringEquals\":{\"aws:PrincipalOrgID\":\"o-a1b2c3d4e5\"}}"),
            Statement("List", AnyAws, "\"ecr:ListImages\"")), true, true, "OrgPull:Narrowed:IdentityCondition | List:Public:WildcardPrincipal"),
        new("only statements that never apply", Many(
            Statement("Kms", Anyone, Pull, "{\"StringEquals\":{\"kms:ViaService\":\"ecr.us-east-1.amazonaws.com\"}}"),
            Statement("Vpc", Anyone, Pull, "{\"IpAddress\":{\"aws:SourceIp\":\"172.16.0.0/12\"}}"),
            Statement("S3", Anyone, "\"s3:*\"")), true, false,
            "Kms:NeverApplies:KeyNeverInEcrRequest | Vpc:NeverApplies:UnreachableSourceIp | S3:GrantsNoEcrAction:NoEcrAction"),
        new("deny deletes, organization pull", Many(
            Statement("NoDelete", Anyone, "\"ecr:DeleteRepository\"", effect: "Deny"),
            Statement("OrgPull", Anyone, Pull, "{\"StringEquals\":{\"aws:PrincipalOrgID\":\"o-a1b2c3d4e5\"}}")), true, false, "OrgPull:Narrowed:IdentityCondition"),

        // Explicit denies win.
        new("allow everyone, deny outside the organization", Many(
            Statement("Pull", Anyone, Pull),
            Statement("DenyOutsiders", Anyone, "\"ecr:*\"", "{\"StringNotEquals\":{\"aws:PrincipalOrgID\":\"o-a1b2c3d4e5\"}}", effect: "Deny")),
            true, false, "Pull:Narrowed:ExplicitDeny"),
        new("allow everyone, deny outside the VPC endpoint", Many(
            Statement("Pull", AnyAws, "\"ecr:*\""),
            Statement("OnlyVpce", Anyone, "\"ecr:*\"", "{\"StringNotEquals\":{\"aws:SourceVpce\":\"vpce-0a1b2c3d4e5f67890\"}}", effect: "Deny")),
            true, false, "Pull:Narrowed:ExplicitDeny"),
        new("allow everyone, deny plain HTTP", Many(
            Statement("Pull", Anyone, Pull),
            Statement("TlsOnly", Anyone, "\"ecr:*\"", "{\"Bool\":{\"aws:SecureTransport\":\"false\"}}", effect: "Deny")),
            true, true, "Pull:Public:WildcardPrincipal"),
        new("allow everyone, deny pushes outside the account", Many(
            Statement("All", Anyone, "\"ecr:*\""),
            Statement("NoPush", Anyone, "[\"ecr:PutImage\",\"ecr:InitiateLayerUpload\"]", "{\"StringNotEquals\":{\"aws:PrincipalAccount\":\"111122223333\"}}", effect: "Deny")),
            true, true, "All:Public:WildcardPrincipal"),

        // Read the more public way.
        new("duplicate Effect", "{\"Statement\":[{\"Sid\":\"Twice\",\"Effect\":\"Deny\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"ecr:*\"}]}", true, true, "Twice:Public:WildcardPrincipal"),
        new("duplicate Condition", "{\"Statement\":[{\"Sid\":\"Twice\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"ecr:*\",\"Condition\":{\"StringEquals\":{\"aws:PrincipalOrgID\":\"o-a1b2c3d4e5\"}},\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"true\"}}}]}",
            true, true, "Twice:Public:WildcardPrincipal"),
        new("policy with comments", "{\n  // pull for everyone\n  \"Statement\": [{\"Sid\":\"Commented\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"ecr:BatchGetImage\"}]\n}", true, true, "Commented:Public:WildcardPrincipal"),
        new("no statements", "{\"Version\":\"2012-10-17\",\"Statement\":[]}", false, false, ""),
    };
}
