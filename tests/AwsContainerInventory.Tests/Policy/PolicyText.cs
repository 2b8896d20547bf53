using AwsContainerInventory.Policy;

namespace AwsContainerInventory.Tests.Policy;

/// <summary>Builds small repository policies for the rule tests, and reads back the one public statement.</summary>
internal static class PolicyText
{
    /// <summary>A 2012-10-17 policy of one Allow statement (Sid "S") to <paramref name="principal"/> with <paramref name="condition"/>.</summary>
    public static string Allow(string? condition = null, string principal = "\"*\"", string action = "\"ecr:BatchGetImage\"") =>
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"S\",\"Effect\":\"Allow\",\"Principal\":" + principal
        + ",\"Action\":" + action + (condition == null ? "" : ",\"Condition\":" + condition) + "}]}";

    /// <summary>One condition test: <c>{"op":{"key":values}}</c>, values as JSON (a string or an array).</summary>
    public static string Condition(string op, string key, string values) => "{\"" + op + "\":{\"" + key + "\":" + values + "}}";

    public static PublicStatement Single(string policy) => Assert.Single(PolicyAnalyzer.Analyze(policy).PublicStatements);
}
