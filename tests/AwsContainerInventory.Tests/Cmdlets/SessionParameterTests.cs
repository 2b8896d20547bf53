using AwsContainerInventory.Session;
using AwsContainerInventory.Tests.Support;

namespace AwsContainerInventory.Tests.Cmdlets;

/// <summary>-Session: a Get- cmdlet reads the session it is given, not the current one, and leaves the current one alone.</summary>
[Collection(SessionCollection.Name)]
public sealed class SessionParameterTests
{
    [Fact]
    public void A_get_cmdlet_reads_the_session_it_is_given()
    {
        var otherHandler = new FakeAwsHandler().WithRepositories(5, regions: new[] { "eu-west-1" });
        InventorySession other = CmdletHarness.Connect(otherHandler, regions: new[] { "eu-west-1" });
        var currentHandler = new FakeAwsHandler().WithRepositories(2);
        InventorySession current = CmdletHarness.Connect(currentHandler, regions: new[] { "us-east-1" });

        var result = CmdletHarness.Invoke("Get-EcrRepository -Session $other", new Dictionary<string, object> { ["other"] = other });

        Assert.Empty(result.Errors);
        Assert.Equal(5, result.Of<EcrRepository>().Count);
        Assert.All(result.Of<EcrRepository>(), r => Assert.Equal("eu-west-1", r.Region));
        Assert.Empty(currentHandler.Calls);
        Assert.Same(current, SessionStore.Current);
    }

    [Fact]
    public void Without_it_the_current_session_is_read()
    {
        var currentHandler = new FakeAwsHandler().WithRepositories(2);
        CmdletHarness.Connect(currentHandler);

        Assert.Equal(2, CmdletHarness.Invoke("Get-EcrRepository").Of<EcrRepository>().Count);
    }

    [Fact]
    public void Every_get_cmdlet_takes_it()
    {
        var result = CmdletHarness.Invoke("Get-Command -Module AwsContainerInventory -Verb Get | Where-Object Noun -NE AwsInventorySession | ForEach-Object { $_.Name + '=' + $_.Parameters['Session'].ParameterType.FullName }");

        Assert.NotEmpty(result.Output);
        Assert.All(result.Output.Cast<string>(), line => Assert.EndsWith("=AwsContainerInventory.InventorySession", line));
    }
}
