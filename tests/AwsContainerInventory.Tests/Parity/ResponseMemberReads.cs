namespace AwsContainerInventory.Tests.Parity;

/// <summary>
/// The response members one source file reads for one operation, as paths in the operation's output shape:
/// <c>a.b</c> for a nested member, <c>a[]</c> for the items of a list, names as on the wire (EC2's locationName,
/// e.g. <c>networkInterfaceSet</c>; the query protocols' <c>item</c>/<c>member</c> wrappers are implied by <c>[]</c>).
/// </summary>
public sealed record MemberReads(string File, string Service, string Operation, params string[] Paths);

public static class ResponseMemberReads
{
    private static string[] Under(string prefix, params string[] paths) => paths.Select(p => prefix + "." + p).ToArray();

    private static string[] And(string path, string[] more) => more.Prepend(path).ToArray();

    /// <summary>
    /// Every response member the module reads. Files are relative to src/AwsContainerInventory. Not listed: the
    /// names inside ECS attachment details (<c>networkInterfaceId</c>, <c>privateIPv4Address</c>, <c>subnetId</c>),
    /// which are values of a name/value list, not members.
    /// </summary>
    public static readonly IReadOnlyList<MemberReads> All = new[]
    {
        new MemberReads("Wire/EcrClient.cs", "ecr", "DescribeRepositories", "repositories[]", "nextToken"),
        new MemberReads("Wire/EcrClient.cs", "ecr", "GetRepositoryPolicy", "policyText"),
        new MemberReads("Wire/EcrClient.cs", "ecr", "ListTagsForResource", "tags[].Key", "tags[].Value"),
        new MemberReads("Wire/EcrClient.cs", "ecr", "DescribeImages", "imageDetails[]", "nextToken"),
        new MemberReads("Inventory/RepositoryReader.cs", "ecr", "DescribeRepositories", Under("repositories[]", "repositoryName", "repositoryArn", "registryId")),
        new MemberReads("Inventory/RepositoryRef.cs", "ecr", "DescribeRepositories", Under("repositories[]", "repositoryName", "repositoryArn", "registryId")),
        new MemberReads("Inventory/ImageReader.cs", "ecr", "DescribeRepositories", Under("repositories[]", "repositoryName", "repositoryArn")),
        new MemberReads("Mapping/EcrImageMapping.cs", "ecr", "DescribeImages", Under("imageDetails[]",
            "imageDigest", "repositoryName", "registryId", "imageTags[]", "imagePushedAt", "imageSizeInBytes", "lastRecordedPullTime",
            "imageManifestMediaType", "artifactMediaType", "imageScanStatus.status", "imageScanStatus.description",
            "imageScanFindingsSummary.imageScanCompletedAt", "imageScanFindingsSummary.findingSeverityCounts")),
        new MemberReads("Exposure/RegistryScanningConfiguration.cs", "ecr", "GetRegistryScanningConfiguration", "registryId", "scanningConfiguration.scanType",
            "scanningConfiguration.rules[].scanFrequency", "scanningConfiguration.rules[].repositoryFilters[].filter",
            "scanningConfiguration.rules[].repositoryFilters[].filterType"),
        new MemberReads("Mapping/EcrRepositoryMapping.cs", "ecr", "DescribeRepositories", Under("repositories[]",
            "repositoryName", "repositoryArn", "registryId", "repositoryUri", "imageTagMutability", "createdAt",
            "imageScanningConfiguration.scanOnPush", "encryptionConfiguration.encryptionType", "encryptionConfiguration.kmsKey")),

        new MemberReads("Wire/EcsClient.cs", "ecs", "ListClusters", "clusterArns[]", "nextToken"),
        new MemberReads("Wire/EcsClient.cs", "ecs", "ListServices", "serviceArns[]", "nextToken"),
        new MemberReads("Wire/EcsClient.cs", "ecs", "ListTasks", "taskArns[]", "nextToken"),
        new MemberReads("Wire/EcsClient.cs", "ecs", "ListTaskDefinitions", "taskDefinitionArns[]", "nextToken"),
        new MemberReads("Wire/EcsClient.cs", "ecs", "DescribeClusters", "clusters[]", "failures[].arn", "failures[].reason"),
        new MemberReads("Wire/EcsClient.cs", "ecs", "DescribeServices", "services[]", "failures[].arn", "failures[].reason"),
        new MemberReads("Wire/EcsClient.cs", "ecs", "DescribeTasks", "tasks[]", "failures[].arn", "failures[].reason"),
        new MemberReads("Wire/EcsClient.cs", "ecs", "DescribeTaskDefinition", "taskDefinition", "tags[]"),
        new MemberReads("Inventory/ClusterReader.cs", "ecs", "DescribeClusters", "clusters[].clusterName", "clusters[].clusterArn"),
        new MemberReads("Mapping/EcsClusterMapping.cs", "ecs", "DescribeClusters", Under("clusters[]",
            "clusterArn", "clusterName", "status", "activeServicesCount", "runningTasksCount", "pendingTasksCount",
            "registeredContainerInstancesCount", "capacityProviders[]", "tags[]")),
        new MemberReads("Mapping/EcsServiceMapping.cs", "ecs", "DescribeServices", Under("services[]",
            "serviceArn", "serviceName", "clusterArn", "status", "launchType", "platformFamily", "platformVersion", "schedulingStrategy",
            "taskDefinition", "desiredCount", "runningCount", "pendingCount", "roleArn", "tags[]", "createdAt",
            "networkConfiguration.awsvpcConfiguration.assignPublicIp", "networkConfiguration.awsvpcConfiguration.subnets[]",
            "networkConfiguration.awsvpcConfiguration.securityGroups[]", "loadBalancers[].targetGroupArn")),
        new MemberReads("Mapping/EcsTaskMapping.cs", "ecs", "DescribeTasks", Under("tasks[]",
            "taskArn", "clusterArn", "taskDefinitionArn", "lastStatus", "desiredStatus", "launchType", "platformVersion", "group",
            "availabilityZone", "containerInstanceArn", "cpu", "memory", "tags[]", "createdAt", "startedAt", "stoppedAt",
            "containers[].image", "containers[].imageDigest", "attachments[].type", "attachments[].details[].name", "attachments[].details[].value")),
        new MemberReads("Mapping/EcsTaskDefinitionMapping.cs", "ecs", "DescribeTaskDefinition", Under("taskDefinition",
            "taskDefinitionArn", "family", "revision", "status", "networkMode", "requiresCompatibilities[]", "cpu", "memory",
            "taskRoleArn", "executionRoleArn", "registeredAt", "containerDefinitions[].image", "containerDefinitions[].environment[].name",
            "containerDefinitions[].secrets[].name", "containerDefinitions[].secrets[].valueFrom")),
        // ApiValues.EcsTags reads the key and value of every ECS tag list the records map.
        new MemberReads("Mapping/ApiValues.cs", "ecs", "DescribeClusters", "clusters[].tags[].key", "clusters[].tags[].value"),
        new MemberReads("Mapping/ApiValues.cs", "ecs", "DescribeServices", "services[].tags[].key", "services[].tags[].value"),
        new MemberReads("Mapping/ApiValues.cs", "ecs", "DescribeTasks", "tasks[].tags[].key", "tasks[].tags[].value"),
        new MemberReads("Mapping/ApiValues.cs", "ecs", "DescribeTaskDefinition", "tags[].key", "tags[].value"),

        new MemberReads("Wire/NetworkInterfaceXml.cs", "ec2", "DescribeNetworkInterfaces", "nextToken", "networkInterfaceSet[].networkInterfaceId",
            "networkInterfaceSet[].association.publicIp", "networkInterfaceSet[].privateIpAddressesSet[].association.publicIp",
            "networkInterfaceSet[].ipv6AddressesSet[].ipv6Address", "networkInterfaceSet[].privateIpAddress", "networkInterfaceSet[].groupSet[].groupId",
            "networkInterfaceSet[].subnetId", "networkInterfaceSet[].vpcId"),
        new MemberReads("Wire/Ec2Client.cs", "ec2", "DescribeSecurityGroups", And("nextToken", Under("securityGroupInfo[]",
            "groupId", "groupName", "vpcId", "ipPermissions[].ipProtocol", "ipPermissions[].fromPort", "ipPermissions[].toPort",
            "ipPermissions[].ipRanges[].cidrIp", "ipPermissions[].ipv6Ranges[].cidrIpv6"))),
        new MemberReads("Wire/Ec2Client.cs", "ec2", "DescribeRouteTables", And("nextToken", Under("routeTableSet[]",
            "routeTableId", "vpcId", "associationSet[].main", "associationSet[].subnetId", "associationSet[].associationState.state",
            "routeSet[].destinationCidrBlock", "routeSet[].destinationIpv6CidrBlock", "routeSet[].gatewayId", "routeSet[].state"))),

        new MemberReads("Wire/EcsClient.cs", "ecs", "DescribeContainerInstances", "containerInstances[]", "failures[].arn", "failures[].reason"),
        new MemberReads("Inventory/ScopeNetworkReader.cs", "ecs", "DescribeContainerInstances", "containerInstances[].containerInstanceArn", "containerInstances[].ec2InstanceId"),
        new MemberReads("Exposure/Reachability/TaskFacts.cs", "ecs", "DescribeTasks", Under("tasks[]",
            "taskArn", "clusterArn", "group", "taskDefinitionArn", "containerInstanceArn", "attachments[].type", "attachments[].status",
            "attachments[].details[].name", "attachments[].details[].value", "containers[].imageDigest",
            "containers[].networkBindings[].containerPort", "containers[].networkBindings[].hostPort", "containers[].networkBindings[].protocol",
            "containers[].networkBindings[].containerPortRange", "containers[].networkBindings[].hostPortRange")),
        new MemberReads("Exposure/Reachability/TaskFacts.cs", "ecs", "DescribeTaskDefinition", Under("taskDefinition",
            "taskDefinitionArn", "networkMode", "containerDefinitions[].portMappings[].containerPort", "containerDefinitions[].portMappings[].hostPort",
            "containerDefinitions[].portMappings[].protocol", "containerDefinitions[].portMappings[].containerPortRange")),

        new MemberReads("Wire/Elbv2Client.cs", "elbv2", "DescribeLoadBalancers", And("NextMarker", Under("LoadBalancers[]",
            "LoadBalancerArn", "LoadBalancerName", "Scheme", "Type", "IpAddressType", "VpcId", "SecurityGroups[]"))),
        new MemberReads("Wire/Elbv2Client.cs", "elbv2", "DescribeTargetGroups", And("NextMarker", Under("TargetGroups[]",
            "TargetGroupArn", "TargetGroupName", "TargetType", "Protocol", "Port", "LoadBalancerArns[]"))),
        new MemberReads("Wire/Elbv2Client.cs", "elbv2", "DescribeListeners", And("NextMarker", Under("Listeners[]",
            "ListenerArn", "LoadBalancerArn", "Port", "Protocol", "DefaultActions[].Type", "DefaultActions[].Order", "DefaultActions[].TargetGroupArn",
            "DefaultActions[].ForwardConfig.TargetGroups[].TargetGroupArn", "DefaultActions[].ForwardConfig.TargetGroups[].Weight"))),
        new MemberReads("Wire/Elbv2Client.cs", "elbv2", "DescribeRules", And("NextMarker", Under("Rules[]",
            "RuleArn", "Priority", "IsDefault", "Conditions[].Field", "Conditions[].Values[]", "Conditions[].PathPatternConfig.Values[]",
            "Conditions[].HostHeaderConfig.Values[]", "Actions[].Type", "Actions[].Order", "Actions[].TargetGroupArn",
            "Actions[].ForwardConfig.TargetGroups[].TargetGroupArn", "Actions[].ForwardConfig.TargetGroups[].Weight"))),
        new MemberReads("Wire/Elbv2Client.cs", "elbv2", "DescribeTargetHealth", Under("TargetHealthDescriptions[]", "Target.Id", "Target.Port", "TargetHealth.State")),
        new MemberReads("Wire/RegionXml.cs", "ec2", "DescribeRegions", "regionInfo[].regionName", "regionInfo[].optInStatus"),

        new MemberReads("Wire/OrganizationsClient.cs", "organizations", "ListAccounts", Under("Accounts[]", "Id", "Name", "State", "Status").Append("NextToken").ToArray()),
        new MemberReads("Wire/OrganizationsClient.cs", "organizations", "ListAccountsForParent", Under("Accounts[]", "Id", "Name", "State", "Status").Append("NextToken").ToArray()),
        new MemberReads("Wire/OrganizationsClient.cs", "organizations", "ListChildren", "NextToken", "Children[].Id"),

    };
}
