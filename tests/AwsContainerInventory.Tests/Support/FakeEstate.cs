using System.Text.Json.Nodes;

namespace AwsContainerInventory.Tests.Support;

/// <summary>
/// Scripts for FakeAwsHandler that behave like ECR/ECS where it matters to the tests: paging with
/// maxResults/nextToken, Describe batch limits (rejected when exceeded), include TAGS, missing clusters.
/// </summary>
public static class FakeEstate
{
    public const string Account = "123456789012";

    /// <summary>One page of <paramref name="items"/> following the request's maxResults and nextToken.</summary>
    public static Dictionary<string, object?> Page<T>(JsonObject request, IReadOnlyList<T> items, string member, int maxAllowed)
    {
        int max = request["maxResults"]?.GetValue<int>() ?? maxAllowed;
        if (max < 1 || max > maxAllowed) throw new InvalidOperationException("maxResults out of range: " + max);
        int start = request["nextToken"] is JsonNode token ? int.Parse(token.GetValue<string>()[4..]) : 0;
        var page = items.Skip(start).Take(max).ToList();
        var result = new Dictionary<string, object?> { [member] = page };
        if (start + max < items.Count) result["nextToken"] = "tok-" + (start + max);
        return result;
    }

    public static string RepositoryArn(string name, string region = "us-east-1") => $"arn:aws:ecr:{region}:{Account}:repository/{name}";

    public static FakeAwsHandler WithRepositories(this FakeAwsHandler handler, int count, Func<int, string?>? policy = null)
    {
        var repositories = Enumerable.Range(0, count).Select(i => new Dictionary<string, object?>
        {
            ["repositoryArn"] = RepositoryArn($"repo-{i:D4}"),
            ["registryId"] = Account,
            ["repositoryName"] = $"repo-{i:D4}",
            ["repositoryUri"] = $"{Account}.dkr.ecr.us-east-1.amazonaws.com/repo-{i:D4}",
            ["createdAt"] = 1700000000 + i,
            ["imageTagMutability"] = i % 2 == 0 ? "MUTABLE" : "IMMUTABLE",
            ["imageScanningConfiguration"] = new { scanOnPush = i % 3 == 0 },
            ["encryptionConfiguration"] = new { encryptionType = "AES256" },
        }).ToList();
        return handler
            .On("DescribeRepositories", body => Page(body, repositories, "repositories", 1000))
            .On("GetRepositoryPolicy", body =>
            {
                string name = body["repositoryName"]!.GetValue<string>();
                string? text = policy?.Invoke(int.Parse(name[5..]));
                return text == null
                    ? FakeResponse.Error(400, "RepositoryPolicyNotFoundException", "no policy")
                    : FakeResponse.Json(new { registryId = Account, repositoryName = name, policyText = text });
            })
            .On("ListTagsForResource", body => new { tags = new[] { new { Key = "repo", Value = body["resourceArn"]!.GetValue<string>().Split('/').Last() } } });
    }

    /// <summary>The network interface of a WithEcs task: unique per cluster and task.</summary>
    public static string EniId(string cluster, string taskArn) => "eni-" + cluster + "-" + taskArn.Split('/').Last();

    /// <summary>
    /// ec2:DescribeNetworkInterfaces as EC2 answers it (query protocol, XML): by <c>network-interface-id</c> filter
    /// with at most 200 values, MaxResults 5–1000 and NextToken. An interface has a public IP when
    /// <paramref name="publicIp"/> gives one; ids it answers null for do not exist.
    /// </summary>
    public static FakeAwsHandler WithNetworkInterfaces(this FakeAwsHandler handler, Func<string, string?> publicIp, Func<string, bool>? exists = null, int? pageLimit = null) =>
        handler.On("DescribeNetworkInterfaces", body =>
        {
            if (body["Filter.1.Name"]?.GetValue<string>() != "network-interface-id")
                return Ec2Error(400, "InvalidParameterValue", "Only the network-interface-id filter is scripted.");
            var ids = Enumerable.Range(1, int.MaxValue).Select(i => body["Filter.1.Value." + i]?.GetValue<string>()).TakeWhile(v => v != null).Select(v => v!).ToList();
            if (ids.Count > 200) return Ec2Error(400, "FilterLimitExceeded", "The request uses too many filters or too many filter values.");
            int max = int.Parse(body["MaxResults"]?.GetValue<string>() ?? "1000");
            if (max < 5 || max > 1000) return Ec2Error(400, "InvalidParameterValue", "MaxResults must be 5-1000.");
            // EC2 may answer fewer than MaxResults and still page.
            if (pageLimit is int limit) max = Math.Min(max, limit);
            int start = body["NextToken"] is JsonNode token ? int.Parse(token.GetValue<string>()) : 0;
            var found = ids.Distinct().Where(id => exists?.Invoke(id) ?? true).ToList();
            var page = found.Skip(start).Take(max).Select(id =>
            {
                string? ip = publicIp(id);
                string association = ip == null ? "" : $"<association><publicIp>{ip}</publicIp><ipOwnerId>amazon</ipOwnerId></association>";
                return $"<item><networkInterfaceId>{id}</networkInterfaceId><groupSet><item><groupId>sg-1</groupId></item></groupSet>{association}"
                    + $"<privateIpAddressesSet><item><privateIpAddress>10.0.0.1</privateIpAddress><primary>true</primary>{association}</item></privateIpAddressesSet></item>";
            });
            string next = start + max < found.Count ? $"<nextToken>{start + max}</nextToken>" : "";
            return FakeResponse.Xml(200, "<DescribeNetworkInterfacesResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>r-1</requestId>"
                + $"<networkInterfaceSet>{string.Concat(page)}</networkInterfaceSet>{next}</DescribeNetworkInterfacesResponse>");
        });

    public static FakeResponse Ec2Error(int status, string code, string message) =>
        FakeResponse.Xml(status, $"<Response><Errors><Error><Code>{code}</Code><Message>{message}</Message></Error></Errors><RequestID>r-1</RequestID></Response>");

    public static string ClusterArn(string name, string region = "us-east-1") => $"arn:aws:ecs:{region}:{Account}:cluster/{name}";

    /// <summary>Clusters with services and RUNNING/STOPPED tasks; Describe calls over the API limit are rejected.</summary>
    public static FakeAwsHandler WithEcs(this FakeAwsHandler handler, int clusters, int servicesPerCluster = 0, int runningPerCluster = 0, int stoppedPerCluster = 0)
    {
        var clusterNames = Enumerable.Range(0, clusters).Select(i => $"cluster-{i:D3}").ToList();
        string ClusterOf(JsonObject body)
        {
            string value = body["cluster"]?.GetValue<string>() ?? "default";
            string name = value.Split('/').Last();
            if (!clusterNames.Contains(name)) throw new KeyNotFoundException(name);
            return name;
        }
        FakeResponse Guard(Func<FakeResponse> action)
        {
            try { return action(); }
            catch (KeyNotFoundException) { return FakeResponse.Error(400, "ClusterNotFoundException", "Cluster not found."); }
            catch (InvalidOperationException e) { return FakeResponse.Error(400, "InvalidParameterException", e.Message); }
        }
        FakeResponse Batch(JsonObject body, string member, int limit, Func<string, object?> describe, string outMember)
        {
            var names = body[member]!.AsArray().Select(n => n!.GetValue<string>()).ToList();
            if (names.Count > limit) return FakeResponse.Error(400, "InvalidParameterException", $"{member} can have at most {limit} items.");
            bool tags = body["include"]?.AsArray().Any(n => n!.GetValue<string>() == "TAGS") == true;
            var found = new List<object>();
            var failures = new List<object>();
            foreach (string name in names)
            {
                if (describe(name) is Dictionary<string, object?> item)
                {
                    if (!tags) item.Remove("tags");
                    found.Add(item);
                }
                else failures.Add(new { arn = name, reason = "MISSING" });
            }
            return FakeResponse.Json(new Dictionary<string, object> { [outMember] = found, ["failures"] = failures });
        }

        handler.WithNetworkInterfaces(_ => null);
        return handler
            .On("ListClusters", body => Page(body, clusterNames.Select(n => ClusterArn(n)).ToList(), "clusterArns", 100))
            .On("DescribeClusters", body => Batch(body, "clusters", 100, name =>
            {
                string n = name.Split('/').Last();
                return clusterNames.Contains(n)
                    ? new Dictionary<string, object?> { ["clusterArn"] = ClusterArn(n), ["clusterName"] = n, ["status"] = "ACTIVE", ["runningTasksCount"] = runningPerCluster, ["tags"] = new[] { new { key = "name", value = n } } }
                    : null;
            }, "clusters"))
            .On("ListServices", body => Guard(() =>
            {
                string c = ClusterOf(body);
                var arns = Enumerable.Range(0, servicesPerCluster).Select(i => $"arn:aws:ecs:us-east-1:{Account}:service/{c}/svc-{i:D3}").ToList();
                return FakeResponse.Json(Page(body, arns, "serviceArns", 100));
            }))
            .On("DescribeServices", body => Guard(() =>
            {
                string c = ClusterOf(body);
                return Batch(body, "services", 10, arn => new Dictionary<string, object?>
                {
                    ["serviceArn"] = arn, ["serviceName"] = arn.Split('/').Last(), ["clusterArn"] = ClusterArn(c), ["status"] = "ACTIVE",
                    ["createdAt"] = 1700000000, ["platformFamily"] = "Linux", ["tags"] = new[] { new { key = "svc", value = "1" } },
                }, "services");
            }))
            .On("ListTasks", body => Guard(() =>
            {
                string c = ClusterOf(body);
                string status = body["desiredStatus"]?.GetValue<string>() ?? "RUNNING";
                int count = status == "STOPPED" ? stoppedPerCluster : runningPerCluster;
                var arns = Enumerable.Range(0, count).Select(i => $"arn:aws:ecs:us-east-1:{Account}:task/{c}/{status.ToLowerInvariant()}-{i:D4}").ToList();
                return FakeResponse.Json(Page(body, arns, "taskArns", 100));
            }))
            .On("DescribeTasks", body => Guard(() =>
            {
                string c = ClusterOf(body);
                return Batch(body, "tasks", 100, arn => new Dictionary<string, object?>
                {
                    ["taskArn"] = arn, ["clusterArn"] = ClusterArn(c),
                    ["lastStatus"] = arn.Contains("/stopped-") ? "STOPPED" : "RUNNING",
                    ["desiredStatus"] = arn.Contains("/stopped-") ? "STOPPED" : "RUNNING",
                    ["launchType"] = "FARGATE", ["cpu"] = "256", ["memory"] = "512", ["availabilityZone"] = "us-east-1a",
                    ["createdAt"] = 1700000000, ["startedAt"] = 1700000010,
                    ["containers"] = new[] { new { name = "app", image = "nginx:latest" } },
                    ["attachments"] = new[] { new { type = "ElasticNetworkInterface", details = new[] { new { name = "networkInterfaceId", value = EniId(c, arn) }, new { name = "privateIPv4Address", value = "10.0.0.1" }, new { name = "subnetId", value = "subnet-1" } } } },
                    ["tags"] = new[] { new { key = "t", value = "1" } },
                }, "tasks");
            }));
    }
}
