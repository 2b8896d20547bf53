using AwsContainerInventory.Inventory;
using AwsContainerInventory.Tests.Support;
using AwsContainerInventory.Wire;

namespace AwsContainerInventory.Tests.Inventory;

public class CallTallyTests
{
    private static readonly ICredentialProvider BaseKeys =
        new StaticCredentialProvider(new AwsCredentials("AKIDTALLY0000000001", "tally-secret"), "AccessKey ****0001");

    private static AwsRequest Call(string service, string operation, string region, ICredentialProvider credentials) =>
        new AwsRequest(service, operation, region, new Uri("https://aws.test/"), "application/x-amz-json-1.1", null, Array.Empty<byte>(), credentials);

    private static ICloudResourceRecord RecordOf(string account, string region) =>
        new ExposureFinding(ExposureKind.ScanOnPushDisabled, FakeEstate.RepositoryArn("r", region), "r", region, account, "test",
            ValueList.Of(Array.Empty<string>()), DateTime.UtcNow);

    private static AssumedRoleCredentialProvider Role(string arn) =>
        new AssumedRoleCredentialProvider(arn, "tally", 3600, () => throw new InvalidOperationException("not assumed in this test"));

    [Fact]
    public void Summary_has_one_line_per_operation_and_pair_with_its_count_ordered_by_pair()
    {
        var tally = new CallTally();
        var role = Role("arn:aws:iam::111111111111:role/Inventory");
        for (int i = 0; i < 400; i++) tally.Count(Call("ecr", "GetRepositoryPolicy", "eu-west-1", role));
        tally.Count(Call("ecr", "DescribeRepositories", "eu-west-1", role));
        tally.Count(Call("ecs", "ListClusters", "ap-south-1", role));

        Assert.Equal(new[]
        {
            "ECS ListClusters: 1 call in ap-south-1 (111111111111)",
            "ECR DescribeRepositories: 1 call in eu-west-1 (111111111111)",
            "ECR GetRepositoryPolicy: 400 calls in eu-west-1 (111111111111)",
        }, tally.Summary());
        Assert.Equal("ECR GetRepositoryPolicy in eu-west-1 (111111111111)", tally.Describe(Call("ecr", "GetRepositoryPolicy", "eu-west-1", role)));
    }

    [Fact]
    public void Roles_of_one_account_count_together_in_a_region()
    {
        var tally = new CallTally();
        tally.Count(Call("ecs", "ListClusters", "us-east-1", Role("arn:aws:iam::111111111111:role/A")));
        tally.Count(Call("ecs", "ListClusters", "us-east-1", Role("arn:aws:iam::111111111111:role/B")));

        Assert.Equal(new[] { "ECS ListClusters: 2 calls in us-east-1 (111111111111)" }, tally.Summary());
    }

    [Fact]
    public void Base_credentials_are_named_by_their_records_account_when_no_role_is_used()
    {
        var tally = new CallTally();
        tally.Count(Call("ecr", "DescribeRepositories", "us-east-1", BaseKeys));
        tally.Count(Call("ecr", "DescribeRepositories", "eu-west-1", BaseKeys));
        Assert.Equal("ECR DescribeRepositories in us-east-1 (AccessKey ****0001)", tally.Describe(Call("ecr", "DescribeRepositories", "us-east-1", BaseKeys)));

        tally.SawRecord(RecordOf(FakeEstate.Account, "us-east-1"));

        Assert.Equal(new[]
        {
            "ECR DescribeRepositories: 1 call in eu-west-1 (AccessKey ****0001)",   // no record said which account
            "ECR DescribeRepositories: 1 call in us-east-1 (" + FakeEstate.Account + ")",
        }, tally.Summary());
    }

    [Fact]
    public void With_roles_the_base_credentials_keep_their_source_whatever_the_records_say()
    {
        var tally = new CallTally();
        tally.Count(Call("sts", "AssumeRole", "us-east-1", BaseKeys));
        tally.Count(Call("ecr", "DescribeRepositories", "us-east-1", Role("arn:aws:iam::222222222222:role/Inventory")));
        tally.SawRecord(RecordOf(FakeEstate.Account, "us-east-1"));

        Assert.Contains("STS AssumeRole: 1 call in us-east-1 (AccessKey ****0001)", tally.Summary());
    }
}

[Collection(SessionCollection.Name)]
public class VerboseCallCountTests
{
    [Fact]
    public void Verbose_ends_with_the_calls_of_each_operation_and_Debug_has_one_line_per_call()
    {
        var handler = new FakeAwsHandler().WithRepositories(30);
        CmdletHarness.Connect(handler, pageSize: 10);

        var result = CmdletHarness.Invoke("Get-EcrRepository -Verbose");

        Assert.Equal(30, result.Output.Count);
        Assert.Contains("ECR DescribeRepositories: 3 calls in us-east-1 (" + FakeEstate.Account + ")", result.Verbose);
        Assert.Contains("ECR GetRepositoryPolicy: 30 calls in us-east-1 (" + FakeEstate.Account + ")", result.Verbose);
        Assert.Contains("ECR ListTagsForResource: 30 calls in us-east-1 (" + FakeEstate.Account + ")", result.Verbose);

        var debug = CmdletHarness.Invoke("Get-EcrRepository -Debug 5>&1 | Where-Object { $_ -is [System.Management.Automation.DebugRecord] } | ForEach-Object Message");
        Assert.Equal(3 + 30 + 30, debug.Output.OfType<string>().Count(m => m.StartsWith("ECR ", StringComparison.Ordinal) && m.Contains(" in us-east-1 (") && !m.Contains(':')));
    }
}
