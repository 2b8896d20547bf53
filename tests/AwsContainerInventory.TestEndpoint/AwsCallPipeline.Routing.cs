using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace AwsContainerInventory.TestEndpoint;

/// <summary>Which service and operation a request is for, and what its call record says about it.</summary>
public sealed partial class AwsCallPipeline
{

    /// <summary>
    /// Service and operation: <c>X-Amz-Target</c> for the JSON services; for a form body (query protocol) the
    /// <c>Action</c>, sent to STS or EC2 by the credential scope's service — the one thing that stands for the
    /// host name AWS routes by — or, without such a scope, by whether the action (or version) is EC2's.
    /// </summary>
    /// <param name="scoped">The service the request's credential scope names (see <see cref="ServiceFromScope"/>).</param>
    private static (AwsService Service, string Operation, Dictionary<string, string> Form) Identify(HttpRequest request, ReadOnlyMemory<byte> body, AwsService? scoped)
    {
        var form = new Dictionary<string, string>(StringComparer.Ordinal);
        var target = request.Headers["X-Amz-Target"].ToString();
        if (target.Length > 0)
        {
            var dot = target.IndexOf('.');
            var prefix = dot < 0 ? target : target[..dot];
            var operation = dot < 0 ? "Unknown" : target[(dot + 1)..];
            var service = prefix switch
            {
                EcrHandler.TargetPrefix => AwsService.Ecr,
                EcsHandler.TargetPrefix => AwsService.Ecs,
                OrganizationsHandler.TargetPrefix => AwsService.Organizations,
                _ => scoped is { } jsonService and (AwsService.Ecr or AwsService.Ecs) ? jsonService : AwsService.Ecs,
            };
            return (service, prefix is EcrHandler.TargetPrefix or EcsHandler.TargetPrefix or OrganizationsHandler.TargetPrefix ? operation : target, form);
        }

        var contentType = request.ContentType ?? "";
        if (contentType.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)
            || scoped is AwsService.Sts or AwsService.Ec2 or AwsService.ElasticLoadBalancing)
        {
            var text = System.Text.Encoding.UTF8.GetString(body.Span);
            foreach (var (key, value) in QueryHelpers.ParseQuery(request.QueryString.Value))
            {
                form[key] = value.ToString();
            }
            foreach (var (key, value) in QueryHelpers.ParseQuery(text))
            {
                form[key] = value.ToString();
            }
            var action = form.GetValueOrDefault("Action") ?? "Unknown";
            var service = scoped is AwsService.Sts or AwsService.Ec2 or AwsService.ElasticLoadBalancing
                ? scoped.Value
                : Ec2Handler.Operations.Contains(action) || form.GetValueOrDefault("Version") == Ec2Handler.ApiVersion
                    ? AwsService.Ec2
                    : form.GetValueOrDefault("Version") == Elbv2Handler.ApiVersion ? AwsService.ElasticLoadBalancing : AwsService.Sts;
            return (service, action, form);
        }

        return (scoped ?? AwsService.Ecs, "Unknown", form);
    }

    private static AwsService? ServiceFromScope(string? signingName) => signingName switch
    {
        "ecr" => AwsService.Ecr,
        "ecs" => AwsService.Ecs,
        "sts" => AwsService.Sts,
        "ec2" => AwsService.Ec2,
        "elasticloadbalancing" => AwsService.ElasticLoadBalancing,
        "organizations" => AwsService.Organizations,
        _ => null,
    };

    private static string SigningName(AwsService service) => service.ToString().ToLowerInvariant();

    /// <summary>An IAM denial as each service words it (see <see cref="Estate.DenyOperation"/>).</summary>
    private static AwsServiceException NotAuthorized(AwsService service, string action, CallerIdentity caller) =>
        service == AwsService.ElasticLoadBalancing
            ? new AwsServiceException(403, "AccessDenied",
                $"User: {caller.Arn} is not authorized to perform: {action} because no identity-based policy allows the {action} action")
            : service == AwsService.Ec2
            ? new AwsServiceException(403, "UnauthorizedOperation",
                $"You are not authorized to perform this operation. User: {caller.Arn} is not authorized to perform: {action} " +
                $"because no identity-based policy allows the {action} action")
            : new AwsServiceException(400, "AccessDeniedException",
                $"User: {caller.Arn} is not authorized to perform: {action} on resource: * " +
                $"because no identity-based policy allows the {action} action");

    private static IReadOnlySet<string> KnownOperations(AwsService service) => service switch
    {
        AwsService.Ecr => EcrHandler.Operations,
        AwsService.Ecs => EcsHandler.Operations,
        AwsService.Ec2 => Ec2Handler.Operations,
        AwsService.ElasticLoadBalancing => Elbv2Handler.Operations,
        AwsService.Organizations => OrganizationsHandler.Operations,
        _ => StsHandler.Operations,
    };

    /// <summary>Call-record parameters, read leniently (a wrongly typed member is reported by the handler).</summary>
    private static void RecordParameters(CallFacts facts, AwsService service, JsonInput json, IReadOnlyDictionary<string, string> form)
    {
        if (service == AwsService.Ec2)
        {
            (facts.MaxResults, facts.BatchSize, facts.HasNextToken) = Ec2Handler.CallFacts(form);
            return;
        }
        if (service == AwsService.ElasticLoadBalancing)
        {
            facts.MaxResults = int.TryParse(form.GetValueOrDefault("PageSize"), out var pageSize) ? pageSize : null;
            facts.HasNextToken = form.ContainsKey("Marker");
            return;
        }

        facts.BatchSize = json.BatchSize();
        facts.HasNextToken = json.Body["nextToken"] is not null || json.Body["NextToken"] is not null;
        try
        {
            facts.MaxResults = json.Int("maxResults");
            facts.DesiredStatus = json.String("desiredStatus");
            facts.Cluster = json.String("cluster");
        }
        catch (AwsServiceException)
        {
            // recorded as far as readable
        }
    }

    private static async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream(request.ContentLength is > 0 and < int.MaxValue ? (int)request.ContentLength : 256);
        await request.Body.CopyToAsync(buffer, cancellationToken);
        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }
}
