using System;
using AwsContainerInventory.Policy;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using AwsContainerInventory.Exposure.Reachability;

namespace AwsContainerInventory.Exposure
{
    /// <summary>
    /// Turns the records of one Get-ContainerExposure run into findings. Records arrive from worker threads in
    /// any order and from every role × region; findings about one record are made at once, and the joins that
    /// need the whole estate (a task's image in a public repository of any account, whether the internet reaches
    /// a task: see <see cref="Reachability"/>) when the run ends. Only the facts a finding needs are kept, never
    /// whole records.
    /// </summary>
    internal sealed class ExposureAnalysis
    {
        private readonly ConcurrentQueue<ExposureFinding> _findings = new ConcurrentQueue<ExposureFinding>();
        private readonly ConcurrentDictionary<string, string> _publicRepositories = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        private readonly ConcurrentQueue<TaskImages> _tasksWithEcrImages = new ConcurrentQueue<TaskImages>();
        private readonly ConcurrentDictionary<string, byte> _taskDefinitionsInUse = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, byte> _taskDefinitionsClaimed = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
        private readonly DateTime _capturedAt = DateTime.UtcNow;
        // Each task's private ECR images (repository ARN, digest), and the scanned images the join found for them.
        private readonly ConcurrentDictionary<string, IReadOnlyList<KeyValuePair<string, string>>> _taskEcrImages =
            new ConcurrentDictionary<string, IReadOnlyList<KeyValuePair<string, string>>>(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, EcrImage> _scannedImages = new ConcurrentDictionary<string, EcrImage>(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, byte> _listedRepositories = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
        private readonly Lazy<Dictionary<string, TaskReachability>> _verdicts;

        public ExposureAnalysis()
        {
            // Decided once, after every pair's facts are in (the image join asks first, Complete after).
            _verdicts = new Lazy<Dictionary<string, TaskReachability>>(
                () => Reachability.Evaluate().ToDictionary(v => v.Task.TaskArn, StringComparer.Ordinal), System.Threading.LazyThreadSafetyMode.ExecutionAndPublication);
        }

        /// <summary>ScanOnPushDisabled: the registries' scanning configurations and the repositories they judge.</summary>
        public RegistryScanningChecks RegistryScanning { get; } = new RegistryScanningChecks();

        /// <summary>What the run learns about tasks, interfaces and each pair's network, for the reachability verdicts.</summary>
        public ReachabilityFacts Reachability { get; } = new ReachabilityFacts();

        /// <summary>Takes one record of any type the exposure run reads; called from worker threads.</summary>
        public void Add(object record)
        {
            switch (record)
            {
                case EcrRepository repository: AddRepository(repository); break;
                case EcsService service: AddService(service); break;
                case EcsTask task: AddTask(task); break;
                case EcsTaskDefinition definition: AddTaskDefinition(definition); break;
            }
        }

        /// <summary>
        /// The task definitions that tasks and services of <paramref name="region"/> (and <paramref name="accountId"/>,
        /// when known) use and no other pair has taken yet: each is described once, by one pair.
        /// </summary>
        public IReadOnlyList<string> ClaimTaskDefinitionsInUse(string region, string? accountId) =>
            _taskDefinitionsInUse.Keys
                .Where(arn => ApiValues.RegionFromArn(arn) == region && (accountId == null || ApiValues.AccountFromArn(arn) == accountId))
                .Where(arn => _taskDefinitionsClaimed.TryAdd(arn, 0))
                .OrderBy(arn => arn, StringComparer.Ordinal)
                .ToList();

        /// <summary>Every finding, the joins included, most severe first.</summary>
        public IReadOnlyList<ExposureFinding> Complete()
        {
            var verdicts = _verdicts.Value;
            foreach (TaskReachability verdict in verdicts.Values)
            {
                foreach (ExposureFinding finding in TaskFindings.Reachability(verdict, _capturedAt)) _findings.Enqueue(finding);
                List<EcrImage> vulnerable = ImagesOf(verdict.Task.TaskArn).Where(image => image.CriticalFindings > 0).ToList();
                if (verdict.Verdict == ReachabilityVerdict.Reachable && vulnerable.Count > 0)
                    _findings.Enqueue(TaskFindings.VulnerableImages(verdict, vulnerable, _capturedAt));
            }
            foreach (TaskImages task in _tasksWithEcrImages)
            {
                var publicSources = task.RepositoryArns.Where(_publicRepositories.ContainsKey).ToList();
                if (publicSources.Count == 0) continue;
                string repositories = string.Join(", ", publicSources.Select(arn => _publicRepositories[arn]));
                verdicts.TryGetValue(task.TaskArn, out TaskReachability? verdict);
                _findings.Enqueue(TaskFindings.PublicImage(verdict, task.TaskArn, task.Name, task.Region, task.AccountId, repositories, publicSources, _capturedAt));
            }
            foreach (var (repository, reason) in RegistryScanning.Unscanned())
                Add(ExposureKind.ScanOnPushDisabled, repository.Arn, repository.Name, repository.Region, repository.AccountId, reason);
            return _findings
                .OrderByDescending(f => f.Severity)
                .ThenBy(f => f.Kind)
                .ThenBy(f => f.AccountId, StringComparer.Ordinal)
                .ThenBy(f => f.Region, StringComparer.Ordinal)
                .ThenBy(f => f.ResourceArn, StringComparer.Ordinal)
                .ToList();
        }

        private void AddRepository(EcrRepository repository)
        {
            string label = "repository " + repository.RepositoryName + " (" + repository.AccountId + ", " + repository.Region + ")";
            if (repository.IsPublicUnconditionally)
            {
                _publicRepositories[repository.RepositoryArn] = label;
                PublicStatement statement = repository.GetPublicStatements().First(PolicyExposure.OpensToAnyone);
                AddFor(repository, ExposureKind.PublicRepository,
                    "Repository " + repository.RepositoryName + " lets any principal in without a narrowing condition: statement " + statement + ".",
                    "internet \u2192 Amazon ECR \u2192 repository " + repository.RepositoryName + " (policy statement " + statement + ")");
            }
            _listedRepositories.TryAdd(repository.RepositoryArn, 0);
            RegistryScanning.AddRepository(repository);
            // MUTABLE_WITH_EXCLUSION keeps only the excluded tags immutable: every other tag can still be overwritten.
            if (repository.ImageTagMutability == "MUTABLE" || repository.ImageTagMutability == "MUTABLE_WITH_EXCLUSION")
                AddFor(repository, ExposureKind.MutableImageTags, "Repository " + repository.RepositoryName + " lets image tags be overwritten (" + repository.ImageTagMutability + ").");
        }

        private void AddService(EcsService service)
        {
            if (service.TaskDefinition != null) _taskDefinitionsInUse.TryAdd(service.TaskDefinition, 0);
            Reachability.AddService(service);
            if (service.AssignPublicIp == true)
            {
                Add(ExposureKind.ServiceAssignsPublicIp, service.ServiceArn, service.Name, service.Region, service.AccountId,
                    "Service " + service.Name + " in cluster " + ShortName(service.ClusterArn) + " gives its tasks public IPs (assignPublicIp ENABLED).");
            }
        }

        /// <summary>
        /// The ECR images the tasks the internet reaches run, repository ARN to digests: what the scan join looks up
        /// (Get-ContainerExposure asks once every pair's facts are in). Only repositories this run listed: one in an
        /// account or region outside the session, or deleted since the task started, has nothing to ask.
        /// </summary>
        public IReadOnlyDictionary<string, IReadOnlyCollection<string>> ReachableImageDigests() =>
            _verdicts.Value.Values.Where(v => v.Verdict == ReachabilityVerdict.Reachable)
                .SelectMany(v => _taskEcrImages.TryGetValue(v.Task.TaskArn, out var images) ? images : Array.Empty<KeyValuePair<string, string>>())
                .Where(image => _listedRepositories.ContainsKey(image.Key))
                .GroupBy(image => image.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => (IReadOnlyCollection<string>)g.Select(image => image.Value).Distinct(StringComparer.Ordinal).ToList(), StringComparer.Ordinal);

        /// <summary>Takes the scanned images the join found (ecr:DescribeImages by digest); called from worker threads.</summary>
        public void AddScannedImages(IEnumerable<EcrImage> images)
        {
            foreach (EcrImage image in images) _scannedImages[image.RepositoryArn + "@" + image.ImageDigest] = image;
        }

        private IEnumerable<EcrImage> ImagesOf(string taskArn) =>
            (_taskEcrImages.TryGetValue(taskArn, out var images) ? images : Array.Empty<KeyValuePair<string, string>>())
                .Select(image => _scannedImages.TryGetValue(image.Key + "@" + image.Value, out EcrImage? scanned) ? scanned : null)
                .Where(scanned => scanned != null).Select(scanned => scanned!);

        private void AddTask(EcsTask task)
        {
            if (task.EcrImageDigests.Count > 0) _taskEcrImages[task.TaskArn] = task.EcrImageDigests;
            if (task.TaskDefinitionArn != null) _taskDefinitionsInUse.TryAdd(task.TaskDefinitionArn, 0);
            string name = ShortName(task.ClusterArn) + "/" + ShortName(task.TaskArn);
            // Whether the internet reaches the task is decided at the end of the run (Reachability), from the facts the pair read.
            if (task.EcrRepositoryArns != null && task.EcrRepositoryArns.Count > 0)
                _tasksWithEcrImages.Enqueue(new TaskImages(task.TaskArn, name, task.Region, task.AccountId, task.EcrRepositoryArns));
        }

        private void AddTaskDefinition(EcsTaskDefinition definition)
        {
            var names = (definition.EnvironmentKeys ?? (IEnumerable<string>)Array.Empty<string>())
                .Where(SecretLikeNames.LooksSecret).Distinct(StringComparer.Ordinal).ToList();
            if (names.Count == 0) return;
            // Names only: a task definition's environment values are never read into a record.
            Add(ExposureKind.SecretLikeEnvironmentName, definition.TaskDefinitionArn, definition.Name, definition.Region, definition.AccountId,
                "Task definition " + definition.Name + " passes " + string.Join(", ", names) + " as plain environment variable(s); use secrets (Secrets Manager or SSM) instead.");
        }

        private void AddFor(EcrRepository repository, ExposureKind kind, string reason, string? path = null) =>
            Add(kind, repository.RepositoryArn, repository.RepositoryName, repository.Region, repository.AccountId, reason, path: path);

        private void Add(ExposureKind kind, string resourceArn, string name, string region, string? accountId, string reason, IEnumerable<string>? related = null, string? path = null) =>
            _findings.Enqueue(new ExposureFinding(kind, resourceArn, name, region, accountId, reason, ValueList.Of(related ?? Enumerable.Empty<string>()), _capturedAt, path));

        private static string ShortName(string? arn)
        {
            if (string.IsNullOrEmpty(arn)) return string.Empty;
            int slash = arn!.LastIndexOf('/');
            return slash >= 0 ? arn.Substring(slash + 1) : arn;
        }

        private sealed class TaskImages
        {
            public TaskImages(string taskArn, string name, string region, string? accountId, IReadOnlyList<string> repositoryArns)
            {
                TaskArn = taskArn;
                Name = name;
                Region = region;
                AccountId = accountId;
                RepositoryArns = repositoryArns;
            }

            public string TaskArn { get; }
            public string Name { get; }
            public string Region { get; }
            public string? AccountId { get; }
            public IReadOnlyList<string> RepositoryArns { get; }
        }
    }
}
