using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;

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

        /// <summary>Opens when every pair's running tasks have been read.</summary>
        public PairBarrier AllRead { get; } = new PairBarrier();
    }
}
