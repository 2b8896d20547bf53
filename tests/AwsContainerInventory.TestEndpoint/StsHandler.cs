using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace AwsContainerInventory.TestEndpoint;

/// <summary>
/// AWS STS, query protocol (<c>Action=…&amp;Version=2011-06-15</c> form bodies, XML responses):
/// AssumeRole and GetCallerIdentity.
/// </summary>
internal sealed partial class StsHandler(Estate estate, EndpointStats stats) : IServiceHandler
{
    public const string ApiVersion = "2011-06-15";

    public static readonly IReadOnlySet<string> Operations = new HashSet<string> { "AssumeRole", "GetCallerIdentity" };

    private const int DefaultDurationSeconds = 3600;
    private const int RoleChainingLimitSeconds = 3600;

    private static readonly XNamespace Ns = AwsWire.StsNamespace;

    private readonly Estate _estate = estate;
    private readonly EndpointStats _stats = stats;

    public AwsResponse Handle(AwsCall call)
    {
        var version = call.Form.GetValueOrDefault("Version");
        if (version != ApiVersion)
        {
            throw new AwsServiceException(400, "InvalidAction",
                $"Could not find operation {call.Operation} for version {version ?? "NO_VERSION_SPECIFIED"}");
        }

        return call.Operation switch
        {
            "AssumeRole" => AssumeRole(call),
            "GetCallerIdentity" => GetCallerIdentity(call),
            _ => throw new AwsServiceException(400, "InvalidAction", $"Could not find operation {call.Operation} for version {ApiVersion}"),
        };
    }

    private AwsResponse AssumeRole(AwsCall call)
    {
        var roleArn = call.Form.GetValueOrDefault("RoleArn");
        var sessionName = call.Form.GetValueOrDefault("RoleSessionName");
        var durationText = call.Form.GetValueOrDefault("DurationSeconds");
        int? duration = int.TryParse(durationText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;

        try
        {
            var credential = Issue(call, roleArn, sessionName, durationText, duration);
            _stats.AssumeRole(new AssumeRoleRecord(roleArn, sessionName, duration, call.Caller.Arn, "Issued",
                credential.AccessKeyId, DateTimeOffset.UtcNow));

            var result = new XElement(Ns + "AssumeRoleResult",
                new XElement(Ns + "AssumedRoleUser",
                    new XElement(Ns + "AssumedRoleId", credential.AssumedRoleId),
                    new XElement(Ns + "Arn", credential.AssumedRoleArn)),
                new XElement(Ns + "Credentials",
                    new XElement(Ns + "AccessKeyId", credential.AccessKeyId),
                    new XElement(Ns + "SecretAccessKey", credential.SecretAccessKey),
                    new XElement(Ns + "SessionToken", credential.SessionToken),
                    new XElement(Ns + "Expiration", IsoTimestamp(credential.Expiration))));
            return Response("AssumeRoleResponse", result, call.RequestId);
        }
        catch (AwsServiceException ex)
        {
            _stats.AssumeRole(new AssumeRoleRecord(roleArn, sessionName, duration, call.Caller.Arn, ex.Code, null,
                DateTimeOffset.UtcNow));
            throw;
        }
    }

    private TemporaryCredential Issue(AwsCall call, string? roleArn, string? sessionName, string? durationText, int? duration)
    {
        if (string.IsNullOrEmpty(roleArn))
        {
            throw Validation("Value null at 'roleArn' failed to satisfy constraint: Member must not be null");
        }
        if (string.IsNullOrEmpty(sessionName))
        {
            throw Validation("Value null at 'roleSessionName' failed to satisfy constraint: Member must not be null");
        }
        if (!SessionNamePattern().IsMatch(sessionName))
        {
            throw Validation($"Value '{sessionName}' at 'roleSessionName' failed to satisfy constraint: " +
                @"Member must satisfy regular expression pattern: [\w+=,.@-]* and have length between 2 and 64");
        }
        if (durationText is not null && duration is null)
        {
            throw Validation($"Value '{durationText}' at 'durationSeconds' failed to satisfy constraint: Member must be an integer");
        }
        if (duration is < 900)
        {
            throw Validation($"Value '{duration}' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900");
        }
        if (duration is > 43200)
        {
            throw Validation($"Value '{duration}' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 43200");
        }

        var role = Estate.IsRoleArn(roleArn) ? _estate.FindRole(roleArn) : null;
        if (role is null || _estate.IsDenied(roleArn))
        {
            throw new AwsServiceException(403, "AccessDenied",
                $"User: {call.Caller.Arn} is not authorized to perform: sts:AssumeRole on resource: {roleArn}");
        }

        var seconds = duration ?? DefaultDurationSeconds;
        if (call.Caller.IsTemporary && seconds > RoleChainingLimitSeconds)
        {
            throw new AwsServiceException(400, "ValidationError",
                "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.");
        }
        if (seconds > role.MaxSessionDurationSeconds)
        {
            throw new AwsServiceException(400, "ValidationError",
                "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
        }

        return _estate.IssueCredential(role, sessionName, seconds);
    }

    private static AwsResponse GetCallerIdentity(AwsCall call)
    {
        var result = new XElement(Ns + "GetCallerIdentityResult",
            new XElement(Ns + "Arn", call.Caller.Arn),
            new XElement(Ns + "UserId", call.Caller.UserId),
            new XElement(Ns + "Account", call.Caller.AccountId));
        return Response("GetCallerIdentityResponse", result, call.RequestId);
    }

    private static AwsResponse Response(string name, XElement result, string requestId)
    {
        var document = new XElement(Ns + name,
            result,
            new XElement(Ns + "ResponseMetadata", new XElement(Ns + "RequestId", requestId)));
        return new AwsResponse(200, AwsWire.Xml(document), AwsWire.XmlContentType);
    }

    private static AwsServiceException Validation(string detail) =>
        new(400, "ValidationError", $"1 validation error detected: {detail}");

    private static string IsoTimestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^[\w+=,.@-]{2,64}$")]
    private static partial Regex SessionNamePattern();
}
