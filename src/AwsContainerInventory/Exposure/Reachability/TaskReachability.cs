using System;
using System.Collections.Generic;
using System.Linq;

namespace AwsContainerInventory.Exposure.Reachability
{
    /// <summary>The verdict for one running task, with everything that makes it.</summary>
    internal sealed class TaskReachability
    {
        private readonly List<ReachPath> _paths = new List<ReachPath>();
        private readonly List<string> _nearMisses = new List<string>();
        private readonly List<string> _unknowns = new List<string>();
        private readonly List<string> _publicAddresses = new List<string>();

        public TaskReachability(TaskFacts task) => Task = task;

        public TaskFacts Task { get; }

        public IReadOnlyList<ReachPath> Paths => _paths;

        /// <summary>Paths that stop short, and why (a closed group, no internet route, an internal load balancer…).</summary>
        public IReadOnlyList<string> NearMisses => _nearMisses;

        /// <summary>What could not be read and would decide a path.</summary>
        public IReadOnlyList<string> Unknowns => _unknowns;

        /// <summary>The task's public IPv4 and IPv6 addresses.</summary>
        public IReadOnlyList<string> PublicAddresses => _publicAddresses;

        public ReachabilityVerdict Verdict =>
            _paths.Count > 0 ? ReachabilityVerdict.Reachable
            : _unknowns.Count > 0 ? ReachabilityVerdict.Unknown
            : _publicAddresses.Count > 0 ? ReachabilityVerdict.PublicAddressNotReachable
            : ReachabilityVerdict.NotExposed;

        /// <summary>Adds a path; a path already found (a listener's default action and a rule to the same group) only adds its evidence.</summary>
        public void AddPath(string text, IEnumerable<string> evidence)
        {
            int index = _paths.FindIndex(p => p.Text == text);
            if (index < 0)
            {
                _paths.Add(new ReachPath(text, evidence.Distinct(StringComparer.Ordinal).ToList()));
                return;
            }
            _paths[index] = new ReachPath(text, _paths[index].Evidence.Concat(evidence).Distinct(StringComparer.Ordinal).ToList());
        }

        public void AddNearMiss(string reason) => AddOnce(_nearMisses, reason);

        public void AddUnknown(string reason) => AddOnce(_unknowns, reason);

        public void AddPublicAddress(string address) => AddOnce(_publicAddresses, address);

        private static void AddOnce(List<string> list, string value)
        {
            if (!list.Contains(value)) list.Add(value);
        }
    }
}
