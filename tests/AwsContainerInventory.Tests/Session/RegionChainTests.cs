using AwsContainerInventory.Isolation;
using AwsContainerInventory.Session;
using AwsContainerInventory.Tests.Support;

namespace AwsContainerInventory.Tests.Session;

/// <summary>The default region in the AWS CLI's order, through the IDefaultChains seam (no AWSSDK.Core involved).</summary>
public sealed class RegionChainTests
{
    private readonly FakeDefaultChains _chains = new();
    private readonly Dictionary<string, string> _environment = new(StringComparer.Ordinal);

    public RegionChainTests() => _chains.ProfileRegions["default"] = "ap-south-1";

    private ResolvedRegion? Resolve(string? profile = null) =>
        RegionChain.Resolve(profile, name => _environment.TryGetValue(name, out string? value) ? value : null, _chains);

    [Fact]
    public void AwsRegionComesFirst()
    {
        _environment["AWS_REGION"] = "eu-west-1";
        _environment["AWS_DEFAULT_REGION"] = "us-west-2";
        ResolvedRegion region = Resolve()!;
        Assert.Equal("eu-west-1", region.Region);
        Assert.Equal("AWS_REGION", region.Source);
        Assert.Empty(_chains.RegionLookups);
    }

    [Fact]
    public void AwsDefaultRegionComesBeforeTheProfile()
    {
        _environment["AWS_DEFAULT_REGION"] = "us-west-2";
        ResolvedRegion region = Resolve()!;
        Assert.Equal("us-west-2", region.Region);
        Assert.Equal("AWS_DEFAULT_REGION", region.Source);
    }

    [Fact]
    public void TheEnvironmentWinsOverANamedProfileToo()
    {
        // As the AWS CLI: --profile does not make the profile's region beat AWS_REGION.
        _chains.ProfileRegions["prod"] = "eu-central-1";
        _environment["AWS_DEFAULT_REGION"] = "us-west-2";
        Assert.Equal("us-west-2", Resolve("prod")!.Region);
    }

    [Fact]
    public void TheProfileRegionIsLast()
    {
        ResolvedRegion region = Resolve()!;
        Assert.Equal("ap-south-1", region.Region);
        Assert.Equal("profile 'default'", region.Source);
        Assert.Equal(new[] { "default" }, _chains.RegionLookups);
    }

    [Fact]
    public void TheProfileIsTheGivenOneElseAwsProfileElseDefault()
    {
        _chains.ProfileRegions["prod"] = "eu-central-1";
        _chains.ProfileRegions["ci"] = "ca-central-1";
        _environment["AWS_PROFILE"] = "ci";
        Assert.Equal("eu-central-1", Resolve("prod")!.Region);
        Assert.Equal("ca-central-1", Resolve()!.Region);
        Assert.Equal("profile 'ci'", Resolve()!.Source);
        Assert.Equal(new[] { "prod", "ci", "ci" }, _chains.RegionLookups);
    }

    [Fact]
    public void EmptyVariablesCountAsUnset()
    {
        _environment["AWS_REGION"] = "";
        _environment["AWS_DEFAULT_REGION"] = "  ";
        Assert.Equal("profile 'default'", Resolve()!.Source);
    }

    [Fact]
    public void NoneAnywhereIsNull()
    {
        _chains.ProfileRegions.Clear();
        Assert.Null(Resolve());
    }

    [Fact]
    public void TheEnvironmentIsReadOnEveryCall()
    {
        _environment["AWS_REGION"] = "eu-west-1";
        Assert.Equal("eu-west-1", Resolve()!.Region);
        _environment["AWS_REGION"] = "eu-north-1";
        Assert.Equal("eu-north-1", Resolve()!.Region);
    }
}
