using System;
using System.IO;

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

        private static string Home => Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
    }
}
