using AwsContainerInventory.Wire.Endpoints;

namespace AwsContainerInventory.Tests.Wire.Endpoints;

/// <summary>The rule-set evaluator's semantics, on small rule sets written here.</summary>
public sealed class EndpointRuleSetTests
{
    private static readonly AwsPartitions Partitions = ServiceEndpointsTests.SyntheticPartitions(true, true);

    private static ResolvedEndpoint Resolve(string rules, params (string Name, object? Value)[] input) =>
        EndpointRuleSet.Parse(rules).Resolve(input.ToDictionary(p => p.Name, p => p.Value), Partitions);

    private const string Parameters = """
        "parameters": {"Region": {"type": "string"}, "Flag": {"type": "boolean", "required": true, "default": false}}
        """;

    [Fact]
    public void TheFirstMatchingRuleWinsAndTemplatesReadAssignedPartitions()
    {
        string rules = "{" + Parameters + """
            , "rules": [
              {"type": "endpoint", "conditions": [{"fn": "booleanEquals", "argv": [{"ref": "Flag"}, true]}], "endpoint": {"url": "https://flag.{Region}"}},
              {"type": "endpoint", "conditions": [{"fn": "aws.partition", "argv": [{"ref": "Region"}], "assign": "P"}],
               "endpoint": {"url": "https://svc.{Region}.{P#dnsSuffix}/{{literal}}"}}]}
            """;
        Assert.Equal("https://svc.zz-north-1.example.test/%7Bliteral%7D", Resolve(rules, ("Region", "zz-north-1")).Url.AbsoluteUri);
        Assert.Equal("https://flag.zz-north-1/", Resolve(rules, ("Region", "zz-north-1"), ("Flag", true)).Url.ToString());
    }

    [Fact]
    public void ATreeCommitsToItsSubRulesAndErrorsCarryTheirMessage()
    {
        string rules = "{" + Parameters + """
            , "rules": [
              {"type": "tree", "conditions": [{"fn": "isSet", "argv": [{"ref": "Region"}]}], "rules": [
                {"type": "error", "conditions": [{"fn": "not", "argv": [{"fn": "stringEquals", "argv": [{"ref": "Region"}, "zz-north-1"]}]}],
                 "error": "Region {Region} is not served"}]},
              {"type": "endpoint", "conditions": [], "endpoint": {"url": "https://fallback"}}]}
            """;
        Assert.Equal("Region zz-south-2 is not served", Assert.Throws<EndpointResolutionException>(() => Resolve(rules, ("Region", "zz-south-2"))).Message);
        // The tree matched but none of its rules did: botocore goes on to the next top-level rule.
        Assert.Equal("https://fallback/", Resolve(rules, ("Region", "zz-north-1")).Url.ToString());
        Assert.Equal("https://fallback/", Resolve(rules).Url.ToString());
    }

    [Fact]
    public void GetAttrReadsPartitionFlagsAndSigningRegionsAreKept()
    {
        string rules = "{" + Parameters + """
            , "rules": [
              {"type": "endpoint", "conditions": [
                 {"fn": "aws.partition", "argv": [{"ref": "Region"}], "assign": "P"},
                 {"fn": "booleanEquals", "argv": [true, {"fn": "getAttr", "argv": [{"ref": "P"}, "supportsFIPS"]}]}],
               "endpoint": {"url": "https://global.{P#dnsSuffix}", "properties": {"authSchemes": [{"name": "sigv4", "signingRegion": "{P#implicitGlobalRegion}"}]}}}]}
            """;
        ResolvedEndpoint endpoint = Resolve(rules, ("Region", "zz-north-1"));
        Assert.Equal("https://global.example.test/", endpoint.Url.ToString());
        Assert.Equal("zz-north-1", endpoint.SigningRegion);
    }

    [Fact]
    public void ARequiredParameterWithoutValueOrDefaultIsAnError()
    {
        string rules = """{"parameters": {"Needed": {"type": "string", "required": true}}, "rules": []}""";
        Assert.Contains("Needed", Assert.Throws<EndpointResolutionException>(() => Resolve(rules)).Message);
    }

    [Fact]
    public void NoMatchingRuleIsAnError() =>
        Assert.StartsWith("No endpoint found", Assert.Throws<EndpointResolutionException>(() =>
            Resolve("{" + Parameters + ", \"rules\": []}", ("Region", "zz-north-1"))).Message);

    [Fact]
    public void AnUnknownFunctionIsAnErrorNotAGuess()
    {
        string rules = "{" + Parameters + """
            , "rules": [{"type": "endpoint", "conditions": [{"fn": "parseURL", "argv": ["https://x"]}], "endpoint": {"url": "https://x"}}]}
            """;
        Assert.Contains("parseURL", Assert.Throws<EndpointResolutionException>(() => Resolve(rules, ("Region", "zz-north-1"))).Message);
    }

    [Fact]
    public void EveryEmbeddedRuleSetUsesOnlyImplementedFunctions()
    {
        foreach (AwsService service in AwsService.All)
            Assert.All(service.RuleSet.FunctionNames, name => Assert.Contains(name, EndpointRuleSet.SupportedFunctions));
    }
}
