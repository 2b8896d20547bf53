using System;

namespace AwsContainerInventory
{
    /// <summary>
    /// One exposure Get-ContainerExposure found: what kind, how severe, on which resource, and why in one line.
    /// Its attribute names (for ConvertTo-CloudResource) follow the connector records' style; the finding is
    /// built by this module, not read from a connector.
    /// </summary>
    public sealed class ExposureFinding : ICloudResourceRecord
    {
        internal ExposureFinding(ExposureKind kind, string resourceArn, string name, string region, string? accountId, string reason,
            ValueList<string> relatedArns, DateTime capturedAt)
        {
            Kind = kind;
            Severity = SeverityOf(kind);
            ResourceArn = resourceArn;
            Uid = kind + ":" + resourceArn;
            Name = name;
            Region = region;
            AccountId = accountId;
            Reason = reason;
            RelatedArns = relatedArns;
            LastCaptured = capturedAt;
        }

        [SeedAttribute("UID", "Generated (kind:resource ARN)")] public string Uid { get; }
        [SeedAttribute("NAME", "Generated (the resource's name)")] public string Name { get; }
        [SeedAttribute("CLOUD_PROVIDER", "Generated (constant AWS)")] public string CloudProvider { get; } = CloudProviders.Aws;
        [SeedAttribute("REGION", "Generated (the resource's region)")] public string Region { get; }
        [SeedAttribute("ACCOUNT_ID", "Generated (the resource's account)")] public string? AccountId { get; }
        [SeedAttribute("SEVERITY", "Generated (fixed per kind)")] public ExposureSeverity Severity { get; }
        [SeedAttribute("KIND", "Generated (the rule that found it)")] public ExposureKind Kind { get; }
        [SeedAttribute("RESOURCE_ARN", "Generated (the task, service, task definition or repository ARN)")] public string ResourceArn { get; }
        [SeedAttribute("REASON", "Generated (one line: why)")] public string Reason { get; }
        [SeedAttribute("RELATED_ARNS", "Generated (the public repositories a task's images come from)")] public ValueList<string> RelatedArns { get; }
        [SeedAttribute("LAST_CAPTURED", "Generated (sync timestamp)")] public DateTime LastCaptured { get; }

        public override string ToString() => Severity + " " + Kind + ": " + Reason;

        public static ExposureSeverity SeverityOf(ExposureKind kind) => kind switch
        {
            ExposureKind.PublicTaskRunsPublicImage => ExposureSeverity.Critical,
            ExposureKind.PublicTask => ExposureSeverity.High,
            ExposureKind.PublicRepository => ExposureSeverity.High,
            ExposureKind.TaskRunsPublicImage => ExposureSeverity.Medium,
            ExposureKind.ServiceAssignsPublicIp => ExposureSeverity.Medium,
            ExposureKind.SecretLikeEnvironmentName => ExposureSeverity.Medium,
            _ => ExposureSeverity.Low,
        };
    }
}
