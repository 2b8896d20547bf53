using System.Text.Json;
using AwsContainerInventory.Exposure;

namespace AwsContainerInventory.Tests.Exposure;

/// <summary>ScanOnPushDisabled by the registry scanning configuration; MUTABLE_WITH_EXCLUSION as mutable.</summary>
public class RegistryScanningTests
{
    private const string A = "111111111111";
    private const string B = "222222222222";

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    private static RegistryScanningConfiguration Configuration(string scanType, string rules, string registryId = A) =>
        RegistryScanningConfiguration.FromApi(Json($$"""{"registryId":"{{registryId}}","scanningConfiguration":{"scanType":"{{scanType}}","rules":{{rules}} } }"""));

    private static string Rule(string frequency, params string[] filters) =>
        $$"""{"scanFrequency":"{{frequency}}","repositoryFilters":[{{string.Join(",", filters.Select(f => $$"""{"filter":"{{f}}","filterType":"WILDCARD"}"""))}}]}""";

    private static EcrRepository Repository(string account, string name, bool scanOnPush, string mutability = "IMMUTABLE", string region = "us-east-1") =>
        EcrRepositoryMapping.FromApi(Json($$"""
            {"repositoryArn":"arn:aws:ecr:{{region}}:{{account}}:repository/{{name}}","registryId":"{{account}}","repositoryName":"{{name}}",
             "imageTagMutability":"{{mutability}}","imageScanningConfiguration":{"scanOnPush":{{(scanOnPush ? "true" : "false")}} } }
            """), null, Array.Empty<KeyValuePair<string, string>>(), region, DateTime.UtcNow);

    [Theory]
    [InlineData("prod", "team/prod-web", true)]        // no wildcard: contained anywhere
    [InlineData("prod", "team/web", false)]
    [InlineData("prod-*", "prod-web", true)]
    [InlineData("prod-*", "team/prod-web", false)]     // with a wildcard the whole name must match
    [InlineData("*-api", "orders-api", true)]
    [InlineData("*-api", "orders-api-v2", false)]
    [InlineData("*", "anything/at/all", true)]
    [InlineData("team/*/app", "team/a/b/app", true)]
    [InlineData("a.b", "axb", false)]                  // '.' is a character, not a pattern
    public void Filters_match_as_ecr_documents(string filter, string repository, bool matches) =>
        Assert.Equal(matches, ScanningRule.FilterMatches(filter, repository));

    [Fact]
    public void Enhanced_scanning_covers_the_repositories_its_rules_match_whatever_their_own_flag()
    {
        var enhanced = Configuration("ENHANCED", "[" + Rule("CONTINUOUS_SCAN", "prod-*") + "," + Rule("SCAN_ON_PUSH", "ci") + "]");

        Assert.Null(enhanced.WhyNotScanned("prod-web", repositoryScanOnPush: false));
        Assert.Null(enhanced.WhyNotScanned("tools/ci-runner", repositoryScanOnPush: false));
        string? reason = enhanced.WhyNotScanned("dev/web", repositoryScanOnPush: true);
        Assert.NotNull(reason);
        Assert.Contains("enhanced scanning", reason);
        Assert.Contains("dev/web", reason);
    }

    [Fact]
    public void Basic_scanning_scans_on_push_what_a_rule_matches_and_otherwise_the_repository_flag_decides()
    {
        var basic = Configuration("BASIC", "[" + Rule("SCAN_ON_PUSH", "web") + "]");
        Assert.Null(basic.WhyNotScanned("my-web-app", repositoryScanOnPush: false));
        Assert.Null(basic.WhyNotScanned("worker", repositoryScanOnPush: true));
        Assert.Contains("scanOnPush setting (deprecated) is off", basic.WhyNotScanned("worker", repositoryScanOnPush: false));

        // A MANUAL rule scans nothing on push; a registry without configuration is BASIC without rules.
        var manual = Configuration("BASIC", "[" + Rule("MANUAL", "*") + "]");
        Assert.NotNull(manual.WhyNotScanned("worker", repositoryScanOnPush: false));
        var none = RegistryScanningConfiguration.FromApi(Json($$"""{"registryId":"{{A}}"}"""));
        Assert.Equal("BASIC", none.ScanType);
        Assert.NotNull(none.WhyNotScanned("worker", repositoryScanOnPush: null));
    }

    [Fact]
    public void The_analysis_judges_each_repository_by_its_own_registry_and_says_when_it_fell_back_to_the_flag()
    {
        var analysis = new ExposureAnalysis();
        analysis.RegistryScanning.AddConfiguration("us-east-1", A, Configuration("ENHANCED", "[" + Rule("CONTINUOUS_SCAN", "prod-*") + "]"));
        analysis.RegistryScanning.AddUnavailable("us-east-1", B, "ecr:GetRegistryScanningConfiguration was denied");
        analysis.Add(Repository(A, "prod-web", scanOnPush: false));                    // enhanced rule: scanned
        analysis.Add(Repository(A, "dev-tools", scanOnPush: true));                    // enhanced, no rule: not scanned, flag or not
        analysis.Add(Repository(B, "legacy", scanOnPush: false, mutability: "MUTABLE_WITH_EXCLUSION"));
        analysis.Add(Repository(B, "kept", scanOnPush: true, mutability: "IMMUTABLE_WITH_EXCLUSION"));
        // A region whose configuration was never read (no pair there): the flag decides, and the reason says so.
        analysis.Add(Repository(A, "west", scanOnPush: false, region: "us-west-2"));

        var findings = analysis.Complete();

        var scan = findings.Where(f => f.Kind == ExposureKind.ScanOnPushDisabled).ToDictionary(f => f.Name);
        Assert.Equal(new[] { "dev-tools", "legacy", "west" }, scan.Keys.OrderBy(n => n));
        Assert.Contains("enhanced scanning", scan["dev-tools"].Reason);
        Assert.Contains("ecr:GetRegistryScanningConfiguration was denied", scan["legacy"].Reason);
        Assert.Contains("own scanOnPush setting (deprecated)", scan["legacy"].Reason);
        Assert.Contains("it was not read", scan["west"].Reason);
        Assert.All(scan.Values, f => Assert.Equal(ExposureSeverity.Low, f.Severity));
        Assert.Equal($"arn:aws:ecr:us-east-1:{B}:repository/legacy", scan["legacy"].ResourceArn);
        Assert.Equal(B, scan["legacy"].AccountId);

        var mutable = Assert.Single(findings, f => f.Kind == ExposureKind.MutableImageTags);
        Assert.Equal("legacy", mutable.Name);
        Assert.Contains("MUTABLE_WITH_EXCLUSION", mutable.Reason);
    }
}
