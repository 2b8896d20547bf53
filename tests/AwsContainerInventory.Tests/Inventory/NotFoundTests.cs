using System.Management.Automation;
using AwsContainerInventory.Session;
using AwsContainerInventory.Tests.Support;
using AwsContainerInventory.Wire;

namespace AwsContainerInventory.Tests.Inventory;

/// <summary>
/// A literal -Name / -Cluster is "not found" only when every pair it could be in was read and none had it: after a
/// credential, permission or region failure the failure is the one error, not a guess that the name does not exist.
/// </summary>
[Collection(SessionCollection.Name)]
public class NotFoundTests
{
    private const string Allowed = "arn:aws:iam::" + FakeEstate.Account + ":role/Inventory";
    private const string Denied = "arn:aws:iam::333333333333:role/Inventory";

    private static string[] Ids(RunResult result) => result.Errors.Select(e => e.FullyQualifiedErrorId.Split(',')[0]).OrderBy(i => i, StringComparer.Ordinal).ToArray();

    [Fact]
    public void Access_denied_is_not_followed_by_a_false_cluster_not_found()
    {
        var handler = new FakeAwsHandler().WithEcs(1)
            .On("DescribeClusters", _ => FakeResponse.Error(400, "AccessDeniedException", "User is not authorized to perform: ecs:DescribeClusters"));
        CmdletHarness.Connect(handler);

        var result = CmdletHarness.Invoke("Get-EcsCluster -Name prod");

        var error = Assert.Single(result.Errors);
        Assert.StartsWith("AwsAccessDenied,", error.FullyQualifiedErrorId);
        Assert.Equal("us-east-1", error.TargetObject);
    }

    [Fact]
    public void Access_denied_is_not_followed_by_a_false_repository_not_found()
    {
        var handler = new FakeAwsHandler()
            .On("DescribeRepositories", _ => FakeResponse.Error(400, "AccessDeniedException", "User is not authorized to perform: ecr:DescribeRepositories"));
        CmdletHarness.Connect(handler);

        var result = CmdletHarness.Invoke("Get-EcrRepository -Name app");

        Assert.Equal(new[] { "AwsAccessDenied" }, Ids(result));
    }

    [Fact]
    public void Unavailable_credentials_are_not_followed_by_a_false_repository_not_found()
    {
        var handler = new FakeAwsHandler().WithRepositories(2);
        SessionStore.Set(new InventorySession(new UnavailableCredentials(), null, new[] { "us-east-1", "eu-west-1" }, Array.Empty<string>(),
            3600, 100, 8, 0, new Uri("https://aws.test/"), isDefault: false, httpClient: new HttpClient(handler)));

        var result = CmdletHarness.Invoke("Get-EcrRepository -Name repo-0000, app");

        Assert.Empty(result.Output);
        Assert.Equal(new[] { "AwsCredentialsUnavailable" }, Ids(result));
        Assert.Empty(handler.Calls);
    }

    [Fact]
    public void A_failed_region_hides_only_the_names_that_could_be_in_it()
    {
        var handler = new FailingRegionHandler("eu-west-1", new FakeAwsHandler().WithRepositories(2));
        CmdletHarness.Connect(handler, regions: new[] { "us-east-1", "eu-west-1" });
        string goneInUsEast = FakeEstate.RepositoryArn("gone", "us-east-1");

        var result = CmdletHarness.Invoke($"Get-EcrRepository -Name repo-0000, app, {goneInUsEast}");

        Assert.Equal("repo-0000", Assert.Single(result.Of<EcrRepository>()).Name);
        Assert.Equal(new[] { "AwsEndpointUnreachable", "EcrRepositoryNotFound" }, Ids(result));
        Assert.Equal("eu-west-1", result.Errors.Single(e => e.FullyQualifiedErrorId.StartsWith("AwsEndpointUnreachable,")).TargetObject);
        // us-east-1 was read: an ARN that can only be there is still reported; the name "app" could be in eu-west-1.
        Assert.Equal(goneInUsEast, result.Errors.Single(e => e.FullyQualifiedErrorId.StartsWith("EcrRepositoryNotFound,")).TargetObject);
    }

    [Fact]
    public void A_role_that_cannot_be_assumed_hides_only_the_names_that_could_be_in_its_account()
    {
        var handler = new FakeAwsHandler().WithEcs(1, runningPerCluster: 1);
        handler.Estate.AddRole(Allowed);
        handler.Estate.AddRole(Denied);
        handler.Estate.DenyRole(Denied);   // the endpoint's STS answers 403 AccessDenied
        CmdletHarness.Connect(handler, roles: new[] { Allowed, Denied });
        string goneInAllowedAccount = FakeEstate.ClusterArn("gone");

        var result = CmdletHarness.Invoke($"Get-EcsTask -SkipPublicIp -Cluster cluster-000, missing, {goneInAllowedAccount}");

        Assert.Single(result.Of<EcsTask>());
        Assert.Equal(new[] { "AwsRoleAssumptionFailed", "EcsClusterNotFound" }, Ids(result));
        Assert.Equal(goneInAllowedAccount, result.Errors.Single(e => e.FullyQualifiedErrorId.StartsWith("EcsClusterNotFound,")).TargetObject);
    }

    [Fact]
    public void With_every_pair_read_a_missing_name_is_still_not_found()
    {
        CmdletHarness.Connect(new FakeAwsHandler().WithRepositories(2), regions: new[] { "us-east-1", "eu-west-1" });

        var result = CmdletHarness.Invoke("Get-EcrRepository -Name app");

        var error = Assert.Single(result.Errors);
        Assert.StartsWith("EcrRepositoryNotFound,", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
    }

    private sealed class UnavailableCredentials : ICredentialProvider
    {
        public string Description => "default chain";

        public Task<AwsCredentials> GetCredentialsAsync(CancellationToken cancellationToken) =>
            Task.FromException<AwsCredentials>(new CredentialsUnavailableException("No AWS credentials were found in the default chain."));

        public bool IsCurrent(AwsCredentials credentials) => true;
    }

    /// <summary>Fails, as an unreachable endpoint does, every request signed for one region; passes the rest on.</summary>
    private sealed class FailingRegionHandler(string region, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            request.Headers.TryGetValues("Authorization", out var authorization) && authorization.Single().Contains("/" + region + "/")
                ? Task.FromException<HttpResponseMessage>(new HttpRequestException("Connection refused (" + region + ")"))
                : base.SendAsync(request, cancellationToken);
    }
}
