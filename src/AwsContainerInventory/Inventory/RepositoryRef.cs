using System.Text.Json;

namespace AwsContainerInventory.Inventory
{
    /// <summary>One repository to read images of: its name, ARN and registry.</summary>
    internal sealed class RepositoryRef
    {
        public RepositoryRef(string name, string arn, string? registryId)
        {
            Name = name;
            Arn = arn;
            RegistryId = registryId;
        }

        public string Name { get; }
        public string Arn { get; }

        /// <summary>The registry (account) to ask; null asks the caller's own.</summary>
        public string? RegistryId { get; }

        public static RepositoryRef FromArn(string arn) => new RepositoryRef(EcrImageMapping.RepositoryNameFromArn(arn), arn, ApiValues.AccountFromArn(arn));

        /// <summary>From a DescribeRepositories <c>Repository</c>.</summary>
        public static RepositoryRef FromListing(JsonElement repository)
        {
            string name = ApiValues.String(repository, "repositoryName") ?? string.Empty;
            string arn = ApiValues.String(repository, "repositoryArn") ?? name;
            return new RepositoryRef(name, arn, ApiValues.String(repository, "registryId") ?? ApiValues.AccountFromArn(arn));
        }

        public override string ToString() => Arn;
    }
}
