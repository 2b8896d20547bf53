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
    [InlineData("""{"Statement":[{"Effect":"Allow","NotPrincipal":{"AWS":"arn:aws:iam::1:root"},"Action":"ecr:*"}]}""", false)]
    [InlineData("""{"Statement":[]}""", false)]
    [InlineData("not json at all", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Applies_the_contract_rule(string? policy, bool expected) =>
        Assert.Equal(expected, PolicyAnalyzer.IsPublic(policy));
}
