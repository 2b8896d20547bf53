using System.Text.Json;
using System.Text.Json.Nodes;

namespace AwsContainerInventory.TestEndpoint;

/// <summary>
/// JSON form of the estate (used by <c>POST /_control/estate</c>, <c>GET /_control/estate</c> and
/// <c>--estate file.json</c>). Every member is optional:
/// <code>
/// {
///   "credentials": [ { "accessKeyId": "…", "secretAccessKey": "…", "accountId": "…" } ],
///   "roles": [ "arn:aws:iam::…:role/Inventory", { "roleArn": "…", "maxSessionDurationSeconds": 3600 } ],
///   "deniedRoleArns": [ "…" ],
///   "deniedOperations": { "200000000001": [ "ec2:DescribeNetworkInterfaces" ] },
///   "temporaryCredentialLifetimeSeconds": 120,
///   "regions": [ {
///       "accountId": "…", "region": "us-east-1",
///       "repositories":    [ { "repository": {Repository}, "policyText": "…", "tags": {"k":"v"} | [{"Key":..,"Value":..}],
///                              "images": [ {ImageDetail} ] } ],
///       "registryScanningConfiguration": { "scanType": "BASIC" | "ENHANCED", "rules": [ {RegistryScanningRule} ] },
///       "clusters":        [ {Cluster} ],
///       "services":        [ {Service} ],            // placed by clusterArn
///       "tasks":           [ {Task} ],               // placed by clusterArn
///       "taskDefinitions": [ { "taskDefinition": {TaskDefinition}, "tags": {"k":"v"} | [{"key":..,"value":..}] } ],
///       "networkInterfaces": [ {NetworkInterface} ],  // EC2 wire vocabulary; loaded before the tasks
///       "securityGroups": [ {SecurityGroup} ], "routeTables": [ {RouteTable} ],        // EC2 wire vocabulary
///       "loadBalancers": [ {LoadBalancer} ], "targetGroups": [ {TargetGroup} ], "listeners": [ {Listener} ],
///       "rules": [ {Rule + "ListenerArn"} ], "targetHealth": [ {"targetGroupArn", "targets": [ {TargetHealthDescription} ]} ],
///       "containerInstances": [ {ContainerInstance + "clusterName"} ]
///   } ],
///   "generate": { …EstateGenerationOptions… }        // applied after the rest
/// }
/// </code>
/// Without "credentials" the default base credential is used.
/// </summary>
public sealed partial class Estate
{
    /// <summary>Loads estate JSON. With <paramref name="replace"/> the current estate is cleared first
    /// (issued temporary credentials stay valid).</summary>
    public void Load(JsonObject estate, bool replace = true)
    {
        ArgumentNullException.ThrowIfNull(estate);
        lock (_sync)
        {
            if (replace)
            {
                ClearLocked(keepIssuedCredentials: true);
            }

            if (estate["credentials"] is JsonArray credentials)
            {
                if (replace)
                {
                    _credentials.Clear();
                }
                foreach (var c in credentials.Select(AsObject))
                {
                    AddCredential(Str(c, "accessKeyId"), Str(c, "secretAccessKey"), Str(c, "accountId"));
                }
            }

            foreach (var role in (estate["roles"] as JsonArray ?? []))
            {
                if (role is JsonObject r)
                {
                    AddRole(Str(r, "roleArn"),
                        r["maxSessionDurationSeconds"]?.GetValue<int>() ?? RoleDefinition.DefaultMaxSessionDurationSeconds);
                }
                else
                {
                    AddRole(role!.GetValue<string>());
                }
            }

            foreach (var denied in (estate["deniedRoleArns"] as JsonArray ?? []))
            {
                DenyRole(denied!.GetValue<string>());
            }

            foreach (var (accountId, actions) in estate["deniedOperations"] as JsonObject ?? [])
            {
                foreach (var action in actions as JsonArray ?? [])
                {
                    DenyOperation(accountId, action!.GetValue<string>());
                }
            }

            if (estate["temporaryCredentialLifetimeSeconds"] is JsonValue lifetime)
            {
                _temporaryCredentialLifetime = TimeSpan.FromSeconds(lifetime.GetValue<double>());
            }

            foreach (var region in (estate["regions"] as JsonArray ?? []).Select(AsObject))
            {
                LoadRegion(region);
            }

            if (estate["generate"] is JsonObject generate)
            {
                Generate(EstateGenerationOptions.FromJson(generate));
            }
        }
    }

    public void LoadFile(string path, bool replace = true) =>
        Load(JsonNode.Parse(File.ReadAllBytes(path))?.AsObject()
             ?? throw new InvalidDataException($"{path} does not hold a JSON object."), replace);

    /// <summary>The estate in the JSON form <see cref="Load"/> accepts (issued credentials are not included).</summary>
    public JsonObject ToJson()
    {
        lock (_sync)
        {
            var root = new JsonObject
            {
                ["credentials"] = new JsonArray(_credentials.Values.Select(c => (JsonNode?)new JsonObject
                {
                    ["accessKeyId"] = c.AccessKeyId,
                    ["secretAccessKey"] = c.SecretAccessKey,
                    ["accountId"] = c.AccountId,
                }).ToArray()),
                ["roles"] = new JsonArray(_roles.Values.Select(r => (JsonNode?)new JsonObject
                {
                    ["roleArn"] = r.RoleArn,
                    ["maxSessionDurationSeconds"] = r.MaxSessionDurationSeconds,
                }).ToArray()),
                ["deniedRoleArns"] = new JsonArray(_deniedRoles.Select(a => (JsonNode?)a).ToArray()),
                ["deniedOperations"] = DeniedOperationsJson(),
            };
            if (_temporaryCredentialLifetime is { } lifetime)
            {
                root["temporaryCredentialLifetimeSeconds"] = lifetime.TotalSeconds;
            }
            root["regions"] = new JsonArray(_regions.Values.Select(r => (JsonNode?)RegionToJson(r)).ToArray());
            return root;
        }
    }

    /// <summary><c>{"&lt;accountId&gt;": ["service:Operation", …]}</c>; caller holds the lock.</summary>
    internal JsonObject DeniedOperationsJson()
    {
        var json = new JsonObject();
        foreach (var (accountId, actions) in _deniedOperations.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            json[accountId] = new JsonArray(actions.Order(StringComparer.Ordinal).Select(a => (JsonNode?)a).ToArray());
        }
        return json;
    }

    private void LoadRegion(JsonObject region)
    {
        var accountId = Str(region, "accountId");
        var name = Str(region, "region");
        Region(accountId, name);

        foreach (var repo in Items(region, "repositories"))
        {
            var repository = AsObject(repo["repository"]);
            AddRepository(accountId, name, repository, repo["policyText"]?.GetValue<string>(), ReadTags(repo["tags"]));
            foreach (var image in Items(repo, "images"))
            {
                AddImage(accountId, name, Str(repository, "repositoryName"), image);
            }
        }
        if (region["registryScanningConfiguration"] is JsonObject scanning)
        {
            SetRegistryScanningConfiguration(accountId, name, scanning);
        }
        foreach (var cluster in Items(region, "clusters"))
        {
            AddCluster(accountId, name, cluster);
        }
        foreach (var service in Items(region, "services"))
        {
            AddService(accountId, name, service);
        }
        // Before the tasks, so ENIs keep their order and tasks do not register defaults over them.
        foreach (var networkInterface in Items(region, "networkInterfaces"))
        {
            AddNetworkInterface(accountId, name, networkInterface);
        }
        foreach (var task in Items(region, "tasks"))
        {
            AddTask(accountId, name, task);
        }
        foreach (var definition in Items(region, "taskDefinitions"))
        {
            AddTaskDefinition(accountId, name, AsObject(definition["taskDefinition"]), ReadTags(definition["tags"]));
        }
        LoadNetwork(accountId, name, region);
    }

    private static JsonObject RegionToJson(RegionResources r)
    {
        var json = RegionResourcesToJson(r);
        NetworkToJson(r, json);
        return json;
    }

    private static JsonObject RegionResourcesToJson(RegionResources r) => new()
    {
        ["accountId"] = r.AccountId,
        ["region"] = r.Region,
        ["repositories"] = new JsonArray(r.Repositories.Items.Select(e => (JsonNode?)new JsonObject
        {
            ["repository"] = e.Json.ToJsonObject(),
            ["policyText"] = e.PolicyText,
            ["tags"] = AwsShapes.EcrTags(e.Tags),
            ["images"] = new JsonArray((r.Images.GetValueOrDefault(e.Name)?.Items ?? []).Select(i => (JsonNode?)i.Json.ToJsonObject()).ToArray()),
        }).ToArray()),
        ["registryScanningConfiguration"] = r.RegistryScanning?.ToJsonObject(),
        ["clusters"] = new JsonArray(r.Clusters.Items.Select(c => (JsonNode?)c.Json.ToJsonObject()).ToArray()),
        ["services"] = new JsonArray(r.Clusters.Items
            .SelectMany(c => c.Services.Items).Select(s => (JsonNode?)s.Json.ToJsonObject()).ToArray()),
        ["tasks"] = new JsonArray(r.Clusters.Items
            .SelectMany(c => c.Tasks.Items).Select(t => (JsonNode?)t.Json.ToJsonObject()).ToArray()),
        ["taskDefinitions"] = new JsonArray(r.TaskDefinitions.Items.Select(d => (JsonNode?)new JsonObject
        {
            ["taskDefinition"] = d.Json.ToJsonObject(),
            ["tags"] = d.TagsJson is null ? null : JsonNode.Parse(d.TagsJson),
        }).ToArray()),
        ["networkInterfaces"] = new JsonArray(r.NetworkInterfaces.Items.Select(e => (JsonNode?)e.ToJsonObject()).ToArray()),
    };

    /// <summary>Tags as an object map, an ECR list (Key/Value) or an ECS list (key/value).</summary>
    private static List<KeyValuePair<string, string>>? ReadTags(JsonNode? tags) => tags switch
    {
        null => null,
        JsonObject map => map.Select(p => KeyValuePair.Create(p.Key, p.Value!.GetValue<string>())).ToList(),
        JsonArray list => list.Select(AsObject).Select(t => KeyValuePair.Create(
            (t["Key"] ?? t["key"])!.GetValue<string>(),
            (t["Value"] ?? t["value"])!.GetValue<string>())).ToList(),
        _ => throw new JsonException("tags must be an object or a list."),
    };

    private static IEnumerable<JsonObject> Items(JsonObject parent, string member) =>
        (parent[member] as JsonArray ?? []).Select(AsObject);

    private static JsonObject AsObject(JsonNode? node) =>
        node as JsonObject ?? throw new JsonException($"Expected a JSON object, found: {node?.ToJsonString() ?? "null"}");

    private static string Str(JsonObject obj, string member) =>
        obj[member]?.GetValue<string>() ?? throw new JsonException($"Missing '{member}' in {obj.ToJsonString()}");
}
