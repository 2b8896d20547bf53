using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using AwsContainerInventory.Exposure.Reachability;

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
    internal sealed class ReachabilityReader
    {
        private readonly InventoryContext _context;

        public ReachabilityReader(InventoryContext context) => _context = context;

        public async Task ReadAsync(ReachabilityFacts facts)
        {
            InventoryScope scope = _context.Scope;
            var network = new ScopeNetwork(scope.Region, scope.AccountId);
            facts.AddNetwork(network);
            ReachabilityNeeds needs = facts.NeedsFor(scope.Region, scope.AccountId);
            if (needs.IsEmpty) return;
            var reader = new ScopeNetworkReader(_context, network);
            Task routes = needs.VpcIds.Count == 0 ? Task.CompletedTask : reader.RouteTablesAsync(needs.VpcIds);
            IReadOnlyList<string> balancerGroups = needs.TargetGroupArns.Count == 0 ? new string[0]
                : await new BalancerReader(reader, network).ReadAsync(needs).ConfigureAwait(false);
            var groupIds = needs.SecurityGroupIds.Concat(balancerGroups).Distinct(StringComparer.Ordinal).OrderBy(id => id, StringComparer.Ordinal).ToList();
            Task groups = groupIds.Count == 0 ? Task.CompletedTask : reader.SecurityGroupsAsync(groupIds);
            await Task.WhenAll(routes, groups).ConfigureAwait(false);
        }
    }
}
