using AwsContainerInventory.Policy;

namespace AwsContainerInventory.Tests.Policy;

/// <summary>
/// Issue 17 rule 8, fail closed and loudly: duplicate JSON members resolve toward the more public reading, and a
/// policy that is not strict JSON is read as far as it can be, with the problem reported (never a silent "not public").
/// </summary>
public class PolicyDocumentTests
{
    private const string OpenPull = """{"Version":"2012-10-17","Statement":[{"Sid":"Pull","Effect":"Allow","Principal":"*","Action":"ecr:BatchGetImage"}]}""";

    [Fact]
    public void Strict_JSON_has_no_read_problem()
    {
        PolicyExposure exposure = PolicyAnalyzer.Analyze(OpenPull);
        Assert.Null(exposure.ReadProblem);
        Assert.True(exposure.IsPublicUnconditionally);
    }

    [Fact]
    public void A_byte_order_mark_is_reported_and_the_rest_is_read()
    {
        PolicyExposure exposure = PolicyAnalyzer.Analyze("\uFEFF" + OpenPull);
        Assert.Equal("it starts with a byte-order mark", exposure.ReadProblem);
        Assert.True(exposure.IsPublicUnconditionally);
    }

    [Theory]
    [InlineData("""
        {
          // who may pull
          "Version": "2012-10-17",
          "Statement": [ /* anyone */ {"Effect":"Allow","Principal":"*","Action":"ecr:BatchGetImage"} ]
        }
        """, "line 2, byte 3")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Principal":"*","Action":"ecr:BatchGetImage",},]}""", "line 1, byte 78")]
    public void Comments_and_trailing_commas_are_reported_and_read(string policy, string where)
    {
        PolicyExposure exposure = PolicyAnalyzer.Analyze(policy);
        Assert.Equal("it is not strict JSON (" + where + "), so it was read with comments and trailing commas allowed", exposure.ReadProblem);
        Assert.True(exposure.IsPublicUnconditionally);
    }

    [Fact]
    public void A_policy_cut_short_is_decided_on_what_comes_before_the_cut()
    {
        PolicyExposure exposure = PolicyAnalyzer.Analyze("""{"Statement":[{"Effect":"Allow","Principal":"*","Action":"ecr:*","Condition":{"StringEquals":{"aws:PrincipalOrgID":""");
        Assert.StartsWith("it is not valid JSON (line 1, byte ", exposure.ReadProblem);
        Assert.EndsWith("), so only what comes before that point was read", exposure.ReadProblem);
        // The organization id never arrived, so nothing pins the caller.
        Assert.True(exposure.IsPublicUnconditionally);
    }

    [Fact]
    public void A_byte_order_mark_and_comments_are_both_reported()
    {
        PolicyExposure exposure = PolicyAnalyzer.Analyze("\uFEFF/* x */" + OpenPull);
        Assert.StartsWith("it starts with a byte-order mark and it is not strict JSON", exposure.ReadProblem);
        Assert.True(exposure.IsPublic);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("{'Statement': []}")]
    public void Text_with_nothing_readable_is_not_public_but_is_reported(string policy)
    {
        PolicyExposure exposure = PolicyAnalyzer.Analyze(policy);
        Assert.False(exposure.IsPublic);
        Assert.NotNull(exposure.ReadProblem);
    }

    [Fact]
    public void Single_quoted_policies_keep_what_precedes_the_first_quote()
    {
        // Unquoted and single-quoted names are not JSON for IAM either; what came before is kept, which here is nothing.
        Assert.False(PolicyAnalyzer.Analyze("{'Statement':[{'Effect':'Allow','Principal':'*','Action':'ecr:*'}]}").IsPublic);
    }

    [Fact]
    public void Duplicate_Statement_members_are_both_read()
    {
        string policy = """{"Statement":[{"Effect":"Deny","Principal":"*","Action":"ecr:*"}],"Statement":{"Sid":"Second","Effect":"Allow","Principal":"*","Action":"ecr:*"}}""";
        PublicStatement statement = Assert.Single(PolicyAnalyzer.Analyze(policy).PublicStatements);
        Assert.Equal("Second", statement.Sid);
    }

    [Fact]
    public void Element_names_in_another_letter_case_are_read()
    {
        Assert.True(PolicyAnalyzer.Analyze("""{"statement":[{"effect":"Allow","principal":"*","action":"ecr:*"}]}""").IsPublicUnconditionally);
    }

    [Fact]
    public void Duplicate_members_are_kept_in_the_tree()
    {
        PolicyDocument document = PolicyDocument.Read("""{"a":1,"a":[true,null,"x"],"b":{}}""");
        Assert.Null(document.Problem);
        Assert.Equal(["1", "true", "x"], document.Root!.All("A").SelectMany(n => n.Strings()));
        Assert.Equal(3, document.Root.Members.Count);
    }
}
