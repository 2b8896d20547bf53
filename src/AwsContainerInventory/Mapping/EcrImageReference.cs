using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace AwsContainerInventory
{
    /// <summary>
    /// Reads a container image reference as a private Amazon ECR image and names its repository by ARN:
    /// <c>&lt;account&gt;.dkr.ecr.&lt;region&gt;.amazonaws.com/&lt;name&gt;[:tag][@digest]</c>, also in China
    /// (<c>.amazonaws.com.cn</c>), GovCloud (<c>us-gov-*</c>), through FIPS (<c>dkr.ecr-fips</c>) and dual-stack
    /// (<c>&lt;account&gt;.dkr-ecr.&lt;region&gt;.on.aws</c>) endpoints. Any other image (Docker Hub, ECR Public,
    /// other registries, a host with a port, a name ECR would not accept) has no repository ARN.
    /// </summary>
    internal static partial class EcrImageReference
    {
        private const int MaxRepositoryNameLength = 256;

        // Host names compare case-insensitively: hosts are lower-cased (ASCII only) before matching.
        private const string RegistryHostPattern =
            @"^(?<account>[0-9]{12})\.(?:dkr\.ecr(?<fips>-fips)?\.(?<region>[a-z]{2}(?:-[a-z]+)+-[0-9]+)\.amazonaws\.com(?<china>\.cn)?"
            + @"|dkr-ecr\.(?<region>[a-z]{2}(?:-[a-z]+)+-[0-9]+)\.on\.aws)\z";

        // ECR's repository name rule: lowercase components separated by '.', '_' or '-', joined by '/'.
        private const string RepositoryNamePattern = @"^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*\z";

        private const string TagPattern = @"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}\z";

        // algorithm:hex, as in "sha256:<64 hex digits>".
        private const string DigestPattern = @"^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}\z";

#if NET7_0_OR_GREATER
        // Matchers generated at build time (and so precompiled with the rest): no pattern parsed at the first task.
        [GeneratedRegex(RegistryHostPattern, RegexOptions.CultureInvariant)] private static partial Regex RegistryHostRegex();
        [GeneratedRegex(RepositoryNamePattern, RegexOptions.CultureInvariant)] private static partial Regex RepositoryNameRegex();
        [GeneratedRegex(TagPattern, RegexOptions.CultureInvariant)] private static partial Regex TagRegex();
        [GeneratedRegex(DigestPattern, RegexOptions.CultureInvariant)] private static partial Regex DigestRegex();
        private static readonly Regex RegistryHost = RegistryHostRegex();
        private static readonly Regex RepositoryName = RepositoryNameRegex();
        private static readonly Regex Tag = TagRegex();
        private static readonly Regex Digest = DigestRegex();
#else
        private static readonly Regex RegistryHost = new Regex(RegistryHostPattern, RegexOptions.CultureInvariant);
        private static readonly Regex RepositoryName = new Regex(RepositoryNamePattern, RegexOptions.CultureInvariant);
        private static readonly Regex Tag = new Regex(TagPattern, RegexOptions.CultureInvariant);
        private static readonly Regex Digest = new Regex(DigestPattern, RegexOptions.CultureInvariant);
#endif

        /// <summary>
        /// The ARN of the private ECR repository the image comes from
        /// (<c>arn:&lt;partition&gt;:ecr:&lt;region&gt;:&lt;account&gt;:repository/&lt;name&gt;</c>); false for any other image.
        /// </summary>
        public static bool TryGetRepositoryArn(string? image, out string arn)
        {
            arn = string.Empty;
            if (string.IsNullOrEmpty(image)) return false;
            if (!ArnByImage.TryGetValue(image!, out string? known))
            {
                known = ReadRepositoryArn(image!) ?? NotAnEcrImage;
                if (ArnByImage.Count >= MaxRememberedImages) ArnByImage.Clear();
                ArnByImage[image!] = known;
            }
            arn = known;
            return known.Length > 0;
        }

        // Thousands of tasks run the same few images, each naming them twice (repository and digest): each reference
        // is read once, and the answer kept (a bounded number of them, for the process).
        private const int MaxRememberedImages = 4096;
        private const string NotAnEcrImage = "";
        private static readonly ConcurrentDictionary<string, string> ArnByImage = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);

        private static string? ReadRepositoryArn(string image)
        {
            int hostEnd = image.IndexOf('/');
            if (hostEnd <= 0) return null;

            string host = image.Substring(0, hostEnd);
            if (host.Any(c => c > 0x7F)) return null;   // so lower-casing cannot turn a look-alike into ASCII
            Match registry = RegistryHost.Match(host.ToLowerInvariant());
            if (!registry.Success) return null;
            string account = registry.Groups["account"].Value;
            string region = registry.Groups["region"].Value;
            string? partition = Partition(region, isChinaHost: registry.Groups["china"].Success, isFips: registry.Groups["fips"].Success);
            if (partition == null) return null;

            string? name = RepositoryNameOf(image.Substring(hostEnd + 1));
            if (name == null) return null;
            return "arn:" + partition + ":ecr:" + region + ":" + account + ":repository/" + name;
        }

        /// <summary>
        /// The distinct repository ARNs of the private ECR images among <paramref name="images"/>, in first-seen order;
        /// an empty list when none is one, null when there are no images at all.
        /// </summary>
        public static ValueList<string>? RepositoryArns(ValueList<string>? images)
        {
            if (images == null) return null;
            var arns = new List<string>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (string image in images)
            {
                if (TryGetRepositoryArn(image, out string arn) && seen.Add(arn)) arns.Add(arn);
            }
            return ValueList.Of(arns);
        }

        /// <summary>The digest an image reference pins (<c>…@sha256:&lt;hex&gt;</c>), or null when it names a tag only.</summary>
        public static string? DigestOf(string? image)
        {
            if (string.IsNullOrEmpty(image)) return null;
            int at = image!.LastIndexOf('@');
            if (at < 0) return null;
            string digest = image.Substring(at + 1);
            return Digest.IsMatch(digest) ? digest : null;
        }

        // China regions are served only from .amazonaws.com.cn hosts, without FIPS endpoints; no other region is.
        private static string? Partition(string region, bool isChinaHost, bool isFips)
        {
            bool isChinaRegion = region.StartsWith("cn-", StringComparison.Ordinal);
            if (isChinaHost != isChinaRegion) return null;
            if (isChinaRegion) return isFips ? null : "aws-cn";
            return region.StartsWith("us-gov-", StringComparison.Ordinal) ? "aws-us-gov" : "aws";
        }

        // "<name>[:tag][@digest]" → name, or null when any part is malformed. The tag follows the last ':' of the
        // last path component; the digest follows '@'.
        private static string? RepositoryNameOf(string reference)
        {
            int digestStart = reference.IndexOf('@');
            if (digestStart >= 0)
            {
                if (!Digest.IsMatch(reference.Substring(digestStart + 1))) return null;
                reference = reference.Substring(0, digestStart);
            }
            int tagStart = reference.LastIndexOf(':');
            if (tagStart > reference.LastIndexOf('/'))
            {
                if (!Tag.IsMatch(reference.Substring(tagStart + 1))) return null;
                reference = reference.Substring(0, tagStart);
            }
            bool isValidName = reference.Length >= 2 && reference.Length <= MaxRepositoryNameLength && RepositoryName.IsMatch(reference);
            return isValidName ? reference : null;
        }
    }
}
