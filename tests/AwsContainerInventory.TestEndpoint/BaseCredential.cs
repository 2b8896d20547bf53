namespace AwsContainerInventory.TestEndpoint;

/// <summary>Long-term credentials of an IAM user in an account.</summary>
public sealed record BaseCredential(string AccessKeyId, string SecretAccessKey, string AccountId);
