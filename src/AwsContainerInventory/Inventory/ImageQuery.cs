using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;

namespace AwsContainerInventory.Inventory
{
    /// <summary>What one Get-EcrImage run asks for: which repositories, and which of their images.</summary>
    internal sealed class ImageQuery
    {
        private readonly ConcurrentDictionary<string, byte> _foundDigests;

        /// <param name="foundDigests">Shared by the queries of one run: the digests some repository had.</param>
        public ImageQuery(RepositorySelection repositories, IReadOnlyList<string>? digests, ImagesInUse? inUse, ConcurrentDictionary<string, byte> foundDigests)
        {
            Repositories = repositories;
            Digests = digests;
            InUse = inUse;
            _foundDigests = foundDigests;
        }

        public RepositorySelection Repositories { get; }

        /// <summary>-ImageDigest: only these digests, in every selected repository; null for every image.</summary>
        public IReadOnlyList<string>? Digests { get; }

        /// <summary>-InUse: only the digests running tasks use (filled before any pair reads images).</summary>
        public ImagesInUse? InUse { get; }

        /// <summary>The -ImageDigest values no repository had, for the not-found errors at the end.</summary>
        public IEnumerable<string> UnmatchedDigests => (Digests ?? Array.Empty<string>()).Where(d => !_foundDigests.ContainsKey(d));

        /// <summary>The digests to describe in <paramref name="repositoryArn"/>: null for all its images, empty for none.</summary>
        public IReadOnlyList<string>? DigestsFor(string repositoryArn)
        {
            if (InUse == null) return Digests;
            IReadOnlyList<string> inUse = InUse.DigestsOf(repositoryArn);
            return Digests == null ? inUse : inUse.Where(Digests.Contains).ToList();
        }

        public void Found(string digest) => _foundDigests.TryAdd(digest, 0);
    }
}
