using System;
using System.Collections.Generic;
using System.Management.Automation;
using AwsContainerInventory.Wire;
using AwsContainerInventory.Wire.Endpoints;

namespace AwsContainerInventory.Session
{
    /// <summary>
    /// The region and endpoint checks Connect-AwsInventory and every Get- cmdlet make before any call: regions
    /// from the environment or a profile (which no parameter attribute saw), and one endpoint per service
    /// and region. Each failure is an ErrorRecord with a stable id, InvalidArgument, and what to fix as target.
    /// </summary>
    internal static class SessionChecks
    {
        public const string InvalidRegion = "AwsInvalidRegion";
        public const string InvalidEndpointConfiguration = "AwsInvalidEndpointConfiguration";
        public const string ProfileNotFound = "AwsProfileNotFound";
        public const string InvalidAccountSelection = "AwsInvalidAccountSelection";

        /// <summary>
        /// The error for the first region no partition has, or null; a region newer than the partition data
        /// is written as a warning when <paramref name="warn"/> is given. <paramref name="source"/> says where the
        /// regions came from ("AWS_REGION", "profile 'x'"), for the message.
        /// </summary>
        public static ErrorRecord? CheckRegions(IEnumerable<string> regions, string? source, Action<string>? warn)
        {
            foreach (string region in regions)
            {
                if (region == RegionList.All) continue;
                RegionCheck check = RegionList.Check(region);
                if (check.Status == RegionStatus.Unknown)
                {
                    string message = (source == null ? string.Empty : "The region from " + source + " is not valid. ") + check.Problem;
                    return Record(new PSArgumentException(message), InvalidRegion, region, message);
                }
                if (check.Status == RegionStatus.New) warn?.Invoke(check.Warning);
            }
            return null;
        }

        /// <summary>The error for the first service and region without an endpoint (say, FIPS in a partition without it), or null.</summary>
        public static ErrorRecord? CheckEndpoints(ServiceEndpoints endpoints, IEnumerable<string> regions)
        {
            foreach (string region in regions)
            {
                if (region == RegionList.All) continue;
                foreach (AwsService service in AwsService.PerRegion)
                {
                    try
                    {
                        endpoints.Resolve(service, region);
                    }
                    catch (EndpointResolutionException error)
                    {
                        return Record(error, InvalidEndpointConfiguration, region, error.Message);
                    }
                }
            }
            return null;
        }

        /// <summary>The error when the partition of <paramref name="homeRegion"/> has no Organizations endpoint with the session's settings, or null.</summary>
        public static ErrorRecord? CheckOrganizationsEndpoint(ServiceEndpoints endpoints, string homeRegion)
        {
            try
            {
                endpoints.Organizations(homeRegion);
                return null;
            }
            catch (EndpointResolutionException error)
            {
                return Record(error, InvalidEndpointConfiguration, homeRegion, error.Message);
            }
        }

        public static ErrorRecord EndpointConfiguration(EndpointConfigurationException error) =>
            Record(error, InvalidEndpointConfiguration, error.Target, error.Message);

        private static ErrorRecord Record(Exception error, string id, object target, string message) =>
            new ErrorRecord(error, id, ErrorCategory.InvalidArgument, target) { ErrorDetails = new ErrorDetails(message) };
    }
}
