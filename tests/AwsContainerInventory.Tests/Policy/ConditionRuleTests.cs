using AwsContainerInventory.Policy;
using static AwsContainerInventory.Tests.Policy.PolicyText;

namespace AwsContainerInventory.Tests.Policy;

/// <summary>
/// Issue 17 rules 3 (a condition narrows only when it pins an identity), 4 (literal operators are literal),
/// 5 (keys an ECR request never carries) and 9 (what was already right), on a Principal "*" statement.
/// </summary>
public class ConditionRuleTests
{
    [Theory]
    // Rule 3: *Like (and ArnLike/ArnEquals) must leave the identifying part wildcard-free.
    [InlineData("StringLike", "aws:PrincipalOrgID", "\"o-*\"")]
    [InlineData("StringLike", "aws:SourceAccount", "\"????????????\"")]
    [InlineData("StringLike", "aws:SourceAccount", "\"*0*\"")]
    [InlineData("StringLike", "aws:SourceAccount", "\"1234567890*\"")]
    [InlineData("StringLike", "aws:PrincipalAccount", "\"*\"")]
    [InlineData("ArnLike", "aws:PrincipalArn", "\"arn:aws:iam::*:role/*\"")]
    [InlineData("ArnEquals", "aws:PrincipalArn", "\"arn:aws:iam::*:role/ci\"")]          // ArnEquals takes wildcards, as ArnLike
    [InlineData("ArnLike", "aws:SourceArn", "\"arn:aws:lambda:*:*:function:X\"")]
    [InlineData("ArnLike", "aws:SourceArn", "\"arn:aws:s3:::*\"")]                       // an S3 ARN names no account
    [InlineData("ArnLike", "aws:SourceArn", "\"arn:aws:iam::123456789012\"")]            // not a whole ARN
    [InlineData("StringLike", "aws:SourceArn", "\"arn:aws:lambda:*:123456789012:function:*\"")] // StringLike's * spans ':'
    [InlineData("StringLike", "aws:SourceVpce", "\"vpce-*\"")]
    [InlineData("StringLike", "aws:SourceVpc", "\"vpc-*\"")]
    [InlineData("ForAnyValue:StringLike", "aws:PrincipalOrgPaths", "\"o-*/r-ab12/*\"")]
    [InlineData("ForAnyValue:StringLike", "aws:PrincipalOrgPaths", "\"*\"")]
    [InlineData("StringLike", "aws:userid", "\"AROA*\"")]
    [InlineData("StringLike", "aws:userid", "\"*:alice@example.com\"")]                  // the session name is the caller's choice
    [InlineData("StringLike", "aws:PrincipalOrgID", "[\"o-a1b2c3d4e5\",\"o-*\"]")]       // values OR: one open value opens it
    [InlineData("StringEquals", "aws:SourceAccount", "\"${aws:PrincipalAccount}\"")]      // a variable the caller decides
    // Keys the caller sets, or that say nothing about who calls.
    [InlineData("StringEquals", "aws:PrincipalTag/team", "\"platform\"")]
    [InlineData("StringEquals", "aws:username", "\"ci\"")]
    [InlineData("StringEquals", "aws:UserAgent", "\"*\"")]                               // anyone can send that user agent
    [InlineData("StringEquals", "aws:RequestedRegion", "\"us-east-1\"")]
    [InlineData("Bool", "aws:SecureTransport", "\"true\"")]
    [InlineData("Bool", "aws:PrincipalIsAWSService", "\"true\"")]
    [InlineData("StringEquals", "aws:ResourceAccount", "\"123456789012\"")]               // the repository's own account, not the caller's
    // Rule 9: these never narrowed and still do not.
    [InlineData("ForAllValues:StringEquals", "aws:SourceAccount", "\"123456789012\"")]  // true when the key is absent
    [InlineData("StringEqualsIfExists", "aws:PrincipalOrgID", "\"o-a1b2c3d4e5\"")]
    [InlineData("ArnLikeIfExists", "aws:SourceArn", "\"arn:aws:codebuild:us-east-1:123456789012:project/*\"")]
    [InlineData("StringNotEquals", "aws:PrincipalOrgID", "\"o-a1b2c3d4e5\"")]
    [InlineData("ForAnyValue:StringNotEquals", "aws:PrincipalOrgPaths", "\"o-a1b2c3d4e5/*\"")]
    [InlineData("ArnNotLike", "aws:PrincipalArn", "\"arn:aws:iam::123456789012:*\"")]
    [InlineData("Null", "aws:PrincipalOrgID", "\"false\"")]
    [InlineData("StringLike", "aws:PrincipalOrgID", "\"*\"")]
    [InlineData("StringEquals", "aws:SourceAccount", "[]")]                              // no value: malformed, read as no limit
    [InlineData("NumericEquals", "aws:SourceAccount", "\"123456789012\"")]               // not an identity comparison
    [InlineData("StringEqualsWhatever", "aws:PrincipalOrgID", "\"o-a1b2c3d4e5\"")]       // not an IAM operator
    public void A_condition_that_pins_no_identity_leaves_the_statement_public(string op, string key, string values)
    {
        PolicyExposure exposure = PolicyAnalyzer.Analyze(Allow(Condition(op, key, values)));

        PublicStatement statement = Assert.Single(exposure.PublicStatements);
        Assert.Equal(StatementVerdict.Public, statement.Verdict);
        Assert.Equal(PolicyRule.WildcardPrincipal, statement.Rule);
        Assert.False(statement.NarrowsPrincipal);
        Assert.True(exposure.IsPublicUnconditionally);
        Assert.StartsWith("Principal \"*\"; no condition pins an identity", statement.Reason);
    }

    [Theory]
    [InlineData("StringEquals", "aws:PrincipalOrgID", "\"o-a1b2c3d4e5\"", "the organization")]
    [InlineData("StringEquals", "aws:SourceAccount", "\"123456789012\"", "the account")]
    [InlineData("StringEquals", "aws:SourceAccount", "123456789012", "the account")]     // a JSON number, read as its text
    [InlineData("StringEqualsIgnoreCase", "aws:PrincipalAccount", "\"123456789012\"", "the account")]
    [InlineData("StringEquals", "aws:SourceOwner", "\"123456789012\"", "the account")]
    [InlineData("StringLike", "aws:SourceAccount", "\"123456789012\"", "the account")]
    [InlineData("ForAnyValue:StringEquals", "aws:PrincipalOrgID", "[\"o-a1b2c3d4e5\",\"o-f6g7h8i9j0\"]", "the organization")]
    [InlineData("ForAnyValue:StringEquals", "aws:SourceAccount", "\"123456789012\"", "the account")]
    [InlineData("ForAnyValue:StringLike", "aws:PrincipalOrgPaths", "\"o-a1b2c3d4e5/*\"", "the organization")]
    [InlineData("ForAnyValue:StringLike", "aws:PrincipalOrgPaths", "\"o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*\"", "the organization")]
    [InlineData("ArnLike", "aws:SourceArn", "\"arn:aws:lambda:*:123456789012:function:*\"", "the account")]
    [InlineData("ArnEquals", "aws:PrincipalArn", "\"arn:aws:iam::123456789012:role/*\"", "the account")]
    [InlineData("ArnEquals", "aws:PrincipalArn", "\"arn:aws:iam::123456789012:role/ci\"", "the account")]
    [InlineData("StringLike", "aws:SourceArn", "\"arn:aws:codebuild:us-east-1:123456789012:project/*\"", "the account")]
    [InlineData("StringEquals", "aws:SourceVpc", "\"vpc-0a1b2c3d4e5f67890\"", "the VPC")]
    [InlineData("StringEquals", "aws:SourceVpce", "[\"vpce-1a2b3c4d\",\"vpce-5e6f7a8b\"]", "the VPC endpoint")]
    [InlineData("StringLike", "aws:userid", "\"AROAEXAMPLEROLEID1234:*\"", "the principal")]   // a role's unique id
    [InlineData("StringEquals", "aws:userid", "\"AIDAEXAMPLEUSERID1234\"", "the principal")]  // a user's unique id
    [InlineData("StringEquals", "aws:PrincipalAccount", "\"${aws:ResourceAccount}\"", "the account")]   // the owner's own account
    [InlineData("ArnLike", "aws:PrincipalArn", "\"arn:aws:iam::${aws:ResourceAccount}:role/*\"", "the account")]
    [InlineData("StringEquals", "AWS:SOURCEACCOUNT", "\"123456789012\"", "the account")]   // keys are case-insensitive
    [InlineData("StringEquals", "aws:SourceAccount", "[\"*\",\"123456789012\"]", "the account")] // "*" matches nothing, the other pins
    public void A_positive_condition_on_a_wildcard_free_identity_narrows(string op, string key, string values, string pinned)
    {
        PolicyExposure exposure = PolicyAnalyzer.Analyze(Allow(Condition(op, key, values)));

        PublicStatement statement = Assert.Single(exposure.PublicStatements);
        Assert.Equal(StatementVerdict.Narrowed, statement.Verdict);
        Assert.Equal(PolicyRule.IdentityCondition, statement.Rule);
        Assert.True(statement.NarrowsPrincipal);
        Assert.True(exposure.IsPublic);
        Assert.False(exposure.IsPublicUnconditionally);
        Assert.EndsWith(" pins " + pinned, statement.Reason);
        Assert.StartsWith("Principal \"*\"; " + op + " " + key + " ", statement.Reason);
    }

    [Theory]
    [InlineData("StringEquals", "aws:PrincipalOrgID", "\"o-*\"")]
    [InlineData("StringEquals", "aws:SourceAccount", "\"*\"")]
    [InlineData("StringEquals", "aws:SourceAccount", "\"\"")]
    [InlineData("StringEquals", "aws:PrincipalArn", "\"arn:aws:iam::*:root\"")]
    [InlineData("StringEqualsIgnoreCase", "aws:SourceVpce", "\"vpce-*\"")]
    [InlineData("StringEquals", "aws:SourceAccount", "[\"1234567890??\",\"*\"]")]
    [InlineData("ForAnyValue:StringEquals", "aws:PrincipalOrgPaths", "\"o-a1b2c3d4e5/*\"")]
    public void A_literal_operator_with_a_wildcard_value_applies_to_nobody(string op, string key, string values)
    {
        PolicyExposure exposure = PolicyAnalyzer.Analyze(Allow(Condition(op, key, values)));

        PublicStatement statement = Assert.Single(exposure.PublicStatements);
        Assert.Equal(StatementVerdict.NeverApplies, statement.Verdict);
        Assert.Equal(PolicyRule.LiteralWildcard, statement.Rule);
        Assert.True(exposure.IsPublic);                 // the seed's rule looks at the principal only
        Assert.False(exposure.IsPublicUnconditionally);
        Assert.Contains("matches only that literal text", statement.ToString());
    }

    [Theory]
    [InlineData("StringEquals", "kms:ViaService", "\"ecr.us-east-1.amazonaws.com\"")]
    [InlineData("StringLike", "s3:prefix", "\"*\"")]
    [InlineData("ForAnyValue:StringEquals", "lambda:FunctionArn", "\"arn:aws:lambda:us-east-1:123456789012:function:f\"")]
    [InlineData("NumericLessThan", "s3:max-keys", "\"10\"")]
    [InlineData("Bool", "ec2:Attribute", "\"true\"")]
    [InlineData("ArnLike", "iam:PermissionsBoundary", "\"*\"")]
    [InlineData("ForAnyValue:StringNotEquals", "kms:EncryptionContextKeys", "\"x\"")]   // ForAnyValue: false without the key
    [InlineData("Null", "kms:ViaService", "\"false\"")]                                   // requires the key to be present
    [InlineData("StringEquals", "ecr-public:ResourceTag/x", "\"y\"")]                    // ECR Public is another service
    public void A_key_no_ECR_request_carries_under_a_positive_operator_makes_the_statement_never_apply(string op, string key, string values)
    {
        PolicyExposure exposure = PolicyAnalyzer.Analyze(Allow(Condition(op, key, values)));

        PublicStatement statement = Assert.Single(exposure.PublicStatements);
        Assert.Equal(StatementVerdict.NeverApplies, statement.Verdict);
        Assert.Equal(PolicyRule.KeyNeverInEcrRequest, statement.Rule);
        Assert.False(exposure.IsPublicUnconditionally);
        Assert.EndsWith("no request to ECR carries " + key, statement.Reason);
    }

    [Theory]
    [InlineData("StringEqualsIfExists", "kms:ViaService", "\"ecr.us-east-1.amazonaws.com\"")]
    [InlineData("StringNotEquals", "kms:ViaService", "\"ecr.us-east-1.amazonaws.com\"")]
    [InlineData("ForAllValues:StringEquals", "kms:EncryptionContextKeys", "\"x\"")]
    [InlineData("Null", "kms:ViaService", "\"true\"")]
    [InlineData("StringEquals", "ecr:ResourceTag/team", "\"platform\"")]                 // ECR's own key: carried
    [InlineData("StringEquals", "aws:ResourceTag/team", "\"platform\"")]
    public void A_key_no_ECR_request_carries_does_not_narrow_when_its_absence_passes(string op, string key, string values)
    {
        Assert.Equal(StatementVerdict.Public, Single(Allow(Condition(op, key, values))).Verdict);
    }

    [Fact]
    public void Conditions_combine_with_AND_so_the_most_limiting_one_decides()
    {
        string orgAndTls = """{"StringEquals":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"},"Bool":{"aws:SecureTransport":"true"}}""";
        Assert.Equal(StatementVerdict.Narrowed, Single(Allow(orgAndTls)).Verdict);

        string openOrgAndKms = """{"StringLike":{"aws:PrincipalOrgID":"o-*"},"StringEquals":{"kms:ViaService":"ecr.us-east-1.amazonaws.com"}}""";
        Assert.Equal(StatementVerdict.NeverApplies, Single(Allow(openOrgAndKms)).Verdict);

        string twoKeysInOneBlock = """{"StringEquals":{"aws:UserAgent":"docker","aws:SourceVpce":"vpce-1a2b3c4d"}}""";
        Assert.Equal(StatementVerdict.Narrowed, Single(Allow(twoKeysInOneBlock)).Verdict);

        string networkAndIdentity = """{"IpAddress":{"aws:SourceIp":"54.240.143.0/24"},"StringEquals":{"aws:PrincipalAccount":"123456789012"}}""";
        Assert.Equal(StatementVerdict.Narrowed, Single(Allow(networkAndIdentity)).Verdict);
    }

    [Fact]
    public void Operator_names_and_their_qualifiers_are_read_without_regard_to_case()
    {
        Assert.Equal(StatementVerdict.Narrowed, Single(Allow(Condition("forAnyValue:stringEquals", "aws:PrincipalOrgID", "\"o-a1b2c3d4e5\""))).Verdict);
        Assert.Equal(StatementVerdict.Public, Single(Allow(Condition("stringequalsifexists", "aws:PrincipalOrgID", "\"o-a1b2c3d4e5\""))).Verdict);
    }

    [Fact]
    public void Policy_variables_are_plain_text_before_version_2012_10_17()
    {
        // In 2008-10-17 "${aws:PrincipalAccount}" is literal text: no account equals it, so it cannot open the statement.
        string condition = Condition("StringEquals", "aws:SourceAccount", "\"${aws:PrincipalAccount}\"");
        Assert.Equal(StatementVerdict.Public, Single(Allow(condition)).Verdict);
        Assert.NotEqual(StatementVerdict.Public, Single(Allow(condition).Replace("2012-10-17", "2008-10-17")).Verdict);
    }

    [Fact]
    public void The_reason_says_why_an_identity_condition_pinned_nobody()
    {
        PublicStatement statement = Single(Allow(Condition("StringLike", "aws:PrincipalOrgID", "\"o-*\"")));
        Assert.Equal("Principal \"*\"; no condition pins an identity (StringLike aws:PrincipalOrgID \"o-*\" pins no organization)", statement.Reason);
        Assert.Equal("S (ecr:BatchGetImage) if StringLike:aws:PrincipalOrgID", statement.ToString());
    }

    [Fact]
    public void Duplicate_operator_blocks_and_keys_are_read_the_more_public_way()
    {
        // Two "StringEquals" blocks: IAM reads one of them; the one without a pin leaves the statement open.
        string duplicateOperator = """{"StringEquals":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"},"StringEquals":{"aws:UserAgent":"docker"}}""";
        Assert.Equal(StatementVerdict.Public, Single(Allow(duplicateOperator)).Verdict);

        string duplicateKey = """{"StringLike":{"aws:PrincipalOrgID":"o-a1b2c3d4e5","aws:PrincipalOrgID":"*"}}""";
        Assert.Equal(StatementVerdict.Public, Single(Allow(duplicateKey)).Verdict);

        string bothPin = """{"StringEquals":{"aws:PrincipalOrgID":"o-a1b2c3d4e5","aws:PrincipalOrgID":"o-f6g7h8i9j0"}}""";
        Assert.Equal(StatementVerdict.Narrowed, Single(Allow(bothPin)).Verdict);

        string duplicateCondition = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"ecr:*","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}},"Condition":{}}]}""";
        Assert.Equal(StatementVerdict.Public, Single(duplicateCondition).Verdict);
    }

    [Theory]
    [InlineData("\"not an object\"")]
    [InlineData("""{"StringEquals":"o-a1b2c3d4e5"}""")]
    [InlineData("""{"StringEquals":{"aws:PrincipalOrgID":{"nested":"o-a1b2c3d4e5"}}}""")]
    [InlineData("""{"StringEquals":{"aws:PrincipalOrgID":null}}""")]
    public void A_malformed_condition_is_read_as_no_limit(string condition)
    {
        Assert.Equal(StatementVerdict.Public, Single(Allow(condition)).Verdict);
    }
}
