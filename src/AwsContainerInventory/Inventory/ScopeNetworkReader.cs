using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using AwsContainerInventory.Exposure.Reachability;
using AwsContainerInventory.Wire;

namespace AwsContainerInventory.Inventory
{
    /// <summary>
    /// The reads that fill one pair's <see cref="ScopeNetwork"/> for reachability, each through <see cref="GuardedAsync"/>:
    /// a read AWS refuses marks the parts it fills unread instead of failing the pair.
    /// </summary>
    internal sealed class ScopeNetworkReader
    {
        private readonly ScopeNetwork _network;

        public ScopeNetworkReader(InventoryContext context, ScopeNetwork network)
        {
            Context = context;
            _network = network;
        }

        public InventoryContext Context { get; }

        private InventoryScope Scope => Context.Scope;
        private CancellationToken CancellationToken => Context.CancellationToken;
        private IEc2Client Ec2 => Context.Ec2;
        private IEcsClient Ecs => Context.Ecs;

        public Task SecurityGroupsAsync(IReadOnlyList<string> groupIds) =>
            Task.WhenAll(Paging.Chunk(groupIds, Ec2Limits.FilterValuesPerCall).Select(chunk =>
                GuardedAsync("ec2:DescribeSecurityGroups", new[] { ScopeNetwork.SecurityGroupsPart }, async () =>
                {
                    foreach (SecurityGroupRules group in await Paging.AllPagesAsync(token => Ec2.DescribeSecurityGroupsAsync(chunk, token, CancellationToken)).ConfigureAwait(false))
                        _network.SecurityGroups[group.GroupId] = group;
                })));

        public Task RouteTablesAsync(IReadOnlyList<string> vpcIds) =>
            Task.WhenAll(Paging.Chunk(vpcIds, Ec2Limits.FilterValuesPerCall).Select(chunk =>
                GuardedAsync("ec2:DescribeRouteTables", new[] { ScopeNetwork.RouteTablesPart }, async () =>
                {
                    foreach (RouteTableRoutes table in await Paging.AllPagesAsync(token => Ec2.DescribeRouteTablesAsync(chunk, token, CancellationToken)).ConfigureAwait(false))
                        _network.RouteTables.Add(table);
                })));

        public Task ContainerInstancesAsync(string clusterArn, IReadOnlyList<string> containerInstanceArns) =>
            Task.WhenAll(Paging.Chunk(containerInstanceArns, EcsLimits.DescribeContainerInstancesBatch).Select(chunk =>
                GuardedAsync("ecs:DescribeContainerInstances", chunk.Select(ScopeNetwork.ContainerInstancePart).ToList(), async () =>
                {
                    DescribeResult result = await Ecs.DescribeContainerInstancesAsync(clusterArn, chunk, CancellationToken).ConfigureAwait(false);
                    foreach (JsonElement instance in result.Items)
                    {
                        string? arn = ApiValues.String(instance, "containerInstanceArn");
                        string? ec2InstanceId = ApiValues.String(instance, "ec2InstanceId");
                        if (arn != null && ec2InstanceId != null) _network.ContainerInstances[arn] = ec2InstanceId;
                    }
                })));

        /// <summary>
        /// Runs one read; when AWS refuses it, the <paramref name="parts"/> it fills are marked unread: a denial is one
        /// warning per role and action, any other failure an error naming the pair.
        /// </summary>
        public async Task GuardedAsync(string action, IReadOnlyList<string> parts, Func<Task> read)
        {
            try
            {
                if (Context.Run.VerboseShown) Context.Run.WriteVerbose(action + " for reachability in " + Scope.Label + ".");
                await read().ConfigureAwait(false);
            }
            catch (AwsServiceException error) when (error.IsAccessDenied && !CancellationToken.IsCancellationRequested)
            {
                foreach (string part in parts) _network.MarkUnread(part, action + " was denied");
                string who = Scope.RoleArn == null ? "the session's credentials" : "role " + Scope.RoleArn;
                Context.Run.WriteWarningOnce("reachability-denied:" + action + ":" + (Scope.RoleArn ?? string.Empty),
                    action + " was denied for " + who + " (first in " + Scope.Region + "): the reachability it decides is reported as unknown "
                    + "(ReachabilityUnknown findings). Allow " + action + " to decide it.");
            }
            catch (AwsServiceException error) when (!CancellationToken.IsCancellationRequested)
            {
                foreach (string part in parts) _network.MarkUnread(part, action + " failed (" + error.ErrorCode + ")");
                Context.Run.WriteError(InventoryErrors.ScopeFailed(error, Scope, "Reading " + action + " for reachability (verdicts that need it are unknown)"));
            }
        }
    }
}
