using AwsContainerInventory.Policy;
using static AwsContainerInventory.Tests.Policy.PolicyText;

namespace AwsContainerInventory.Tests.Policy;

/// <summary>Issue 17 rules 1 and 2: NotPrincipal with Allow, and principals with a wildcard account, mean everyone.</summary>
public class PrincipalRuleTests
{
    [Theory]
    [InlineData("""{"AWS":"arn:aws:iam::111122223333:root"}""", "everyone but NotPrincipal arn:aws:iam::111122223333:root")]
    [InlineData("""{"AWS":["arn:aws:iam::111122223333:root","arn:aws:iam::111122223333:role/ci"]}""", "everyone but NotPrincipal arn:aws:iam::111122223333:root, arn:aws:iam::111122223333:role/ci")]
    [InlineData("""{"Service":"*"}""", "everyone but NotPrincipal *")]                        // only service principals are left out
    [InlineData("""{"AWS":"arn:aws:iam::*:root"}""", "everyone but NotPrincipal arn:aws:iam::*:root")]   // every root user left out, not every caller
    public void Allow_with_NotPrincipal_grants_everyone_but_those_named(string notPrincipal, string principalText)
    {
        string policy = """{"Statement":[{"Sid":"AllBut","Effect":"Allow","NotPrincipal":""" + notPrincipal + ""","Action":"ecr:*"}]}""";

        PolicyExposure exposure = PolicyAnalyzer.Analyze(policy);

        Assert.True(exposure.IsPublic);
        Assert.True(exposure.IsPublicUnconditionally);
        PublicStatement statement = Assert.Single(exposure.PublicStatements);
        Assert.Equal(StatementVerdict.Public, statement.Verdict);
        Assert.Equal(PolicyRule.NotPrincipal, statement.Rule);
        Assert.Equal(principalText + "; no condition pins an identity", statement.Reason);
        Assert.Equal("AllBut (ecr:*) unconditionally, to " + principalText, statement.ToString());
    }

    [Theory]
    [InlineData("\"*\"")]
    [InlineData("""{"AWS":"*"}""")]
    [InlineData("""{"AWS":["arn:aws:iam::111122223333:root","*"]}""")]
    public void NotPrincipal_naming_everyone_leaves_nobody(string notPrincipal)
    {
        string policy = """{"Statement":[{"Effect":"Allow","NotPrincipal":""" + notPrincipal + ""","Action":"ecr:*"}]}""";
        Assert.False(PolicyAnalyzer.Analyze(policy).IsPublic);
    }

    [Fact]
    public void Deny_with_NotPrincipal_never_makes_a_repository_public()
    {
        Assert.False(PolicyAnalyzer.IsPublic("""{"Statement":[{"Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"ecr:*"}]}"""));
    }

    [Fact]
    public void NotPrincipal_with_a_pinning_condition_is_public_but_narrowed()
    {
        PublicStatement statement = Single("""{"Statement":[{"Effect":"Allow","NotPrincipal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"ecr:BatchGetImage","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}}}]}""");

        Assert.Equal(StatementVerdict.Narrowed, statement.Verdict);
        Assert.Equal(PolicyRule.IdentityCondition, statement.Rule);
        Assert.StartsWith("everyone but NotPrincipal arn:aws:iam::111122223333:root; StringEquals aws:PrincipalOrgID", statement.Reason);
    }

    [Theory]
    [InlineData("""{"AWS":"arn:aws:iam::*:root"}""", "arn:aws:iam::*:root")]
    [InlineData("""{"AWS":"arn:aws:iam::*:role/Deploy"}""", "arn:aws:iam::*:role/Deploy")]
    [InlineData("""{"AWS":["arn:aws:iam::111122223333:root","arn:aws:iam::*:user/ci"]}""", "arn:aws:iam::*:user/ci")]
    [InlineData("""{"AWS":"arn:aws:sts::*:assumed-role/Reader/session"}""", "arn:aws:sts::*:assumed-role/Reader/session")]
    [InlineData("""{"AWS":"arn:aws:iam::12345678901?:root"}""", "arn:aws:iam::12345678901?:root")]
    [InlineData("""{"AWS":"1234567890*"}""", "1234567890*")]
    [InlineData("\"arn:aws:iam::*:root\"", "arn:aws:iam::*:root")]                               // a bare string, read as an AWS principal
    [InlineData("""{"aws":"arn:aws:iam::*:root"}""", "arn:aws:iam::*:root")]                       // principal type in another case
    public void A_principal_with_a_wildcard_account_means_every_account(string principal, string named)
    {
        PublicStatement statement = Single(Allow(principal: principal, action: "\"ecr:*\""));

        Assert.Equal(StatementVerdict.Public, statement.Verdict);
        Assert.Equal(PolicyRule.WildcardAccount, statement.Rule);
        Assert.Equal("every account (Principal " + named + "); no condition pins an identity", statement.Reason);
        Assert.Equal("S (ecr:*) unconditionally, to every account (Principal " + named + ")", statement.ToString());
    }

    [Theory]
    [InlineData("""{"AWS":"arn:aws:iam::123456789012:role/*"}""")]      // the wildcard is in the role name, the account is one
    [InlineData("""{"AWS":"arn:aws:iam::123456789012:root"}""")]
    [InlineData("""{"AWS":"123456789012"}""")]
    [InlineData("""{"Service":"ecr.amazonaws.com"}""")]
    [InlineData("""{"Federated":"arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"}""")]
    public void A_principal_of_one_account_or_service_is_not_everyone(string principal)
    {
        Assert.False(PolicyAnalyzer.IsPublic(Allow(principal: principal)));
    }

    [Fact]
    public void A_wildcard_principal_outranks_a_wildcard_account_in_the_same_statement()
    {
        PublicStatement statement = Single(Allow(principal: """{"AWS":["arn:aws:iam::*:root","*"]}"""));
        Assert.Equal(PolicyRule.WildcardPrincipal, statement.Rule);
        Assert.Equal("S (ecr:BatchGetImage) unconditionally", statement.ToString());
    }

    [Fact]
    public void Of_duplicate_Principal_members_the_one_meaning_everyone_counts()
    {
        string policy = """{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Principal":"*","Action":"ecr:*"}]}""";
        Assert.Equal(PolicyRule.WildcardPrincipal, Single(policy).Rule);
        string reversed = """{"Statement":[{"Effect":"Allow","Principal":"*","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"ecr:*"}]}""";
        Assert.Equal(PolicyRule.WildcardPrincipal, Single(reversed).Rule);
    }

    [Fact]
    public void Of_duplicate_Effect_members_one_Allow_is_enough()
    {
        Assert.True(PolicyAnalyzer.IsPublic("""{"Statement":[{"Effect":"Deny","Effect":"Allow","Principal":"*","Action":"ecr:*"}]}"""));
        // The Effect value is case-sensitive in IAM: "allow" allows nothing.
        Assert.False(PolicyAnalyzer.IsPublic("""{"Statement":[{"Effect":"allow","Principal":"*","Action":"ecr:*"}]}"""));
    }
}
