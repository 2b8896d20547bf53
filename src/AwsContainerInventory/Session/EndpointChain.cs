using System;
using System.Collections.Generic;
using System.IO;
using AwsContainerInventory.Wire.Endpoints;

namespace AwsContainerInventory.Session
{
    /// <summary>
    /// The endpoint chain of the AWS SDKs, service by service: Connect-AwsInventory -EndpointUrl; else, unless
    /// AWS_IGNORE_CONFIGURED_ENDPOINT_URLS (or the profile's ignore_configured_endpoint_urls) is true,
    /// AWS_ENDPOINT_URL_&lt;SERVICE&gt;, AWS_ENDPOINT_URL, the profile's services section (services = name →
    /// [services name] → ecr = / endpoint_url = …), the profile's endpoint_url; else the service's rule set.
    /// FIPS and dual-stack: the Connect switch, else AWS_USE_FIPS_ENDPOINT / AWS_USE_DUALSTACK_ENDPOINT, else
    /// the profile's use_fips_endpoint / use_dualstack_endpoint. An empty variable counts as unset.
    /// </summary>
    internal static class EndpointChain
    {
        public const string GlobalVariable = "AWS_ENDPOINT_URL";
        public const string IgnoreVariable = "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS";
        public const string FipsVariable = "AWS_USE_FIPS_ENDPOINT";
        public const string DualStackVariable = "AWS_USE_DUALSTACK_ENDPOINT";

        /// <summary>Throws <see cref="EndpointConfigurationException"/> for a value that is not a URL or a boolean, or a missing services section.</summary>
        public static EndpointSettings Resolve(Uri? explicitUrl, bool? explicitFips, bool? explicitDualStack, string? profileName, Func<string, string?> environment)
        {
            if (explicitUrl != null && (explicitFips == true || explicitDualStack == true))
                throw new EndpointConfigurationException(
                    "-UseFipsEndpoint and -UseDualStackEndpoint choose AWS's own endpoints; they cannot be combined with -EndpointUrl, which sends every request to " + explicitUrl + ".",
                    explicitFips == true ? "UseFipsEndpoint" : "UseDualStackEndpoint");

            string profile = SharedConfigFile.ProfileName(profileName, environment);
            SharedConfigFile file = Load(SharedConfigFile.Locate(environment));
            SharedConfigFile.Section? section = file.Profile(profile);
            string where = "profile '" + profile + "' in " + file.Path;

            bool useFips = explicitFips ?? Flag(environment, FipsVariable) ?? Flag(section, "use_fips_endpoint", where) ?? false;
            bool useDualStack = explicitDualStack ?? Flag(environment, DualStackVariable) ?? Flag(section, "use_dualstack_endpoint", where) ?? false;
            var configured = new Dictionary<string, ConfiguredEndpoint>(StringComparer.Ordinal);
            bool ignore = Flag(environment, IgnoreVariable) ?? Flag(section, "ignore_configured_endpoint_urls", where) ?? false;
            if (explicitUrl == null && !ignore)
            {
                SharedConfigFile.Section? services = ServicesSection(file, section, where);
                foreach (AwsService service in AwsService.All)
                {
                    ConfiguredEndpoint? endpoint = FromEnvironment(environment, service.EnvironmentVariable)
                        ?? FromEnvironment(environment, GlobalVariable)
                        ?? FromFile(services?.Nested(service.ConfigKey)?["endpoint_url"],
                            "[services " + section?["services"] + "] " + service.ConfigKey + " endpoint_url of " + where)
                        ?? FromFile(section?["endpoint_url"], "endpoint_url of " + where);
                    if (endpoint != null) configured[service.ServiceId] = endpoint;
                }
            }
            return new EndpointSettings(explicitUrl, configured, useFips, useDualStack);
        }

        private static SharedConfigFile Load(string path)
        {
            try
            {
                return SharedConfigFile.Load(path);
            }
            catch (Exception error) when (error is IOException || error is UnauthorizedAccessException)
            {
                throw new EndpointConfigurationException("The shared config file " + path + " could not be read: " + error.Message, path, error);
            }
        }

        private static SharedConfigFile.Section? ServicesSection(SharedConfigFile file, SharedConfigFile.Section? profile, string where)
        {
            string? name = profile?["services"];
            if (string.IsNullOrEmpty(name)) return null;
            return file.Services(name!) ?? throw new EndpointConfigurationException(
                "The " + where + " names services section '" + name + "', but the file has no [services " + name + "] section.", file.Path);
        }

        private static ConfiguredEndpoint? FromEnvironment(Func<string, string?> environment, string variable)
        {
            string? value = environment(variable);
            return string.IsNullOrWhiteSpace(value) ? null : new ConfiguredEndpoint(Url(value!.Trim(), variable), variable);
        }

        private static ConfiguredEndpoint? FromFile(string? value, string source) =>
            string.IsNullOrWhiteSpace(value) ? null : new ConfiguredEndpoint(Url(value!.Trim(), source), source);

        private static Uri Url(string value, string source)
        {
            if (Uri.TryCreate(value, UriKind.Absolute, out Uri? url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps))
                return url;
            throw new EndpointConfigurationException("The " + source + " is '" + value + "', which is not an absolute http:// or https:// URL.", source);
        }

        private static bool? Flag(Func<string, string?> environment, string variable) => Flag(environment(variable), variable);

        private static bool? Flag(SharedConfigFile.Section? section, string key, string where) => Flag(section?[key], key + " of " + where);

        private static bool? Flag(string? value, string source)
        {
            if (string.IsNullOrWhiteSpace(value)) return null;
            string text = value!.Trim();
            if (string.Equals(text, "true", StringComparison.OrdinalIgnoreCase)) return true;
            if (string.Equals(text, "false", StringComparison.OrdinalIgnoreCase)) return false;
            throw new EndpointConfigurationException("The " + source + " is '" + text + "'; it must be true or false.", source);
        }
    }
}
