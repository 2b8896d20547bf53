using System;
using System.IO;
using System.Reflection;
using Amazon.Runtime.CredentialManagement;

namespace AwsContainerInventory.Engine
{
    /// <summary>Where the shared config and credentials files are, as AWSSDK.Core and the AWS CLI look for them.</summary>
    internal static class SharedFiles
    {
        public static string CredentialsFile =>
            Environment.GetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE") is { Length: > 0 } path ? path : Path.Combine(Home, ".aws", "credentials");

        public static string ConfigFile =>
            Environment.GetEnvironmentVariable("AWS_CONFIG_FILE") is { Length: > 0 } path ? path : Path.Combine(Home, ".aws", "config");

        /// <summary>The files searched for a profile, for an error message.</summary>
        public static string Describe()
        {
            string files = CredentialsFile + " and " + ConfigFile;
            // On Windows the SDK also keeps its own encrypted store (the AWS Tools' profiles).
            return Environment.OSVersion.Platform == PlatformID.Win32NT ? files + " and the AWS SDK for .NET credential store" : files;
        }

        /// <summary>
        /// The profile store as the files are named now. AWSSDK.Core fixes the default paths once per process
        /// (static properties of SharedCredentialsFile); a PowerShell session outlives that, and a user who changes
        /// AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE or HOME expects the next call to see it, as the AWS CLI's
        /// next command would. So the defaults are set again from the environment before each use. Only this
        /// module's private copy of AWSSDK.Core is touched (it loads in its own AssemblyLoadContext).
        /// </summary>
        public static CredentialProfileStoreChain OpenStore()
        {
            SetDefault("DefaultFilePath", CredentialsFile);
            SetDefault("DefaultConfigFilePath", ConfigFile);
            return new CredentialProfileStoreChain();
        }

        private static void SetDefault(string property, string path)
        {
            // If a later AWSSDK.Core renames these, the SDK's own once-per-process paths stay in force.
            FieldInfo? field = typeof(SharedCredentialsFile).GetField("<" + property + ">k__BackingField", BindingFlags.NonPublic | BindingFlags.Static);
            if (field != null && field.FieldType == typeof(string) && !string.Equals((string?)field.GetValue(null), path, StringComparison.Ordinal))
                field.SetValue(null, path);
        }

        private static string Home => Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
    }
}
