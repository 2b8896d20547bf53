using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace AwsContainerInventory.TestEndpoint;

/// <summary>
/// The IAM Identity Center portal's GetRoleCredentials (<c>GET /federation/credentials?account_id=…&amp;role_name=…</c>,
/// bearer token in <c>x-amz-sso_bearer_token</c>), as botocore's sso model describes it: an unknown token is 401
/// UnauthorizedException, a role the estate does not hold is 403 ForbiddenException, otherwise the role's
/// temporary credentials with the expiration in epoch milliseconds. Those credentials then sign the inventory's
/// calls like any assumed role's, under strict SigV4.
/// </summary>
public sealed class SsoPortalHandler(Estate estate)
{
    public const string Path = "/federation/credentials";

    private readonly Estate _estate = estate;
    private readonly ConcurrentDictionary<string, byte> _accessTokens = new(StringComparer.Ordinal);
    private int _calls;

    /// <summary>GetRoleCredentials calls answered (any outcome).</summary>
    public int Calls => Volatile.Read(ref _calls);

    /// <summary>Sign-in tokens the portal accepts (those a test writes into ~/.aws/sso/cache).</summary>
    public void AcceptToken(string accessToken) => _accessTokens[accessToken] = 0;

    public void Clear()
    {
        _accessTokens.Clear();
        Interlocked.Exchange(ref _calls, 0);
    }

    public async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref _calls);
        var request = context.Request;
        string token = request.Headers["x-amz-sso_bearer_token"].ToString();
        string accountId = request.Query["account_id"].ToString();
        string roleName = request.Query["role_name"].ToString();
        if (request.Method != "GET")
        {
            await WriteAsync(context, 404, Error("NotFoundException", "No such route."));
            return;
        }
        if (token.Length == 0 || !_accessTokens.ContainsKey(token))
        {
            await WriteAsync(context, 401, Error("UnauthorizedException", "Session token not found or invalid"));
            return;
        }
        var role = _estate.FindRole(AwsShapes.RoleArn(accountId, roleName));
        if (role is null)
        {
            await WriteAsync(context, 403, Error("ForbiddenException", "No access"));
            return;
        }
        var credential = _estate.IssueCredential(role, "sso", 3600);
        await WriteAsync(context, 200, new JsonObject
        {
            ["roleCredentials"] = new JsonObject
            {
                ["accessKeyId"] = credential.AccessKeyId,
                ["secretAccessKey"] = credential.SecretAccessKey,
                ["sessionToken"] = credential.SessionToken,
                ["expiration"] = credential.Expiration.ToUnixTimeMilliseconds(),
            },
        });
    }

    private static JsonObject Error(string type, string message) => new() { ["message"] = message, ["__type"] = type };

    private static async Task WriteAsync(HttpContext context, int status, JsonNode body)
    {
        var bytes = AwsWire.Serialize(body);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = bytes.Length;
        context.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        if (status >= 400) context.Response.Headers["x-amzn-ErrorType"] = ((JsonObject)body)["__type"]!.GetValue<string>();
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
    }
}
