namespace AwsContainerInventory
{
    /// <summary>What Get-ContainerExposure found; each kind has one fixed severity (see <see cref="ExposureFinding.SeverityOf"/>).</summary>
    public enum ExposureKind
    {
        /// <summary>A task with a public IP runs an image from a repository anyone can pull (Critical).</summary>
        PublicTaskRunsPublicImage,

        /// <summary>A task has a public IP address (High).</summary>
        PublicTask,

        /// <summary>A repository policy lets any principal in without a condition that narrows who (High).</summary>
        PublicRepository,

        /// <summary>A task without a public IP runs an image from a repository anyone can pull (Medium).</summary>
        TaskRunsPublicImage,

        /// <summary>A service gives its tasks public IPs (awsvpc assignPublicIp ENABLED) (Medium).</summary>
        ServiceAssignsPublicIp,

        /// <summary>A task definition's environment variable names look like secrets: values in plain text (Medium).</summary>
        SecretLikeEnvironmentName,

        /// <summary>A repository does not scan images on push (Low).</summary>
        ScanOnPushDisabled,

        /// <summary>A repository lets image tags be overwritten (MUTABLE) (Low).</summary>
        MutableImageTags,
    }
}
