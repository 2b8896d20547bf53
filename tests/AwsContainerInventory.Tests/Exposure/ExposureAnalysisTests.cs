using System.Text.Json;
using AwsContainerInventory.Exposure;

namespace AwsContainerInventory.Tests.Exposure;

/// <summary>Each kind of finding from records as the API maps them, and the cross-account join.</summary>
public class ExposureAnalysisTests
{
    private const string A = "111111111111";
    private const string B = "222222222222";
    private static readonly DateTime Now = DateTime.UtcNow;

    private const string OpenPolicy = """{"Version":"2012-10-17","Statement":[{"Sid":"PullForAll","Effect":"Allow","Principal":"*","Action":["ecr:BatchGetImage","ecr:GetDownloadUrlForLayer"]}]}""";
    private const string OrgPolicy = """{"Version":"2012-10-17","Statement":[{"Sid":"PullForOrg","Effect":"Allow","Principal":"*","Action":"ecr:BatchGetImage","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-abc123"}}}]}""";

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    private static EcrRepository Repository(string account, string name, string? policy, bool scanOnPush = true, string mutability = "IMMUTABLE") =>
        EcrRepositoryMapping.FromApi(Json($$"""
            {"repositoryArn":"arn:aws:ecr:us-east-1:{{account}}:repository/{{name}}","registryId":"{{account}}","repositoryName":"{{name}}",
             "repositoryUri":"{{account}}.dkr.ecr.us-east-1.amazonaws.com/{{name}}","imageTagMutability":"{{mutability}}",
             "imageScanningConfiguration":{"scanOnPush":{{(scanOnPush ? "true" : "false")}} } }
            """), policy, Array.Empty<KeyValuePair<string, string>>(), "us-east-1", Now);

    private static EcsTask Task(string account, string id, string image, params string[] publicIps)
    {
        var task = EcsTaskMapping.FromApi(Json($$"""
            {"taskArn":"arn:aws:ecs:us-east-1:{{account}}:task/prod/{{id}}","clusterArn":"arn:aws:ecs:us-east-1:{{account}}:cluster/prod",
             "taskDefinitionArn":"arn:aws:ecs:us-east-1:{{account}}:task-definition/web:3","lastStatus":"RUNNING","desiredStatus":"RUNNING",
             "containers":[{"name":"app","image":"{{image}}"}],
             "attachments":[{"type":"ElasticNetworkInterface","details":[{"name":"networkInterfaceId","value":"eni-{{id}}"}]}]}
            """), "us-east-1", Now);
        task.SetPublicIpAddresses(publicIps);
        return task;
    }

    private static EcsService Service(string account, string name, string assignPublicIp) =>
        EcsServiceMapping.FromApi(Json($$"""
            {"serviceArn":"arn:aws:ecs:us-east-1:{{account}}:service/prod/{{name}}","serviceName":"{{name}}","clusterArn":"arn:aws:ecs:us-east-1:{{account}}:cluster/prod",
             "taskDefinition":"arn:aws:ecs:us-east-1:{{account}}:task-definition/{{name}}:1",
             "networkConfiguration":{"awsvpcConfiguration":{"subnets":["subnet-1"],"assignPublicIp":"{{assignPublicIp}}" } } }
            """), "us-east-1", Now);

    private static EcsTaskDefinition Definition(string account, string family, params string[] environmentNames) =>
        EcsTaskDefinitionMapping.FromApi(Json($$"""
            {"taskDefinitionArn":"arn:aws:ecs:us-east-1:{{account}}:task-definition/{{family}}:1","family":"{{family}}","revision":1,
             "containerDefinitions":[{"name":"app","image":"nginx","environment":[{{string.Join(",", environmentNames.Select(n => $$"""{"name":"{{n}}","value":"s3cr3t-VALUE-must-not-leak"}"""))}}]}]}
            """), null, "us-east-1", Now);

    [Fact]
    public void Every_kind_is_found_once_with_its_severity_and_the_most_severe_come_first()
    {
        var analysis = new ExposureAnalysis();
        string publicImage = A + ".dkr.ecr.us-east-1.amazonaws.com/open/app:1.2";
        // The task in account B comes before the repository of account A: the join waits for the end of the run.
        foreach (object record in new object[]
        {
            Task(B, "t-public", publicImage, "203.0.113.10"),
            Task(B, "t-private", publicImage),
            Task(A, "t-alone", A + ".dkr.ecr.us-east-1.amazonaws.com/private/app@sha256:" + new string('a', 64), "198.51.100.2"),
            Task(A, "t-quiet", "nginx:1.27"),
            Repository(A, "open/app", OpenPolicy),
            Repository(A, "org/app", OrgPolicy),
            Repository(A, "private/app", null, scanOnPush: false, mutability: "MUTABLE"),
            Service(B, "web", "ENABLED"),
            Service(B, "worker", "DISABLED"),
            Definition(B, "web", "DB_PASSWORD", "LOG_LEVEL", "API_TOKEN"),
            Definition(B, "worker", "LOG_LEVEL"),
        })
        {
            analysis.Add(record);
        }

        var findings = analysis.Complete();

        var expected = new (ExposureKind Kind, string Arn)[]
        {
            (ExposureKind.PublicTaskRunsPublicImage, $"arn:aws:ecs:us-east-1:{B}:task/prod/t-public"),
            (ExposureKind.PublicTask, $"arn:aws:ecs:us-east-1:{A}:task/prod/t-alone"),
            (ExposureKind.PublicTask, $"arn:aws:ecs:us-east-1:{B}:task/prod/t-public"),
            (ExposureKind.PublicRepository, $"arn:aws:ecr:us-east-1:{A}:repository/open/app"),
            (ExposureKind.TaskRunsPublicImage, $"arn:aws:ecs:us-east-1:{B}:task/prod/t-private"),
            (ExposureKind.ServiceAssignsPublicIp, $"arn:aws:ecs:us-east-1:{B}:service/prod/web"),
            (ExposureKind.SecretLikeEnvironmentName, $"arn:aws:ecs:us-east-1:{B}:task-definition/web:1"),
            (ExposureKind.ScanOnPushDisabled, $"arn:aws:ecr:us-east-1:{A}:repository/private/app"),
            (ExposureKind.MutableImageTags, $"arn:aws:ecr:us-east-1:{A}:repository/private/app"),
        };
        Assert.Equal(expected, findings.Select(f => (f.Kind, f.ResourceArn)));
        Assert.Equal(findings.Select(f => f.Severity).OrderByDescending(s => s), findings.Select(f => f.Severity));
        Assert.Equal(ExposureSeverity.Critical, findings[0].Severity);

        var combination = findings[0];
        Assert.Equal(B, combination.AccountId);
        Assert.Equal("us-east-1", combination.Region);
        Assert.Equal(new[] { $"arn:aws:ecr:us-east-1:{A}:repository/open/app" }, combination.RelatedArns);
        Assert.Contains("203.0.113.10", combination.Reason);
        Assert.Contains("open/app", combination.Reason);
        Assert.Contains("PullForAll", Assert.Single(findings, f => f.Kind == ExposureKind.PublicRepository).Reason);

        var secrets = Assert.Single(findings, f => f.Kind == ExposureKind.SecretLikeEnvironmentName);
        Assert.Contains("DB_PASSWORD, API_TOKEN", secrets.Reason);
        Assert.DoesNotContain("LOG_LEVEL", secrets.Reason);
        Assert.All(findings, f => Assert.DoesNotContain("s3cr3t", f.Reason + f));
        Assert.All(findings, f => Assert.Equal(f.Kind + ":" + f.ResourceArn, f.Uid));
    }

    [Fact]
    public void Task_definitions_in_use_are_claimed_once_per_region_and_account()
    {
        var analysis = new ExposureAnalysis();
        analysis.Add(Task(A, "t1", "nginx"));
        analysis.Add(Service(A, "web", "DISABLED"));
        analysis.Add(Task(B, "t2", "nginx"));

        Assert.Equal(new[] { $"arn:aws:ecs:us-east-1:{A}:task-definition/web:1", $"arn:aws:ecs:us-east-1:{A}:task-definition/web:3" },
            analysis.ClaimTaskDefinitionsInUse("us-east-1", A));
        Assert.Empty(analysis.ClaimTaskDefinitionsInUse("us-east-1", A));   // a second pair of the same account asks nothing again
        Assert.Empty(analysis.ClaimTaskDefinitionsInUse("eu-west-1", B));
        Assert.Equal(new[] { $"arn:aws:ecs:us-east-1:{B}:task-definition/web:3" }, analysis.ClaimTaskDefinitionsInUse("us-east-1", null));
    }

    [Fact]
    public void A_repository_public_only_under_a_condition_is_no_finding_and_taints_no_task()
    {
        var analysis = new ExposureAnalysis();
        analysis.Add(Repository(A, "org/app", OrgPolicy));
        analysis.Add(Task(B, "t1", A + ".dkr.ecr.us-east-1.amazonaws.com/org/app:latest", "203.0.113.1"));

        Assert.Equal(new[] { ExposureKind.PublicTask }, analysis.Complete().Select(f => f.Kind));
    }
}
