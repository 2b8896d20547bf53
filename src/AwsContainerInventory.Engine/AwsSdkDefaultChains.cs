using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using AwsContainerInventory.Isolation;
using AwsContainerInventory.Wire;

namespace AwsContainerInventory.Engine
{
    /// <summary>AWSSDK.Core's credential chain, region chain and profile store behind the module's own interface.</summary>
    public sealed class AwsSdkDefaultChains : IDefaultChains
    {
        ICredentialProvider IDefaultChains.CreateCredentialProvider(string? profileName) =>
            new ProfileCredentialProvider(profileName);

        bool IDefaultChains.ProfileExists(string profileName, out string searched)
        {
            searched = SharedFiles.Describe();
            try
            {
                return SharedFiles.OpenStore().TryGetProfile(profileName, out _);
            }
            catch (Exception error) when (error is AmazonClientException || error is System.IO.IOException || error is UnauthorizedAccessException)
            {
                searched += " (unreadable: " + error.Message + ")";
                return false;
            }
        }

        IStsClient IDefaultChains.CreateStsClient(StsClientSettings settings) => new SdkStsClient(settings);

        // Only the profile's own setting: the order of the chain is the module's (RegionChain), not FallbackRegionFactory's, which caches its first answer.
        string? IDefaultChains.ProfileRegion(string profileName)
        {
            try
            {
                var chain = SharedFiles.OpenStore();
                return chain.TryGetProfile(profileName, out CredentialProfile profile) ? profile.Region?.SystemName : null;
            }
            catch (Exception error) when (error is AmazonClientException || error is System.IO.IOException || error is UnauthorizedAccessException)
            {
                return null;
            }
        }

        IReadOnlyList<string> IDefaultChains.ListProfileNames()
        {
            try
            {
                return SharedFiles.OpenStore().ListProfiles()
                    .Select(p => p.Name).Distinct(StringComparer.Ordinal).OrderBy(n => n, StringComparer.Ordinal).ToList();
            }
            catch (Exception error) when (error is AmazonClientException || error is System.IO.IOException || error is UnauthorizedAccessException)
            {
                return Array.Empty<string>();
            }
        }
    }
}
