namespace AwsContainerInventory.TestEndpoint;

/// <summary>Counts of what an estate holds.</summary>
public sealed record EstateSummary(
    int Accounts,
    int AccountRegions,
    int Repositories,
    int Clusters,
    int Services,
    int Tasks,
    int TaskDefinitions,
    int Roles,
    int NetworkInterfaces);
