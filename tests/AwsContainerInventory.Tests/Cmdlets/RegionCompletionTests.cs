using AwsContainerInventory.Cmdlets;
using AwsContainerInventory.Session;
using AwsContainerInventory.Wire.Endpoints;

namespace AwsContainerInventory.Tests.Cmdlets;

/// <summary>-Region's completer: All (every enabled region) first, then the partition data's region names.</summary>
public sealed class RegionCompletionTests
{
    private static List<string> Complete(string word) =>
        new RegionCompleter().CompleteArgument("Get-EcsCluster", "Region", word, null!, null!).Select(c => c.CompletionText).ToList();

    [Fact]
    public void CompletionOffersThePartitionDataRegions()
    {
        Assert.Equal(AwsPartitions.Default.ListedRegions, RegionList.Known);
        Assert.Contains("eusc-de-east-1", RegionList.Known);
        Assert.Contains("us-isof-south-1", RegionList.Known);
        Assert.DoesNotContain("aws-global", RegionList.Known);
        Assert.Equal(new[] { "us-iso-east-1", "us-iso-west-1" }, Complete("us-iso-"));
    }

    [Fact]
    public void All_comes_first_then_every_listed_region()
    {
        List<string> everything = Complete("");

        Assert.Equal(new[] { "All" }.Concat(AwsPartitions.Default.ListedRegions), everything);
        Assert.Equal(new[] { "All" }, Complete("al"));
        Assert.Equal(new[] { "All" }, Complete("'AL"));
        Assert.DoesNotContain("All", Complete("ap-"));
    }

    [Fact]
    public void The_completed_all_is_what_every_enabled_region_normalizes_from()
    {
        Assert.True(RegionList.IsAll(Complete("al").Single()));
        Assert.Equal(new[] { RegionList.All }, RegionList.Normalize(Complete("al")));
    }
}
