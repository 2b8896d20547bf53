namespace AwsContainerInventory
{
    /// <summary>What Get-ContainerExposure found; each kind has one fixed severity (see <see cref="ExposureFinding.SeverityOf"/>).</summary>
    public enum ExposureKind
    {
        /// <summary>A task the internet can reach runs an image whose ECR scan reports critical findings (Critical).</summary>
        ReachableTaskRunsVulnerableImage,

        /// <summary>A task the internet can reach runs an image from a repository anyone can pull (Critical).</summary>
        ReachableTaskRunsPublicImage,

        /// <summary>The internet can reach a task, directly or through a load balancer; Path says how (High).</summary>
        InternetReachableTask,

        /// <summary>A repository policy lets any principal in without a condition that narrows who (High).</summary>
        PublicRepository,

        /// <summary>Whether the internet can reach a task is unknown: something that decides it could not be read (Medium).</summary>
        ReachabilityUnknown,

        /// <summary>A task the internet cannot reach runs an image from a repository anyone can pull (Medium).</summary>
        TaskRunsPublicImage,

        /// <summary>A service gives its tasks public IPs (awsvpc assignPublicIp ENABLED) (Medium).</summary>
        ServiceAssignsPublicIp,

        /// <summary>A task definition's environment variable names look like secrets: values in plain text (Medium).</summary>
        SecretLikeEnvironmentName,

        /// <summary>A task has a public IPv4 or IPv6 address, but no security group admits the internet or no route leads in (Low).</summary>
        PublicIpNotReachable,

        /// <summary>A repository does not scan images on push (Low).</summary>
        ScanOnPushDisabled,

        /// <summary>A repository lets image tags be overwritten (MUTABLE) (Low).</summary>
        MutableImageTags,
    }
}
