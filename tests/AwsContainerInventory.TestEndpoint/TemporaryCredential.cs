namespace AwsContainerInventory.TestEndpoint;

/// <summary>Temporary credentials issued by AssumeRole.</summary>
public sealed record TemporaryCredential(
    string AccessKeyId,
    string SecretAccessKey,
    string SessionToken,
    DateTimeOffset Expiration,
    string AccountId,
    string RoleArn,
    string RoleSessionName,
    string AssumedRoleId,
    string AssumedRoleArn);
