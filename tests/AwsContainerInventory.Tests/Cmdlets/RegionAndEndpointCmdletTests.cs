using System.Management.Automation;
using AwsContainerInventory.Isolation;
using AwsContainerInventory.Cmdlets;
using AwsContainerInventory.Session;
using AwsContainerInventory.Tests.Support;
using AwsContainerInventory.Tests.Wire.Endpoints;
using AwsContainerInventory.Wire;
using AwsContainerInventory.Wire.Endpoints;

namespace AwsContainerInventory.Tests.Cmdlets;

/// <summary>Connect-AwsInventory and the default session: regions and endpoints from parameters, environment and profile.</summary>
[Collection(SessionCollection.Name)]
public sealed class RegionAndEndpointCmdletTests : IDisposable
{
    private readonly Func<IDefaultChains> _originalChains = SessionStore.DefaultChains;
    private readonly Func<string, string?> _originalEnvironment = SessionStore.EnvironmentVariable;
    private readonly FakeDefaultChains _chains = new();
    private readonly Dictionary<string, string> _environment = new(StringComparer.Ordinal);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "aci-cmdlets-" + Guid.NewGuid().ToString("N"));

    public RegionAndEndpointCmdletTests()
    {
        Directory.CreateDirectory(_folder);
        _environment["AWS_CONFIG_FILE"] = Path.Combine(_folder, "config");
        Func<string, string?> environment = name => _environment.TryGetValue(name, out string? value) ? value : null;
        SessionStore.DefaultChains = () => _chains;
        SessionStore.EnvironmentVariable = environment;
        SessionStore.Clear();
    }

    public void Dispose()
    {
        SessionStore.DefaultChains = _originalChains;
        SessionStore.EnvironmentVariable = _originalEnvironment;
        SessionStore.Clear();
        Directory.Delete(_folder, recursive: true);
    }

    private const string Keys = "Connect-AwsInventory -AccessKey AKIDTEST -SecretKey (ConvertTo-SecureString x -AsPlainText -Force) ";

    [Fact]
    public void ConnectTakesAwsDefaultRegionAndSaysWhereFrom()
    {
        _environment["AWS_DEFAULT_REGION"] = "eu-north-1";
        _chains.ProfileRegions["default"] = "ap-south-1";
        RunResult result = CmdletHarness.Invoke(Keys + "-PassThru -Verbose");
        var session = result.Of<InventorySession>().Single();
        Assert.Equal(new[] { "eu-north-1" }, session.Regions);
        Assert.Equal("AWS_DEFAULT_REGION", session.RegionSource);
        Assert.Contains(result.Verbose, v => v == "Regions from AWS_DEFAULT_REGION: eu-north-1.");
    }

    [Fact]
    public void ConnectWithAProfileStillLetsAwsRegionWin()
    {
        _environment["AWS_REGION"] = "eu-west-3";
        _chains.ProfileRegions["prod"] = "us-west-2";
        var session = CmdletHarness.Invoke("Connect-AwsInventory -ProfileName prod -PassThru").Of<InventorySession>().Single();
        Assert.Equal(new[] { "eu-west-3" }, session.Regions);
        _environment.Remove("AWS_REGION");
        session = CmdletHarness.Invoke("Connect-AwsInventory -ProfileName prod -PassThru").Of<InventorySession>().Single();
        Assert.Equal(new[] { "us-west-2" }, session.Regions);
        Assert.Equal("profile 'prod'", session.RegionSource);
    }

    [Fact]
    public void ConnectRejectsARegionFromTheEnvironmentThatNoPartitionHas()
    {
        _environment["AWS_REGION"] = "xx-moon-1";
        RunResult result = CmdletHarness.Invoke(Keys);
        ErrorRecord error = Assert.Single(result.Errors);
        Assert.StartsWith("AwsInvalidRegion,", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Equal("xx-moon-1", error.TargetObject);
        Assert.Contains("AWS_REGION", error.ErrorDetails.Message);
        Assert.Contains("Closest valid names", error.ErrorDetails.Message);
        Assert.Null(SessionStore.Current);
    }

    [Fact]
    public void RegionParameterRejectsAnUnknownRegionWithTheClosestNames()
    {
        RunResult result = CmdletHarness.Invoke(Keys + "-Region us-esat-1");
        ErrorRecord error = Assert.Single(result.Errors);
        Assert.StartsWith("ParameterArgumentValidationError,", error.FullyQualifiedErrorId);
        Assert.Contains("Closest valid names: us-east-1", error.Exception.Message);
        RunResult get = CmdletHarness.Invoke("Get-EcsCluster -Region xx-moon-1");
        Assert.StartsWith("ParameterArgumentValidationError,", Assert.Single(get.Errors).FullyQualifiedErrorId);
    }

    [Fact]
    public void ANewRegionIsAcceptedWithAWarning()
    {
        RunResult result = CmdletHarness.Invoke(Keys + "-Region eu-west-1,ap-southeast-9 -PassThru");
        Assert.Empty(result.Errors);
        Assert.Equal(new[] { "eu-west-1", "ap-southeast-9" }, result.Of<InventorySession>().Single().Regions);
        string warning = Assert.Single(result.Warnings);
        Assert.StartsWith("Region 'ap-southeast-9' is not in this module's partition data", warning);
    }

    [Fact]
    public void FipsAndDualStackSwitchesShapeTheEndpointsAndShowInTheSession()
    {
        var session = CmdletHarness.Invoke(Keys + "-Region us-gov-east-1 -UseFipsEndpoint -UseDualStackEndpoint -PassThru").Of<InventorySession>().Single();
        Assert.True(session.UseFipsEndpoint);
        Assert.True(session.UseDualStackEndpoint);
        Assert.Equal("https://ecr-fips.us-gov-east-1.api.aws/", session.Endpoints.Ecr("us-gov-east-1").ToString());
        Assert.EndsWith(", FIPS endpoints, dual-stack endpoints", session.ToString());
    }

    [Fact]
    public void AnExplicitFalseSwitchOverridesTheEnvironment()
    {
        _environment["AWS_USE_FIPS_ENDPOINT"] = "true";
        Assert.True(CmdletHarness.Invoke(Keys + "-Region us-east-1 -PassThru").Of<InventorySession>().Single().UseFipsEndpoint);
        Assert.False(CmdletHarness.Invoke(Keys + "-Region us-east-1 -UseFipsEndpoint:$false -PassThru").Of<InventorySession>().Single().UseFipsEndpoint);
    }

    [Fact]
    public void EndpointUrlWithUseFipsEndpointIsRejected()
    {
        RunResult result = CmdletHarness.Invoke(Keys + "-Region us-east-1 -EndpointUrl http://127.0.0.1:9 -UseFipsEndpoint");
        ErrorRecord error = Assert.Single(result.Errors);
        Assert.StartsWith("AwsInvalidEndpointConfiguration,", error.FullyQualifiedErrorId);
        Assert.Equal("UseFipsEndpoint", error.TargetObject);
        Assert.Null(SessionStore.Current);
    }

    [Fact]
    public void ConnectRecordsTheConfiguredEndpointsAndTheirSources()
    {
        _environment["AWS_ENDPOINT_URL_ECR"] = "http://127.0.0.1:4566";
        File.WriteAllText(Path.Combine(_folder, "config"), "[default]\nendpoint_url = http://127.0.0.1:4567\n");
        RunResult result = CmdletHarness.Invoke(Keys + "-Region us-east-1 -PassThru -Verbose");
        var session = result.Of<InventorySession>().Single();
        Assert.Equal("ECR=http://127.0.0.1:4566/ (AWS_ENDPOINT_URL_ECR)", session.ConfiguredEndpoints[0]);
        Assert.StartsWith("ECS=http://127.0.0.1:4567/ (endpoint_url of profile 'default' in ", session.ConfiguredEndpoints[1]);
        // The profile's endpoint_url serves every service: ECR (from the variable), ECS, EC2, STS, ELBv2 and Organizations.
        Assert.Equal(AwsService.All.Count, session.ConfiguredEndpoints.Count);
        Assert.Equal(new Uri("http://127.0.0.1:4566/"), session.Endpoints.Ecr("us-east-1"));
        Assert.Contains(result.Verbose, v => v == "Endpoint ECR=http://127.0.0.1:4566/ (AWS_ENDPOINT_URL_ECR).");
        Assert.Null(session.EndpointUrl);
    }

    [Fact]
    public void WithoutConnectABadEndpointVariableStopsTheCmdletBeforeAnyCall()
    {
        _environment["AWS_REGION"] = "us-east-1";
        _environment["AWS_ENDPOINT_URL"] = "localhost:4566";
        RunResult result = CmdletHarness.Invoke("Get-EcrRepository");
        ErrorRecord error = Assert.Single(result.Errors);
        Assert.StartsWith("AwsInvalidEndpointConfiguration,", error.FullyQualifiedErrorId);
        Assert.Equal("AWS_ENDPOINT_URL", error.TargetObject);
    }

    [Fact]
    public void WithoutConnectAnUnknownRegionFromTheEnvironmentIsOneClearError()
    {
        _environment["AWS_DEFAULT_REGION"] = "xx-moon-1";
        var clock = System.Diagnostics.Stopwatch.StartNew();
        RunResult result = CmdletHarness.Invoke("Get-EcsCluster");
        ErrorRecord error = Assert.Single(result.Errors);
        Assert.StartsWith("AwsInvalidRegion,", error.FullyQualifiedErrorId);
        Assert.Contains("The region from AWS_DEFAULT_REGION is not valid", error.ErrorDetails.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), "took " + clock.Elapsed);
    }

    [Fact]
    public void WithoutConnectTheEnvironmentIsReadOnEachCall()
    {
        _environment["AWS_REGION"] = "eu-west-1";
        _environment["AWS_ENDPOINT_URL_ECS"] = "http://127.0.0.1:1";
        InventorySession first = SessionStore.CurrentOrDefault();
        _environment["AWS_REGION"] = "eu-central-1";
        _environment.Remove("AWS_ENDPOINT_URL_ECS");
        InventorySession second = SessionStore.CurrentOrDefault();
        Assert.Equal(new[] { "eu-west-1" }, first.Regions);
        Assert.Equal(new Uri("http://127.0.0.1:1"), first.Endpoints.Ecs("eu-west-1"));
        Assert.Equal(new[] { "eu-central-1" }, second.Regions);
        Assert.Equal("https://ecs.eu-central-1.amazonaws.com/", second.Endpoints.Ecs("eu-central-1").ToString());
        Assert.True(second.IsDefault);
    }

    [Fact]
    public void AServiceWithoutAnEndpointInARegionIsAnErrorNamingTheRegion()
    {
        var endpoints = new ServiceEndpoints(new EndpointSettings(null, new Dictionary<string, ConfiguredEndpoint>(), true, false),
            ServiceEndpointsTests.SyntheticPartitions(supportsFips: false, supportsDualStack: true));
        ErrorRecord error = SessionChecks.CheckEndpoints(endpoints, new[] { "zz-north-1" })!;
        Assert.Equal("AwsInvalidEndpointConfiguration", error.FullyQualifiedErrorId);
        Assert.Equal("zz-north-1", error.TargetObject);
        Assert.Contains("FIPS is enabled but this partition does not support FIPS", error.ErrorDetails.Message);
        Assert.Null(SessionChecks.CheckEndpoints(new ServiceEndpoints((Uri?)null), new[] { "eusc-de-east-1" }));
    }
}
