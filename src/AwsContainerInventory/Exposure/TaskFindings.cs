using System;
using System.Collections.Generic;
using System.Linq;
using AwsContainerInventory.Exposure.Reachability;

namespace AwsContainerInventory.Exposure
{
    /// <summary>
    /// The findings about a running task, from its reachability verdict: reachable (High, with its paths and their
    /// evidence, and the image digests it runs, for joins with image scan results), a public address nothing lets
    /// in (Low, with why), unknown (Medium, with what could not be read); and the public-image join, Critical when
    /// the internet reaches the task. A rule over reachable tasks and their <see cref="TaskFacts.ImageDigests"/>
    /// (such as images with critical scan findings) belongs beside <see cref="PublicImage"/>.
    /// </summary>
    internal static class TaskFindings
    {
        private const string PathSeparator = "; ";

        public static IEnumerable<ExposureFinding> Reachability(TaskReachability verdict, DateTime capturedAt)
        {
            TaskFacts task = verdict.Task;
            switch (verdict.Verdict)
            {
                case ReachabilityVerdict.Reachable:
                    string also = verdict.NearMisses.Count == 0 ? string.Empty : " Not through: " + string.Join("; ", verdict.NearMisses) + ".";
                    yield return Finding(ExposureKind.InternetReachableTask, task,
                        "Task " + task.Name + " is reachable from the internet by " + Count(verdict.Paths.Count, "path") + "." + also,
                        Paths(verdict), Evidence(verdict), capturedAt);
                    break;
                case ReachabilityVerdict.Unknown:
                    yield return new ExposureFinding(ExposureKind.ReachabilityUnknown, task.TaskArn, task.Name, task.Region, task.AccountId,
                        "Whether the internet can reach task " + task.Name + " is unknown: " + string.Join("; ", verdict.Unknowns) + ".",
                        ValueList.Of(Array.Empty<string>()), capturedAt, null, ValueList.Of(verdict.Unknowns.Concat(verdict.NearMisses)));
                    break;
                case ReachabilityVerdict.PublicAddressNotReachable:
                    yield return new ExposureFinding(ExposureKind.PublicIpNotReachable, task.TaskArn, task.Name, task.Region, task.AccountId,
                        "Task " + task.Name + " has public address " + string.Join(", ", verdict.PublicAddresses) + ", but the internet cannot reach it: "
                        + string.Join("; ", verdict.NearMisses) + ".",
                        ValueList.Of(Array.Empty<string>()), capturedAt, null, ValueList.Of(verdict.NearMisses));
                    break;
            }
        }

        /// <summary>A task running an image anyone can pull: Critical when the internet reaches the task, Medium otherwise.</summary>
        public static ExposureFinding PublicImage(TaskReachability? verdict, string taskArn, string name, string region, string? accountId,
            string repositories, IReadOnlyList<string> repositoryArns, DateTime capturedAt)
        {
            if (verdict != null && verdict.Verdict == ReachabilityVerdict.Reachable)
            {
                return Finding(ExposureKind.ReachableTaskRunsPublicImage, verdict.Task,
                    "Task " + name + " is reachable from the internet (" + verdict.Paths[0].Text + ") and runs an image from " + repositories + ", which anyone can pull.",
                    Paths(verdict), Evidence(verdict), capturedAt, repositoryArns);
            }
            return new ExposureFinding(ExposureKind.TaskRunsPublicImage, taskArn, name, region, accountId,
                "Task " + name + " runs an image from " + repositories + ", which anyone can pull.", ValueList.Of(repositoryArns), capturedAt);
        }

        /// <summary>A task the internet reaches runs images whose ECR scan reports critical findings (Critical).</summary>
        public static ExposureFinding VulnerableImages(TaskReachability verdict, IReadOnlyList<EcrImage> images, DateTime capturedAt)
        {
            string list = string.Join(", ", images.Select(image => image.RepositoryName + "@" + ShortDigest(image.ImageDigest)
                + " (" + Count(image.CriticalFindings ?? 0, "critical finding") + (image.HighFindings > 0 ? ", " + image.HighFindings + " high" : string.Empty) + ")"));
            return Finding(ExposureKind.ReachableTaskRunsVulnerableImage, verdict.Task,
                "Task " + verdict.Task.Name + " is reachable from the internet (" + verdict.Paths[0].Text + ") and runs " + list + " by its ECR scan.",
                Paths(verdict), Evidence(verdict), capturedAt, images.Select(image => image.RepositoryArn).Distinct(StringComparer.Ordinal));
        }

        private static string ShortDigest(string digest) => digest.StartsWith("sha256:", StringComparison.Ordinal) && digest.Length >= 19 ? digest.Substring(0, 19) + "…" : digest;

        private static ExposureFinding Finding(ExposureKind kind, TaskFacts task, string reason, string path, IEnumerable<string> evidence, DateTime capturedAt,
            IEnumerable<string>? related = null) =>
            new ExposureFinding(kind, task.TaskArn, task.Name, task.Region, task.AccountId, reason, ValueList.Of(related ?? Array.Empty<string>()), capturedAt,
                path, ValueList.Of(evidence), ValueList.Of(task.ImageDigests));

        private static string Paths(TaskReachability verdict) => string.Join(PathSeparator, verdict.Paths.Select(p => p.Text));

        private static IEnumerable<string> Evidence(TaskReachability verdict) => verdict.Paths.SelectMany(p => p.Evidence).Distinct(StringComparer.Ordinal);

        private static string Count(int count, string noun) => count + " " + noun + (count == 1 ? string.Empty : "s");
    }
}
