using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace AwsContainerInventory.Inventory
{
    /// <summary>
    /// The image digests running ECS tasks use, by ECR repository ARN, gathered from every (role × region) pair of a
    /// Get-EcrImage -InUse run before any pair looks its images up: a task in one account often runs an image of a
    /// registry in another, so each repository needs every pair's tasks. Only the digests are kept, never the tasks.
    /// </summary>
    internal sealed class ImagesInUse
    {
        private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, byte>> _digests =
            new ConcurrentDictionary<string, ConcurrentDictionary<string, byte>>(StringComparer.Ordinal);
        private readonly TaskCompletionSource<bool> _allRead = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly object _sync = new object();
        private int _expectedPairs = -1;
        private int _pairsRead;

        /// <summary>Worker threads: takes the task's (repository ARN, digest) pairs.</summary>
        public void Add(EcsTask task)
        {
            foreach (var image in task.EcrImageDigests)
                _digests.GetOrAdd(image.Key, _ => new ConcurrentDictionary<string, byte>(StringComparer.Ordinal)).TryAdd(image.Value, 0);
        }

        /// <summary>The digests in use in <paramref name="repositoryArn"/>, sorted; empty when no running task uses it.</summary>
        public IReadOnlyList<string> DigestsOf(string repositoryArn) =>
            _digests.TryGetValue(repositoryArn, out var digests)
                ? digests.Keys.OrderBy(d => d, StringComparer.Ordinal).ToList()
                : (IReadOnlyList<string>)Array.Empty<string>();

        public int RepositoryCount => _digests.Count;

        /// <summary>How many pairs will read their tasks (known once every role has been assumed or has failed).</summary>
        public void ExpectPairs(int count)
        {
            lock (_sync) _expectedPairs = count;
            CompleteIfAllRead();
        }

        /// <summary>One pair has read its running tasks, or failed to (its error is reported where it failed).</summary>
        public void PairRead()
        {
            lock (_sync) _pairsRead++;
            CompleteIfAllRead();
        }

        /// <summary>Completes when every pair's tasks have been read; cancelled with the run.</summary>
        public async Task WhenAllReadAsync(CancellationToken cancellationToken)
        {
            var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            using (cancellationToken.Register(() => cancelled.TrySetCanceled(cancellationToken)))
            {
                Task<bool> first = await Task.WhenAny(_allRead.Task, cancelled.Task).ConfigureAwait(false);
                await first.ConfigureAwait(false);
            }
        }

        private void CompleteIfAllRead()
        {
            bool done;
            lock (_sync) done = _expectedPairs >= 0 && _pairsRead >= _expectedPairs;
            if (done) _allRead.TrySetResult(true);
        }
    }
}
