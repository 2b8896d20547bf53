namespace AwsContainerInventory.TestEndpoint;

/// <summary>An assumable role. <see cref="MaxSessionDurationSeconds"/> caps AssumeRole's DurationSeconds like IAM does.</summary>
public sealed record RoleDefinition(string RoleArn, int MaxSessionDurationSeconds = RoleDefinition.DefaultMaxSessionDurationSeconds)
{
    /// <summary>IAM's default is 3600; the endpoint defaults to the STS maximum so any valid duration is accepted.</summary>
    public const int DefaultMaxSessionDurationSeconds = 43200;

    public string AccountId => Estate.ParseRoleArn(RoleArn).AccountId;

    public string RoleName => Estate.ParseRoleArn(RoleArn).RoleName;
}
