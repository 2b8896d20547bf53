using System;

namespace AwsContainerInventory
{
    /// <summary>
    /// One exposure Get-ContainerExposure found: what kind, how severe, on which resource, why in one line, and —
    /// for what the internet reaches — the path it takes and the rules and groups that allow each hop.
    /// Its attribute names (for ConvertTo-CloudResource) follow the connector records' style; the finding is
    /// built by this module, not read from a connector.
    /// </summary>
    public sealed class ExposureFinding : ICloudResourceRecord
    {
        internal ExposureFinding(ExposureKind kind, string resourceArn, string name, string region, string? accountId, string reason,
            ValueList<string> relatedArns, DateTime capturedAt, string? path = null, ValueList<string>? evidence = null, ValueList<string>? imageDigests = null)
        {
            Kind = kind;
            Severity = SeverityOf(kind);
            ResourceArn = resourceArn;
            Uid = kind + ":" + resourceArn;
            Name = name;
            Region = region;
            AccountId = accountId;
            Reason = reason;
            Path = path;
            Evidence = evidence ?? ValueList.Of(Array.Empty<string>());
            RelatedArns = relatedArns;
            ImageDigests = imageDigests;
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
        /// <summary>
        /// How the internet reaches the resource, hop by hop (<c>internet → ALB web (internet-facing) :443 → target group
        /// web-tg → service web → task 1a2b3c4d… :8080</c>); several paths are separated by <c>; </c>. $null when the
        /// internet does not reach it (or it is not known to).
        /// </summary>
        [SeedAttribute("PATH", "Generated (how the internet reaches it)")] public string? Path { get; }
        /// <summary>The rules, groups, routes and targets that allow each hop of Path — or, for an unknown verdict, what could not be read.</summary>
        [SeedAttribute("EVIDENCE", "Generated (what allows each hop)")] public ValueList<string> Evidence { get; }
        [SeedAttribute("RELATED_ARNS", "Generated (the public repositories a task's images come from)")] public ValueList<string> RelatedArns { get; }
        /// <summary>For a task the internet reaches: the image digests its containers run (<c>containers[].imageDigest</c>); $null otherwise.</summary>
        [SeedAttribute("IMAGE_DIGESTS", "Generated (containers[].imageDigest of a reachable task)")] public ValueList<string>? ImageDigests { get; }
        [SeedAttribute("LAST_CAPTURED", "Generated (sync timestamp)")] public DateTime LastCaptured { get; }

        public override string ToString() => Severity + " " + Kind + ": " + Reason;

        public static ExposureSeverity SeverityOf(ExposureKind kind) => kind switch
        {
            ExposureKind.ReachableTaskRunsVulnerableImage => ExposureSeverity.Critical,
            ExposureKind.ReachableTaskRunsPublicImage => ExposureSeverity.Critical,
            ExposureKind.InternetReachableTask => ExposureSeverity.High,
            ExposureKind.PublicRepository => ExposureSeverity.High,
            ExposureKind.ReachabilityUnknown => ExposureSeverity.Medium,
            ExposureKind.TaskRunsPublicImage => ExposureSeverity.Medium,
            ExposureKind.ServiceAssignsPublicIp => ExposureSeverity.Medium,
            ExposureKind.SecretLikeEnvironmentName => ExposureSeverity.Medium,
            _ => ExposureSeverity.Low,
        };
    }
}
