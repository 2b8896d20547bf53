using System.Net;
using AwsContainerInventory.Tests.Support;

namespace AwsContainerInventory.Tests.Inventory;

[Collection(SessionCollection.Name)]
public class RoleFanOutTests
{
    private const string Allowed = "arn:aws:iam::222222222222:role/Inventory";
    private const string Denied = "arn:aws:iam::333333333333:role/Inventory";

    /// <summary>The endpoint's STS: the allowed role is assumable, the denied one answers 403 AccessDenied.</summary>
    private static FakeAwsHandler StsWithOneDeniedRole(FakeAwsHandler handler)
    {
        handler.Estate.AddRole(Allowed);
        handler.Estate.AddRole(Denied);
        handler.Estate.DenyRole(Denied);
        return handler;
    }

    [Fact]
    public void Each_role_is_assumed_once_and_a_denied_role_is_one_error_naming_it()
    {
        var handler = StsWithOneDeniedRole(new FakeAwsHandler().WithRepositories(3, regions: new[] { "us-east-1", "eu-west-1" }, account: "222222222222"));
        CmdletHarness.Connect(handler, regions: new[] { "us-east-1", "eu-west-1" }, roles: new[] { Allowed, Denied });

        var result = CmdletHarness.Invoke("Get-EcrRepository");

        Assert.Equal(6, result.Output.Count); // 3 repositories × 2 regions of the allowed role
        Assert.Equal(new[] { "eu-west-1", "us-east-1" }, result.Of<EcrRepository>().Select(r => r.Region).Distinct().OrderBy(r => r));
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("AwsRoleAssumptionFailed,", error.FullyQualifiedErrorId);
        Assert.Equal(Denied, error.TargetObject);
        Assert.Equal(System.Management.Automation.ErrorCategory.PermissionDenied, error.CategoryInfo.Category);

        var assumed = handler.Bodies("AssumeRole").ToList();
        Assert.Equal(2, assumed.Count); // once per role, not per region
        Assert.All(assumed, body =>
        {
            Assert.Equal("3600", body["DurationSeconds"]!.GetValue<string>());
            Assert.StartsWith("AwsContainerInventory-", body["RoleSessionName"]!.GetValue<string>());
        });
        // Calls made with the role's credentials carry its session token.
        string token = Assert.Single(handler.Estate.IssuedCredentials).SessionToken;
        Assert.All(handler.Calls.Where(c => c.Operation == "DescribeRepositories"), call =>
            Assert.Equal(token, call.Request.Headers.GetValues("X-Amz-Security-Token").Single()));
    }
}
