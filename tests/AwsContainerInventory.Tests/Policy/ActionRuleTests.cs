using AwsContainerInventory.Policy;
using static AwsContainerInventory.Tests.Policy.PolicyText;

namespace AwsContainerInventory.Tests.Policy;

/// <summary>
/// Issue 17 rule 7: a statement none of whose actions (wildcards expanded against ECR's actions) is an ECR action
/// grants nothing on the repository; NotAction with Allow grants every other action.
/// </summary>
public class ActionRuleTests
{
    [Theory]
    [InlineData("\"s3:GetObject\"")]
    [InlineData("[\"s3:*\",\"kms:Decrypt\"]")]
    [InlineData("\"ecr-public:*\"")]
    [InlineData("\"ecr:GetEverything\"")]       // no such ECR action
    [InlineData("\"ecr\"")]
    [InlineData("[]")]
    public void Actions_that_are_no_ECR_action_grant_nothing(string action)
    {
        PolicyExposure exposure = PolicyAnalyzer.Analyze(Allow(action: action));

        PublicStatement statement = Assert.Single(exposure.PublicStatements);
        Assert.Equal(StatementVerdict.GrantsNoEcrAction, statement.Verdict);
        Assert.Equal(PolicyRule.NoEcrAction, statement.Rule);
        Assert.True(exposure.IsPublic);
        Assert.False(exposure.IsPublicUnconditionally);
        Assert.EndsWith(", granting no ECR action", statement.ToString());
    }

    [Theory]
    [InlineData("\"*\"")]
    [InlineData("\"ecr:*\"")]
    [InlineData("\"ecr:Batch*\"")]
    [InlineData("\"ECR:batchgetimage\"")]       // action names match without regard to case
    [InlineData("\"*:ListImages\"")]
    [InlineData("\"e?r:DescribeImages\"")]
    [InlineData("[\"s3:GetObject\",\"ecr:GetDownloadUrlForLayer\"]")]
    [InlineData("\"ecr:ReplicateImage\"")]      // an IAM action without an API operation of its own
    [InlineData("\"ecr:BatchImportUpstreamImage\"")]
    public void Any_ECR_action_among_them_is_granted(string action)
    {
        Assert.Equal(StatementVerdict.Public, Single(Allow(action: action)).Verdict);
    }

    [Fact]
    public void NotAction_with_Allow_grants_every_other_action()
    {
        string policy = """{"Statement":[{"Effect":"Allow","Principal":"*","NotAction":["ecr:DeleteRepository","ecr:PutImage"]}]}""";
        Assert.Equal(StatementVerdict.Public, Single(policy).Verdict);
        Assert.Equal(PolicyActions.EcrActions.Count - 2, PolicyActions.Granted([], [["ecr:DeleteRepository", "ecr:PutImage"]]).Count);
        Assert.Equal(StatementVerdict.Public, Single("""{"Statement":[{"Effect":"Allow","Principal":"*","NotAction":"s3:*"}]}""").Verdict);
    }

    [Theory]
    [InlineData("\"ecr:*\"")]
    [InlineData("\"*\"")]
    [InlineData("[\"ecr:Batch*\",\"ecr:[!B]*\",\"ecr:*\"]")]
    public void NotAction_that_excludes_every_ECR_action_grants_nothing(string notAction)
    {
        string policy = """{"Statement":[{"Effect":"Allow","Principal":"*","NotAction":""" + notAction + "}]}";
        Assert.Equal(StatementVerdict.GrantsNoEcrAction, Single(policy).Verdict);
    }

    [Fact]
    public void A_statement_without_Action_or_NotAction_grants_nothing()
    {
        PublicStatement statement = Single("""{"Statement":[{"Sid":"Bare","Effect":"Allow","Principal":"*"}]}""");
        Assert.Equal(StatementVerdict.GrantsNoEcrAction, statement.Verdict);
        Assert.Equal("Principal \"*\"; no ECR action matches no Action", statement.Reason);
        Assert.Equal("Bare (no action) unconditionally, granting no ECR action", statement.ToString());
    }

    [Fact]
    public void Duplicate_Action_and_NotAction_members_add_up()
    {
        Assert.Equal(StatementVerdict.Public, Single("""{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*","Action":"ecr:BatchGetImage"}]}""").Verdict);
        Assert.Equal(StatementVerdict.Public, Single("""{"Statement":[{"Effect":"Allow","Principal":"*","NotAction":"ecr:*","NotAction":"ecr:Delete*"}]}""").Verdict);
        Assert.Equal(StatementVerdict.Public, Single("""{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*","NotAction":"ecr:Delete*"}]}""").Verdict);
    }

    [Fact]
    public void Wildcards_expand_against_the_real_action_list()
    {
        Assert.Equal(
            ["ecr:BatchCheckLayerAvailability", "ecr:BatchDeleteImage", "ecr:BatchGetImage", "ecr:BatchGetRepositoryScanningConfiguration", "ecr:BatchImportUpstreamImage"],
            PolicyActions.Granted([["ecr:Batch*"]], []).OrderBy(a => a, StringComparer.Ordinal));
        Assert.Equal(["ecr:GetDownloadUrlForLayer"], PolicyActions.Granted([["ecr:Get*Url*"]], []));
        Assert.Equal(PolicyActions.EcrActions, PolicyActions.Granted([["*"]], []));
        Assert.Empty(PolicyActions.Granted([["ecr:batch"]], []));
    }

    [Theory]
    [InlineData("ecr:*", "ecr:BatchGetImage", true)]
    [InlineData("ecr:Batch?etImage", "ecr:BatchGetImage", true)]
    [InlineData("ecr:Batch?Image", "ecr:BatchGetImage", false)]
    [InlineData("*Image", "ecr:BatchGetImage", true)]
    [InlineData("*Get*Image", "ecr:BatchGetImage", true)]
    [InlineData("e*r:*Get*", "ecr:BatchGetImage", true)]
    [InlineData("ecr:BatchGetImage*", "ecr:BatchGetImage", true)]
    [InlineData("ecr:BatchGetImag", "ecr:BatchGetImage", false)]
    [InlineData("", "ecr:BatchGetImage", false)]
    [InlineData("**", "", true)]
    public void The_pattern_matcher_follows_IAM_wildcards(string pattern, string text, bool expected)
    {
        Assert.Equal(expected, PolicyPattern.IsMatch(pattern, text, ignoreCase: true));
    }
}
