using System.Globalization;
using System.Security;
using System.Text.Json.Nodes;

namespace AwsContainerInventory.Tests.Parity;

/// <summary>
/// Small, valid answers for every operation the module sends, so each cmdlet goes on to its next calls: two ECR
/// repositories with two images each (and any digest asked for), a BASIC registry scanning rule, clusters alpha and beta with eleven services each (two DescribeServices batches), two tasks per
/// status per cluster with a network interface each, two task definitions. Every listing gives a nextToken on its
/// first page and none on its second, so first and next page requests are both recorded. For reachability, svc-1
/// registers its tasks in an ip target group behind an internet-facing ALB, svc-2 in an instance target group (its
/// task runs on a container instance); interfaces have a security group and a VPC (see <see cref="MinimalNetworkAnswers"/>).
/// </summary>
internal static class MinimalAwsAnswers
{
    public const string Account = "123456789012";
    public const string Region = "us-east-1";
    public const string RoleArn = "arn:aws:iam::" + Account + ":role/ParityInventory";
    public const string MemberAccount = "210987654321";
    public const string Root = "r-pari";
    public const string OrganizationalUnit = "ou-pari-parity01";
    public const int ServicesPerCluster = 11;
    /// <summary>The digest every task's container runs (an image of parity/api).</summary>
    public const string TaskImageDigest = "sha256:00000000000000000000000000000000000000000000000000000000000000aa";
    private const string NextToken = "page-2";
    private const string Ec2Namespace = "http://ec2.amazonaws.com/doc/2016-11-15/";
    private static readonly string[] Clusters = { "alpha", "beta" };

    public static RecordedResponse Answer(RecordedRequest request) => (request.Service, request.Operation) switch
    {
        ("ecr", "DescribeRepositories") => Page(request, "repositories", FirstPage(request) ? Repository("parity/api") : Repository("parity/web")),
        ("ecr", "GetRepositoryPolicy") => request.Parameter("repositoryName") == "parity/api"
            ? Json(new JsonObject { ["registryId"] = Account, ["repositoryName"] = "parity/api", ["policyText"] = PublicPolicy })
            : Error("RepositoryPolicyNotFoundException", "Repository policy does not exist"),
        ("ecr", "ListTagsForResource") => Json(new JsonObject { ["tags"] = new JsonArray(new JsonObject { ["Key"] = "team", ["Value"] = "parity" }) }),
        ("ecr", "DescribeImages") => Images(request),
        ("ecr", "GetRegistryScanningConfiguration") => Json(new JsonObject
        {
            ["registryId"] = Account,
            ["scanningConfiguration"] = new JsonObject
            {
                ["scanType"] = "BASIC",
                ["rules"] = new JsonArray(new JsonObject
                {
                    ["scanFrequency"] = "SCAN_ON_PUSH",
                    ["repositoryFilters"] = new JsonArray(new JsonObject { ["filter"] = "parity/*", ["filterType"] = "WILDCARD" }),
                }),
            },
        }),
        ("ecs", "ListClusters") => Page(request, "clusterArns", EcsArn("cluster/" + (FirstPage(request) ? Clusters[0] : Clusters[1]))),
        ("ecs", "DescribeClusters") => Describe("clusters", Names(request, "clusters").Select(Cluster)),
        ("ecs", "ListServices") => Page(request, "serviceArns", Enumerable.Range(FirstPage(request) ? 1 : 10, FirstPage(request) ? 9 : ServicesPerCluster - 9)
            .Select(i => (JsonNode)EcsArn("service/" + ClusterName(request) + "/svc-" + i)).ToArray()),
        ("ecs", "DescribeServices") => Describe("services", Names(request, "services").Select(arn => Service(ClusterName(request), arn))),
        ("ecs", "ListTasks") => Page(request, "taskArns",
            EcsArn("task/" + ClusterName(request) + "/" + request.Parameter("desiredStatus")!.ToLowerInvariant() + (FirstPage(request) ? "1" : "2"))),
        ("ecs", "DescribeTasks") => Describe("tasks", Names(request, "tasks").Select(arn => EcsTaskObject(ClusterName(request), arn))),
        ("ecs", "ListTaskDefinitions") => Page(request, "taskDefinitionArns", EcsArn("task-definition/web:" + (FirstPage(request) ? "1" : "2"))),
        ("ecs", "DescribeTaskDefinition") => Json(new JsonObject
        {
            ["taskDefinition"] = TaskDefinition(request.Parameter("taskDefinition")!),
            ["tags"] = new JsonArray(new JsonObject { ["key"] = "team", ["value"] = "parity" }),
        }),
        ("ec2", "DescribeNetworkInterfaces") => NetworkInterfaces(request),
        ("ec2", "DescribeRegions") => Xml("<DescribeRegionsResponse xmlns=\"" + Ec2Namespace + "\"><requestId>parity</requestId><regionInfo>"
            + "<item><regionName>" + Region + "</regionName><regionEndpoint>ec2." + Region + ".amazonaws.com</regionEndpoint><optInStatus>opt-in-not-required</optInStatus></item>"
            + "</regionInfo></DescribeRegionsResponse>"),
        ("ec2", _) or ("elasticloadbalancing", _) or ("ecs", "DescribeContainerInstances") => MinimalNetworkAnswers.Answer(request),
        ("sts", "GetCallerIdentity") => Xml("<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><GetCallerIdentityResult>"
            + "<Arn>arn:aws:iam::" + Account + ":user/parity</Arn><UserId>AIDAPARITY</UserId><Account>" + Account + "</Account>"
            + "</GetCallerIdentityResult><ResponseMetadata><RequestId>parity</RequestId></ResponseMetadata></GetCallerIdentityResponse>"),
        // The organization: the caller's account under the root on the first page, a member in an OU below it on the next.
        ("organizations", "ListAccounts") => OrganizationsPage(request, "Accounts", "NextToken", OrganizationAccount(FirstPage(request) ? Account : MemberAccount)),
        ("organizations", "ListAccountsForParent") => OrganizationsPage(request, "Accounts", "NextToken",
            FirstPage(request) ? new[] { (JsonNode)OrganizationAccount(request.Parameter("ParentId") == Root ? Account : MemberAccount) } : Array.Empty<JsonNode>()),
        ("organizations", "ListChildren") => OrganizationsPage(request, "Children", "NextToken",
            FirstPage(request) && request.Parameter("ParentId") == Root
                ? new[] { (JsonNode)new JsonObject { ["Id"] = OrganizationalUnit, ["Type"] = "ORGANIZATIONAL_UNIT" } } : Array.Empty<JsonNode>()),
        ("sts", "AssumeRole") => Xml("<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><AssumeRoleResult><Credentials>"
            + "<AccessKeyId>ASIAPARITY0000000001</AccessKeyId><SecretAccessKey>parity-assumed-secret</SecretAccessKey>"
            + "<SessionToken>parity-session-token</SessionToken><Expiration>" + DateTime.UtcNow.AddHours(1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            + "</Expiration></Credentials><AssumedRoleUser><Arn>arn:aws:sts::" + Account + ":assumed-role/ParityInventory/s</Arn>"
            + "<AssumedRoleId>AROAPARITY:s</AssumedRoleId></AssumedRoleUser></AssumeRoleResult>"
            + "<ResponseMetadata><RequestId>parity</RequestId></ResponseMetadata></AssumeRoleResponse>"),
        _ => throw new InvalidOperationException("the recording endpoint has no answer for " + request.Service + " " + request.Operation),
    };

    private const string PublicPolicy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"ecr:BatchGetImage\"}]}";

    private static bool FirstPage(RecordedRequest request) => request.Parameter("nextToken") == null && request.Parameter("NextToken") == null;

    private static string EcsArn(string resource) => "arn:aws:ecs:" + Region + ":" + Account + ":" + resource;

    private static string ClusterName(RecordedRequest request)
    {
        string cluster = request.Parameter("cluster")!;
        return cluster.Substring(cluster.LastIndexOf('/') + 1);
    }

    private static IEnumerable<string> Names(RecordedRequest request, string member) =>
        request.Json![member]!.AsArray().Select(n => n!.GetValue<string>());

    private static RecordedResponse Page(RecordedRequest request, string member, params JsonNode[] items) => OrganizationsPage(request, member, "nextToken", items);

    private static RecordedResponse OrganizationsPage(RecordedRequest request, string member, string tokenMember, params JsonNode[] items)
    {
        var body = new JsonObject { [member] = new JsonArray(items) };
        if (FirstPage(request)) body[tokenMember] = NextToken;
        return Json(body);
    }

    private static JsonObject OrganizationAccount(string id) => new()
    {
        ["Id"] = id, ["Arn"] = "arn:aws:organizations::" + Account + ":account/o-parity/" + id, ["Email"] = id + "@example.com",
        ["Name"] = "parity-" + id, ["Status"] = "ACTIVE", ["State"] = "ACTIVE", ["JoinedMethod"] = "CREATED", ["JoinedTimestamp"] = 1767225600,
    };

    private static RecordedResponse Describe(string member, IEnumerable<JsonObject> items) =>
        Json(new JsonObject { [member] = new JsonArray(items.ToArray<JsonNode>()), ["failures"] = new JsonArray() });

    private static JsonObject Repository(string name) => new()
    {
        ["repositoryArn"] = "arn:aws:ecr:" + Region + ":" + Account + ":repository/" + name,
        ["registryId"] = Account,
        ["repositoryName"] = name,
        ["repositoryUri"] = Account + ".dkr.ecr." + Region + ".amazonaws.com/" + name,
        ["createdAt"] = 1767225600.5,
        ["imageTagMutability"] = "IMMUTABLE",
        ["imageScanningConfiguration"] = new JsonObject { ["scanOnPush"] = true },
        ["encryptionConfiguration"] = new JsonObject { ["encryptionType"] = "AES256" },
    };

    // A repository's images over two pages; by imageIds, each digest asked for.
    private static RecordedResponse Images(RecordedRequest request)
    {
        string repository = request.Parameter("repositoryName")!;
        if (request.Json!["imageIds"] is JsonArray ids)
            return Json(new JsonObject { ["imageDetails"] = new JsonArray(ids.Select(id => (JsonNode)ImageDetail(repository, id!["imageDigest"]!.GetValue<string>())).ToArray()) });
        return Page(request, "imageDetails", ImageDetail(repository, "sha256:" + new string(FirstPage(request) ? 'c' : 'd', 64)));
    }

    private static JsonObject ImageDetail(string repository, string digest) => new()
    {
        ["registryId"] = Account, ["repositoryName"] = repository, ["imageDigest"] = digest, ["imageTags"] = new JsonArray("1"),
        ["imageSizeInBytes"] = 52428800, ["imagePushedAt"] = 1767225600.5, ["lastRecordedPullTime"] = 1767229200,
        ["imageManifestMediaType"] = "application/vnd.oci.image.manifest.v1+json",
        ["imageScanStatus"] = new JsonObject { ["status"] = "COMPLETE", ["description"] = "The scan was completed successfully." },
        ["imageScanFindingsSummary"] = new JsonObject
        {
            ["imageScanCompletedAt"] = 1767225700, ["findingSeverityCounts"] = new JsonObject { ["CRITICAL"] = 1, ["HIGH"] = 2 },
        },
    };

    private static JsonObject Cluster(string nameOrArn)
    {
        string name = nameOrArn.Substring(nameOrArn.LastIndexOf('/') + 1);
        return new JsonObject
        {
            ["clusterArn"] = EcsArn("cluster/" + name), ["clusterName"] = name, ["status"] = "ACTIVE",
            ["runningTasksCount"] = 2, ["pendingTasksCount"] = 0, ["activeServicesCount"] = ServicesPerCluster,
            ["registeredContainerInstancesCount"] = 0, ["capacityProviders"] = new JsonArray("FARGATE"),
        };
    }

    private static JsonObject Service(string cluster, string arn) => new()
    {
        ["serviceArn"] = arn, ["serviceName"] = arn.Substring(arn.LastIndexOf('/') + 1), ["clusterArn"] = EcsArn("cluster/" + cluster),
        ["status"] = "ACTIVE", ["desiredCount"] = 1, ["runningCount"] = 1, ["pendingCount"] = 0, ["launchType"] = "FARGATE",
        ["taskDefinition"] = EcsArn("task-definition/web:1"),
        ["loadBalancers"] = arn.EndsWith("/svc-1") || arn.EndsWith("/svc-2")
            ? new JsonArray(new JsonObject { ["targetGroupArn"] = MinimalNetworkAnswers.TargetGroupArn(arn.EndsWith("/svc-1") ? "web-tg" : "legacy-tg"), ["containerName"] = "web", ["containerPort"] = 80 })
            : new JsonArray(),
        ["networkConfiguration"] = new JsonObject
        {
            ["awsvpcConfiguration"] = new JsonObject
            {
                ["subnets"] = new JsonArray("subnet-0parity"), ["securityGroups"] = new JsonArray("sg-0parity"), ["assignPublicIp"] = "ENABLED",
            },
        },
    };

    private static JsonObject EcsTaskObject(string cluster, string arn) => new()
    {
        ["taskArn"] = arn, ["clusterArn"] = EcsArn("cluster/" + cluster), ["taskDefinitionArn"] = EcsArn("task-definition/web:1"),
        ["lastStatus"] = arn.Contains("/stopped") ? "STOPPED" : "RUNNING", ["desiredStatus"] = arn.Contains("/stopped") ? "STOPPED" : "RUNNING",
        ["launchType"] = "FARGATE", ["createdAt"] = 1767225600,
        // The first running task of a cluster belongs to svc-1 (ip targets), the second to svc-2 on a container instance.
        ["group"] = arn.EndsWith("/running1") ? "service:svc-1" : arn.EndsWith("/running2") ? "service:svc-2" : "family:web",
        ["containerInstanceArn"] = arn.EndsWith("/running2") ? EcsArn("container-instance/" + cluster + "/ci-1") : null,
        ["containers"] = new JsonArray(new JsonObject
        {
            ["name"] = "web", ["image"] = Account + ".dkr.ecr." + Region + ".amazonaws.com/parity/api:1", ["imageDigest"] = TaskImageDigest,
        }),
        ["attachments"] = new JsonArray(new JsonObject
        {
            ["type"] = "ElasticNetworkInterface",
            ["details"] = new JsonArray(
                new JsonObject { ["name"] = "subnetId", ["value"] = "subnet-0parity" },
                new JsonObject { ["name"] = "networkInterfaceId", ["value"] = InterfaceId(arn) },
                new JsonObject { ["name"] = "privateIPv4Address", ["value"] = "10.0.0." + (Math.Abs(arn.GetHashCode()) % 250 + 1) }),
        }),
    };

    private static string InterfaceId(string taskArn) => "eni-" + taskArn.Substring(taskArn.LastIndexOf(':') + 1).Replace('/', '-');

    private static JsonObject TaskDefinition(string arn) => new()
    {
        ["taskDefinitionArn"] = arn, ["family"] = "web", ["revision"] = int.Parse(arn.Substring(arn.LastIndexOf(':') + 1), CultureInfo.InvariantCulture),
        ["status"] = "ACTIVE", ["networkMode"] = "awsvpc", ["requiresCompatibilities"] = new JsonArray("FARGATE"), ["cpu"] = "256", ["memory"] = "512",
        ["containerDefinitions"] = new JsonArray(new JsonObject
        {
            ["name"] = "web", ["image"] = Account + ".dkr.ecr." + Region + ".amazonaws.com/parity/api:1",
            ["portMappings"] = new JsonArray(new JsonObject { ["containerPort"] = 80, ["protocol"] = "tcp" }),
            ["environment"] = new JsonArray(new JsonObject { ["name"] = "MODE", ["value"] = "parity" }),
        }),
    };

    // The interfaces asked for, over two pages: the first page a nextToken and the first interface, the second the rest.
    private static RecordedResponse NetworkInterfaces(RecordedRequest request)
    {
        var ids = request.Form!.Where(p => p.Key.StartsWith("Filter.1.Value.", StringComparison.Ordinal)).Select(p => p.Value).ToList();
        bool first = FirstPage(request);
        var items = string.Concat((first ? ids.Take(1) : ids.Skip(1)).Select(id =>
            "<item><networkInterfaceId>" + SecurityElement.Escape(id) + "</networkInterfaceId><subnetId>subnet-0parity</subnetId><vpcId>vpc-0parity</vpcId>"
            + "<groupSet><item><groupId>sg-0parity</groupId><groupName>parity</groupName></item></groupSet><association><publicIp>203.0.113."
            + (Math.Abs(id.GetHashCode()) % 250 + 1) + "</publicIp></association><privateIpAddressesSet/></item>"));
        return Xml("<DescribeNetworkInterfacesResponse xmlns=\"" + Ec2Namespace + "\"><requestId>parity</requestId><networkInterfaceSet>" + items
            + "</networkInterfaceSet>" + (first ? "<nextToken>" + NextToken + "</nextToken>" : string.Empty) + "</DescribeNetworkInterfacesResponse>");
    }

    private static RecordedResponse Json(JsonObject body) => new(200, "application/x-amz-json-1.1", body.ToJsonString());

    private static RecordedResponse Xml(string body) => new(200, "text/xml", body);

    private static RecordedResponse Error(string code, string message) =>
        new(400, "application/x-amz-json-1.1", new JsonObject { ["__type"] = code, ["message"] = message }.ToJsonString(), code);
}
