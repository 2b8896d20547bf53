using System.Collections.Generic;
using AwsContainerInventory.Wire;

namespace AwsContainerInventory.Isolation
{
    /// <summary>
    /// What the module takes from AWSSDK.Core: the default credential chain, the default region chain and
    /// the shared config/credentials profiles. Implemented in AwsContainerInventory.Engine, which is loaded
    /// in its own AssemblyLoadContext so no AWSSDK type reaches this assembly.
    /// </summary>
    internal interface IDefaultChains
    {
        /// <summary>
        /// Credentials of a named profile (including role_arn/source_profile and credential_process
        /// profiles), or of the default chain when <paramref name="profileName"/> is null: environment
        /// variables, the shared credentials and config files, container and instance metadata.
        /// </summary>
        ICredentialProvider CreateCredentialProvider(string? profileName);

        /// <summary>
        /// The region setting of the named profile in the shared config or credentials file, or null when the
        /// profile or its region is missing. No environment variable is consulted: the module's region chain (Session/RegionChain.cs) does that, in its own order.
        /// </summary>
        string? ProfileRegion(string profileName);

        /// <summary>Profile names from the shared config and credentials files.</summary>
        IReadOnlyList<string> ListProfileNames();

        /// <summary>
        /// True when the profile is defined; <paramref name="searched"/> names the files looked in (local files only:
        /// no AWS call), so an error can say where the profile was looked for.
        /// </summary>
        bool ProfileExists(string profileName, out string searched);

        /// <summary>An STS client on the AWS SDK for .NET (AWSSDK.SecurityToken), sending through the session's handler.</summary>
        IStsClient CreateStsClient(StsClientSettings settings);
    }
}
