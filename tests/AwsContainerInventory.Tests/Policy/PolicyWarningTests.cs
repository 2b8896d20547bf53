using AwsContainerInventory.Tests.Support;

namespace AwsContainerInventory.Tests.Policy;

/// <summary>
/// A repository policy that is not strict JSON is a warning naming the repository, through the inventory run's
/// warning channel, and the record is still decided on what could be read (issue 17, rule 8).
/// </summary>
[Collection(SessionCollection.Name)]
public class PolicyWarningTests
{
    private const string OpenPull = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"ecr:BatchGetImage"}]}""";

    [Fact]
    public void Get_EcrRepository_warns_about_each_policy_it_could_not_read_strictly()
    {
        var handler = new FakeAwsHandler().WithRepositories(4, i => i switch
        {
            0 => "\uFEFF" + OpenPull,
            1 => "{ // commented\n" + OpenPull.Substring(1),
            2 => OpenPull,
            _ => null,
        });
        CmdletHarness.Connect(handler);

        RunResult result = CmdletHarness.Invoke("Get-EcrRepository");

        Assert.Empty(result.Errors);
        var records = result.Of<EcrRepository>().ToDictionary(r => r.Name);
        Assert.Equal(4, records.Count);
        Assert.True(records["repo-0000"].IsPublicUnconditionally);
        Assert.True(records["repo-0001"].IsPublicUnconditionally);
        Assert.True(records["repo-0002"].IsPublicUnconditionally);
        Assert.False(records["repo-0003"].IsPublic);
        Assert.Equal(2, result.Warnings.Count);
        Assert.Contains(result.Warnings, w => w.StartsWith("The repository policy of " + FakeEstate.RepositoryArn("repo-0000") + " cannot be read as strict JSON: it starts with a byte-order mark.", StringComparison.Ordinal));
        Assert.Contains(result.Warnings, w => w.StartsWith("The repository policy of " + FakeEstate.RepositoryArn("repo-0001") + " cannot be read as strict JSON: it is not strict JSON (line 1, byte 3)", StringComparison.Ordinal));
        Assert.All(result.Warnings, w => Assert.EndsWith("IsPublic and IsPublicUnconditionally are decided on what could be read, taking the more public reading.", w));
    }

    [Fact]
    public void Get_ContainerExposure_warns_too_and_still_finds_the_public_repository()
    {
        var handler = new FakeAwsHandler().WithRepositories(1, _ => "\uFEFF" + OpenPull);
        CmdletHarness.Connect(handler);

        RunResult result = CmdletHarness.Invoke("Get-ContainerExposure -Kind PublicRepository");

        Assert.Contains(result.Warnings, w => w.Contains(FakeEstate.RepositoryArn("repo-0000")) && w.Contains("byte-order mark"));
        ExposureFinding finding = Assert.Single(result.Of<ExposureFinding>());
        Assert.Equal(FakeEstate.RepositoryArn("repo-0000"), finding.ResourceArn);
    }
}
