using AwsContainerInventory.Policy;
using static AwsContainerInventory.Tests.Policy.PolicyText;

namespace AwsContainerInventory.Tests.Policy;

/// <summary>
/// Issue 17 rule 6: aws:SourceIp limited to addresses no request to ECR can carry applies to nobody; a public
/// range is "public, with a network condition"; 0.0.0.0/0 does not narrow (rule 9).
/// </summary>
public class SourceIpRuleTests
{
    [Theory]
    [InlineData("\"10.0.0.0/8\"")]
    [InlineData("\"172.16.5.0/24\"")]
    [InlineData("\"172.31.255.255\"")]
    [InlineData("\"192.168.1.10\"")]
    [InlineData("\"100.64.0.0/10\"")]
    [InlineData("\"100.127.1.1/32\"")]
    [InlineData("\"127.0.0.1\"")]
    [InlineData("\"169.254.169.254/32\"")]
    [InlineData("\"0.0.0.0/8\"")]
    [InlineData("\"192.0.0.0/29\"")]
    [InlineData("\"192.0.2.0/24\"")]
    [InlineData("\"198.51.100.7\"")]
    [InlineData("\"203.0.113.0/24\"")]
    [InlineData("\"198.18.0.0/15\"")]
    [InlineData("\"224.0.0.0/4\"")]
    [InlineData("\"255.255.255.255\"")]
    [InlineData("\"fd00:ec2::/32\"")]
    [InlineData("\"fe80::1\"")]
    [InlineData("\"::1\"")]
    [InlineData("\"2001:db8::/32\"")]
    [InlineData("[\"10.0.0.0/8\",\"172.16.0.0/12\",\"192.168.0.0/16\"]")]
    public void Addresses_no_request_to_ECR_comes_from_apply_to_nobody(string ranges)
    {
        PolicyExposure exposure = PolicyAnalyzer.Analyze(Allow(Condition("IpAddress", "aws:SourceIp", ranges)));

        PublicStatement statement = Assert.Single(exposure.PublicStatements);
        Assert.Equal(StatementVerdict.NeverApplies, statement.Verdict);
        Assert.Equal(PolicyRule.UnreachableSourceIp, statement.Rule);
        Assert.False(exposure.IsPublicUnconditionally);
        Assert.EndsWith("no request to ECR comes from these addresses", statement.ToString());
    }

    [Theory]
    [InlineData("\"54.240.143.0/24\"")]
    [InlineData("\"8.8.8.8\"")]
    [InlineData("\"10.0.0.0/7\"")]              // 11.0.0.0/8 is public
    [InlineData("\"100.0.0.0/8\"")]             // wider than 100.64.0.0/10
    [InlineData("\"172.32.0.0/16\"")]           // just past 172.16.0.0/12
    [InlineData("\"2600:1f18::/32\"")]
    [InlineData("[\"10.0.0.0/8\",\"54.240.143.0/24\"]")]
    [InlineData("\"not-an-address\"")]          // cannot tell: the more public reading
    [InlineData("\"10.0.0.0/33\"")]
    public void A_public_range_is_public_with_a_network_condition(string ranges)
    {
        PolicyExposure exposure = PolicyAnalyzer.Analyze(Allow(Condition("IpAddress", "aws:SourceIp", ranges)));

        PublicStatement statement = Assert.Single(exposure.PublicStatements);
        Assert.Equal(StatementVerdict.PublicFromNetwork, statement.Verdict);
        Assert.Equal(PolicyRule.NetworkCondition, statement.Rule);
        Assert.False(statement.NarrowsPrincipal);
        Assert.True(exposure.IsPublicUnconditionally);
        Assert.EndsWith("limits callers to addresses, not to an identity", statement.Reason);
    }

    [Theory]
    [InlineData("IpAddress", "\"0.0.0.0/0\"")]
    [InlineData("IpAddress", "\"::/0\"")]
    [InlineData("IpAddress", "[\"10.0.0.0/8\",\"0.0.0.0/0\"]")]
    [InlineData("IpAddressIfExists", "\"10.0.0.0/8\"")]      // through a VPC endpoint the key is absent, so it passes
    [InlineData("NotIpAddress", "\"10.0.0.0/8\"")]
    [InlineData("IpAddress", "[]")]
    public void Ranges_that_exclude_no_caller_do_not_narrow(string op, string ranges)
    {
        PublicStatement statement = Single(Allow(Condition(op, "aws:SourceIp", ranges)));
        Assert.Equal(StatementVerdict.Public, statement.Verdict);
        Assert.Equal(PolicyRule.WildcardPrincipal, statement.Rule);
    }

    [Fact]
    public void An_unreachable_range_beside_an_identity_pin_still_applies_to_nobody()
    {
        string condition = """{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"},"StringEquals":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}}""";
        Assert.Equal(StatementVerdict.NeverApplies, Single(Allow(condition)).Verdict);
    }

    [Theory]
    [InlineData("\"false\"", StatementVerdict.NeverApplies)]
    [InlineData("[\"false\",\"FALSE\"]", StatementVerdict.NeverApplies)]
    [InlineData("\"true\"", StatementVerdict.Public)]
    [InlineData("[\"false\",\"true\"]", StatementVerdict.Public)]
    public void Every_request_to_ECR_uses_TLS(string values, StatementVerdict expected)
    {
        PublicStatement statement = Single(Allow(Condition("Bool", "aws:SecureTransport", values)));
        Assert.Equal(expected, statement.Verdict);
        if (expected == StatementVerdict.NeverApplies) Assert.Equal(PolicyRule.PlainHttpOnly, statement.Rule);
    }
}
