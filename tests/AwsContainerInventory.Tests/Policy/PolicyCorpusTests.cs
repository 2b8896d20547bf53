using AwsContainerInventory.Policy;

namespace AwsContainerInventory.Tests.Policy;

/// <summary>The analyzer against the corpus of realistic policies and AWS's verdicts on them.</summary>
public class PolicyCorpusTests
{
    public static TheoryData<PolicyCorpus.Case> Cases()
    {
        var data = new TheoryData<PolicyCorpus.Case>();
        foreach (PolicyCorpus.Case item in PolicyCorpus.Cases) data.Add(item);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Gives_AWSs_verdict(PolicyCorpus.Case item)
    {
        PolicyExposure exposure = PolicyAnalyzer.Analyze(item.Policy);

        Assert.Equal(item.Statements, string.Join(" | ", exposure.PublicStatements.Select(s => s.Sid + ":" + s.Verdict + ":" + s.Rule)));
        Assert.Equal(item.IsPublic, exposure.IsPublic);
        Assert.Equal(item.IsPublicUnconditionally, exposure.IsPublicUnconditionally);
    }

    [Fact]
    public void Covers_every_verdict_and_every_rule()
    {
        string all = string.Join(" | ", PolicyCorpus.Cases.Select(c => c.Statements));
        foreach (StatementVerdict verdict in Enum.GetValues<StatementVerdict>()) Assert.Contains(":" + verdict + ":", all);
        foreach (PolicyRule rule in Enum.GetValues<PolicyRule>())
            Assert.Contains(":" + rule, all);
        Assert.True(PolicyCorpus.Cases.Length >= 50);
        Assert.Equal(PolicyCorpus.Cases.Length, PolicyCorpus.Cases.Select(c => c.Name).Distinct().Count());
    }
}
