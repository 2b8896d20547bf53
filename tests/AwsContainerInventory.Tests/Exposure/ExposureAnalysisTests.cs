using System.Text.Json;
using AwsContainerInventory.Exposure;
using AwsContainerInventory.Exposure.Reachability;
using AwsContainerInventory.Wire;

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

    private static JsonElement TaskJson(string account, string id, string image) => Json($$"""
            {"taskArn":"arn:aws:ecs:us-east-1:{{account}}:task/prod/{{id}}","clusterArn":"arn:aws:ecs:us-east-1:{{account}}:cluster/prod",
             "taskDefinitionArn":"arn:aws:ecs:us-east-1:{{account}}:task-definition/web:3","lastStatus":"RUNNING","desiredStatus":"RUNNING",
             "containers":[{"name":"app","image":"{{image}}","imageDigest":"sha256:{{id}}"}],
             "attachments":[{"type":"ElasticNetworkInterface","details":[{"name":"networkInterfaceId","value":"eni-{{id}}"},{"name":"subnetId","value":"subnet-1"}]}]}
            """);

    private static EcsTask Task(string account, string id, string image, params string[] publicIps) =>
        EcsTaskMapping.FromApi(TaskJson(account, id, image), "us-east-1", Now).WithPublicIpAddresses(publicIps);

    /// <summary>What the pair's readers tell the analysis about the task: its interface (one security group, sg-open or sg-closed).</summary>
    private static void Network(ExposureAnalysis analysis, string account, string id, string image, string group, params string[] publicIps)
    {
        analysis.Reachability.OnTask(TaskJson(account, id, image));
        analysis.Reachability.OnNetworkInterface(new NetworkInterfaceAddresses("eni-" + id, publicIps, Array.Empty<string>(), "10.0.0.9", new[] { group }, "subnet-1", "vpc-1"));
    }

    /// <summary>A pair's network: sg-open admits all traffic from anywhere, sg-closed nothing; the main table routes to igw-1.</summary>
    private static void Pair(ExposureAnalysis analysis, string account)
    {
        var network = new ScopeNetwork("us-east-1", account);
        network.SecurityGroups["sg-open"] = new SecurityGroupRules("sg-open", null, "vpc-1", new[] { new IngressRule("-1", null, null, new[] { "0.0.0.0/0" }, Array.Empty<string>()) });
        network.SecurityGroups["sg-closed"] = new SecurityGroupRules("sg-closed", null, "vpc-1", Array.Empty<IngressRule>());
        network.RouteTables.Add(new RouteTableRoutes("rtb-1", "vpc-1", true, Array.Empty<string>(), new[] { new RouteEntry("0.0.0.0/0", null, "igw-1", "active") }));
        analysis.Reachability.AddNetwork(network);
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
        Network(analysis, B, "t-public", publicImage, "sg-open", "203.0.113.10");
        Network(analysis, B, "t-private", publicImage, "sg-open");
        Network(analysis, A, "t-alone", "private/app", "sg-closed", "198.51.100.2");
        Pair(analysis, A);
        Pair(analysis, B);

        var findings = analysis.Complete();

        var expected = new (ExposureKind Kind, string Arn)[]
        {
            (ExposureKind.ReachableTaskRunsPublicImage, $"arn:aws:ecs:us-east-1:{B}:task/prod/t-public"),
            (ExposureKind.InternetReachableTask, $"arn:aws:ecs:us-east-1:{B}:task/prod/t-public"),
            (ExposureKind.PublicRepository, $"arn:aws:ecr:us-east-1:{A}:repository/open/app"),
            (ExposureKind.TaskRunsPublicImage, $"arn:aws:ecs:us-east-1:{B}:task/prod/t-private"),
            (ExposureKind.ServiceAssignsPublicIp, $"arn:aws:ecs:us-east-1:{B}:service/prod/web"),
            (ExposureKind.SecretLikeEnvironmentName, $"arn:aws:ecs:us-east-1:{B}:task-definition/web:1"),
            (ExposureKind.PublicIpNotReachable, $"arn:aws:ecs:us-east-1:{A}:task/prod/t-alone"),
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
        Assert.Equal("internet \u2192 igw-1 \u2192 203.0.113.10 (eni-t-public) \u2192 task t-public (all ports)", combination.Path);
        Assert.Equal(new[] { "sha256:t-public" }, combination.ImageDigests);
        var reachable = Assert.Single(findings, f => f.Kind == ExposureKind.InternetReachableTask);
        Assert.Equal(combination.Path, reachable.Path);
        Assert.Contains("security group sg-open admits all traffic from 0.0.0.0/0", reachable.Evidence);
        var low = Assert.Single(findings, f => f.Kind == ExposureKind.PublicIpNotReachable);
        Assert.Contains("198.51.100.2", low.Reason);
        Assert.Contains("no security group admits 0.0.0.0/0", low.Reason);
        Assert.Null(low.Path);
        Assert.StartsWith("internet \u2192 Amazon ECR \u2192 repository open/app", Assert.Single(findings, f => f.Kind == ExposureKind.PublicRepository).Path);
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
        Network(analysis, B, "t1", A + ".dkr.ecr.us-east-1.amazonaws.com/org/app:latest", "sg-open", "203.0.113.1");
        Pair(analysis, B);

        Assert.Equal(new[] { ExposureKind.InternetReachableTask }, analysis.Complete().Select(f => f.Kind));
    }

    private static EcrImage ScannedImage(string repositoryArn, string digest, int critical, int high) =>
        EcrImageMapping.FromApi(Json("{\"registryId\":\"" + A + "\",\"repositoryName\":\"shop/api\",\"imageDigest\":\"" + digest + "\",\"imageTags\":[\"1\"],"
            + "\"imageScanStatus\":{\"status\":\"COMPLETE\"},\"imageScanFindingsSummary\":{\"imageScanCompletedAt\":1700000000,"
            + "\"findingSeverityCounts\":{\"CRITICAL\":" + critical + ",\"HIGH\":" + high + "}}}"), repositoryArn, "us-east-1", Now);

    [Fact]
    public void A_reachable_task_running_an_image_with_critical_scan_findings_is_critical_and_only_its_images_are_asked()
    {
        string image = A + ".dkr.ecr.us-east-1.amazonaws.com/shop/api:1";
        string repositoryArn = "arn:aws:ecr:us-east-1:" + A + ":repository/shop/api";
        var analysis = new ExposureAnalysis();
        analysis.Add(Repository(A, "shop/api", null));
        analysis.Add(Task(B, "t-hot", image, "203.0.113.7"));
        analysis.Add(Task(B, "t-cold", image, "203.0.113.8"));
        analysis.Add(Task(B, "t-clean", image, "203.0.113.9"));
        Network(analysis, B, "t-hot", image, "sg-open", "203.0.113.7");
        Network(analysis, B, "t-cold", image, "sg-closed", "203.0.113.8");
        Network(analysis, B, "t-clean", image, "sg-open", "203.0.113.9");
        Pair(analysis, B);

        // Only the reachable tasks' images are looked up, in the registry that holds them (account A).
        var asked = analysis.ReachableImageDigests();
        Assert.Equal(new[] { repositoryArn }, asked.Keys);
        Assert.Equal(new[] { "sha256:t-clean", "sha256:t-hot" }, asked[repositoryArn].OrderBy(d => d, StringComparer.Ordinal));

        analysis.AddScannedImages(new[]
        {
            ScannedImage(repositoryArn, "sha256:t-hot", critical: 2, high: 5),
            ScannedImage(repositoryArn, "sha256:t-cold", critical: 9, high: 0),
            ScannedImage(repositoryArn, "sha256:t-clean", critical: 0, high: 3),
        });
        var findings = analysis.Complete();

        var vulnerable = Assert.Single(findings, f => f.Kind == ExposureKind.ReachableTaskRunsVulnerableImage);
        Assert.Equal(ExposureSeverity.Critical, vulnerable.Severity);
        Assert.EndsWith("/t-hot", vulnerable.ResourceArn);
        Assert.Contains("2 critical findings, 5 high", vulnerable.Reason);
        Assert.NotNull(vulnerable.Path);
        Assert.StartsWith("internet", vulnerable.Path);
        Assert.Equal(new[] { repositoryArn }, vulnerable.RelatedArns);
        Assert.Same(vulnerable, findings[0]);   // the most severe come first
    }
}
