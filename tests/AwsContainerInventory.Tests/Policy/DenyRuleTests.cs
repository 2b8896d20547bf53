using AwsContainerInventory.Policy;

namespace AwsContainerInventory.Tests.Policy;

/// <summary>
/// An explicit Deny wins in AWS's evaluation: Deny statements that reach every caller outside a pinned identity
/// (or everyone) and cover every ECR action a public Allow grants leave it narrowed (or applying to nobody).
/// Anything less certain is set aside, the more public reading.
/// </summary>
public class DenyRuleTests
{
    private const string AllowAll = """{"Sid":"Open","Effect":"Allow","Principal":"*","Action":"ecr:*"}""";
    private const string AllowPull = """{"Sid":"Open","Effect":"Allow","Principal":"*","Action":["ecr:BatchGetImage","ecr:GetDownloadUrlForLayer"]}""";

    private static string Policy(params string[] statements) => "{\"Version\":\"2012-10-17\",\"Statement\":[" + string.Join(",", statements) + "]}";

    private static string Deny(string condition, string action = "\"ecr:*\"", string principal = "\"Principal\":\"*\"") =>
        "{\"Sid\":\"Guard\",\"Effect\":\"Deny\"," + principal + ",\"Action\":" + action + (condition.Length == 0 ? "" : ",\"Condition\":" + condition) + "}";

    [Fact]
    public void A_deny_to_everyone_outside_the_organization_narrows_a_public_allow()
    {
        PolicyExposure exposure = PolicyAnalyzer.Analyze(Policy(AllowAll, Deny("""{"StringNotEquals":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}}""")));

        PublicStatement statement = Assert.Single(exposure.PublicStatements);
        Assert.Equal(StatementVerdict.Narrowed, statement.Verdict);
        Assert.Equal(PolicyRule.ExplicitDeny, statement.Rule);
        Assert.True(exposure.IsPublic);
        Assert.False(exposure.IsPublicUnconditionally);
        const string detail = "Deny Guard denies every ECR action it grants to every caller but the organization \"o-a1b2c3d4e5\" (StringNotEquals aws:PrincipalOrgID)";
        Assert.Equal("Principal \"*\"; " + detail, statement.Reason);
        Assert.Equal("Open (ecr:*) unconditionally, but " + detail, statement.ToString());
    }

    [Theory]
    [InlineData("""{"StringNotEquals":{"aws:SourceVpce":"vpce-0a1b2c3d4e5f67890"}}""")]
    [InlineData("""{"StringNotEqualsIfExists":{"aws:PrincipalAccount":["111122223333","444455556666"]}}""")]
    [InlineData("""{"ArnNotLike":{"aws:PrincipalArn":"arn:aws:iam::111122223333:role/*"}}""")]
    [InlineData("""{"ForAllValues:StringNotLike":{"aws:PrincipalOrgPaths":"o-a1b2c3d4e5/r-ab12/*"}}""")]
    [InlineData("""{"StringNotEquals":{"aws:PrincipalOrgID":"o-a1b2c3d4e5","aws:SourceVpce":"vpce-0a1b2c3d4e5f67890"}}""")]
    public void Negated_identity_tests_leave_only_the_identities_they_spare(string condition)
    {
        PublicStatement statement = Assert.Single(PolicyAnalyzer.Analyze(Policy(AllowPull, Deny(condition))).PublicStatements);
        Assert.Equal(StatementVerdict.Narrowed, statement.Verdict);
        Assert.Equal(PolicyRule.ExplicitDeny, statement.Rule);
    }

    [Fact]
    public void An_unconditional_deny_of_every_granted_action_leaves_nobody()
    {
        PublicStatement statement = Assert.Single(PolicyAnalyzer.Analyze(Policy(AllowPull, Deny(""))).PublicStatements);
        Assert.Equal(StatementVerdict.NeverApplies, statement.Verdict);
        Assert.Equal(PolicyRule.ExplicitDeny, statement.Rule);
        Assert.EndsWith(", which never applies: Deny Guard denies every ECR action it grants to everyone", statement.ToString());
    }

    [Fact]
    public void A_deny_with_NotPrincipal_spares_the_principals_it_names()
    {
        string deny = Deny("", principal: "\"NotPrincipal\":{\"AWS\":[\"arn:aws:iam::111122223333:role/ci\",\"arn:aws:iam::111122223333:root\"]}");
        PublicStatement statement = Assert.Single(PolicyAnalyzer.Analyze(Policy(AllowPull, deny)).PublicStatements);
        Assert.Equal(StatementVerdict.Narrowed, statement.Verdict);
        Assert.EndsWith("to every caller but NotPrincipal arn:aws:iam::111122223333:role/ci, arn:aws:iam::111122223333:root", statement.Reason);
    }

    [Fact]
    public void Denies_that_together_cover_every_granted_action_narrow()
    {
        string denyPull = Deny("""{"StringNotEquals":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}}""", action: "\"ecr:BatchGetImage\"");
        string denyLayers = Deny("", action: "\"ecr:GetDownloadUrlForLayer\"").Replace("\"Guard\"", "\"NoLayers\"");
        PublicStatement statement = Assert.Single(PolicyAnalyzer.Analyze(Policy(AllowPull, denyPull, denyLayers)).PublicStatements);
        Assert.Equal(StatementVerdict.Narrowed, statement.Verdict);
        Assert.Contains("Deny Guard, NoLayers denies", statement.Reason);
    }

    [Theory]
    // The deny leaves some granted action open.
    [InlineData(AllowAll, "", "\"ecr:BatchGetImage\"", "\"Principal\":\"*\"")]
    [InlineData(AllowPull, "", "\"ecr:BatchGetImage\"", "\"Principal\":\"*\"")]
    [InlineData(AllowPull, "", "\"ecr:*\"", "\"Principal\":\"*\"", "ecr:*")]   // NotAction: everything but pulls is denied
    // Conditions that may spare an outsider.
    [InlineData(AllowPull, """{"Bool":{"aws:SecureTransport":"false"}}""", "\"ecr:*\"", "\"Principal\":\"*\"")]
    [InlineData(AllowPull, """{"StringNotLike":{"aws:PrincipalOrgID":"o-*"}}""", "\"ecr:*\"", "\"Principal\":\"*\"")]
    [InlineData(AllowPull, """{"ForAnyValue:StringNotEquals":{"aws:PrincipalOrgPaths":"o-a1b2c3d4e5/*"}}""", "\"ecr:*\"", "\"Principal\":\"*\"")]
    [InlineData(AllowPull, """{"StringEquals":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}}""", "\"ecr:*\"", "\"Principal\":\"*\"")]
    [InlineData(AllowPull, """{"NotIpAddress":{"aws:SourceIp":"54.240.143.0/24"}}""", "\"ecr:*\"", "\"Principal\":\"*\"")]
    [InlineData(AllowPull, """{"StringNotEquals":{"aws:SourceAccount":"${aws:PrincipalAccount}"}}""", "\"ecr:*\"", "\"Principal\":\"*\"")]
    [InlineData(AllowPull, """{"StringNotEquals":{"aws:UserAgent":"docker"}}""", "\"ecr:*\"", "\"Principal\":\"*\"")]
    [InlineData(AllowPull, "\"not an object\"", "\"ecr:*\"", "\"Principal\":\"*\"")]
    // Principals that do not reach everyone.
    [InlineData(AllowPull, "", "\"ecr:*\"", "\"Principal\":{\"Service\":\"*\"}")]
    [InlineData(AllowPull, "", "\"ecr:*\"", "\"Principal\":{\"AWS\":\"arn:aws:iam::*:root\"}")]
    [InlineData(AllowPull, "", "\"ecr:*\"", "\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"}")]
    [InlineData(AllowPull, "", "\"ecr:*\"", "\"NotPrincipal\":{\"AWS\":\"arn:aws:iam::*:root\"}")]
    public void A_deny_that_may_spare_an_outsider_leaves_the_allow_public(string allow, string condition, string action, string principal, string? notAction = null)
    {
        string deny = Deny(condition, action, principal);
        if (notAction != null) deny = deny.Replace("\"Action\":", "\"NotAction\":").Replace("\"ecr:*\"", "[\"ecr:BatchGetImage\",\"ecr:GetDownloadUrlForLayer\"]");
        PolicyExposure exposure = PolicyAnalyzer.Analyze(Policy(allow, deny));
        PublicStatement statement = Assert.Single(exposure.PublicStatements);
        Assert.Equal(StatementVerdict.Public, statement.Verdict);
        Assert.True(exposure.IsPublicUnconditionally);
    }

    [Fact]
    public void Duplicate_members_of_a_deny_set_it_aside()
    {
        string twoEffects = """{"Effect":"Deny","Effect":"Allow","Principal":"*","Action":"ecr:*"}""";
        Assert.All(PolicyAnalyzer.Analyze(Policy(AllowPull, twoEffects)).PublicStatements, s => Assert.Equal(StatementVerdict.Public, s.Verdict));

        string twoActions = """{"Effect":"Deny","Principal":"*","Action":"ecr:*","Action":"s3:*"}""";
        Assert.Equal(StatementVerdict.Public, Assert.Single(PolicyAnalyzer.Analyze(Policy(AllowPull, twoActions)).PublicStatements).Verdict);

        string twoConditions = """{"Effect":"Deny","Principal":"*","Action":"ecr:*","Condition":{"StringNotEquals":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}},"Condition":{}}""";
        Assert.Equal(StatementVerdict.Public, Assert.Single(PolicyAnalyzer.Analyze(Policy(AllowPull, twoConditions)).PublicStatements).Verdict);

        string twoKeys = """{"Effect":"Deny","Principal":"*","Action":"ecr:*","Condition":{"StringNotEquals":{"aws:PrincipalOrgID":"o-a1b2c3d4e5","aws:PrincipalOrgID":"o-f6g7h8i9j0"}}}""";
        Assert.Equal(StatementVerdict.Public, Assert.Single(PolicyAnalyzer.Analyze(Policy(AllowPull, twoKeys)).PublicStatements).Verdict);
    }

    [Fact]
    public void A_deny_does_not_change_statements_already_narrowed_or_set_aside_by_their_own_conditions()
    {
        string orgAllow = """{"Sid":"Org","Effect":"Allow","Principal":"*","Action":"ecr:BatchGetImage","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}}}""";
        Assert.Equal(PolicyRule.IdentityCondition, Assert.Single(PolicyAnalyzer.Analyze(Policy(orgAllow, Deny(""))).PublicStatements).Rule);
    }

    [Fact]
    public void A_network_limited_allow_is_narrowed_too()
    {
        string office = """{"Sid":"Office","Effect":"Allow","Principal":"*","Action":"ecr:BatchGetImage","Condition":{"IpAddress":{"aws:SourceIp":"54.240.143.0/24"}}}""";
        PublicStatement statement = Assert.Single(PolicyAnalyzer.Analyze(Policy(office, Deny("""{"StringNotEquals":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}}"""))).PublicStatements);
        Assert.Equal(StatementVerdict.Narrowed, statement.Verdict);
    }
}
