using System.Text.Json;

namespace AwsContainerInventory.Tests.Mapping;

/// <summary>JSON (botocore shapes) → record, for every attribute, including fields moto does not return.</summary>
public class RecordMappingTests
{
    private static readonly DateTime Captured = new(2026, 11, 25, 10, 0, 0, DateTimeKind.Utc);

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    [Fact]
    public void Ecr_repository_maps_every_attribute()
    {
        var repository = Json("""
        {"repositoryArn":"arn:aws:ecr:eu-west-1:123456789012:repository/team/app","registryId":"123456789012",
         "repositoryName":"team/app","repositoryUri":"123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/app",
         "createdAt":1700000000.5,"imageTagMutability":"IMMUTABLE","imageScanningConfiguration":{"scanOnPush":true},
         "encryptionConfiguration":{"encryptionType":"KMS","kmsKey":"arn:aws:kms:eu-west-1:123456789012:key/k1"}}
        """);
        string policy = """{"Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"ecr:BatchGetImage"}]}""";
        var record = EcrRepositoryMapping.FromApi(repository, policy, new[] { KeyValuePair.Create("team", "a"), KeyValuePair.Create("env", "prod") }, "eu-west-1", Captured);

        Assert.Equal("arn:aws:ecr:eu-west-1:123456789012:repository/team/app", record.Uid);
        Assert.Equal(record.Uid, record.RepositoryArn);
        Assert.Equal("team/app", record.Name);
        Assert.Equal("team/app", record.Repository);
        Assert.Equal("team/app", record.RepositoryName);
        Assert.Equal("123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/app", record.RepositoryUri);
        Assert.Equal("123456789012", record.Registry);
        Assert.Equal("123456789012", record.RegistryId);
        Assert.Equal("123456789012", record.AccountId);
        Assert.Equal("AWS", record.CloudProvider);
        Assert.Equal("eu-west-1", record.Region);
        Assert.Equal("KMS", record.EncryptionType);
        Assert.Equal("arn:aws:kms:eu-west-1:123456789012:key/k1", record.KmsKey);
        Assert.True(record.ScanOnPush);
        Assert.Equal("IMMUTABLE", record.ImageTagMutability);
        Assert.Equal(policy, record.RepositoryPolicy);
        Assert.True(record.IsPublic);
        Assert.Equal("(no Sid) (ecr:BatchGetImage) unconditionally", Assert.Single(record.GetPublicStatements()).ToString());
        Assert.Equal("(no Sid) (ecr:BatchGetImage) unconditionally => Public [WildcardPrincipal]: Principal \"*\"; no condition pins an identity",
            Assert.Single(record.PublicStatements));
        Assert.True(record.IsPublicUnconditionally);
        Assert.Equal("env=prod;team=a", record.Tags.ToString());
        Assert.Equal(new DateTime(2023, 11, 14, 22, 13, 20, 500, DateTimeKind.Utc), record.FirstSeen);
        Assert.Equal(DateTimeKind.Utc, record.FirstSeen!.Value.Kind);
        Assert.Equal(Captured, record.LastCaptured);
    }

    [Fact]
    public void Ecr_repository_absent_values_are_null_not_empty()
    {
        var record = EcrRepositoryMapping.FromApi(Json("""{"repositoryArn":"arn:aws:ecr:us-east-1:1:repository/r","repositoryName":"r"}"""), null, [], "us-east-1", Captured);
        Assert.Null(record.RepositoryPolicy);
        Assert.False(record.IsPublic);
        Assert.Empty(record.PublicStatements);
        Assert.Empty(record.GetPublicStatements());
        Assert.False(record.IsPublicUnconditionally);
        Assert.Null(record.KmsKey);
        Assert.Null(record.EncryptionType);
        Assert.Null(record.ScanOnPush);
        Assert.Null(record.FirstSeen);
        Assert.Empty(record.Tags);
    }

    [Fact]
    public void Ecr_repository_public_only_within_an_organization_lists_why_but_is_not_public_unconditionally()
    {
        string policy = """
        {"Statement":[{"Sid":"Deny","Effect":"Deny","Principal":"*","Action":"ecr:DeleteRepository"},
          {"Sid":"OrgPull","Effect":"Allow","Principal":{"AWS":"*"},"Action":["ecr:BatchGetImage","ecr:GetDownloadUrlForLayer"],
           "Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-abc123"}}}]}
        """;
        var record = EcrRepositoryMapping.FromApi(Json("""{"repositoryArn":"arn:aws:ecr:us-east-1:123456789012:repository/r","repositoryName":"r"}"""), policy, [], "us-east-1", Captured);

        Assert.True(record.IsPublic);
        Assert.False(record.IsPublicUnconditionally);
        PublicStatement statement = Assert.Single(record.GetPublicStatements());
        Assert.Equal("OrgPull", statement.Sid);
        Assert.Equal("ecr:BatchGetImage;ecr:GetDownloadUrlForLayer", statement.Actions);
        Assert.Equal("StringEquals:aws:PrincipalOrgID", statement.ConditionKeys);
        Assert.True(statement.NarrowsPrincipal);
        Assert.Equal("OrgPull (ecr:BatchGetImage, ecr:GetDownloadUrlForLayer) if StringEquals:aws:PrincipalOrgID", record.GetPublicStatements().ToString());
        // The line a JSON or CSV reader gets names the verdict, the rule and what it pins.
        Assert.Equal("OrgPull (ecr:BatchGetImage, ecr:GetDownloadUrlForLayer) if StringEquals:aws:PrincipalOrgID => Narrowed [IdentityCondition]: "
            + statement.Reason, Assert.Single(record.PublicStatements));
        Assert.Contains("o-abc123", statement.Reason);
    }

    [Fact]
    public void Ecs_cluster_maps_every_attribute_and_falls_back_to_the_arn_for_name()
    {
        var record = EcsClusterMapping.FromApi(Json("""
        {"clusterArn":"arn:aws:ecs:us-east-1:111122223333:cluster/prod","clusterName":"prod","status":"ACTIVE",
         "registeredContainerInstancesCount":3,"runningTasksCount":12,"pendingTasksCount":1,"activeServicesCount":4,
         "capacityProviders":["FARGATE","FARGATE_SPOT"],"tags":[{"key":"env","value":"prod"}]}
        """), "us-east-1", Captured);
        Assert.Equal("arn:aws:ecs:us-east-1:111122223333:cluster/prod", record.Uid);
        Assert.Equal(record.Uid, record.ClusterArn);
        Assert.Equal("prod", record.Name);
        Assert.Equal("prod", record.ClusterName);
        Assert.Equal("111122223333", record.AccountId);
        Assert.Equal("ACTIVE", record.SourceStatus);
        Assert.Equal(3, record.RegisteredContainerInstanceCount);
        Assert.Equal(12, record.RunningTasksCount);
        Assert.Equal(1, record.PendingTasksCount);
        Assert.Equal(4, record.ActiveServicesCount);
        Assert.Equal(new[] { "FARGATE", "FARGATE_SPOT" }, record.CapacityProviders!);
        Assert.Equal("FARGATE;FARGATE_SPOT", record.CapacityProviders!.ToString());
        Assert.Equal("prod", record.Tags["env"]);

        var unnamed = EcsClusterMapping.FromApi(Json("""{"clusterArn":"arn:aws:ecs:us-east-1:1:cluster/x"}"""), "us-east-1", Captured);
        Assert.Equal("arn:aws:ecs:us-east-1:1:cluster/x", unnamed.Name);
        Assert.Null(unnamed.CapacityProviders);
    }

    [Fact]
    public void Ecs_service_maps_every_attribute_including_created_at_and_platform_family()
    {
        var record = EcsServiceMapping.FromApi(Json("""
        {"serviceArn":"arn:aws:ecs:us-east-1:1:service/prod/web","serviceName":"web","clusterArn":"arn:aws:ecs:us-east-1:1:cluster/prod",
         "status":"ACTIVE","desiredCount":3,"runningCount":2,"pendingCount":1,"launchType":"FARGATE","platformVersion":"1.4.0",
         "platformFamily":"Linux","taskDefinition":"arn:aws:ecs:us-east-1:1:task-definition/web:7","roleArn":"arn:aws:iam::1:role/ecsService",
         "schedulingStrategy":"REPLICA","createdAt":1700000100,
         "loadBalancers":[{"targetGroupArn":"arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/a/1","containerName":"w","containerPort":80},{"loadBalancerName":"classic"}],
         "networkConfiguration":{"awsvpcConfiguration":{"subnets":["subnet-1","subnet-2"],"securityGroups":["sg-1"],"assignPublicIp":"ENABLED"}},
         "tags":[{"key":"team","value":"web"}]}
        """), "us-east-1", Captured);
        Assert.Equal("arn:aws:ecs:us-east-1:1:service/prod/web", record.Uid);
        Assert.Equal(record.Uid, record.ServiceArn);
        Assert.Equal("web", record.Name);
        Assert.Equal("web", record.ServiceName);
        Assert.Equal("arn:aws:ecs:us-east-1:1:cluster/prod", record.ClusterArn);
        Assert.Equal("ACTIVE", record.SourceStatus);
        Assert.Equal((3, 2, 1), (record.DesiredCount!.Value, record.RunningCount!.Value, record.PendingCount!.Value));
        Assert.Equal("FARGATE", record.LaunchType);
        Assert.Equal("1.4.0", record.PlatformVersion);
        Assert.Equal("Linux", record.PlatformFamily);
        Assert.Equal("arn:aws:ecs:us-east-1:1:task-definition/web:7", record.TaskDefinition);
        Assert.Equal("arn:aws:iam::1:role/ecsService", record.ServiceRoleArn);
        Assert.Equal("REPLICA", record.SchedulingStrategy);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1700000100).UtcDateTime, record.FirstSeen);
        Assert.Equal(new[] { "arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/a/1" }, record.TargetGroupArns!);
        Assert.Equal("subnet-1;subnet-2", record.SubnetIds!.ToString());
        Assert.Equal(new[] { "sg-1" }, record.SecurityGroupIds!);
        Assert.True(record.AssignPublicIp);
        Assert.Equal("web", record.Tags["team"]);
    }

    [Theory]
    [InlineData("ENABLED", true)]
    [InlineData("DISABLED", false)]
    public void Ecs_service_assign_public_ip_is_true_only_for_enabled(string value, bool expected)
    {
        var record = EcsServiceMapping.FromApi(Json("{\"serviceArn\":\"arn:aws:ecs:us-east-1:1:service/c/s\",\"networkConfiguration\":{\"awsvpcConfiguration\":{\"subnets\":[],\"assignPublicIp\":\"" + value + "\"}}}"), "us-east-1", Captured);
        Assert.Equal(expected, record.AssignPublicIp);
        var noAwsvpc = EcsServiceMapping.FromApi(Json("""{"serviceArn":"arn:aws:ecs:us-east-1:1:service/c/s"}"""), "us-east-1", Captured);
        Assert.Null(noAwsvpc.AssignPublicIp);
        Assert.Null(noAwsvpc.SubnetIds);
    }

    [Fact]
    public void Ecs_task_maps_every_attribute_including_eni_details_and_times()
    {
        var record = EcsTaskMapping.FromApi(Json("""
        {"taskArn":"arn:aws:ecs:us-east-1:1:task/prod/abc","clusterArn":"arn:aws:ecs:us-east-1:1:cluster/prod",
         "taskDefinitionArn":"arn:aws:ecs:us-east-1:1:task-definition/web:7","containerInstanceArn":"arn:aws:ecs:us-east-1:1:container-instance/prod/ci1",
         "lastStatus":"RUNNING","desiredStatus":"RUNNING","launchType":"FARGATE","platformVersion":"1.4.0","group":"service:web",
         "availabilityZone":"us-east-1b","cpu":"256","memory":"512","createdAt":1700000000,"startedAt":1700000030.25,"stoppedAt":1700000900,
         "containers":[{"name":"web","image":"1.dkr.ecr.us-east-1.amazonaws.com/web:1"},{"name":"sidecar","image":"public.ecr.aws/xray/aws-xray-daemon"},
            {"name":"proxy","image":"111122223333.dkr.ecr.us-east-1.amazonaws.com/edge/proxy:2"}],
         "attachments":[{"id":"a1","type":"ElasticNetworkInterface","status":"ATTACHED","details":[
            {"name":"subnetId","value":"subnet-9"},{"name":"networkInterfaceId","value":"eni-123"},
            {"name":"macAddress","value":"0e:00"},{"name":"privateIPv4Address","value":"10.0.1.25"}]}],
         "tags":[{"key":"k","value":"v"}]}
        """), "us-east-1", Captured);
        Assert.Equal("arn:aws:ecs:us-east-1:1:task/prod/abc", record.Uid);
        Assert.Equal(record.Uid, record.Name);
        Assert.Equal(record.Uid, record.TaskArn);
        Assert.Equal("arn:aws:ecs:us-east-1:1:cluster/prod", record.ClusterArn);
        Assert.Equal("arn:aws:ecs:us-east-1:1:task-definition/web:7", record.TaskDefinitionArn);
        Assert.Equal("arn:aws:ecs:us-east-1:1:container-instance/prod/ci1", record.ContainerInstanceArn);
        Assert.Equal("RUNNING", record.SourceStatus);
        Assert.Equal("RUNNING", record.DesiredStatus);
        Assert.Equal("FARGATE", record.LaunchType);
        Assert.Equal("1.4.0", record.PlatformVersion);
        Assert.Equal("service:web", record.Group);
        Assert.Equal("us-east-1b", record.AvailabilityZone);
        Assert.Equal("256", record.Cpu);
        Assert.Equal("512", record.Memory);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1700000000).UtcDateTime, record.FirstSeen);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1700000030250).UtcDateTime, record.LastStarted);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1700000900).UtcDateTime, record.LastStopped);
        Assert.Equal(new[] { "1.dkr.ecr.us-east-1.amazonaws.com/web:1", "public.ecr.aws/xray/aws-xray-daemon", "111122223333.dkr.ecr.us-east-1.amazonaws.com/edge/proxy:2" }, record.ContainerImages!);
        Assert.Equal(new[] { "arn:aws:ecr:us-east-1:111122223333:repository/edge/proxy" }, record.EcrRepositoryArns!);
        Assert.Equal(new[] { "eni-123" }, record.NetworkInterfaceIds!);
        Assert.Equal(new[] { "10.0.1.25" }, record.PrivateIpAddresses!);
        Assert.Equal(new[] { "subnet-9" }, record.SubnetIds!);
        Assert.Equal("v", record.Tags["k"]);
        Assert.Equal("1", record.AccountId);
    }

    [Fact]
    public void Ecs_task_without_eni_has_null_network_lists()
    {
        var record = EcsTaskMapping.FromApi(Json("""{"taskArn":"arn:aws:ecs:us-east-1:1:task/c/t","launchType":"EC2","attachments":[]}"""), "us-east-1", Captured);
        Assert.Null(record.NetworkInterfaceIds);
        Assert.Null(record.PrivateIpAddresses);
        Assert.Null(record.SubnetIds);
        Assert.Null(record.ContainerImages);
        Assert.Null(record.EcrRepositoryArns);
        Assert.Null(record.Cpu);
        Assert.Null(record.LastStopped);
    }

    [Fact]
    public void Ecs_task_definition_maps_every_attribute_and_keeps_environment_names_only()
    {
        var record = EcsTaskDefinitionMapping.FromApi(Json("""
        {"taskDefinitionArn":"arn:aws:ecs:us-east-1:1:task-definition/web:7","family":"web","revision":7,"status":"ACTIVE",
         "networkMode":"awsvpc","requiresCompatibilities":["FARGATE","EC2"],"cpu":"512","memory":"1024",
         "taskRoleArn":"arn:aws:iam::1:role/task","executionRoleArn":"arn:aws:iam::1:role/exec","registeredAt":1700000000,
         "containerDefinitions":[
           {"name":"web","image":"nginx:1.25","environment":[{"name":"DB_HOST","value":"db.internal"},{"name":"DB_PASSWORD","value":"hunter2-must-not-leak"}],
            "secrets":[{"name":"API_KEY","valueFrom":"arn:aws:secretsmanager:us-east-1:1:secret:api"}]},
           {"name":"log","image":"fluent-bit","secrets":[{"name":"TOKEN","valueFrom":"/prod/token"}]},
           {"name":"app","image":"111122223333.dkr.ecr.eu-west-1.amazonaws.com/team/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"},
           {"name":"app-debug","image":"111122223333.dkr.ecr.eu-west-1.amazonaws.com/team/app:debug"}]}
        """), Json("""[{"key":"owner","value":"web-team"}]"""), "us-east-1", Captured);
        Assert.Equal("arn:aws:ecs:us-east-1:1:task-definition/web:7", record.Uid);
        Assert.Equal(record.Uid, record.TaskDefinitionArn);
        Assert.Equal("web:7", record.Name);
        Assert.Equal("web", record.Family);
        Assert.Equal(7, record.Revision);
        Assert.Equal("ACTIVE", record.SourceStatus);
        Assert.Equal("awsvpc", record.NetworkMode);
        Assert.Equal(new[] { "FARGATE", "EC2" }, record.RequiresCompatibilities!);
        Assert.Equal("512", record.Cpu);
        Assert.Equal("1024", record.Memory);
        Assert.Equal("arn:aws:iam::1:role/task", record.TaskRoleArn);
        Assert.Equal("arn:aws:iam::1:role/exec", record.ExecutionRoleArn);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1700000000).UtcDateTime, record.FirstSeen);
        Assert.Equal(4, record.ContainerImages!.Count);
        Assert.Equal(new[] { "arn:aws:ecr:eu-west-1:111122223333:repository/team/app" }, record.EcrRepositoryArns!);
        Assert.Equal(new[] { "DB_HOST", "DB_PASSWORD" }, record.EnvironmentKeys!);
        Assert.Equal("API_KEY=arn:aws:secretsmanager:us-east-1:1:secret:api;TOKEN=/prod/token", record.SecretRefs!.ToString());
        Assert.Equal("web-team", record.Tags["owner"]);

        string everything = string.Join("|", typeof(EcsTaskDefinition).GetProperties().Select(p => p.GetValue(record)?.ToString()));
        Assert.DoesNotContain("hunter2-must-not-leak", everything);
        Assert.DoesNotContain("db.internal", everything);
        Assert.DoesNotContain("hunter2-must-not-leak", JsonSerializer.Serialize(record));
    }

    [Fact]
    public void Task_definition_name_falls_back_to_the_arn()
    {
        var record = EcsTaskDefinitionMapping.FromApi(Json("""{"taskDefinitionArn":"arn:aws:ecs:us-east-1:1:task-definition/x:1"}"""), null, "us-east-1", Captured);
        Assert.Equal("arn:aws:ecs:us-east-1:1:task-definition/x:1", record.Name);
        Assert.Empty(record.Tags);
        Assert.Null(record.ContainerImages);
        Assert.Null(record.EcrRepositoryArns);
    }
}
