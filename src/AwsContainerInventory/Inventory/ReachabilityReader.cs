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
    /// Reads one (role × region) pair's network for reachability, with as few calls as the APIs allow and only
    /// what its tasks need: load balancers and target groups (each listed once, paged) when a service registers
    /// tasks in a target group; listeners of the internet-facing load balancers in front of those groups, rules of
    /// the ALB listeners whose default action does not already reach them, target health of the groups in use,
    /// container instances behind instance targets; then security groups (task interfaces with a public address
    /// and those load balancers, 200 ids a call) and the route tables of those interfaces' VPCs (200 a call).
    /// A part that cannot be read is marked so its verdicts say unknown, with one warning per role and action.
    /// </summary>
    internal static class ReachabilityReader
    {
        public static async Task ReadAsync(InventoryScope scope, ReachabilityFacts facts, InventoryRun run, InventorySession session, CancellationToken cancellationToken)
        {
            var network = new ScopeNetwork(scope.Region, scope.AccountId);
            facts.AddNetwork(network);
            ReachabilityNeeds needs = facts.NeedsFor(scope.Region, scope.AccountId);
            if (needs.IsEmpty) return;
            var reader = new Reader(scope, network, run, session, cancellationToken);
            Task routes = needs.VpcIds.Count == 0 ? Task.CompletedTask : reader.RouteTablesAsync(needs.VpcIds);
            IReadOnlyList<string> balancerGroups = needs.TargetGroupArns.Count == 0 ? new string[0]
                : await new BalancerReader(reader, network, session.PageSize).ReadAsync(needs).ConfigureAwait(false);
            var groupIds = needs.SecurityGroupIds.Concat(balancerGroups).Distinct(StringComparer.Ordinal).OrderBy(id => id, StringComparer.Ordinal).ToList();
            Task groups = groupIds.Count == 0 ? Task.CompletedTask : reader.SecurityGroupsAsync(groupIds);
            await Task.WhenAll(routes, groups).ConfigureAwait(false);
        }

        /// <summary>The pair's clients and the guarded read every call goes through.</summary>
        internal sealed class Reader
        {
            private readonly ScopeNetwork _network;
            private readonly InventoryRun _run;

            public Reader(InventoryScope scope, ScopeNetwork network, InventoryRun run, InventorySession session, CancellationToken cancellationToken)
            {
                Scope = scope;
                _network = network;
                _run = run;
                CancellationToken = cancellationToken;
                Ec2 = scope.CreateEc2Client();
                Elbv2 = scope.CreateElbv2Client();
                Ecs = scope.CreateEcsClient();
            }

            public InventoryScope Scope { get; }
            public CancellationToken CancellationToken { get; }
            public IEc2Client Ec2 { get; }
            public IElbv2Client Elbv2 { get; }
            public IEcsClient Ecs { get; }

            public Task SecurityGroupsAsync(IReadOnlyList<string> groupIds) =>
                Task.WhenAll(Paging.Chunk(groupIds, Ec2Limits.FilterValuesPerCall).Select(chunk =>
                    GuardedAsync("ec2:DescribeSecurityGroups", new[] { ScopeNetwork.SecurityGroupsPart }, async () =>
                    {
                        foreach (SecurityGroupRules group in await AllPagesAsync(token => Ec2.DescribeSecurityGroupsAsync(chunk, token, CancellationToken)).ConfigureAwait(false))
                            _network.SecurityGroups[group.GroupId] = group;
                    })));

            public Task RouteTablesAsync(IReadOnlyList<string> vpcIds) =>
                Task.WhenAll(Paging.Chunk(vpcIds, Ec2Limits.FilterValuesPerCall).Select(chunk =>
                    GuardedAsync("ec2:DescribeRouteTables", new[] { ScopeNetwork.RouteTablesPart }, async () =>
                    {
                        foreach (RouteTableRoutes table in await AllPagesAsync(token => Ec2.DescribeRouteTablesAsync(chunk, token, CancellationToken)).ConfigureAwait(false))
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

            /// <summary>Every page of a listing, one after the other.</summary>
            public static async Task<List<T>> AllPagesAsync<T>(Func<string?, Task<ApiPage<T>>> page)
            {
                var items = new List<T>();
                string? token = null;
                do
                {
                    ApiPage<T> answer = await page(token).ConfigureAwait(false);
                    items.AddRange(answer.Items);
                    token = answer.NextToken;
                }
                while (token != null);
                return items;
            }

            /// <summary>
            /// Runs one read; when AWS refuses it, the <paramref name="parts"/> it fills are marked unread: a denial is one
            /// warning per role and action, any other failure an error naming the pair.
            /// </summary>
            public async Task GuardedAsync(string action, IReadOnlyList<string> parts, Func<Task> read)
            {
                try
                {
                    _run.WriteVerbose(action + " for reachability in " + Scope.Label + ".");
                    await read().ConfigureAwait(false);
                }
                catch (AwsServiceException error) when (error.IsAccessDenied && !CancellationToken.IsCancellationRequested)
                {
                    foreach (string part in parts) _network.MarkUnread(part, action + " was denied");
                    string who = Scope.RoleArn == null ? "the session's credentials" : "role " + Scope.RoleArn;
                    _run.WriteWarningOnce("reachability-denied:" + action + ":" + (Scope.RoleArn ?? string.Empty),
                        action + " was denied for " + who + " (first in " + Scope.Region + "): the reachability it decides is reported as unknown "
                        + "(ReachabilityUnknown findings). Allow " + action + " to decide it.");
                }
                catch (AwsServiceException error) when (!CancellationToken.IsCancellationRequested)
                {
                    foreach (string part in parts) _network.MarkUnread(part, action + " failed (" + error.ErrorCode + ")");
                    _run.WriteError(InventoryErrors.ScopeFailed(error, Scope, "Reading " + action + " for reachability (verdicts that need it are unknown)"));
                }
            }
        }
    }
}
