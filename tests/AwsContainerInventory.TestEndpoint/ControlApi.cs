using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace AwsContainerInventory.TestEndpoint;

/// <summary>
/// Unauthenticated JSON control routes under <c>/_control/</c> (for Pester tests and benchmarks).
/// <list type="table">
///   <item><c>GET  /_control/health</c> → <c>{"status":"ok"}</c></item>
///   <item><c>GET  /_control/stats</c> → <see cref="EndpointStats.ToJson"/></item>
///   <item><c>GET  /_control/stats/summary</c> → <see cref="EndpointStats.SummaryJson"/> (no per-call records)</item>
///   <item><c>POST /_control/reset</c> → clear stats and faults (estate stays)</item>
///   <item><c>POST /_control/clear</c> → clear stats, faults and estate</item>
///   <item><c>GET|POST /_control/faults</c> → <see cref="FaultSettings.ToJson"/> / replace all fault settings</item>
///   <item><c>GET|POST /_control/estate</c> → estate JSON / load it (<c>?merge=true</c> adds instead of replacing)</item>
///   <item><c>GET  /_control/estate/summary</c> → counts</item>
///   <item><c>POST /_control/generate</c> → <see cref="EstateGenerationOptions"/> (+ <c>"replace": true</c>)</item>
///   <item><c>GET|POST /_control/sts</c> → <c>{"deniedRoleArns":[…],"temporaryCredentialLifetimeSeconds":n|null}</c></item>
///   <item><c>GET|POST /_control/deny</c> → <c>{"deniedOperations":{"&lt;accountId&gt;":["ec2:DescribeNetworkInterfaces"]}}</c>; POST replaces all</item>
///   <item><c>POST /_control/expire-credentials</c> → every issued temporary credential expires now</item>
///   <item><c>GET|POST /_control/organization[?merge=true]</c> → the organization and region opt-ins / replace or add to them (see <see cref="LoadOrganization"/>)</item>
///   <item><c>POST /_control/organization/generate</c> → <see cref="OrganizationGenerationOptions"/> → the member ids</item>
///   <item><c>POST /_control/shutdown</c> → answer, then stop the endpoint</item>
/// </list>
/// Errors are 400 <c>{"error":"…"}</c>; unknown routes 404.
/// </summary>
internal sealed class ControlApi(ScriptedAwsEndpoint endpoint)
{
    private readonly ScriptedAwsEndpoint _endpoint = endpoint;

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var route = (request.Method, request.Path.Value?.TrimEnd('/') ?? "");
        try
        {
            JsonNode? result = route switch
            {
                ("GET", "/_control/health") => new JsonObject { ["status"] = "ok" },
                ("GET", "/_control/stats") => _endpoint.Stats.ToJson(),
                ("GET", "/_control/stats/summary") => _endpoint.Stats.SummaryJson(),
                ("POST", "/_control/reset") => Done(_endpoint.Reset),
                ("POST", "/_control/clear") => Done(_endpoint.Clear),
                ("GET", "/_control/faults") => _endpoint.Faults.ToJson(),
                ("POST", "/_control/faults") => LoadFaults(await ReadObjectAsync(context)),
                ("GET", "/_control/estate") => _endpoint.Estate.ToJson(),
                ("POST", "/_control/estate") => LoadEstate(await ReadObjectAsync(context), request.Query["merge"] == "true"),
                ("GET", "/_control/estate/summary") => Summary(),
                ("POST", "/_control/generate") => Generate(await ReadObjectAsync(context)),
                ("GET", "/_control/sts") => StsSettings(),
                ("POST", "/_control/sts") => SetStsSettings(await ReadObjectAsync(context)),
                ("GET", "/_control/sso") => new JsonObject { ["getRoleCredentialsCalls"] = _endpoint.SsoPortal.Calls },
                ("POST", "/_control/sso") => AcceptSsoTokens(await ReadObjectAsync(context)),
                ("GET", "/_control/deny") => DeniedOperations(),
                ("POST", "/_control/deny") => SetDeniedOperations(await ReadObjectAsync(context)),
                ("POST", "/_control/expire-credentials") => Done(_endpoint.Estate.ExpireTemporaryCredentials),
                ("GET", "/_control/organization") => _endpoint.Estate.OrganizationToJson(),
                ("POST", "/_control/organization") => LoadOrganization(await ReadObjectAsync(context), request.Query["merge"] == "true"),
                ("POST", "/_control/organization/generate") => GenerateOrganization(await ReadObjectAsync(context)),
                ("POST", "/_control/shutdown") => Shutdown(context),
                _ => null,
            };

            if (result is null)
            {
                await WriteAsync(context, 404, new JsonObject { ["error"] = $"No control route {route.Method} {route.Item2}" });
                return;
            }
            await WriteAsync(context, 200, result);
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException
                                       or FormatException or KeyNotFoundException or IOException)
        {
            await WriteAsync(context, 400, new JsonObject { ["error"] = ex.Message });
        }
    }

    private JsonNode LoadFaults(JsonObject json)
    {
        _endpoint.Faults.Load(json);
        return _endpoint.Faults.ToJson();
    }

    private JsonNode LoadEstate(JsonObject json, bool merge)
    {
        _endpoint.Estate.Load(json, replace: !merge);
        return Summary();
    }

    private JsonNode Generate(JsonObject json)
    {
        if (json["replace"]?.GetValue<bool>() == true)
        {
            _endpoint.Estate.Clear();
        }
        var result = _endpoint.Estate.Generate(EstateGenerationOptions.FromJson(json)).ToJson();
        result["summary"] = Summary();
        return result;
    }

    /// <summary>
    /// Replaces the organization: <c>{"managementAccountId":"…","rootId":"r-ab12","organizationalUnits":[{"id","parentId","name"}],
    /// "accounts":[{"id","name","parentId","state"}],"delegatedAdministrators":["…"],"regionOptIn":{"&lt;account&gt;":["af-south-1"]}}</c>;
    /// OUs are added in the order given (a parent before its children), accounts default to the root and ACTIVE. With
    /// <paramref name="merge"/> the members are added to the existing organization (managementAccountId is then not needed).
    /// </summary>
    private JsonNode LoadOrganization(JsonObject json, bool merge)
    {
        var estate = _endpoint.Estate;
        string root = merge
            ? estate.RootId ?? throw new InvalidOperationException("There is no organization to merge into.")
            : estate.CreateOrganization(json["managementAccountId"]?.GetValue<string>() ?? throw new ArgumentException("managementAccountId is required."),
                json["rootId"]?.GetValue<string>() ?? "r-ab12");
        foreach (var unit in (json["organizationalUnits"] as JsonArray ?? []).OfType<JsonObject>())
        {
            estate.AddOrganizationalUnit(unit["id"]!.GetValue<string>(), unit["parentId"]?.GetValue<string>() ?? root, unit["name"]?.GetValue<string>() ?? "unit");
        }
        foreach (var account in (json["accounts"] as JsonArray ?? []).OfType<JsonObject>())
        {
            string id = account["id"]!.GetValue<string>();
            estate.AddAccount(id, account["name"]?.GetValue<string>() ?? "account-" + id, account["parentId"]?.GetValue<string>() ?? root,
                account["state"]?.GetValue<string>() ?? "ACTIVE");
        }
        foreach (var admin in json["delegatedAdministrators"] as JsonArray ?? [])
        {
            estate.AddDelegatedAdministrator(admin!.GetValue<string>());
        }
        foreach (var (account, regions) in json["regionOptIn"] as JsonObject ?? [])
        {
            estate.SetRegionOptIn(account, (regions as JsonArray ?? []).Select(r => r!.GetValue<string>()));
        }
        return estate.OrganizationToJson();
    }

    private JsonNode GenerateOrganization(JsonObject json)
    {
        var members = _endpoint.Estate.GenerateOrganization(OrganizationGenerationOptions.FromJson(json));
        return new JsonObject
        {
            ["managementAccountId"] = _endpoint.Estate.ManagementAccountId,
            ["rootId"] = _endpoint.Estate.RootId,
            ["members"] = new JsonArray(members.Select(m => (JsonNode?)m).ToArray()),
            ["summary"] = Summary(),
        };
    }

    private JsonNode Summary() => JsonSerializer.SerializeToNode(_endpoint.Estate.Summarize(), JsonSerializerOptions.Web)!;

    private JsonNode StsSettings() => new JsonObject
    {
        ["deniedRoleArns"] = new JsonArray(_endpoint.Estate.DeniedRoleArns.Select(a => (JsonNode?)a).ToArray()),
        ["temporaryCredentialLifetimeSeconds"] = _endpoint.Estate.TemporaryCredentialLifetime?.TotalSeconds,
    };

    /// <summary>Members present are replaced; members left out keep their value.</summary>
    private JsonNode SetStsSettings(JsonObject json)
    {
        var estate = _endpoint.Estate;
        if (json.ContainsKey("deniedRoleArns"))
        {
            foreach (var arn in estate.DeniedRoleArns)
            {
                estate.AllowRole(arn);
            }
            foreach (var arn in json["deniedRoleArns"] as JsonArray ?? [])
            {
                estate.DenyRole(arn!.GetValue<string>());
            }
        }
        if (json.ContainsKey("temporaryCredentialLifetimeSeconds"))
        {
            estate.TemporaryCredentialLifetime = json["temporaryCredentialLifetimeSeconds"] is JsonValue seconds
                ? TimeSpan.FromSeconds(seconds.GetValue<double>())
                : null;
        }
        return StsSettings();
    }

    /// <summary><c>{"accessTokens":["…"]}</c>: sign-in tokens the IAM Identity Center portal stand-in accepts.</summary>
    private JsonNode AcceptSsoTokens(JsonObject json)
    {
        foreach (var token in json["accessTokens"] as JsonArray ?? [])
        {
            _endpoint.SsoPortal.AcceptToken(token!.GetValue<string>());
        }
        return new JsonObject { ["status"] = "ok" };
    }

    private JsonNode DeniedOperations() => new JsonObject
    {
        ["deniedOperations"] = new JsonObject(_endpoint.Estate.DeniedOperations.Select(p => KeyValuePair.Create(p.Key,
            (JsonNode?)new JsonArray(p.Value.Select(a => (JsonNode?)a).ToArray())))),
    };

    /// <summary>Replaces every denial with the ones sent (validated first, so a bad entry changes nothing).</summary>
    private JsonNode SetDeniedOperations(JsonObject json)
    {
        var wanted = (json["deniedOperations"] as JsonObject ?? [])
            .SelectMany(p => (p.Value as JsonArray ?? []).Select(a => (AccountId: p.Key, Action: a!.GetValue<string>())))
            .ToList();
        foreach (var (accountId, action) in wanted)
        {
            Estate.ValidateDenial(accountId, action);
        }

        var estate = _endpoint.Estate;
        foreach (var (accountId, actions) in estate.DeniedOperations)
        {
            foreach (var action in actions)
            {
                estate.AllowOperation(accountId, action);
            }
        }
        foreach (var (accountId, action) in wanted)
        {
            estate.DenyOperation(accountId, action);
        }
        return DeniedOperations();
    }

    private JsonNode Shutdown(HttpContext context)
    {
        context.Response.OnCompleted(() =>
        {
            _endpoint.RequestShutdown();
            return Task.CompletedTask;
        });
        return new JsonObject { ["status"] = "stopping" };
    }

    private static JsonNode Done(Action action)
    {
        action();
        return new JsonObject { ["status"] = "ok" };
    }

    private static async Task<JsonObject> ReadObjectAsync(HttpContext context)
    {
        var node = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        return node as JsonObject ?? throw new JsonException("Request body must be a JSON object.");
    }

    private static async Task WriteAsync(HttpContext context, int status, JsonNode body)
    {
        var bytes = AwsWire.Serialize(body);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = bytes.Length;
        context.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
    }
}
