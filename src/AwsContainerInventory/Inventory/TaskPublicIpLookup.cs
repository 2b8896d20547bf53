using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using AwsContainerInventory.Exposure.Reachability;
using AwsContainerInventory.Wire;

namespace AwsContainerInventory.Inventory
{
    /// <summary>
    /// Fills <see cref="EcsTask.PublicIpAddresses"/> for one (role × region) pair with as few
    /// ec2:DescribeNetworkInterfaces calls as the API allows: tasks with network interfaces wait here until their
    /// interface ids fill a call (200, EC2's limit of values in one filter) or the pair's listing ends, then the batch is resolved and written.
    /// Tasks without network interfaces pass straight through. A denied lookup is one warning per role, and the
    /// tasks still come, without public IPs.
    /// </summary>
    internal sealed class TaskPublicIpLookup
    {
        private readonly InventoryContext _context;
        private readonly ITaskNetworkObserver? _observer;
        private readonly object _sync = new object();
        private List<EcsTask> _pending = new List<EcsTask>();
        private int _pendingIds;
        private volatile bool _unavailable;
        // The pair's first lookup answers whether the permission is there; later batches wait for that answer, so a
        // denied pair is asked exactly once however many batches fill up meanwhile. After it, lookups run at once.
        private Task? _firstLookup;

        /// <param name="observer">When given, also told every interface as described, and the ids that could not be (reachability).</param>
        public TaskPublicIpLookup(InventoryContext context, ITaskNetworkObserver? observer = null)
        {
            _context = context;
            _observer = observer;
        }

        public async Task AddAsync(EcsTask task)
        {
            int ids = task.NetworkInterfaceIds?.Count ?? 0;
            if (ids == 0 || _unavailable)
            {
                if (ids > 0) _observer?.OnNetworkInterfacesUnread(task.NetworkInterfaceIds!, "ec2:DescribeNetworkInterfaces was denied");
                await _context.Run.WriteRecordAsync(task, TaskReader.RecordCountName).ConfigureAwait(false);
                return;
            }
            List<EcsTask>? full = null;
            lock (_sync)
            {
                if (_pendingIds + ids > Ec2Limits.NetworkInterfaceIdsPerCall)
                {
                    full = _pending;
                    _pending = new List<EcsTask>();
                    _pendingIds = 0;
                }
                _pending.Add(task);
                _pendingIds += ids;
            }
            if (full != null) await ResolveAndWriteAsync(full).ConfigureAwait(false);
        }

        /// <summary>Resolves and writes whatever is still waiting; call once the pair's listing has ended.</summary>
        public Task FlushAsync()
        {
            List<EcsTask> rest;
            lock (_sync)
            {
                rest = _pending;
                _pending = new List<EcsTask>();
                _pendingIds = 0;
            }
            return rest.Count == 0 ? Task.CompletedTask : ResolveAndWriteAsync(rest);
        }

        private async Task ResolveAndWriteAsync(List<EcsTask> tasks)
        {
            TaskCompletionSource<bool>? probe = null;
            Task first;
            lock (_sync)
            {
                if (_firstLookup == null)
                {
                    probe = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                    _firstLookup = probe.Task;
                }
                first = _firstLookup;
            }
            IReadOnlyList<EcsTask> resolved;
            try
            {
                if (probe == null) await first.ConfigureAwait(false);
                resolved = await ResolveAsync(tasks).ConfigureAwait(false);
            }
            finally
            {
                probe?.TrySetResult(true);
            }
            foreach (EcsTask task in resolved)
                await _context.Run.WriteRecordAsync(task, TaskReader.RecordCountName).ConfigureAwait(false);
        }

        /// <summary>The tasks with their public addresses; as they came when the lookup was denied or failed.</summary>
        private async Task<IReadOnlyList<EcsTask>> ResolveAsync(List<EcsTask> tasks)
        {
            if (_unavailable)
            {
                // Denied by an earlier batch of the pair: not asked again, but never taken for "no public address".
                _observer?.OnNetworkInterfacesUnread(tasks.SelectMany(t => t.NetworkInterfaceIds!).ToList(), "ec2:DescribeNetworkInterfaces was denied");
            }
            else
            {
                IReadOnlyDictionary<string, IReadOnlyList<string>>? publicIps = await TryDescribeAsync(
                    tasks.SelectMany(t => t.NetworkInterfaceIds!).Distinct(StringComparer.Ordinal).ToList()).ConfigureAwait(false);
                if (publicIps != null)
                {
                    // An interface that no longer exists (a stopped task's) has no public address.
                    return tasks.Select(task => task.WithPublicIpAddresses(task.NetworkInterfaceIds!.SelectMany(id =>
                        publicIps.TryGetValue(id, out IReadOnlyList<string>? ips) ? ips : Array.Empty<string>()))).ToList();
                }
            }
            return tasks;
        }

        private async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>?> TryDescribeAsync(IReadOnlyList<string> networkInterfaceIds)
        {
            var publicIps = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            if (_context.Run.VerboseShown) _context.Run.WriteVerbose("EC2 DescribeNetworkInterfaces for " + networkInterfaceIds.Count + " task network interface(s) in " + _context.Scope.Label + ".");
            try
            {
                IEc2Client ec2 = _context.Ec2;
                await ApiPaging.ForEachPageAsync(token => ec2.DescribeNetworkInterfacesAsync(networkInterfaceIds, token, _context.CancellationToken), page =>
                {
                    foreach (NetworkInterfaceAddresses networkInterface in page.Items)
                    {
                        publicIps[networkInterface.NetworkInterfaceId] = networkInterface.PublicIps;
                        _observer?.OnNetworkInterface(networkInterface);
                    }
                    return Task.CompletedTask;
                }).ConfigureAwait(false);
                return publicIps;
            }
            catch (AwsServiceException error) when (error.IsAccessDenied && !_context.IsCancelled)
            {
                _unavailable = true;
                _observer?.OnNetworkInterfacesUnread(networkInterfaceIds, "ec2:DescribeNetworkInterfaces was denied");
                string who = _context.Scope.RoleArn == null ? "the session's credentials" : "role " + _context.Scope.RoleArn;
                _context.Run.WriteWarningOnce("ec2-denied:" + (_context.Scope.RoleArn ?? string.Empty),
                    "ec2:DescribeNetworkInterfaces was denied for " + who + " (first in " + _context.Scope.Region + "): PublicIpAddresses stays empty ($null) on its tasks. "
                    + "Allow ec2:DescribeNetworkInterfaces, or pass -SkipPublicIp to skip the lookup.");
                return null;
            }
            catch (AwsServiceException error) when (!_context.IsCancelled)
            {
                _observer?.OnNetworkInterfacesUnread(networkInterfaceIds, "ec2:DescribeNetworkInterfaces failed (" + error.ErrorCode + ")");
                _context.Run.WriteError(InventoryErrors.ScopeFailed(error, _context.Scope, "Looking up task public IPs (PublicIpAddresses left $null)"));
                return null;
            }
        }
    }
}
