using System.Threading;
using System.Threading.Tasks;

namespace AwsContainerInventory.Wire
{
    /// <summary>
    /// The AWS Organizations calls account discovery makes (AWS JSON 1.1, botocore's organizations 2016-11-28 model),
    /// written here because the package registry this project builds from does not serve AWSSDK.Organizations. Every
    /// listing is paged with NextToken; the caller must be the management account or a delegated administrator.
    /// </summary>
    internal interface IOrganizationsClient
    {
        /// <summary>One page of every account in the organization, whatever its state.</summary>
        Task<ApiPage<OrganizationAccount>> ListAccountsAsync(string? nextToken, CancellationToken cancellationToken);

        /// <summary>One page of the accounts directly under <paramref name="parentId"/> (a root r-… or an OU ou-…), not in its child OUs.</summary>
        Task<ApiPage<OrganizationAccount>> ListAccountsForParentAsync(string parentId, string? nextToken, CancellationToken cancellationToken);

        /// <summary>One page of the ids of the OUs directly under <paramref name="parentId"/> (ChildType ORGANIZATIONAL_UNIT).</summary>
        Task<ApiPage<string>> ListOrganizationalUnitsAsync(string parentId, string? nextToken, CancellationToken cancellationToken);
    }
}
