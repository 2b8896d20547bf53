using System.Text.Json.Nodes;
using AwsContainerInventory.TestEndpoint;

namespace AwsContainerInventory.Tests.Support;

/// <summary>
/// Estates for <see cref="FakeAwsHandler"/>: repositories, clusters, services and tasks put into its
/// <see cref="Estate"/>, which the scripted endpoint's own handlers serve (paging by maxResults/nextToken, Describe
/// batch limits, include TAGS, missing clusters). Entities are named as the tests know them (repo-0000,
/// cluster-000, svc-000, running-0000 / stopped-0000), with the ARNs of the region they are put in.
/// </summary>
public static class FakeEstate
{
    public const string Account = "123456789012";

    private static readonly string[] DefaultRegions = ["us-east-1"];

    public static string RepositoryArn(string name, string region = "us-east-1") => $"arn:aws:ecr:{region}:{Account}:repository/{name}";

    public static string ClusterArn(string name, string region = "us-east-1") => $"arn:aws:ecs:{region}:{Account}:cluster/{name}";

    /// <summary>The network interface of a WithEcs task: unique per cluster and task.</summary>
    public static string EniId(string cluster, string taskArn) => "eni-" + cluster + "-" + taskArn.Split('/').Last();

    /// <param name="policy">The policy text of repository i; null: it has none.</param>
    /// <param name="exists">False: repository i is left out (a name or ARN that is not there).</param>
    /// <param name="arnRegion">The region the ARNs and URIs name, when not the region they are served in.</param>
    public static FakeAwsHandler WithRepositories(this FakeAwsHandler handler, int count, Func<int, string?>? policy = null,
        IEnumerable<string>? regions = null, string account = Account, Func<int, bool>? exists = null, string? arnRegion = null)
    {
        foreach (string region in regions ?? DefaultRegions)
        {
            string named = arnRegion ?? region;
            foreach (int i in Enumerable.Range(0, count).Where(i => exists?.Invoke(i) ?? true))
            {
                string name = $"repo-{i:D4}";
                var repository = new JsonObject
                {
                    ["repositoryArn"] = $"arn:aws:ecr:{named}:{account}:repository/{name}",
                    ["registryId"] = account,
                    ["repositoryName"] = name,
                    ["repositoryUri"] = $"{account}.dkr.ecr.{named}.amazonaws.com/{name}",
                    ["createdAt"] = 1700000000 + i,
                    ["imageTagMutability"] = i % 2 == 0 ? "MUTABLE" : "IMMUTABLE",
                    ["imageScanningConfiguration"] = new JsonObject { ["scanOnPush"] = i % 3 == 0 },
                    ["encryptionConfiguration"] = new JsonObject { ["encryptionType"] = "AES256" },
                };
                handler.Estate.AddRepository(account, region, repository, policy?.Invoke(i), [KeyValuePair.Create("repo", name)]);
                handler.Repositories.Add((account, region, name));
            }
        }
        return handler;
    }

    /// <summary>Clusters with services and RUNNING/STOPPED tasks (each RUNNING task with one ENI, no public IP).</summary>
    public static FakeAwsHandler WithEcs(this FakeAwsHandler handler, int clusters, int servicesPerCluster = 0, int runningPerCluster = 0,
        int stoppedPerCluster = 0, IEnumerable<string>? regions = null)
    {
        foreach (string region in regions ?? DefaultRegions)
        {
            for (int c = 0; c < clusters; c++)
            {
                string cluster = $"cluster-{c:D3}";
                handler.Estate.AddCluster(Account, region, new JsonObject
                {
                    ["clusterArn"] = ClusterArn(cluster, region), ["clusterName"] = cluster, ["status"] = "ACTIVE",
                    ["runningTasksCount"] = runningPerCluster, ["tags"] = Tags("name", cluster),
                });
                for (int s = 0; s < servicesPerCluster; s++)
                {
                    string arn = $"arn:aws:ecs:{region}:{Account}:service/{cluster}/svc-{s:D3}";
                    handler.Estate.AddService(Account, region, new JsonObject
                    {
                        ["serviceArn"] = arn, ["serviceName"] = arn.Split('/').Last(), ["clusterArn"] = ClusterArn(cluster, region), ["status"] = "ACTIVE",
                        ["createdAt"] = 1700000000, ["platformFamily"] = "Linux", ["tags"] = Tags("svc", "1"),
                    });
                }
                for (int t = 0; t < runningPerCluster + stoppedPerCluster; t++)
                {
                    string status = t < runningPerCluster ? "RUNNING" : "STOPPED";
                    int index = t < runningPerCluster ? t : t - runningPerCluster;
                    string arn = $"arn:aws:ecs:{region}:{Account}:task/{cluster}/{status.ToLowerInvariant()}-{index:D4}";
                    handler.Estate.AddTask(Account, region, Task(region, cluster, arn, status));
                    if (status == "RUNNING") handler.TaskInterfaces.Add((region, EniId(cluster, arn)));
                }
            }
        }
        return handler;
    }

    private static JsonObject Task(string region, string cluster, string arn, string status) => new()
    {
        ["taskArn"] = arn, ["clusterArn"] = ClusterArn(cluster, region), ["lastStatus"] = status, ["desiredStatus"] = status,
        ["launchType"] = "FARGATE", ["cpu"] = "256", ["memory"] = "512", ["availabilityZone"] = region + "a",
        ["createdAt"] = 1700000000, ["startedAt"] = 1700000010,
        ["containers"] = new JsonArray(new JsonObject { ["name"] = "app", ["image"] = "nginx:latest" }),
        ["attachments"] = new JsonArray(new JsonObject
        {
            ["id"] = "attachment-" + arn.Split('/').Last(),
            ["type"] = "ElasticNetworkInterface",
            // A stopped task's interface is gone, as in ECS.
            ["status"] = status == "RUNNING" ? "ATTACHED" : "DELETED",
            ["details"] = new JsonArray(Detail("networkInterfaceId", EniId(cluster, arn)), Detail("privateIPv4Address", "10.0.0.1"), Detail("subnetId", "subnet-1")),
        }),
        ["tags"] = Tags("t", "1"),
    };

    private static JsonArray Tags(string key, string value) => new(new JsonObject { ["key"] = key, ["value"] = value });

    private static JsonObject Detail(string name, string value) => new() { ["name"] = name, ["value"] = value };

    /// <summary>
    /// Public IPs (and existence) of the WithEcs tasks' interfaces, served by the endpoint's
    /// ec2:DescribeNetworkInterfaces (filter values ≤ 200, MaxResults 5–1000, NextToken).
    /// </summary>
    /// <param name="publicIp">The public IP of an interface by id; null: none.</param>
    /// <param name="exists">False: the interface is gone (no longer served).</param>
    /// <param name="pageLimit">At most this many interfaces a page, as EC2 may answer fewer than MaxResults.</param>
    public static FakeAwsHandler WithNetworkInterfaces(this FakeAwsHandler handler, Func<string, string?> publicIp, Func<string, bool>? exists = null, int? pageLimit = null)
    {
        foreach (var (region, eniId) in handler.TaskInterfaces)
        {
            if (exists?.Invoke(eniId) ?? true)
                handler.Estate.SetPublicIp(Account, region, eniId, publicIp(eniId));
            else
                handler.Estate.RemoveNetworkInterface(Account, region, eniId);
        }
        if (pageLimit is int limit)
        {
            handler.Around("DescribeNetworkInterfaces", (call, next) =>
            {
                var form = new Dictionary<string, string>(call.Form);
                int asked = int.Parse(form.GetValueOrDefault("MaxResults") ?? "1000");
                form["MaxResults"] = Math.Min(asked, limit).ToString();
                return next(call with { Form = form });
            });
        }
        return handler;
    }

    public static FakeResponse Ec2Error(int status, string code, string message) =>
        FakeResponse.Xml(status, $"<Response><Errors><Error><Code>{code}</Code><Message>{message}</Message></Error></Errors><RequestID>r-1</RequestID></Response>");
}
