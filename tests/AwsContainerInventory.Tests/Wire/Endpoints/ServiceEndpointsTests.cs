using AwsContainerInventory.Wire;
using AwsContainerInventory.Wire.Endpoints;

namespace AwsContainerInventory.Tests.Wire.Endpoints;

/// <summary>Endpoints from the embedded rule sets and partition data (the botocore oracle covers every combination).</summary>
public sealed class ServiceEndpointsTests
{
    private static ServiceEndpoints With(bool fips = false, bool dualStack = false, AwsPartitions? partitions = null) =>
        new(new EndpointSettings(null, new Dictionary<string, ConfiguredEndpoint>(), fips, dualStack), partitions);

    [Theory]
    [InlineData("us-east-1", "https://api.ecr.us-east-1.amazonaws.com/", "https://sts.us-east-1.amazonaws.com/")]
    [InlineData("cn-north-1", "https://api.ecr.cn-north-1.amazonaws.com.cn/", "https://sts.cn-north-1.amazonaws.com.cn/")]
    [InlineData("us-iso-east-1", "https://api.ecr.us-iso-east-1.c2s.ic.gov/", "https://sts.us-iso-east-1.c2s.ic.gov/")]
    [InlineData("us-isob-east-1", "https://api.ecr.us-isob-east-1.sc2s.sgov.gov/", "https://sts.us-isob-east-1.sc2s.sgov.gov/")]
    [InlineData("eu-isoe-west-1", "https://api.ecr.eu-isoe-west-1.cloud.adc-e.uk/", "https://sts.eu-isoe-west-1.cloud.adc-e.uk/")]
    [InlineData("us-isof-south-1", "https://api.ecr.us-isof-south-1.csp.hci.ic.gov/", "https://sts.us-isof-south-1.csp.hci.ic.gov/")]
    [InlineData("eusc-de-east-1", "https://api.ecr.eusc-de-east-1.amazonaws.eu/", "https://sts.eusc-de-east-1.amazonaws.eu/")]
    public void EveryPartitionHasItsOwnDnsSuffix(string region, string ecr, string sts)
    {
        var endpoints = With();
        Assert.Equal(ecr, endpoints.Ecr(region).ToString());
        Assert.Equal(sts, endpoints.Sts(region).ToString());
    }

    [Fact]
    public void FipsAndDualStackFollowEachServicesRuleSet()
    {
        Assert.Equal("https://api.ecr-fips.us-east-1.amazonaws.com/", With(fips: true).Ecr("us-east-1").ToString());
        Assert.Equal("https://ecr.us-east-1.api.aws/", With(dualStack: true).Ecr("us-east-1").ToString());
        Assert.Equal("https://ecr-fips.us-east-1.api.aws/", With(fips: true, dualStack: true).Ecr("us-east-1").ToString());
        // EC2 and STS in GovCloud: FIPS is the regular endpoint.
        Assert.Equal("https://ec2.us-gov-west-1.amazonaws.com/", With(fips: true).Ec2("us-gov-west-1").ToString());
        Assert.Equal("https://sts.us-gov-west-1.amazonaws.com/", With(fips: true).Sts("us-gov-west-1").ToString());
        Assert.Equal("https://ecs-fips.us-gov-west-1.amazonaws.com/", With(fips: true).Ecs("us-gov-west-1").ToString());
    }

    [Fact]
    public void ARegionNewerThanTheDataResolvesByItsPartitionsTemplate()
    {
        Assert.Equal("https://ecs.us-isob-south-3.sc2s.sgov.gov/", With().Ecs("us-isob-south-3").ToString());
        Assert.Equal("https://ecs.ap-southeast-9.amazonaws.com/", With().Ecs("ap-southeast-9").ToString());
    }

    [Fact]
    public void TheOverrideUrlServesEveryServiceAsGiven()
    {
        var url = new Uri("http://127.0.0.1:5000");
        var endpoints = new ServiceEndpoints(url);
        Assert.Same(url, endpoints.Ecr("eu-west-1"));
        Assert.Same(url, endpoints.Sts("us-iso-east-1"));
        Assert.Same(url, endpoints.OverrideUrl);
    }

    [Fact]
    public void APartitionWithoutFipsGivesTheRuleSetsError()
    {
        var endpoints = With(fips: true, partitions: SyntheticPartitions(supportsFips: false, supportsDualStack: true));
        var error = Assert.Throws<EndpointResolutionException>(() => endpoints.Ecs("zz-north-1"));
        Assert.Equal("No ECS endpoint for region zz-north-1 with FIPS endpoints: FIPS is enabled but this partition does not support FIPS", error.Message);
        var both = With(fips: true, dualStack: true, partitions: SyntheticPartitions(supportsFips: true, supportsDualStack: false));
        Assert.Contains("FIPS and DualStack are enabled, but this partition does not support one or both", Assert.Throws<EndpointResolutionException>(() => both.Ecr("zz-north-1")).Message);
        var dual = With(dualStack: true, partitions: SyntheticPartitions(supportsFips: true, supportsDualStack: false));
        Assert.Contains("DualStack is enabled but this partition does not support DualStack", Assert.Throws<EndpointResolutionException>(() => dual.Sts("zz-north-1")).Message);
        Assert.Equal("https://ec2.zz-north-1.example.test/", With(partitions: dual.Partitions).Ec2("zz-north-1").ToString());
    }

    /// <summary>A partition "zz" (region zz-north-1) whose FIPS or dual-stack support is switched off.</summary>
    internal static AwsPartitions SyntheticPartitions(bool supportsFips, bool supportsDualStack) => AwsPartitions.Parse((
        "{'partitions': [{'id': 'zz', 'regionRegex': '^zz\\\\-\\\\w+\\\\-\\\\d+$', 'regions': {'zz-north-1': {}}, 'outputs': {" +
        "'dnsSuffix': 'example.test', 'dualStackDnsSuffix': 'dual.example.test', 'implicitGlobalRegion': 'zz-north-1', 'name': 'zz', " +
        "'supportsDualStack': " + (supportsDualStack ? "true" : "false") + ", 'supportsFIPS': " + (supportsFips ? "true" : "false") + "}}]}").Replace('\'', '"'));
}
