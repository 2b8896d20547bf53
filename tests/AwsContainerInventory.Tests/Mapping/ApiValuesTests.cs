using AwsContainerInventory;
using Xunit;

namespace AwsContainerInventory.Tests.Mapping;

public class ApiValuesTests
{
    public static TheoryData<string?> Arns => new()
    {
        null, "", "arn", "arn:", "arn:aws", "arn:aws:ecs", "arn:aws:ecs:us-east-1", "arn:aws:ecs:us-east-1:123456789012",
        "arn:aws:ecs:us-east-1:123456789012:", "arn:aws:ecs:us-east-1:123456789012:task/cluster/abc",
        "arn:aws:ecs:us-east-1:123456789012:container-instance/a:b:c",
        "arn:aws-cn:ecr:cn-north-1:123456789012:repository/team/app",
        "arn:aws:iam::123456789012:role/Inventory", "arn:aws:s3:::bucket", "arn:aws:ecs:::", ":aws:ecs:us-east-1:1:x",
        "ARN:aws:ecs:us-east-1:123456789012:task/x", "arnx:aws:ecs:us-east-1:123456789012:task/x", "not an arn",
    };

    [Theory]
    [MemberData(nameof(Arns))]
    public void The_account_and_region_of_an_arn_are_its_fifth_and_fourth_fields_when_it_has_six(string? arn)
    {
        // The definition: six colon-separated fields (the resource may hold colons), "arn" first, the field not empty.
        string[]? parts = arn?.Split(new[] { ':' }, 6);
        bool isArn = parts != null && parts.Length >= 6 && parts[0] == "arn";
        Assert.Equal(isArn && parts![4].Length > 0 ? parts[4] : null, ApiValues.AccountFromArn(arn));
        Assert.Equal(isArn && parts![3].Length > 0 ? parts[3] : null, ApiValues.RegionFromArn(arn));
    }

    [Fact]
    public void A_task_arn_gives_its_account_and_region()
    {
        Assert.Equal("123456789012", ApiValues.AccountFromArn("arn:aws:ecs:eu-west-1:123456789012:task/prod/0f1e"));
        Assert.Equal("eu-west-1", ApiValues.RegionFromArn("arn:aws:ecs:eu-west-1:123456789012:task/prod/0f1e"));
        Assert.Null(ApiValues.RegionFromArn("arn:aws:iam::123456789012:role/Inventory"));
        Assert.Equal("123456789012", ApiValues.AccountFromArn("arn:aws:iam::123456789012:role/Inventory"));
    }
}
