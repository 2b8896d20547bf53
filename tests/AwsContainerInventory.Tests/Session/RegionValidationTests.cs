using AwsContainerInventory.Session;
using AwsContainerInventory.Wire.Endpoints;

namespace AwsContainerInventory.Tests.Session;

/// <summary>Which region names pass, warn or fail, and the closest names an error offers.</summary>
public sealed class RegionValidationTests
{
    [Theory]
    [InlineData("us-east-1", "aws")]
    [InlineData("cn-northwest-1", "aws-cn")]
    [InlineData("us-gov-west-1", "aws-us-gov")]
    [InlineData("us-iso-west-1", "aws-iso")]
    [InlineData("us-isob-east-1", "aws-iso-b")]
    [InlineData("eu-isoe-west-1", "aws-iso-e")]
    [InlineData("us-isof-east-1", "aws-iso-f")]
    [InlineData("eusc-de-east-1", "aws-eusc")]
    public void ListedRegionsOfEveryPartitionPass(string region, string partition)
    {
        RegionCheck check = RegionList.Check(region);
        Assert.Equal(RegionStatus.Listed, check.Status);
        Assert.Equal(partition, check.Partition!.Id);
    }

    [Theory]
    [InlineData("ap-southeast-9", "aws")]
    [InlineData("us-isob-south-3", "aws-iso-b")]
    [InlineData("eusc-de-west-2", "aws-eusc")]
    [InlineData("cn-south-1", "aws-cn")]
    public void ANewRegionOfAPartitionPassesWithAWarning(string region, string partition)
    {
        RegionCheck check = RegionList.Check(region);
        Assert.Equal(RegionStatus.New, check.Status);
        Assert.Equal(partition, check.Partition!.Id);
        Assert.Contains("new region of partition " + partition, check.Warning);
        Assert.Contains("botocore " + EndpointData.BotocoreVersion, check.Warning);
    }

    [Theory]
    [InlineData("xx-moon-1")]
    [InlineData("us-moon-1")]
    [InlineData("aws-global")]
    [InlineData("us-east")]
    [InlineData("useast1")]
    [InlineData("us_east_1")]
    public void ARegionNoPartitionHasIsRejectedWithTheClosestNames(string region)
    {
        RegionCheck check = RegionList.Check(region);
        Assert.Equal(RegionStatus.Unknown, check.Status);
        Assert.Equal(3, check.Closest.Count);
        Assert.All(check.Closest, name => Assert.Contains(name, RegionList.Known));
        Assert.Contains("'" + region + "' is not an AWS region name", check.Problem);
        Assert.Contains("aws-iso-f", check.Problem);
    }

    [Fact]
    public void TyposGetTheIntendedNameFirst()
    {
        Assert.Equal("us-east-1", RegionList.Check("us-esat-1").Closest[0]);
        Assert.Equal("eu-west-1", RegionList.Check("eu-wset-1").Closest[0]);
        Assert.Equal("eusc-de-east-1", RegionList.Check("eusc-de-eats-1").Closest[0]);
        Assert.Equal(1, RegionList.Distance("us-esat-1", "us-east-1"));
        Assert.Equal(2, RegionList.Distance("us-east-1", "us-west-1"));
    }

    [Fact]
    public void EveryListedRegionHasTheShapeANewRegionNeeds()
    {
        // So the rule for regions newer than the data is no stricter than the data itself.
        Assert.All(AwsPartitions.Default.ListedRegions, region => Assert.True(RegionList.LooksLikeRegion(region), region));
    }
}
