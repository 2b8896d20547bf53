namespace AwsContainerInventory.Tests.Parity;

/// <summary>A request variant the module sends and the parity run must have recorded (first page, next page, …).</summary>
public sealed record ParityVariant(string Name, Func<RecordedRequest, bool> Matches);

/// <summary>
/// One AWS operation the module sends: recognised on the wire by its SigV4 signing service and operation name,
/// compared with botocore's serializer for <see cref="BotocoreService"/> (whose protocol must be
/// <see cref="Protocol"/>). The table is about the request on the wire, not about which client sends it, so an
/// operation stays covered when a hand-written client is replaced by an AWS SDK one.
/// </summary>
public sealed record ParityOperation(string SigningService, string Operation, string BotocoreService, string Protocol, params ParityVariant[] Variants)
{
    public bool Matches(RecordedRequest request) => request.Service == SigningService && request.Operation == Operation;

    public override string ToString() => SigningService + " " + Operation;
}

public static class ParityOperations
{
    private static ParityVariant FirstPage(string token = "nextToken") => new("first page", r => r.Parameter(token) == null);
    private static ParityVariant NextPage(string token = "nextToken") => new("next page (" + token + ")", r => r.Parameter(token) != null);
    private static ParityVariant Any(string name) => new(name, _ => true);
    private static ParityVariant IncludeTags => new("include TAGS", r => r.Parameter("include") == "[\"TAGS\"]");
    private static int Count(RecordedRequest r, string member) => r.Json?[member]?.AsArray().Count ?? 0;

    /// <summary>Every operation the module sends, with the parameter variants it uses.</summary>
    public static readonly IReadOnlyList<ParityOperation> All = new[]
    {
        new ParityOperation("ecr", "DescribeRepositories", "ecr", "json", FirstPage(), NextPage()),
        new ParityOperation("ecr", "GetRepositoryPolicy", "ecr", "json", Any("registry id and repository name")),
        new ParityOperation("ecr", "ListTagsForResource", "ecr", "json", Any("repository ARN")),
        new ParityOperation("ecr", "DescribeImages", "ecr", "json",
            new ParityVariant("listing, first page", r => r.Json!["imageIds"] == null && r.Parameter("nextToken") == null),
            new ParityVariant("listing, next page", r => r.Json!["imageIds"] == null && r.Parameter("nextToken") != null),
            new ParityVariant("imageIds (-ImageDigest, -InUse)", r => Count(r, "imageIds") > 0)),
        new ParityOperation("ecr", "GetRegistryScanningConfiguration", "ecr", "json", Any("no parameters (Get-ContainerExposure)")),

        new ParityOperation("ecs", "ListClusters", "ecs", "json", FirstPage(), NextPage()),
        new ParityOperation("ecs", "DescribeClusters", "ecs", "json", IncludeTags,
            new ParityVariant("listed cluster ARNs", r => r.Json!["clusters"]!.AsArray().All(c => c!.GetValue<string>().StartsWith("arn:"))),
            new ParityVariant("literal cluster names (-Name)", r => r.Json!["clusters"]!.AsArray().All(c => !c!.GetValue<string>().StartsWith("arn:")))),
        new ParityOperation("ecs", "ListServices", "ecs", "json", FirstPage(), NextPage(),
            new ParityVariant("cluster by name (-Cluster)", r => !r.Parameter("cluster")!.StartsWith("arn:"))),
        new ParityOperation("ecs", "DescribeServices", "ecs", "json", IncludeTags,
            new ParityVariant("full batch of 10", r => Count(r, "services") == 10),
            new ParityVariant("partial batch", r => Count(r, "services") is > 0 and < 10)),
        new ParityOperation("ecs", "ListTasks", "ecs", "json",
            new ParityVariant("RUNNING, first page", r => r.Parameter("desiredStatus") == "RUNNING" && r.Parameter("nextToken") == null),
            new ParityVariant("RUNNING, next page", r => r.Parameter("desiredStatus") == "RUNNING" && r.Parameter("nextToken") != null),
            new ParityVariant("STOPPED (-IncludeStopped), first page", r => r.Parameter("desiredStatus") == "STOPPED" && r.Parameter("nextToken") == null),
            new ParityVariant("STOPPED, next page", r => r.Parameter("desiredStatus") == "STOPPED" && r.Parameter("nextToken") != null)),
        new ParityOperation("ecs", "DescribeTasks", "ecs", "json", IncludeTags, Any("a batch of task ARNs")),
        new ParityOperation("ecs", "ListTaskDefinitions", "ecs", "json", FirstPage(), NextPage(),
            new ParityVariant("familyPrefix (-FamilyPrefix)", r => r.Parameter("familyPrefix") != null),
            new ParityVariant("no familyPrefix", r => r.Parameter("familyPrefix") == null)),
        new ParityOperation("ecs", "DescribeTaskDefinition", "ecs", "json", IncludeTags),

        new ParityOperation("ec2", "DescribeNetworkInterfaces", "ec2", "ec2", FirstPage("NextToken"), NextPage("NextToken"),
            new ParityVariant("network-interface-id filter", r => r.Parameter("Filter.1.Name") == "network-interface-id" && r.Parameter("Filter.1.Value.2") != null)),

        new ParityOperation("ec2", "DescribeSecurityGroups", "ec2", "ec2", FirstPage("NextToken"), NextPage("NextToken"),
            new ParityVariant("group-id filter", r => r.Parameter("Filter.1.Name") == "group-id" && r.Parameter("Filter.1.Value.1") != null)),
        new ParityOperation("ec2", "DescribeRouteTables", "ec2", "ec2", FirstPage("NextToken"), NextPage("NextToken"),
            new ParityVariant("vpc-id filter", r => r.Parameter("Filter.1.Name") == "vpc-id" && r.Parameter("Filter.1.Value.1") != null)),
        new ParityOperation("ecs", "DescribeContainerInstances", "ecs", "json", Any("cluster and container instance ARNs")),

        new ParityOperation("elasticloadbalancing", "DescribeLoadBalancers", "elbv2", "query", FirstPage("Marker"), NextPage("Marker")),
        new ParityOperation("elasticloadbalancing", "DescribeTargetGroups", "elbv2", "query", FirstPage("Marker"), NextPage("Marker")),
        new ParityOperation("elasticloadbalancing", "DescribeListeners", "elbv2", "query", FirstPage("Marker"), NextPage("Marker"),
            new ParityVariant("by load balancer ARN", r => r.Parameter("LoadBalancerArn") != null)),
        new ParityOperation("elasticloadbalancing", "DescribeRules", "elbv2", "query", FirstPage("Marker"), NextPage("Marker"),
            new ParityVariant("by listener ARN", r => r.Parameter("ListenerArn") != null)),
        new ParityOperation("elasticloadbalancing", "DescribeTargetHealth", "elbv2", "query", Any("target group ARN")),
        new ParityOperation("ec2", "DescribeRegions", "ec2", "ec2", new ParityVariant("AllRegions=false (-Region All)", r => r.Parameter("AllRegions") == "false")),

        new ParityOperation("sts", "AssumeRole", "sts", "query", Any("role ARN, session name and duration")),
        new ParityOperation("sts", "GetCallerIdentity", "sts", "query", Any("no parameters (-OrganizationRoleName)")),

        new ParityOperation("organizations", "ListAccounts", "organizations", "json", FirstPage("NextToken"), NextPage("NextToken"),
            new ParityVariant("MaxResults 20", r => r.Parameter("MaxResults") == "20")),
        new ParityOperation("organizations", "ListAccountsForParent", "organizations", "json", FirstPage("NextToken"), NextPage("NextToken"),
            new ParityVariant("a root (-OrganizationalUnitId r-…)", r => r.Parameter("ParentId")!.StartsWith("r-")),
            new ParityVariant("an OU below it", r => r.Parameter("ParentId")!.StartsWith("ou-"))),
        new ParityOperation("organizations", "ListChildren", "organizations", "json", FirstPage("NextToken"), NextPage("NextToken"),
            new ParityVariant("ChildType ORGANIZATIONAL_UNIT", r => r.Parameter("ChildType") == "ORGANIZATIONAL_UNIT")),
        // Not sent by any cmdlet today; driven directly so the hand-written request stays checked while it exists.
    };
}
