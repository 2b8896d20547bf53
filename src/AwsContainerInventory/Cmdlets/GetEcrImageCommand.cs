using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using AwsContainerInventory.Inventory;

namespace AwsContainerInventory.Cmdlets
{
    /// <summary>
    /// Lists the images of ECR repositories (digest, tags, push and pull times, size, scan state and finding counts)
    /// across the session's roles and regions: every repository, the ones named, or the ones piped from
    /// Get-EcrRepository; all images, given digests, or the digests running ECS tasks use.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "EcrImage")]
    [OutputType(typeof(EcrImage))]
    public sealed class GetEcrImageCommand : InventoryCmdletBase
    {
        private readonly List<RepositorySelection> _selections = new List<RepositorySelection>();
        private readonly HashSet<string> _seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private readonly ConcurrentDictionary<string, byte> _foundDigests = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
        private IReadOnlyList<string>? _digests;
        private ImagesInUse? _inUse;
        private bool _allRepositoriesStarted;
        private bool _repositoryOnCommandLine;
        private bool _arnOnCommandLine;

        /// <summary>Repository names or ARNs (wildcards allowed in names); none means every repository.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("RepositoryName")]
        [ValidateNotNullOrEmpty]
        [ValidateEcrRepository]
        [SupportsWildcards]
        public string[]? Repository { get; set; }

        /// <summary>
        /// Binds RepositoryArn from piped records (Get-EcrRepository): a piped repository is read in its own account and
        /// region only, while its name (bound to -Repository as well) would match same-named repositories everywhere.
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true, DontShow = true)]
        [ValidateNotNullOrEmpty]
        [ValidateEcrRepository]
        public string[]? RepositoryArn { get; set; }

        /// <summary>Only these image digests (sha256:…).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ValidateImageDigest]
        public string[]? ImageDigest { get; set; }

        /// <summary>Only the images running ECS tasks of the session use, marked InUse.</summary>
        [Parameter]
        public SwitchParameter InUse { get; set; }

        private protected override string Activity => "Get-EcrImage";

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            _repositoryOnCommandLine = MyInvocation.BoundParameters.ContainsKey(nameof(Repository));
            _arnOnCommandLine = MyInvocation.BoundParameters.ContainsKey(nameof(RepositoryArn));
            if (ImageDigest != null) _digests = ImageDigest.Select(d => d.ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToList();
            if (InUse.IsPresent) StartReadingImagesInUse();
        }

        protected override void ProcessRecord()
        {
            RepositorySelection? selection = null;
            string[] repositories = RepositoriesOfThisInput();
            if (repositories.Length == 0)
            {
                if (!_allRepositoriesStarted) selection = new RepositorySelection(null);
                _allRepositoriesStarted = true;
            }
            else
            {
                string[] fresh = repositories.Where(r => !string.IsNullOrEmpty(r) && _seen.Add(r)).ToArray();
                if (fresh.Length > 0) selection = new RepositorySelection(fresh);
            }

            if (selection != null)
            {
                _selections.Add(selection);
                var query = new ImageQuery(selection, _digests, _inUse, _foundDigests);
                ImagesInUse? inUse = _inUse;
                Plan.ForEachScope("Reading ECR images", async context =>
                {
                    if (inUse != null) await inUse.AllRead.WhenAllDoneAsync(context.CancellationToken).ConfigureAwait(false);
                    await new ImageReader(context).ReadAsync(query).ConfigureAwait(false);
                }, include: selection.AppliesTo, waitsForOtherPairs: inUse != null);
            }
            Run.DrainAvailable(this);
        }

        private protected override void ReportNotFound()
        {
            foreach (string repository in _selections.SelectMany(s => s.Names.UnmatchedLiterals))
                WriteError(InventoryErrors.NotFound("EcrRepositoryNotFound", "ECR repository", repository, Where));
            foreach (string digest in (_digests ?? Array.Empty<string>()).Where(d => !_foundDigests.ContainsKey(d)))
                WriteError(InventoryErrors.NotFound("EcrImageNotFound", _inUse == null ? "ECR image" : "ECR image in use", digest, Where));
        }

        // A piped record with a RepositoryArn names exactly that repository: its name, also bound, is not used.
        private string[] RepositoriesOfThisInput()
        {
            bool arnFromPipeline = RepositoryArn != null && RepositoryArn.Length > 0 && !_arnOnCommandLine;
            if (arnFromPipeline && !_repositoryOnCommandLine) return RepositoryArn!;
            return (Repository ?? Array.Empty<string>()).Concat(RepositoryArn ?? Array.Empty<string>()).ToArray();
        }

        // -InUse: every pair's running tasks are read first; each pair's images wait until all of them are in.
        private void StartReadingImagesInUse()
        {
            var inUse = new ImagesInUse();
            _inUse = inUse;
            Plan.ForEachScope("Reading running ECS tasks (-InUse)", async context =>
            {
                try
                {
                    await new ImageReader(context).CollectInUseAsync(inUse).ConfigureAwait(false);
                }
                finally
                {
                    inUse.AllRead.PairDone();
                }
            });
            Run.Start(async token =>
            {
                inUse.AllRead.ExpectPairs((await Plan.AllScopesAsync().ConfigureAwait(false)).Count);
                await inUse.AllRead.WhenAllDoneAsync(token).ConfigureAwait(false);
                Run.WriteVerbose("Running tasks use " + inUse.RepositoryCount + " ECR repositor" + (inUse.RepositoryCount == 1 ? "y" : "ies") + " by digest.");
            });
        }
    }
}
