using AwsContainerInventory.Policy;

namespace AwsContainerInventory.Tests.Policy;

public class PolicyAnalyzerTests
{
    [Theory]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"ecr:BatchGetImage"}]}""", true)]
    [InlineData("""{"Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"ecr:*"}]}""", true)]
    [InlineData("""{"Statement":[{"Effect":"Allow","Principal":{"AWS":["123456789012","*"]},"Action":"ecr:*"}]}""", true)]
    [InlineData("""{"Statement":{"Effect":"Allow","Principal":"*","Action":"ecr:*"}}""", true)]
    [InlineData("""{"Statement":[{"Effect":"Deny","Principal":"*","Action":"ecr:*"}]}""", false)]
    [InlineData("""{"Statement":[{"Effect":"Deny","Principal":{"AWS":"*"},"Action":"ecr:*"},{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"ecr:*"}]}""", false)]
    [InlineData("""{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"ecr:*"}]}""", false)]
    [InlineData("""{"Statement":[{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::111111111111:root","arn:aws:iam::222222222222:root"]},"Action":"ecr:*"}]}""", false)]
    [InlineData("""{"Statement":[{"Effect":"Allow","Principal":{"Service":"codebuild.amazonaws.com"},"Action":"ecr:*"}]}""", false)]
    [InlineData("""{"Statement":[{"Sid":"a","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::1:root"},"Action":"ecr:*"},{"Sid":"b","Effect":"Allow","Principal":{"AWS":"*"},"Action":"ecr:BatchGetImage","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-abc"}}}]}""", true)]
    [InlineData("""{"Statement":[{"Effect":"Allow","Principal":"arn:aws:iam::123456789012:root*","Action":"ecr:*"}]}""", false)]
    // Allow with NotPrincipal grants everyone but the named principals (issue 17, rule 1).
    [InlineData("""{"Statement":[{"Effect":"Allow","NotPrincipal":{"AWS":"arn:aws:iam::1:root"},"Action":"ecr:*"}]}""", true)]
    // A wildcard account means every account (rule 2).
    [InlineData("""{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::*:root"},"Action":"ecr:*"}]}""", true)]
    [InlineData("""{"Statement":[]}""", false)]
    [InlineData("not json at all", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Applies_the_contract_rule(string? policy, bool expected)
    {
        Assert.Equal(expected, PolicyAnalyzer.IsPublic(policy));
        PolicyExposure exposure = PolicyAnalyzer.Analyze(policy);
        Assert.Equal(expected, exposure.IsPublic);
        Assert.Equal(expected, exposure.PublicStatements.Count > 0);
    }

    /// <summary>
    /// Each case: a policy; its public statements, each as <c>Sid|Actions|ConditionKeys|narrows-or-open</c>
    /// (Sid <c>&lt;null&gt;</c> when absent, lists joined by ','); IsPublicUnconditionally; and the list's ToString.
    /// </summary>
    [Theory]
    // Principal "*", Action as an array, no condition: open to anyone.
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Sid":"AllowPull","Effect":"Allow","Principal":"*","Action":["ecr:BatchGetImage","ecr:GetDownloadUrlForLayer"]}]}""",
        new[] { "AllowPull|ecr:BatchGetImage,ecr:GetDownloadUrlForLayer||open" }, true,
        "AllowPull (ecr:BatchGetImage, ecr:GetDownloadUrlForLayer) unconditionally")]
    // {"AWS":"*"} narrowed to one source account.
    [InlineData("""{"Statement":[{"Sid":"AllowPull","Effect":"Allow","Principal":{"AWS":"*"},"Action":["ecr:BatchGetImage","ecr:GetDownloadUrlForLayer"],"Condition":{"StringEquals":{"aws:SourceAccount":"123456789012"}}}]}""",
        new[] { "AllowPull|ecr:BatchGetImage,ecr:GetDownloadUrlForLayer|StringEquals:aws:SourceAccount|narrows" }, false,
        "AllowPull (ecr:BatchGetImage, ecr:GetDownloadUrlForLayer) if StringEquals:aws:SourceAccount")]
    // {"AWS":["<account>","*"]} narrowed by ArnLike aws:SourceArn.
    [InlineData("""{"Statement":[{"Sid":"Lambda","Effect":"Allow","Principal":{"AWS":["123456789012","*"]},"Action":"ecr:BatchGetImage","Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:lambda:us-east-1:123456789012:function:*"}}}]}""",
        new[] { "Lambda|ecr:BatchGetImage|ArnLike:aws:SourceArn|narrows" }, false,
        "Lambda (ecr:BatchGetImage) if ArnLike:aws:SourceArn")]
    // Another principal type holding "*", narrowed to an organization.
    [InlineData("""{"Statement":[{"Sid":"Org","Effect":"Allow","Principal":{"Service":["codebuild.amazonaws.com","*"]},"Action":"ecr:*","Condition":{"StringEquals":{"aws:PrincipalOrgID":["o-abc123"]}}}]}""",
        new[] { "Org|ecr:*|StringEquals:aws:PrincipalOrgID|narrows" }, false,
        "Org (ecr:*) if StringEquals:aws:PrincipalOrgID")]
    // Statement as a single object, without a Sid.
    [InlineData("""{"Statement":{"Effect":"Allow","Principal":"*","Action":"ecr:*"}}""",
        new[] { "<null>|ecr:*||open" }, true,
        "(no Sid) (ecr:*) unconditionally")]
    // Deny with the wildcard: nothing public.
    [InlineData("""{"Statement":[{"Sid":"DenyAll","Effect":"Deny","Principal":"*","Action":"ecr:*"}]}""",
        new string[0], false, "")]
    // Deny "*" beside an Allow "*" narrowed to a VPC: only the Allow counts.
    [InlineData("""{"Statement":[{"Sid":"DenyDelete","Effect":"Deny","Principal":"*","Action":"ecr:DeleteRepository"},{"Sid":"Vpc","Effect":"Allow","Principal":"*","Action":"ecr:BatchGetImage","Condition":{"StringEquals":{"aws:SourceVpc":"vpc-0abc"}}}]}""",
        new[] { "Vpc|ecr:BatchGetImage|StringEquals:aws:SourceVpc|narrows" }, false,
        "Vpc (ecr:BatchGetImage) if StringEquals:aws:SourceVpc")]
    // A VPC endpoint.
    [InlineData("""{"Statement":[{"Sid":"Vpce","Effect":"Allow","Principal":"*","Action":"ecr:BatchGetImage","Condition":{"StringEquals":{"aws:SourceVpce":["vpce-1","vpce-2"]}}}]}""",
        new[] { "Vpce|ecr:BatchGetImage|StringEquals:aws:SourceVpce|narrows" }, false,
        "Vpce (ecr:BatchGetImage) if StringEquals:aws:SourceVpce")]
    // Condition keys are case-insensitive; the key is reported as written. (A wildcard in the account, "1234567890*",
    // would pin no account: see ConditionRuleTests.)
    [InlineData("""{"Statement":[{"Sid":"Upper","Effect":"Allow","Principal":"*","Action":"ecr:BatchGetImage","Condition":{"StringLike":{"AWS:SOURCEACCOUNT":"123456789012"}}}]}""",
        new[] { "Upper|ecr:BatchGetImage|StringLike:AWS:SOURCEACCOUNT|narrows" }, false,
        "Upper (ecr:BatchGetImage) if StringLike:AWS:SOURCEACCOUNT")]
    // ForAnyValue: fails when the key is absent, so it narrows.
    [InlineData("""{"Statement":[{"Sid":"OrgPath","Effect":"Allow","Principal":"*","Action":"ecr:BatchGetImage","Condition":{"ForAnyValue:StringLike":{"aws:PrincipalOrgPaths":["o-abc/r-ab12/ou-ab12-11111111/*"]}}}]}""",
        new[] { "OrgPath|ecr:BatchGetImage|ForAnyValue:StringLike:aws:PrincipalOrgPaths|narrows" }, false,
        "OrgPath (ecr:BatchGetImage) if ForAnyValue:StringLike:aws:PrincipalOrgPaths")]
    // ForAllValues: passes when the key is absent, so it does not narrow.
    [InlineData("""{"Statement":[{"Sid":"AllValues","Effect":"Allow","Principal":"*","Action":"ecr:BatchGetImage","Condition":{"ForAllValues:StringEquals":{"aws:SourceAccount":"123456789012"}}}]}""",
        new[] { "AllValues|ecr:BatchGetImage|ForAllValues:StringEquals:aws:SourceAccount|open" }, true,
        "AllValues (ecr:BatchGetImage) if ForAllValues:StringEquals:aws:SourceAccount")]
    // …IfExists passes when the key is absent.
    [InlineData("""{"Statement":[{"Sid":"IfExists","Effect":"Allow","Principal":"*","Action":"ecr:BatchGetImage","Condition":{"StringEqualsIfExists":{"aws:SourceAccount":"123456789012"}}}]}""",
        new[] { "IfExists|ecr:BatchGetImage|StringEqualsIfExists:aws:SourceAccount|open" }, true,
        "IfExists (ecr:BatchGetImage) if StringEqualsIfExists:aws:SourceAccount")]
    // A negated operator lets every other caller in.
    [InlineData("""{"Statement":[{"Sid":"NotEquals","Effect":"Allow","Principal":"*","Action":"ecr:BatchGetImage","Condition":{"StringNotEquals":{"aws:SourceAccount":"111111111111"},"ArnNotLike":{"aws:PrincipalArn":"arn:aws:iam::111111111111:*"}}}]}""",
        new[] { "NotEquals|ecr:BatchGetImage|StringNotEquals:aws:SourceAccount,ArnNotLike:aws:PrincipalArn|open" }, true,
        "NotEquals (ecr:BatchGetImage) if StringNotEquals:aws:SourceAccount and ArnNotLike:aws:PrincipalArn")]
    // Null only tests presence.
    [InlineData("""{"Statement":[{"Sid":"Present","Effect":"Allow","Principal":"*","Action":"ecr:BatchGetImage","Condition":{"Null":{"aws:SourceAccount":"false"}}}]}""",
        new[] { "Present|ecr:BatchGetImage|Null:aws:SourceAccount|open" }, true,
        "Present (ecr:BatchGetImage) if Null:aws:SourceAccount")]
    // A public source IP range and TLS say nothing about who calls. (203.0.113.0/24, a documentation range, would
    // apply to nobody: see SourceIpRuleTests.)
    [InlineData("""{"Statement":[{"Sid":"Office","Effect":"Allow","Principal":"*","Action":"ecr:BatchGetImage","Condition":{"IpAddress":{"aws:SourceIp":["54.240.143.0/24"]},"Bool":{"aws:SecureTransport":"true"}}}]}""",
        new[] { "Office|ecr:BatchGetImage|IpAddress:aws:SourceIp,Bool:aws:SecureTransport|open" }, true,
        "Office (ecr:BatchGetImage) if IpAddress:aws:SourceIp and Bool:aws:SecureTransport")]
    // A narrowing key whose value is the bare wildcard, or empty, narrows nothing.
    [InlineData("""{"Statement":[{"Sid":"AnyOrg","Effect":"Allow","Principal":"*","Action":"ecr:BatchGetImage","Condition":{"StringLike":{"aws:PrincipalOrgID":"*"},"StringEquals":{"aws:SourceAccount":[]}}}]}""",
        new[] { "AnyOrg|ecr:BatchGetImage|StringLike:aws:PrincipalOrgID,StringEquals:aws:SourceAccount|open" }, true,
        "AnyOrg (ecr:BatchGetImage) if StringLike:aws:PrincipalOrgID and StringEquals:aws:SourceAccount")]
    // A "*" pattern beside a real one still matches every caller.
    [InlineData("""{"Statement":[{"Sid":"LikeAny","Effect":"Allow","Principal":"*","Action":"ecr:BatchGetImage","Condition":{"ArnLike":{"aws:SourceArn":["arn:aws:codebuild:us-east-1:123456789012:project/*","*"]}}}]}""",
        new[] { "LikeAny|ecr:BatchGetImage|ArnLike:aws:SourceArn|open" }, true,
        "LikeAny (ecr:BatchGetImage) if ArnLike:aws:SourceArn")]
    // StringEquals compares literally: "*" there names no real account, so the other value still narrows.
    [InlineData("""{"Statement":[{"Sid":"Literal","Effect":"Allow","Principal":"*","Action":"ecr:BatchGetImage","Condition":{"StringEquals":{"aws:SourceAccount":["*","123456789012"]}}}]}""",
        new[] { "Literal|ecr:BatchGetImage|StringEquals:aws:SourceAccount|narrows" }, false,
        "Literal (ecr:BatchGetImage) if StringEquals:aws:SourceAccount")]
    // Two public statements, one narrowed (aws:SourceOwner) and one not: public unconditionally.
    [InlineData("""{"Statement":[{"Sid":"Sns","Effect":"Allow","Principal":"*","Action":"ecr:BatchGetImage","Condition":{"StringEquals":{"aws:SourceOwner":"123456789012"}}},{"Sid":"Everyone","Effect":"Allow","Principal":{"AWS":"*"},"Action":"ecr:ListImages"}]}""",
        new[] { "Sns|ecr:BatchGetImage|StringEquals:aws:SourceOwner|narrows", "Everyone|ecr:ListImages||open" }, true,
        "Sns (ecr:BatchGetImage) if StringEquals:aws:SourceOwner;Everyone (ecr:ListImages) unconditionally")]
    // Both narrowed (ArnEquals aws:PrincipalArn, StringEqualsIgnoreCase aws:PrincipalAccount), one beside a TLS test.
    [InlineData("""{"Statement":[{"Sid":"Role","Effect":"Allow","Principal":"*","Action":"ecr:*","Condition":{"ArnEquals":{"aws:PrincipalArn":"arn:aws:iam::123456789012:role/ci"}}},{"Sid":"Account","Effect":"Allow","Principal":"*","Action":"ecr:BatchGetImage","Condition":{"Bool":{"aws:SecureTransport":"true"},"StringEqualsIgnoreCase":{"aws:PrincipalAccount":"123456789012"}}}]}""",
        new[] { "Role|ecr:*|ArnEquals:aws:PrincipalArn|narrows", "Account|ecr:BatchGetImage|Bool:aws:SecureTransport,StringEqualsIgnoreCase:aws:PrincipalAccount|narrows" }, false,
        "Role (ecr:*) if ArnEquals:aws:PrincipalArn;Account (ecr:BatchGetImage) if Bool:aws:SecureTransport and StringEqualsIgnoreCase:aws:PrincipalAccount")]
    // NotAction: everything but these, marked so.
    [InlineData("""{"Statement":[{"Sid":"AllButWrite","Effect":"Allow","Principal":"*","NotAction":["ecr:DeleteRepository","ecr:PutImage"]}]}""",
        new[] { "AllButWrite|NotAction:ecr:DeleteRepository,NotAction:ecr:PutImage||open" }, true,
        "AllButWrite (NotAction:ecr:DeleteRepository, NotAction:ecr:PutImage) unconditionally")]
    // Only the wildcard Allow is listed, not the Allow to one account.
    [InlineData("""{"Statement":[{"Sid":"Partner","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"ecr:*"},{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"ecr:BatchGetImage"}]}""",
        new[] { "<null>|ecr:BatchGetImage||open" }, true,
        "(no Sid) (ecr:BatchGetImage) unconditionally")]
    // A policy cut short is decided on what can be read, the more public way (rule 8): here an open Allow.
    [InlineData("""{"Statement":[{"Effect":"Allow","Principal":"*","Action":"ecr:*",""", new[] { "<null>|ecr:*||open" }, true, "(no Sid) (ecr:*) unconditionally")]
    [InlineData("", new string[0], false, "")]
    [InlineData(null, new string[0], false, "")]
    public void Lists_the_public_statements_and_whether_any_is_open_to_anyone(string? policy, string[] expectedStatements, bool expectedUnconditionally, string expectedText)
    {
        PolicyExposure exposure = PolicyAnalyzer.Analyze(policy);

        Assert.Equal(expectedStatements, exposure.PublicStatements.Select(Describe));
        Assert.Equal(expectedUnconditionally, exposure.IsPublicUnconditionally);
        Assert.Equal(expectedStatements.Length > 0, exposure.IsPublic);
        Assert.Equal(exposure.IsPublic, PolicyAnalyzer.IsPublic(policy));
        Assert.Equal(expectedText, exposure.PublicStatements.ToString());
    }

    [Fact]
    public void A_public_statement_reads_as_a_single_line()
    {
        var statement = new PublicStatement(null, ["ecr:*"], [], StatementVerdict.Public, PolicyRule.WildcardPrincipal, "Principal \"*\"", "no condition pins an identity");
        Assert.Null(statement.Sid);
        Assert.Equal("(no Sid) (ecr:*) unconditionally", statement.ToString());
        Assert.Equal("Principal \"*\"; no condition pins an identity", statement.Reason);
        Assert.Equal("(no Sid) (no action) unconditionally, granting no ECR action",
            new PublicStatement("", [], [], StatementVerdict.GrantsNoEcrAction, PolicyRule.NoEcrAction, "Principal \"*\"", "no ECR action matches no Action").ToString());
    }

    private static string Describe(PublicStatement statement) =>
        string.Join("|", statement.Sid ?? "<null>", statement.Actions.Replace(";", ","), statement.ConditionKeys.Replace(";", ","),
            statement.NarrowsPrincipal ? "narrows" : "open");
}
