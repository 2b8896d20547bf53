using AwsContainerInventory.Session;

namespace AwsContainerInventory.Tests.Session;

/// <summary>The module's reader of the shared config file's endpoint keys, against botocore's parsing rules.</summary>
public sealed class SharedConfigFileTests
{
    private static SharedConfigFile Parse(string text) => SharedConfigFile.Parse("config", text.Split('\n'));

    [Fact]
    public void ReadsDefaultAndNamedProfilesButNotBareSections()
    {
        var file = Parse("""
            [default]
            endpoint_url = http://127.0.0.1:1
            [profile prod]
            endpoint_url = http://127.0.0.1:2
            [staging]
            endpoint_url = http://127.0.0.1:3
            """);
        Assert.Equal("http://127.0.0.1:1", file.Profile("default")!["endpoint_url"]);
        Assert.Equal("http://127.0.0.1:2", file.Profile("prod")!["endpoint_url"]);
        Assert.Null(file.Profile("staging"));
    }

    [Fact]
    public void ReadsServicesSectionsWithTheirSubsections()
    {
        var file = Parse("""
            [profile dev]
            services = local
            [services local]
            ecr =
              endpoint_url = http://127.0.0.1:4566
            # a comment
            ecs =

              ; another
              endpoint_url = http://127.0.0.1:4567
            """);
        Assert.Equal("local", file.Profile("dev")!["services"]);
        Assert.Equal("http://127.0.0.1:4566", file.Services("local")!.Nested("ecr")!["endpoint_url"]);
        Assert.Equal("http://127.0.0.1:4567", file.Services("local")!.Nested("ecs")!["endpoint_url"]);
        Assert.Null(file.Services("local")!.Nested("ec2"));
    }

    [Fact]
    public void KeysAreCaseInsensitiveAndColonIsADelimiterAndHeadersMayHaveSpacesOrQuotes()
    {
        var file = Parse("""
            [ profile "my team" ]
            USE_FIPS_ENDPOINT: true
            """);
        Assert.Equal("true", file.Profile("my team")!["use_fips_endpoint"]);
    }

    [Fact]
    public void KeepsOnlyTheEndpointKeys()
    {
        var file = Parse("""
            [default]
            aws_secret_access_key = never-kept
            region = eu-west-1
            use_dualstack_endpoint = true
            """);
        Assert.Null(file.Profile("default")!["aws_secret_access_key"]);
        Assert.Null(file.Profile("default")!["region"]);
        Assert.Equal("true", file.Profile("default")!["use_dualstack_endpoint"]);
    }

    [Fact]
    public void AProfileSubsectionDoesNotLeakIntoTheProfile()
    {
        var file = Parse("""
            [default]
            s3 =
              endpoint_url = http://127.0.0.1:9
            """);
        Assert.Null(file.Profile("default")!["endpoint_url"]);
    }

    [Fact]
    public void ALaterSectionOfTheSameProfileReplacesTheEarlier()
    {
        var file = Parse("""
            [default]
            endpoint_url = http://127.0.0.1:1
            [profile default]
            use_fips_endpoint = true
            """);
        Assert.Null(file.Profile("default")!["endpoint_url"]);
        Assert.Equal("true", file.Profile("default")!["use_fips_endpoint"]);
    }

    [Fact]
    public void LocatesAwsConfigFileElseTheHomeFolder()
    {
        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        Assert.Equal("/tmp/x/config", SharedConfigFile.Locate(name => name == "AWS_CONFIG_FILE" ? "/tmp/x/config" : null));
        Assert.Equal(Path.Combine(home, "cfg"), SharedConfigFile.Locate(name => name == "AWS_CONFIG_FILE" ? "~/cfg" : null));
        Assert.Equal(Path.Combine(home, ".aws", "config"), SharedConfigFile.Locate(_ => null));
    }

    [Fact]
    public void AMissingFileHasNoProfiles()
    {
        var file = SharedConfigFile.Load(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "config"));
        Assert.False(file.Exists);
        Assert.Null(file.Profile("default"));
    }
}
