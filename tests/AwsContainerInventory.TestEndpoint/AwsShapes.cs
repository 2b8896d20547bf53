using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace AwsContainerInventory.TestEndpoint;

/// <summary>
/// Factories for realistic, fully populated entities in the exact botocore shapes
/// (ECR <c>Repository</c>, ECS <c>Cluster</c>, <c>Service</c>, <c>Task</c>, <c>TaskDefinition</c>,
/// EC2 <c>NetworkInterface</c>).
/// They include the fields moto leaves out (task cpu/memory/availabilityZone/timestamps/stopCode,
/// ENI attachments, task definition registeredAt, service createdAt/platformFamily).
/// Every factory returns a new object the caller may edit before adding it to the <see cref="Estate"/>.
/// Timestamps are epoch seconds (JSON numbers), as the JSON 1.1 protocol sends them. EC2 entities use the
/// EC2 wire vocabulary instead (XML element names, ISO 8601 timestamps), because that is what EC2 sends.
/// </summary>
public static class AwsShapes
{
    /// <summary>Fixed reference time used when a factory is not given one (2024-01-15T10:00:00Z).</summary>
    public static readonly DateTimeOffset ReferenceTime = new(2024, 1, 15, 10, 0, 0, TimeSpan.Zero);

    public static string RepositoryArn(string accountId, string region, string name) =>
        $"arn:aws:ecr:{region}:{accountId}:repository/{name}";

    public static string RepositoryUri(string accountId, string region, string name) =>
        $"{accountId}.dkr.ecr.{region}.amazonaws.com/{name}";

    public static string ClusterArn(string accountId, string region, string name) =>
        $"arn:aws:ecs:{region}:{accountId}:cluster/{name}";

    public static string ServiceArn(string accountId, string region, string clusterName, string serviceName) =>
        $"arn:aws:ecs:{region}:{accountId}:service/{clusterName}/{serviceName}";

    public static string TaskArn(string accountId, string region, string clusterName, string taskId) =>
        $"arn:aws:ecs:{region}:{accountId}:task/{clusterName}/{taskId}";

    public static string TaskDefinitionArn(string accountId, string region, string family, int revision) =>
        $"arn:aws:ecs:{region}:{accountId}:task-definition/{family}:{revision}";

    public static string RoleArn(string accountId, string roleName) =>
        $"arn:aws:iam::{accountId}:role/{roleName}";

    /// <summary>The ECS attachment an awsvpc task's ENI belongs to (EC2 shows it as the ENI's description).</summary>
    public static string AttachmentArn(string accountId, string region, string attachmentId) =>
        $"arn:aws:ecs:{region}:{accountId}:attachment/{attachmentId}";

    /// <summary>The one VPC generated subnets live in, per account and region.</summary>
    public static string VpcId(string accountId, string region) => $"vpc-0{StableDigits(accountId + region, 16)}";

    /// <summary>The security group generated services and ENIs use, per region.</summary>
    public static string SecurityGroupId(string region) => $"sg-0{StableDigits(region, 16)}";

    /// <summary>The subnet generated tasks get in <paramref name="availabilityZone"/>.</summary>
    public static string SubnetId(string availabilityZone) => $"subnet-0{StableDigits(availabilityZone, 16)}";

    /// <summary>EC2's private DNS name: <c>ip-10-0-1-5.ec2.internal</c> in us-east-1, <c>ip-….&lt;region&gt;.compute.internal</c> elsewhere.</summary>
    public static string PrivateDnsName(string region, string privateIp) =>
        $"ip-{privateIp.Replace('.', '-')}.{(region == "us-east-1" ? "ec2.internal" : $"{region}.compute.internal")}";

    /// <summary>EC2's public DNS name: <c>ec2-3-80-1-2.compute-1.amazonaws.com</c> in us-east-1, <c>ec2-….&lt;region&gt;.compute.amazonaws.com</c> elsewhere.</summary>
    public static string PublicDnsName(string region, string publicIp) =>
        $"ec2-{publicIp.Replace('.', '-')}.{(region == "us-east-1" ? "compute-1.amazonaws.com" : $"{region}.compute.amazonaws.com")}";

    /// <summary>A deterministic public IPv4 address (in 3.0.0.0/8) derived from <paramref name="seed"/>.</summary>
    public static string PublicIpFor(string seed)
    {
        var hash = SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(seed));
        return $"3.{hash[0]}.{hash[1]}.{hash[2] % 254 + 1}";
    }

    /// <summary>AWS JSON 1.1 timestamp: epoch seconds with millisecond precision.</summary>
    public static double EpochSeconds(DateTimeOffset time) => time.ToUnixTimeMilliseconds() / 1000.0;

    /// <summary>32 lowercase hex characters, the form of ECS task ids.</summary>
    public static string NewTaskId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>ECS tag list: <c>[{"key":..,"value":..}]</c>.</summary>
    public static JsonArray EcsTags(IEnumerable<KeyValuePair<string, string>>? tags) =>
        new((tags ?? []).Select(t => (JsonNode?)new JsonObject { ["key"] = t.Key, ["value"] = t.Value }).ToArray());

    /// <summary>ECR tag list: <c>[{"Key":..,"Value":..}]</c>.</summary>
    public static JsonArray EcrTags(IEnumerable<KeyValuePair<string, string>>? tags) =>
        new((tags ?? []).Select(t => (JsonNode?)new JsonObject { ["Key"] = t.Key, ["Value"] = t.Value }).ToArray());

    public static JsonObject Repository(string accountId, string region, string name, DateTimeOffset? createdAt = null) => new()
    {
        ["repositoryArn"] = RepositoryArn(accountId, region, name),
        ["registryId"] = accountId,
        ["repositoryName"] = name,
        ["repositoryUri"] = RepositoryUri(accountId, region, name),
        ["createdAt"] = EpochSeconds(createdAt ?? ReferenceTime.AddDays(-90)),
        ["imageTagMutability"] = "MUTABLE",
        ["imageScanningConfiguration"] = new JsonObject { ["scanOnPush"] = false },
        ["encryptionConfiguration"] = new JsonObject { ["encryptionType"] = "AES256" },
    };

    /// <summary>A repository policy document granting pull access to another account.</summary>
    public static string RepositoryPolicy(string principalAccountId) =>
        $$"""{"Version":"2012-10-17","Statement":[{"Sid":"AllowPull","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{principalAccountId}}:root"},"Action":["ecr:BatchGetImage","ecr:GetDownloadUrlForLayer"]}]}""";

    public static JsonObject Cluster(
        string accountId,
        string region,
        string name,
        IEnumerable<KeyValuePair<string, string>>? tags = null,
        int runningTasksCount = 0,
        int activeServicesCount = 0) => new()
    {
        ["clusterArn"] = ClusterArn(accountId, region, name),
        ["clusterName"] = name,
        ["status"] = "ACTIVE",
        ["registeredContainerInstancesCount"] = 0,
        ["runningTasksCount"] = runningTasksCount,
        ["pendingTasksCount"] = 0,
        ["activeServicesCount"] = activeServicesCount,
        ["statistics"] = new JsonArray(),
        ["tags"] = EcsTags(tags),
        ["settings"] = new JsonArray(new JsonObject { ["name"] = "containerInsights", ["value"] = "disabled" }),
        ["capacityProviders"] = new JsonArray("FARGATE", "FARGATE_SPOT"),
        ["defaultCapacityProviderStrategy"] = new JsonArray(),
    };

    public static JsonObject Service(
        string accountId,
        string region,
        string clusterName,
        string serviceName,
        string taskDefinitionArn,
        int desiredCount = 1,
        IEnumerable<KeyValuePair<string, string>>? tags = null,
        DateTimeOffset? createdAt = null)
    {
        var created = createdAt ?? ReferenceTime.AddDays(-30);
        var network = AwsVpc(region, serviceName.Length);
        return new JsonObject
        {
            ["serviceArn"] = ServiceArn(accountId, region, clusterName, serviceName),
            ["serviceName"] = serviceName,
            ["clusterArn"] = ClusterArn(accountId, region, clusterName),
            ["loadBalancers"] = new JsonArray(),
            ["serviceRegistries"] = new JsonArray(),
            ["status"] = "ACTIVE",
            ["desiredCount"] = desiredCount,
            ["runningCount"] = desiredCount,
            ["pendingCount"] = 0,
            ["launchType"] = "FARGATE",
            ["platformVersion"] = "LATEST",
            ["platformFamily"] = "Linux",
            ["taskDefinition"] = taskDefinitionArn,
            ["deploymentConfiguration"] = new JsonObject
            {
                ["deploymentCircuitBreaker"] = new JsonObject { ["enable"] = true, ["rollback"] = true },
                ["maximumPercent"] = 200,
                ["minimumHealthyPercent"] = 100,
            },
            ["deployments"] = new JsonArray(new JsonObject
            {
                ["id"] = $"ecs-svc/{StableDigits(serviceName, 19)}",
                ["status"] = "PRIMARY",
                ["taskDefinition"] = taskDefinitionArn,
                ["desiredCount"] = desiredCount,
                ["pendingCount"] = 0,
                ["runningCount"] = desiredCount,
                ["failedTasks"] = 0,
                ["createdAt"] = EpochSeconds(created),
                ["updatedAt"] = EpochSeconds(created.AddMinutes(3)),
                ["launchType"] = "FARGATE",
                ["platformVersion"] = "1.4.0",
                ["platformFamily"] = "Linux",
                ["networkConfiguration"] = network.DeepClone(),
                ["rolloutState"] = "COMPLETED",
                ["rolloutStateReason"] = "ECS deployment ecs-svc completed.",
            }),
            ["events"] = new JsonArray(),
            ["createdAt"] = EpochSeconds(created),
            ["placementConstraints"] = new JsonArray(),
            ["placementStrategy"] = new JsonArray(),
            ["networkConfiguration"] = network,
            ["healthCheckGracePeriodSeconds"] = 0,
            ["schedulingStrategy"] = "REPLICA",
            ["deploymentController"] = new JsonObject { ["type"] = "ECS" },
            ["tags"] = EcsTags(tags),
            ["createdBy"] = RoleArn(accountId, "deployer"),
            ["enableECSManagedTags"] = true,
            ["propagateTags"] = "SERVICE",
            ["enableExecuteCommand"] = false,
        };
    }

    /// <summary>
    /// A Fargate task with an ENI attachment. <paramref name="desiredStatus"/> <c>STOPPED</c> produces a
    /// stopped task (lastStatus, stopCode, stoppedReason, stoppingAt, stoppedAt, executionStoppedAt).
    /// </summary>
    public static JsonObject Task(
        string accountId,
        string region,
        string clusterName,
        string taskId,
        string taskDefinitionArn,
        string desiredStatus = "RUNNING",
        string? serviceName = null,
        IEnumerable<KeyValuePair<string, string>>? tags = null,
        DateTimeOffset? createdAt = null,
        string cpu = "256",
        string memory = "512")
    {
        var created = createdAt ?? ReferenceTime.AddHours(-6);
        var stopped = desiredStatus == "STOPPED";
        var taskArn = TaskArn(accountId, region, clusterName, taskId);
        var family = FamilyOf(taskDefinitionArn) ?? "app";
        var seed = StableDigits(taskId, 20);
        var hex = Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(taskId)));
        var ip = $"10.0.{int.Parse(seed[..3]) % 256}.{int.Parse(seed[3..6]) % 254 + 1}";
        var eni = $"eni-{hex[..17]}";
        var attachmentId = $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..32]}";
        var zone = $"{region}{(char)('a' + int.Parse(seed[6..8]) % 3)}";

        var task = new JsonObject
        {
            ["attachments"] = new JsonArray(new JsonObject
            {
                ["id"] = attachmentId,
                ["type"] = "ElasticNetworkInterface",
                ["status"] = stopped ? "DELETED" : "ATTACHED",
                ["details"] = new JsonArray(
                    Detail("subnetId", SubnetId(zone)),
                    Detail("networkInterfaceId", eni),
                    Detail("macAddress", $"0a:{seed[..2]}:{seed[2..4]}:{seed[4..6]}:{seed[6..8]}:{seed[8..10]}"),
                    Detail("privateDnsName", $"ip-{ip.Replace('.', '-')}.{region}.compute.internal"),
                    Detail("privateIPv4Address", ip)),
            }),
            ["attributes"] = new JsonArray(new JsonObject { ["name"] = "ecs.cpu-architecture", ["value"] = "x86_64" }),
            ["availabilityZone"] = zone,
            ["clusterArn"] = ClusterArn(accountId, region, clusterName),
            ["connectivity"] = "CONNECTED",
            ["connectivityAt"] = EpochSeconds(created.AddSeconds(5)),
            ["containers"] = new JsonArray(new JsonObject
            {
                ["containerArn"] = $"arn:aws:ecs:{region}:{accountId}:container/{clusterName}/{taskId}/{attachmentId}",
                ["taskArn"] = taskArn,
                ["name"] = "app",
                ["image"] = $"{RepositoryUri(accountId, region, family)}:1.0.0",
                ["imageDigest"] = $"sha256:{hex}",
                ["runtimeId"] = $"{hex[32..]}-{seed[..10]}",
                ["lastStatus"] = stopped ? "STOPPED" : "RUNNING",
                ["networkBindings"] = new JsonArray(),
                ["networkInterfaces"] = new JsonArray(new JsonObject
                {
                    ["attachmentId"] = attachmentId,
                    ["privateIpv4Address"] = ip,
                }),
                ["healthStatus"] = "UNKNOWN",
                ["cpu"] = "0",
            }),
            ["cpu"] = cpu,
            ["createdAt"] = EpochSeconds(created),
            ["desiredStatus"] = desiredStatus,
            ["enableExecuteCommand"] = false,
            ["group"] = serviceName is null ? $"family:{family}" : $"service:{serviceName}",
            ["healthStatus"] = "UNKNOWN",
            ["lastStatus"] = stopped ? "STOPPED" : desiredStatus,
            ["launchType"] = "FARGATE",
            ["memory"] = memory,
            ["overrides"] = new JsonObject
            {
                ["containerOverrides"] = new JsonArray(new JsonObject { ["name"] = "app" }),
                ["inferenceAcceleratorOverrides"] = new JsonArray(),
            },
            ["platformVersion"] = "1.4.0",
            ["platformFamily"] = "Linux",
            ["pullStartedAt"] = EpochSeconds(created.AddSeconds(10)),
            ["pullStoppedAt"] = EpochSeconds(created.AddSeconds(25)),
            ["startedAt"] = EpochSeconds(created.AddSeconds(30)),
            ["startedBy"] = serviceName is null ? "inventory-tests" : $"ecs-svc/{StableDigits(serviceName, 19)}",
            ["tags"] = EcsTags(tags),
            ["taskArn"] = taskArn,
            ["taskDefinitionArn"] = taskDefinitionArn,
            ["version"] = stopped ? 5 : 3,
            ["ephemeralStorage"] = new JsonObject { ["sizeInGiB"] = 20 },
            ["fargateEphemeralStorage"] = new JsonObject { ["sizeInGiB"] = 20 },
        };

        if (stopped)
        {
            task["containers"]![0]!["exitCode"] = 1;
            task["stopCode"] = "EssentialContainerExited";
            task["stoppedReason"] = "Essential container in task exited";
            task["stoppingAt"] = EpochSeconds(created.AddHours(1));
            task["executionStoppedAt"] = EpochSeconds(created.AddHours(1).AddSeconds(20));
            task["stoppedAt"] = EpochSeconds(created.AddHours(1).AddSeconds(40));
        }
        return task;
    }

    public static JsonObject TaskDefinition(
        string accountId,
        string region,
        string family,
        int revision,
        string? image = null,
        string status = "ACTIVE",
        DateTimeOffset? registeredAt = null,
        string cpu = "256",
        string memory = "512")
    {
        var registered = registeredAt ?? ReferenceTime.AddDays(-60).AddHours(revision);
        var definition = new JsonObject
        {
            ["taskDefinitionArn"] = TaskDefinitionArn(accountId, region, family, revision),
            ["containerDefinitions"] = new JsonArray(new JsonObject
            {
                ["name"] = "app",
                ["image"] = image ?? $"{RepositoryUri(accountId, region, family)}:1.0.{revision}",
                ["cpu"] = 0,
                ["portMappings"] = new JsonArray(new JsonObject
                {
                    ["containerPort"] = 8080,
                    ["hostPort"] = 8080,
                    ["protocol"] = "tcp",
                }),
                ["essential"] = true,
                ["environment"] = new JsonArray(new JsonObject { ["name"] = "STAGE", ["value"] = "test" }),
                ["mountPoints"] = new JsonArray(),
                ["volumesFrom"] = new JsonArray(),
                ["logConfiguration"] = new JsonObject
                {
                    ["logDriver"] = "awslogs",
                    ["options"] = new JsonObject
                    {
                        ["awslogs-group"] = $"/ecs/{family}",
                        ["awslogs-region"] = region,
                        ["awslogs-stream-prefix"] = "ecs",
                    },
                },
                ["systemControls"] = new JsonArray(),
            }),
            ["family"] = family,
            ["taskRoleArn"] = RoleArn(accountId, $"{family}-task"),
            ["executionRoleArn"] = RoleArn(accountId, "ecsTaskExecutionRole"),
            ["networkMode"] = "awsvpc",
            ["revision"] = revision,
            ["volumes"] = new JsonArray(),
            ["status"] = status,
            ["requiresAttributes"] = new JsonArray(
                new JsonObject { ["name"] = "com.amazonaws.ecs.capability.logging-driver.awslogs" },
                new JsonObject { ["name"] = "ecs.capability.task-eni" }),
            ["placementConstraints"] = new JsonArray(),
            ["compatibilities"] = new JsonArray("EC2", "FARGATE"),
            ["runtimePlatform"] = new JsonObject { ["cpuArchitecture"] = "X86_64", ["operatingSystemFamily"] = "LINUX" },
            ["requiresCompatibilities"] = new JsonArray("FARGATE"),
            ["cpu"] = cpu,
            ["memory"] = memory,
            ["registeredAt"] = EpochSeconds(registered),
            ["registeredBy"] = RoleArn(accountId, "deployer"),
        };
        if (status != "ACTIVE")
        {
            definition["deregisteredAt"] = EpochSeconds(registered.AddDays(1));
        }
        return definition;
    }

    /// <summary>
    /// An ECS task's ENI as DescribeNetworkInterfaces returns it, in the EC2 wire vocabulary (the XML element
    /// names of botocore's <c>NetworkInterface</c>: <c>networkInterfaceId</c>, <c>groupSet</c>,
    /// <c>privateIpAddressesSet</c>, …; lists are JSON arrays, timestamps ISO 8601 strings). Requester-managed
    /// by ECS, in use, attached; <c>association</c> (top level and on the primary private IP) only with
    /// <paramref name="publicIp"/>.
    /// </summary>
    public static JsonObject NetworkInterface(
        string accountId,
        string region,
        string networkInterfaceId,
        string subnetId,
        string privateIp,
        string? publicIp = null,
        string? availabilityZone = null,
        string? attachmentId = null,
        string? macAddress = null,
        string? privateDnsName = null,
        DateTimeOffset? attachedAt = null)
    {
        var seed = StableDigits(networkInterfaceId, 20);
        var hex = Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(networkInterfaceId)));
        var dnsName = privateDnsName ?? PrivateDnsName(region, privateIp);
        var eni = new JsonObject
        {
            ["networkInterfaceId"] = networkInterfaceId,
            ["subnetId"] = subnetId,
            ["vpcId"] = VpcId(accountId, region),
            ["availabilityZone"] = availabilityZone ?? $"{region}{(char)('a' + int.Parse(seed[..2]) % 3)}",
            ["description"] = AttachmentArn(accountId, region,
                attachmentId ?? $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..32]}"),
            ["ownerId"] = accountId,
            ["requesterId"] = EcsRequesterId,
            ["requesterManaged"] = true,
            ["status"] = "in-use",
            ["macAddress"] = macAddress ?? $"0e:{hex[32..34]}:{hex[34..36]}:{hex[36..38]}:{hex[38..40]}:{hex[40..42]}",
            ["privateIpAddress"] = privateIp,
            ["privateDnsName"] = dnsName,
            ["sourceDestCheck"] = true,
            ["groupSet"] = new JsonArray(new JsonObject { ["groupId"] = SecurityGroupId(region), ["groupName"] = "default" }),
            ["attachment"] = new JsonObject
            {
                ["attachmentId"] = $"ela-attach-0{hex[42..58]}",
                ["attachTime"] = IsoTimestamp(attachedAt ?? ReferenceTime.AddHours(-6).AddSeconds(5)),
                ["deleteOnTermination"] = false,
                ["deviceIndex"] = 1,
                ["networkCardIndex"] = 0,
                ["instanceOwnerId"] = "amazon-aws",
                ["status"] = "attached",
            },
            ["tagSet"] = new JsonArray(),
            ["privateIpAddressesSet"] = new JsonArray(new JsonObject
            {
                ["privateIpAddress"] = privateIp,
                ["privateDnsName"] = dnsName,
                ["primary"] = true,
            }),
            ["ipv6AddressesSet"] = new JsonArray(),
            ["interfaceType"] = "interface",
        };
        return WithPublicIp(eni, region, publicIp);
    }

    /// <summary>
    /// Sets (or, with null, removes) the public IP on <paramref name="networkInterface"/> in place, as EC2 shows it:
    /// an <c>association</c> (publicIp, publicDnsName, ipOwnerId <c>amazon</c>) on the ENI and on its primary private IP.
    /// </summary>
    /// <returns><paramref name="networkInterface"/>.</returns>
    public static JsonObject WithPublicIp(JsonObject networkInterface, string region, string? publicIp)
    {
        ArgumentNullException.ThrowIfNull(networkInterface);
        if (publicIp is not null
            && (!System.Net.IPAddress.TryParse(publicIp, out var parsed)
                || parsed.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork))
        {
            throw new ArgumentException($"Not an IPv4 address: '{publicIp}'.", nameof(publicIp));
        }

        JsonObject? Association() => publicIp is null ? null : new JsonObject
        {
            ["publicIp"] = publicIp,
            ["publicDnsName"] = PublicDnsName(region, publicIp),
            ["ipOwnerId"] = "amazon",
        };

        SetAfter(networkInterface, "association", Association(), after: "attachment");
        foreach (var privateAddress in networkInterface["privateIpAddressesSet"] as JsonArray ?? [])
        {
            if (privateAddress is JsonObject item && item["primary"] is JsonValue primary && primary.TryGetValue(out bool isPrimary) && isPrimary)
            {
                SetAfter(item, "association", Association(), after: "privateIpAddress");
            }
        }
        return networkInterface;
    }

    /// <summary>
    /// Stands for the AWS-owned account ECS creates task ENIs from (the value is made up; AWS shows a
    /// 12-digit account that is not the caller's).
    /// </summary>
    public const string EcsRequesterId = "578734482556";

    /// <summary>Family from <c>arn:…:task-definition/family:revision</c> or <c>family:revision</c>.</summary>
    internal static string? FamilyOf(string? taskDefinition)
    {
        if (string.IsNullOrEmpty(taskDefinition))
        {
            return null;
        }
        var slash = taskDefinition.LastIndexOf('/');
        var familyAndRevision = slash >= 0 ? taskDefinition[(slash + 1)..] : taskDefinition;
        var colon = familyAndRevision.LastIndexOf(':');
        return colon >= 0 ? familyAndRevision[..colon] : familyAndRevision;
    }

    private static JsonObject AwsVpc(string region, int salt) => new()
    {
        ["awsvpcConfiguration"] = new JsonObject
        {
            ["subnets"] = new JsonArray($"subnet-0{StableDigits(region + salt, 16)}"),
            ["securityGroups"] = new JsonArray(SecurityGroupId(region)),
            ["assignPublicIp"] = "DISABLED",
        },
    };

    private static JsonObject Detail(string name, string value) => new() { ["name"] = name, ["value"] = value };

    /// <summary>ISO 8601 with milliseconds, as EC2's XML carries timestamps.</summary>
    internal static string IsoTimestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Replaces, removes (null) or inserts <paramref name="member"/>; a new member goes right after <paramref name="after"/>.</summary>
    private static void SetAfter(JsonObject obj, string member, JsonNode? value, string after)
    {
        if (value is null)
        {
            obj.Remove(member);
        }
        else if (obj.ContainsKey(member))
        {
            obj[member] = value;
        }
        else
        {
            var position = obj.IndexOf(after);
            obj.Insert(position < 0 ? obj.Count : position + 1, member, value);
        }
    }

    /// <summary>Deterministic digits derived from <paramref name="text"/> (stable across runs).</summary>
    private static string StableDigits(string text, int length)
    {
        var hash = SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text));
        var digits = new char[length];
        for (var i = 0; i < length; i++)
        {
            digits[i] = (char)('0' + hash[i % hash.Length] % 10);
        }
        return new string(digits);
    }
}
