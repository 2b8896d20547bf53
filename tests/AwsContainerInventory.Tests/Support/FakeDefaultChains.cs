using AwsContainerInventory.Isolation;
using AwsContainerInventory.Session;
using AwsContainerInventory.Wire;

namespace AwsContainerInventory.Tests.Support;

/// <summary>The seam to AWSSDK.Core's chains, scripted: static credentials, profile regions from a dictionary, and a log of what was asked.</summary>
internal sealed class FakeDefaultChains : IDefaultChains
{
    public Dictionary<string, string> ProfileRegions { get; } = new(StringComparer.Ordinal);

    /// <summary>Each profile whose region was asked for, in order.</summary>
    public List<string> RegionLookups { get; } = new();

    /// <summary>Each credential provider asked for, in order: a profile name, or null for the default chain.</summary>
    public List<string?> CredentialLookups { get; } = new();

    public ICredentialProvider CreateCredentialProvider(string? profileName)
    {
        CredentialLookups.Add(profileName);
        return new StaticCredentialProvider(new AwsCredentials(CmdletHarness.AccessKey, CmdletHarness.SecretKey),
            profileName == null ? "Default credential chain" : "Profile '" + profileName + "'");
    }

    public string? ProfileRegion(string profileName)
    {
        RegionLookups.Add(profileName);
        return ProfileRegions.TryGetValue(profileName, out string? region) ? region : null;
    }

    public IReadOnlyList<string> ListProfileNames() => ProfileRegions.Keys.ToList();

    /// <summary>A profile exists when it has a scripted region.</summary>
    public bool ProfileExists(string profileName, out string searched)
    {
        searched = "the test's profile list";
        return ProfileRegions.ContainsKey(profileName);
    }

    /// <summary>STS is the real one (the AWS SDK's), over the session's handler: tests of the chains never reach it.</summary>
    public IStsClient CreateStsClient(StsClientSettings settings) =>
        ((IDefaultChains)new AwsContainerInventory.Engine.AwsSdkDefaultChains()).CreateStsClient(settings);
}
