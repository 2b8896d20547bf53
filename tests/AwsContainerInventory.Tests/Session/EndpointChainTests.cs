using AwsContainerInventory.Session;
using AwsContainerInventory.Wire;
using AwsContainerInventory.Wire.Endpoints;

namespace AwsContainerInventory.Tests.Session;

/// <summary>The SDKs' endpoint chain, service by service, with a temporary config file and a scripted environment.</summary>
public sealed class EndpointChainTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "aci-endpoints-" + Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, string> _environment = new(StringComparer.Ordinal);

    public EndpointChainTests()
    {
        Directory.CreateDirectory(_folder);
        _environment["AWS_CONFIG_FILE"] = Path.Combine(_folder, "config");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private void Config(string text) => File.WriteAllText(Path.Combine(_folder, "config"), text);

    private EndpointSettings Resolve(Uri? explicitUrl = null, bool? fips = null, bool? dualStack = null, string? profile = null) =>
        EndpointChain.Resolve(explicitUrl, fips, dualStack, profile, name => _environment.TryGetValue(name, out string? value) ? value : null);

    private static string? Url(EndpointSettings settings, AwsService service) => settings.For(service)?.Url.ToString();

    private static string? Source(EndpointSettings settings, AwsService service) => settings.For(service)?.Source;

    [Fact]
    public void NothingConfiguredLeavesEveryServiceToItsRuleSet()
    {
        EndpointSettings settings = Resolve();
        Assert.All(AwsService.All, service => Assert.Null(settings.For(service)));
        Assert.False(settings.UseFips);
        Assert.False(settings.UseDualStack);
        Assert.Equal("https://api.ecr.eu-west-1.amazonaws.com/", new ServiceEndpoints(settings).Ecr("eu-west-1").ToString());
    }

    [Fact]
    public void TheServiceVariableBeatsTheGlobalOneWhichBeatsTheProfile()
    {
        Config("""
            [default]
            endpoint_url = http://127.0.0.1:3
            """);
        _environment["AWS_ENDPOINT_URL_ECR"] = "http://127.0.0.1:1";
        _environment["AWS_ENDPOINT_URL"] = "http://127.0.0.1:2";
        EndpointSettings settings = Resolve();
        Assert.Equal("http://127.0.0.1:1/", Url(settings, AwsService.Ecr));
        Assert.Equal("AWS_ENDPOINT_URL_ECR", Source(settings, AwsService.Ecr));
        Assert.Equal("http://127.0.0.1:2/", Url(settings, AwsService.Ecs));
        Assert.Equal("AWS_ENDPOINT_URL", Source(settings, AwsService.Sts));
    }

    [Theory]
    [InlineData("ECR")]
    [InlineData("ECS")]
    [InlineData("EC2")]
    [InlineData("STS")]
    public void EachServiceHasItsOwnVariable(string id)
    {
        _environment["AWS_ENDPOINT_URL_" + id] = "http://127.0.0.1:7";
        EndpointSettings settings = Resolve();
        foreach (AwsService service in AwsService.All)
            Assert.Equal(service.ServiceId == id ? "http://127.0.0.1:7/" : null, Url(settings, service));
    }

    [Fact]
    public void TheServicesSectionBeatsTheProfileUrlAndLosesToTheEnvironment()
    {
        Config("""
            [profile dev]
            services = local
            endpoint_url = http://127.0.0.1:9
            [services local]
            ecr =
              endpoint_url = http://127.0.0.1:4566
            sts =
              endpoint_url = http://127.0.0.1:4567
            """);
        _environment["AWS_ENDPOINT_URL_STS"] = "http://127.0.0.1:5";
        EndpointSettings settings = Resolve(profile: "dev");
        Assert.Equal("http://127.0.0.1:4566/", Url(settings, AwsService.Ecr));
        Assert.StartsWith("[services local] ecr endpoint_url of profile 'dev' in ", Source(settings, AwsService.Ecr));
        Assert.Equal("http://127.0.0.1:9/", Url(settings, AwsService.Ecs));
        Assert.StartsWith("endpoint_url of profile 'dev'", Source(settings, AwsService.Ecs));
        Assert.Equal("http://127.0.0.1:5/", Url(settings, AwsService.Sts));
    }

    [Fact]
    public void AwsProfilePicksTheProfileWhenNoneIsGiven()
    {
        Config("""
            [default]
            endpoint_url = http://127.0.0.1:1
            [profile ci]
            endpoint_url = http://127.0.0.1:2
            """);
        _environment["AWS_PROFILE"] = "ci";
        Assert.Equal("http://127.0.0.1:2/", Url(Resolve(), AwsService.Ecr));
        Assert.Equal("http://127.0.0.1:1/", Url(Resolve(profile: "default"), AwsService.Ecr));
    }

    [Fact]
    public void IgnoreConfiguredEndpointUrlsDropsTheEnvironmentAndTheFileButNotEndpointUrl()
    {
        Config("""
            [default]
            endpoint_url = http://127.0.0.1:3
            """);
        _environment["AWS_ENDPOINT_URL_ECR"] = "http://127.0.0.1:1";
        _environment["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"] = "TRUE";
        Assert.All(AwsService.All, service => Assert.Null(Resolve().For(service)));
        Assert.Equal("http://127.0.0.1:8/", Url(Resolve(new Uri("http://127.0.0.1:8")), AwsService.Ecr));
        Assert.Equal("-EndpointUrl", Source(Resolve(new Uri("http://127.0.0.1:8")), AwsService.Ecr));
    }

    [Fact]
    public void TheProfileCanIgnoreConfiguredUrlsAndTheEnvironmentCanOverrideThat()
    {
        Config("""
            [default]
            ignore_configured_endpoint_urls = true
            endpoint_url = http://127.0.0.1:3
            """);
        Assert.Null(Resolve().For(AwsService.Ecr));
        _environment["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"] = "false";
        Assert.Equal("http://127.0.0.1:3/", Url(Resolve(), AwsService.Ecr));
    }

    [Fact]
    public void ExplicitUrlServesEveryServiceOverTheEnvironment()
    {
        _environment["AWS_ENDPOINT_URL_ECS"] = "http://127.0.0.1:1";
        EndpointSettings settings = Resolve(new Uri("http://127.0.0.1:8"));
        Assert.All(AwsService.All, service => Assert.Equal("http://127.0.0.1:8/", Url(settings, service)));
    }

    [Fact]
    public void FipsAndDualStackComeFromTheSwitchThenTheEnvironmentThenTheProfile()
    {
        Config("""
            [default]
            use_fips_endpoint = true
            use_dualstack_endpoint = true
            """);
        EndpointSettings fromProfile = Resolve();
        Assert.True(fromProfile.UseFips);
        Assert.True(fromProfile.UseDualStack);

        _environment["AWS_USE_FIPS_ENDPOINT"] = "false";
        _environment["AWS_USE_DUALSTACK_ENDPOINT"] = "false";
        EndpointSettings fromEnvironment = Resolve();
        Assert.False(fromEnvironment.UseFips);
        Assert.False(fromEnvironment.UseDualStack);

        EndpointSettings fromSwitches = Resolve(fips: true, dualStack: true);
        Assert.True(fromSwitches.UseFips);
        Assert.True(fromSwitches.UseDualStack);
        Assert.Equal("https://ecs-fips.us-gov-east-1.api.aws/", new ServiceEndpoints(fromSwitches).Ecs("us-gov-east-1").ToString());
    }

    [Fact]
    public void FipsDoesNotApplyToAConfiguredUrlAsInBotocore()
    {
        _environment["AWS_ENDPOINT_URL_ECR"] = "http://127.0.0.1:1";
        _environment["AWS_USE_FIPS_ENDPOINT"] = "true";
        var endpoints = new ServiceEndpoints(Resolve());
        Assert.Equal("http://127.0.0.1:1/", endpoints.Ecr("us-east-1").ToString());
        Assert.Equal("https://ecs-fips.us-east-1.amazonaws.com/", endpoints.Ecs("us-east-1").ToString());
    }

    [Theory]
    [InlineData("AWS_ENDPOINT_URL_ECR", "localhost:4566", "AWS_ENDPOINT_URL_ECR")]
    [InlineData("AWS_ENDPOINT_URL", "ftp://127.0.0.1/", "AWS_ENDPOINT_URL")]
    [InlineData("AWS_USE_FIPS_ENDPOINT", "yes", "AWS_USE_FIPS_ENDPOINT")]
    [InlineData("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "1", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")]
    public void AnUnusableValueIsAnErrorNamingTheVariable(string variable, string value, string target)
    {
        _environment[variable] = value;
        var error = Assert.Throws<EndpointConfigurationException>(() => Resolve());
        Assert.Equal(target, error.Target);
        Assert.Contains(variable, error.Message);
        Assert.Contains(value, error.Message);
    }

    [Fact]
    public void AMissingServicesSectionIsAnErrorNamingIt()
    {
        Config("""
            [default]
            services = nowhere
            """);
        var error = Assert.Throws<EndpointConfigurationException>(() => Resolve());
        Assert.Contains("[services nowhere]", error.Message);
        Assert.Equal(Path.Combine(_folder, "config"), error.Target);
    }

    [Fact]
    public void ABadProfileUrlNamesTheProfileAndFile()
    {
        Config("""
            [profile dev]
            endpoint_url = not a url
            """);
        var error = Assert.Throws<EndpointConfigurationException>(() => Resolve(profile: "dev"));
        Assert.Contains("profile 'dev' in " + Path.Combine(_folder, "config"), error.Message);
    }

    [Fact]
    public void ExplicitUrlWithFipsOrDualStackIsRejected()
    {
        var error = Assert.Throws<EndpointConfigurationException>(() => Resolve(new Uri("http://127.0.0.1:8"), fips: true));
        Assert.Equal("UseFipsEndpoint", error.Target);
        Assert.Throws<EndpointConfigurationException>(() => Resolve(new Uri("http://127.0.0.1:8"), dualStack: true));
        Assert.NotNull(Resolve(new Uri("http://127.0.0.1:8"), fips: false));
    }

    [Fact]
    public void ANewServiceGetsItsVariableAndConfigKeyFromItsServiceId()
    {
        var elb = new AwsService("Elastic Load Balancing v2", "elbv2");
        Assert.Equal("AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2", elb.EnvironmentVariable);
        Assert.Equal("elastic_load_balancing_v2", elb.ConfigKey);
        Assert.Equal("AWS_ENDPOINT_URL_ORGANIZATIONS", new AwsService("Organizations", "organizations").EnvironmentVariable);
    }
}
