using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace AwsContainerInventory.Exposure
{
    /// <summary>
    /// A registry's scanning configuration (<c>ecr:GetRegistryScanningConfiguration</c>, one per account and region)
    /// and what it means for one repository. ENHANCED scanning (Amazon Inspector) scans the repositories its
    /// CONTINUOUS_SCAN and SCAN_ON_PUSH rules' filters match (the console's "all repositories" is the filter <c>*</c>);
    /// BASIC scanning scans on push the repositories a SCAN_ON_PUSH rule matches, and otherwise the repository's own
    /// (deprecated) scanOnPush setting decides.
    /// </summary>
    internal sealed class RegistryScanningConfiguration
    {
        public const string Enhanced = "ENHANCED";
        public const string ScanOnPush = "SCAN_ON_PUSH";
        public const string ContinuousScan = "CONTINUOUS_SCAN";

        private RegistryScanningConfiguration(string? registryId, string scanType, IReadOnlyList<ScanningRule> rules)
        {
            RegistryId = registryId;
            ScanType = scanType;
            Rules = rules;
        }

        public string? RegistryId { get; }

        /// <summary>BASIC or ENHANCED; BASIC when the registry has no configuration.</summary>
        public string ScanType { get; }

        public IReadOnlyList<ScanningRule> Rules { get; }

        /// <summary>Maps the whole GetRegistryScanningConfiguration answer.</summary>
        public static RegistryScanningConfiguration FromApi(JsonElement response)
        {
            JsonElement? configuration = ApiValues.Member(response, "scanningConfiguration");
            var rules = new List<ScanningRule>();
            if (configuration != null)
            {
                foreach (JsonElement rule in ApiValues.Objects(configuration.Value, "rules"))
                {
                    List<string> filters = ApiValues.Objects(rule, "repositoryFilters")
                        .Where(f => (ApiValues.String(f, "filterType") ?? "WILDCARD") == "WILDCARD")
                        .Select(f => ApiValues.String(f, "filter")).Where(f => !string.IsNullOrEmpty(f)).Select(f => f!).ToList();
                    rules.Add(new ScanningRule(ApiValues.String(rule, "scanFrequency") ?? "MANUAL", filters));
                }
            }
            string scanType = (configuration == null ? null : ApiValues.String(configuration.Value, "scanType")) ?? "BASIC";
            return new RegistryScanningConfiguration(ApiValues.String(response, "registryId"), scanType, rules);
        }

        /// <summary>Null when the repository is scanned; otherwise why not, in one sentence.</summary>
        public string? WhyNotScanned(string repositoryName, bool? repositoryScanOnPush)
        {
            if (ScanType == Enhanced)
            {
                return MatchingRule(repositoryName, ContinuousScan, ScanOnPush) != null ? null
                    : "Repository " + repositoryName + " is not scanned: the registry uses enhanced scanning, but no CONTINUOUS_SCAN or SCAN_ON_PUSH rule's filter matches it.";
            }
            if (MatchingRule(repositoryName, ScanOnPush) != null || repositoryScanOnPush == true) return null;
            return "Repository " + repositoryName + " does not scan images on push: no scan-on-push rule of the registry's basic scanning matches it, and its own scanOnPush setting (deprecated) is off.";
        }

        private ScanningRule? MatchingRule(string repositoryName, params string[] frequencies) =>
            Rules.FirstOrDefault(r => frequencies.Contains(r.ScanFrequency) && r.Matches(repositoryName));
    }
}
