using System;
using AwsContainerInventory.Isolation;

namespace AwsContainerInventory.Session
{
    /// <summary>
    /// The default region when no -Region is given, in the AWS CLI's order: AWS_REGION, then
    /// AWS_DEFAULT_REGION, then the region of the profile (the one given, else AWS_PROFILE, else "default"),
    /// which AWSSDK.Core reads from the shared config and credentials files. An empty variable counts as unset.
    /// The environment is read on every call, so a changed $env:AWS_REGION applies to the next one.
    /// </summary>
    internal static class RegionChain
    {
        public static readonly string[] EnvironmentVariables = { "AWS_REGION", "AWS_DEFAULT_REGION" };

        public static ResolvedRegion? Resolve(string? profileName, Func<string, string?> environment, IDefaultChains chains)
        {
            foreach (string variable in EnvironmentVariables)
            {
                string? value = environment(variable);
                if (!string.IsNullOrWhiteSpace(value)) return new ResolvedRegion(value!.Trim(), variable);
            }
            string profile = SharedConfigFile.ProfileName(profileName, environment);
            string? fromProfile = chains.ProfileRegion(profile);
            return string.IsNullOrWhiteSpace(fromProfile) ? null : new ResolvedRegion(fromProfile!.Trim(), "profile '" + profile + "'");
        }
    }
}
