using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AwsContainerInventory.Wire;

namespace AwsContainerInventory.Inventory
{
    /// <summary>
    /// What every reader of one (role × region) pair shares: the pair, the run its output goes to, the session's
    /// paging and concurrency settings, the cancellation token, and the pair's clients (made once, on first use,
    /// and shared by the pair's concurrent calls).
    /// </summary>
    internal sealed class InventoryContext
    {
        private readonly Lazy<IEcrClient> _ecr;
        private readonly Lazy<IEcsClient> _ecs;
        private readonly Lazy<IEc2Client> _ec2;
        private readonly Lazy<IElbv2Client> _elbv2;

        /// <param name="calls">Told about the pair's calls (the pair's start permit, which forwards to the run); the run when null.</param>
        public InventoryContext(InventoryScope scope, InventoryRun run, InventorySession session, CancellationToken cancellationToken, ICallObserver? calls = null)
        {
            Scope = scope;
            Run = run;
            Session = session;
            CancellationToken = cancellationToken;
            ICallObserver observer = calls ?? run;
            _ecr = new Lazy<IEcrClient>(() => scope.CreateEcrClient(observer));
            _ecs = new Lazy<IEcsClient>(() => scope.CreateEcsClient(observer));
            _ec2 = new Lazy<IEc2Client>(() => scope.CreateEc2Client(observer));
            _elbv2 = new Lazy<IElbv2Client>(() => scope.CreateElbv2Client(observer));
        }

        public InventoryScope Scope { get; }

        public InventoryRun Run { get; }

        public InventorySession Session { get; }

        public CancellationToken CancellationToken { get; }

        /// <summary>Items a listing call asks for (the session's -PageSize).</summary>
        public int PageSize => Session.PageSize;

        /// <summary>The session's cap on calls in flight; paging keeps at most twice as many batches waiting.</summary>
        public int ParallelRequests => Session.ParallelRequests;

        /// <summary>Names the pair in messages (see <see cref="InventoryScope.Label"/>).</summary>
        public string Label => Scope.Label;

        public string Region => Scope.Region;

        public IEcrClient Ecr => _ecr.Value;

        public IEcsClient Ecs => _ecs.Value;

        public IEc2Client Ec2 => _ec2.Value;

        public IElbv2Client Elbv2 => _elbv2.Value;

        /// <summary>True once the run is cancelled: failures after that are not reported.</summary>
        public bool IsCancelled => CancellationToken.IsCancellationRequested;

        /// <summary>
        /// The failures of a Describe call for items that were listed first: each is an error naming the item
        /// (<paramref name="operation"/> such as "ECS DescribeServices", <paramref name="what"/> such as "service").
        /// </summary>
        public void WriteNotDescribed<T>(DescribeResult<T> result, string operation, string what)
        {
            foreach (var failure in result.Failures)
                Run.WriteError(InventoryErrors.NotDescribed(Scope, operation, what, failure.Key, failure.Value));
        }

        /// <summary><see cref="Paging.ListInBatchesAsync{T}"/> with this pair's concurrency and token.</summary>
        public Task ListInBatchesAsync<T>(Func<string?, Task<ApiPage<T>>> listPage, int batchSize, Func<IReadOnlyList<T>, Task> describe,
            Func<T, bool>? include = null) =>
            Paging.ListInBatchesAsync(listPage, batchSize, describe, ParallelRequests, CancellationToken, include);

        /// <summary>Each of <paramref name="items"/> read concurrently, within the same window as a listing's batches.</summary>
        public Task ForEachAsync<T>(IReadOnlyList<T> items, Func<T, Task> read) =>
            items.Count == 0 ? Task.CompletedTask
                : ListInBatchesAsync(_ => Task.FromResult(new ApiPage<T>(items, null)), batchSize: 1, batch => read(batch[0]));
    }
}
