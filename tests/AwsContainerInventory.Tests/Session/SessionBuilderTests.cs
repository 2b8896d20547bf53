using System.Management.Automation;
using System.Security;
using AwsContainerInventory.Session;
using AwsContainerInventory.Tests.Support;
using AwsContainerInventory.Wire;

namespace AwsContainerInventory.Tests.Session;

/// <summary>
/// Connect-AwsInventory's resolution order, through the IDefaultChains seam (no AWSSDK.Core, no process environment):
/// credentials from explicit keys, else the profile, else the default chain; regions from -Region, else AWS_REGION,
/// else AWS_DEFAULT_REGION, else the region of the profile given, else of AWS_PROFILE, else of "default".
/// </summary>
public sealed class SessionBuilderTests
{
    private const string KeyId = "AKIDEXAMPLEBUILDER01";
    private readonly FakeDefaultChains _chains = new();
    private readonly Dictionary<string, string> _environment = new(StringComparer.Ordinal)
    {
        // A config file that does not exist: the endpoint chain must not read the machine's ~/.aws/config.
        ["AWS_CONFIG_FILE"] = Path.Combine(Path.GetTempPath(), "aci-builder-" + Guid.NewGuid().ToString("N"), "config"),
    };
    private readonly List<string> _warnings = new();

    private SessionBuilder Builder => new(() => _chains, name => _environment.TryGetValue(name, out string? value) ? value : null);

    private InventorySession Build(ConnectSettings settings) => Builder.Build(settings, _warnings.Add);

    private static ConnectSettings Keys(string[]? regions = null, string? profile = null) =>
        new() { AccessKey = KeyId, SecretKey = Secure("builder-secret"), ProfileName = profile, Regions = regions };

    private static SecureString Secure(string text)
    {
        var secure = new SecureString();
        foreach (char c in text) secure.AppendChar(c);
        secure.MakeReadOnly();
        return secure;
    }

    private ErrorRecord Rejected(ConnectSettings settings) => Assert.Throws<InvalidSessionSettingsException>(() => Build(settings)).ErrorRecord;

    [Fact]
    public void Explicit_keys_come_first_even_beside_a_profile()
    {
        _chains.ProfileRegions["prod"] = "eu-west-1";

        InventorySession session = Build(Keys(profile: "prod"));

        Assert.Equal("AccessKey " + AwsCredentials.MaskKeyId(KeyId), session.CredentialSource);
        Assert.Empty(_chains.CredentialLookups);
        // The profile still gives what keys do not: its region.
        Assert.Equal(new[] { "eu-west-1" }, session.Regions);
        Assert.Equal("profile 'prod'", session.RegionSource);
    }

    [Fact]
    public async Task A_session_token_travels_with_the_keys()
    {
        ConnectSettings settings = Keys(new[] { "us-east-1" });
        settings.SessionToken = Secure("builder-token");

        InventorySession session = Build(settings);

        Assert.EndsWith(" with session token", session.CredentialSource);
        AwsCredentials credentials = await session.BaseCredentials.GetCredentialsAsync(CancellationToken.None);
        Assert.Equal(KeyId, credentials.AccessKeyId);
        Assert.Equal("builder-token", credentials.SessionToken);
    }

    [Fact]
    public void Without_keys_the_profile_gives_the_credentials()
    {
        _chains.ProfileRegions["prod"] = "eu-west-1";

        InventorySession session = Build(new ConnectSettings { ProfileName = "prod" });

        Assert.Equal("Profile 'prod'", session.CredentialSource);
        Assert.Equal(new string?[] { "prod" }, _chains.CredentialLookups);
        Assert.Equal("prod", session.ProfileName);
    }

    [Fact]
    public void Without_keys_or_a_profile_the_default_chain_gives_them()
    {
        InventorySession session = Build(new ConnectSettings { Regions = new[] { "us-east-1" } });

        Assert.Equal("Default credential chain", session.CredentialSource);
        Assert.Equal(new string?[] { null }, _chains.CredentialLookups);
        Assert.False(session.IsDefault);
    }

    [Fact]
    public void An_empty_secret_key_is_rejected_before_any_chain_is_asked()
    {
        var settings = new ConnectSettings { AccessKey = KeyId, SecretKey = new SecureString(), Regions = new[] { "us-east-1" } };

        var error = Assert.Throws<PSArgumentException>(() => Build(settings));

        Assert.Equal("SecretKey", error.ParamName);
        Assert.Empty(_chains.CredentialLookups);
    }

    [Fact]
    public void An_unknown_profile_stops_before_its_credentials_or_region_are_asked_for()
    {
        ErrorRecord error = Rejected(new ConnectSettings { ProfileName = "nope" });

        Assert.Equal("AwsProfileNotFound", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal("nope", error.TargetObject);
        Assert.StartsWith("Profile 'nope' was not found in the test's profile list.", error.Exception.Message);
        Assert.Empty(_chains.CredentialLookups);
        Assert.Empty(_chains.RegionLookups);
    }

    [Fact]
    public void The_region_parameter_wins_over_the_environment_and_the_profile()
    {
        _environment["AWS_REGION"] = "eu-west-1";
        _environment["AWS_DEFAULT_REGION"] = "us-west-2";
        _chains.ProfileRegions["prod"] = "ap-south-1";

        InventorySession session = Build(Keys(new[] { "EU-North-1, eu-north-1", "us-east-2" }, profile: "prod"));

        Assert.Equal(new[] { "eu-north-1", "us-east-2" }, session.Regions);
        Assert.Equal("-Region", session.RegionSource);
        Assert.Empty(_chains.RegionLookups);
    }

    [Fact]
    public void Without_it_each_source_is_taken_only_when_every_one_before_it_is_unset()
    {
        _environment["AWS_REGION"] = "eu-west-1";
        _environment["AWS_DEFAULT_REGION"] = "us-west-2";
        _environment["AWS_PROFILE"] = "ci";
        _chains.ProfileRegions["prod"] = "ap-south-1";
        _chains.ProfileRegions["ci"] = "ca-central-1";
        _chains.ProfileRegions["default"] = "sa-east-1";

        var seen = new List<(string?, string?)>();
        void Take(string? profile)
        {
            InventorySession session = Build(Keys(profile: profile));
            seen.Add((session.Regions.SingleOrDefault(), session.RegionSource));
        }
        Take("prod");
        _environment.Remove("AWS_REGION");
        Take("prod");
        _environment.Remove("AWS_DEFAULT_REGION");
        Take("prod");
        Take(null);
        _environment.Remove("AWS_PROFILE");
        Take(null);
        _chains.ProfileRegions.Remove("default");
        Take(null);

        Assert.Equal(new (string?, string?)[]
        {
            ("eu-west-1", "AWS_REGION"),
            ("us-west-2", "AWS_DEFAULT_REGION"),
            ("ap-south-1", "profile 'prod'"),
            ("ca-central-1", "profile 'ci'"),
            ("sa-east-1", "profile 'default'"),
            (null, null),
        }, seen);
        Assert.Equal(new[] { "prod", "ci", "default", "default" }, _chains.RegionLookups);
        Assert.Equal("No region was given and none was found in AWS_REGION, AWS_DEFAULT_REGION or the region of profile 'default'; pass -Region here or to each Get- cmdlet.",
            Assert.Single(_warnings));
    }

    [Fact]
    public void Region_all_sends_its_one_region_calls_to_the_region_chains_region_else_us_east_1()
    {
        _environment["AWS_DEFAULT_REGION"] = "EU-Central-1";
        InventorySession session = Build(Keys(new[] { "all" }));
        Assert.Equal(new[] { RegionList.All }, session.Regions);
        Assert.Equal("-Region", session.RegionSource);
        Assert.Equal("eu-central-1", session.HomeRegion);

        _environment.Remove("AWS_DEFAULT_REGION");
        Assert.Equal("us-east-1", Build(Keys(new[] { "*", "eu-west-1" })).HomeRegion);
    }

    [Fact]
    public void A_region_from_the_environment_that_no_partition_has_names_its_source()
    {
        _environment["AWS_REGION"] = "xx-moon-1";

        ErrorRecord error = Rejected(Keys());

        Assert.Equal("AwsInvalidRegion", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Equal("xx-moon-1", error.TargetObject);
        Assert.StartsWith("The region from AWS_REGION is not valid. ", error.ErrorDetails.Message);
    }

    [Theory]
    [InlineData("OrganizationalUnitId")]
    [InlineData("ExcludeAccountId")]
    [InlineData("Shard")]
    public void Account_options_that_need_others_are_rejected_before_the_region_chain_is_read(string parameter)
    {
        ConnectSettings settings = Keys();
        if (parameter == "OrganizationalUnitId") settings.OrganizationalUnitIds = new[] { "ou-ab12-cd34ef56" };
        if (parameter == "ExcludeAccountId") settings.ExcludedAccountIds = new[] { "111111111111" };
        if (parameter == "Shard") settings.Shard = "1/2";

        ErrorRecord error = Rejected(settings);

        Assert.Equal("AwsInvalidAccountSelection", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Equal(parameter, error.TargetObject);
        Assert.StartsWith("-" + parameter + " ", error.ErrorDetails.Message);
        Assert.Empty(_chains.RegionLookups);
    }

    [Fact]
    public void An_endpoint_url_with_fips_is_rejected_naming_the_switch()
    {
        ConnectSettings settings = Keys(new[] { "us-east-1" });
        settings.EndpointUrl = new Uri("http://127.0.0.1:9");
        settings.UseFipsEndpoint = true;

        ErrorRecord error = Rejected(settings);

        Assert.Equal("AwsInvalidEndpointConfiguration", error.FullyQualifiedErrorId);
        Assert.Equal("UseFipsEndpoint", error.TargetObject);
    }

    [Fact]
    public void Roles_and_account_settings_are_split_and_kept()
    {
        ConnectSettings settings = Keys(new[] { "us-east-1" });
        settings.RoleArns = new[] { "arn:aws:iam::111111111111:role/R, arn:aws:iam::222222222222:role/R", "arn:aws:iam::111111111111:role/R" };
        settings.ExcludedAccountIds = new[] { "222222222222" };

        InventorySession session = Build(settings);

        Assert.Equal(new[] { "arn:aws:iam::111111111111:role/R", "arn:aws:iam::222222222222:role/R" }, session.RoleArns);
        Assert.Equal(new[] { "222222222222" }, session.ExcludedAccountIds);
        Assert.Equal(new[] { "111111111111" }, session.AccountIds);
    }

    [Fact]
    public void The_default_session_takes_the_default_chains_credentials_and_region()
    {
        _environment["AWS_DEFAULT_REGION"] = "eu-west-2";

        InventorySession session = Builder.BuildDefault();

        Assert.True(session.IsDefault);
        Assert.Equal(new string?[] { null }, _chains.CredentialLookups);
        Assert.Equal(new[] { "eu-west-2" }, session.Regions);
        Assert.Equal("AWS_DEFAULT_REGION", session.RegionSource);
    }
}
