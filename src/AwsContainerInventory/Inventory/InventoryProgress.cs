using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Threading;

namespace AwsContainerInventory.Inventory
{
    /// <summary>
    /// A run's progress bar: how many (role × region) pairs are done of those known, and how many records of each kind
    /// came so far. Counted on worker threads; the records are made on the pipeline thread, at most every
    /// <see cref="Interval"/> and not before <see cref="Delay"/>, so a quick run shows no bar at all.
    /// </summary>
    internal sealed class InventoryProgress
    {
        internal static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);
        internal static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(500);

        private readonly ConcurrentDictionary<string, int> _counts = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        private readonly TimeProvider _time;
        private readonly long _started;
        private readonly string _activity;
        private readonly int _progressId;
        private int _scopesTotal;
        private int _scopesDone;
        private TimeSpan _lastShown = TimeSpan.Zero;
        private bool _shown;

        /// <param name="activity">The progress activity, such as "Get-EcsTask".</param>
        public InventoryProgress(string activity, TimeProvider? time = null)
        {
            _activity = activity;
            _time = time ?? TimeProvider.System;
            _started = _time.GetTimestamp();
            _progressId = Math.Abs(activity.GetHashCode() % 10000) + 1;
        }

        public void AddScopes(int count) => Interlocked.Add(ref _scopesTotal, count);

        public void ScopeDone() => Interlocked.Increment(ref _scopesDone);

        /// <summary>One more record of the kind <paramref name="countAs"/> ("tasks", "images", …).</summary>
        public void Counted(string countAs) => _counts.AddOrUpdate(countAs, 1, (_, n) => n + 1);

        /// <summary>Pipeline thread: the progress record to write now, or null when it is too early or too soon after the last.</summary>
        public ProgressRecord? Due()
        {
            TimeSpan now = _time.GetElapsedTime(_started);
            if (now < Delay || now - _lastShown < Interval) return null;
            _lastShown = now;
            int total = Volatile.Read(ref _scopesTotal);
            int done = Volatile.Read(ref _scopesDone);
            string counts = string.Join(", ", _counts.OrderBy(c => c.Key, StringComparer.Ordinal)
                .Select(c => c.Value.ToString("N0", CultureInfo.InvariantCulture) + " " + c.Key));
            string status = string.Format(CultureInfo.InvariantCulture, "{0} of {1} account/region pairs done{2}",
                done, total, counts.Length == 0 ? string.Empty : "; " + counts);
            var record = new ProgressRecord(_progressId, _activity, status);
            if (total > 0) record.PercentComplete = Math.Min(100, done * 100 / total);
            _shown = true;
            return record;
        }

        /// <summary>Pipeline thread, at the end: the record that closes the bar, or null when none was shown.</summary>
        public ProgressRecord? Completed() =>
            _shown ? new ProgressRecord(_progressId, _activity, "Done") { RecordType = ProgressRecordType.Completed } : null;

        public void WriteDue(Cmdlet cmdlet)
        {
            ProgressRecord? record = Due();
            if (record != null) cmdlet.WriteProgress(record);
        }

        public void WriteCompleted(Cmdlet cmdlet)
        {
            ProgressRecord? record = Completed();
            if (record != null) cmdlet.WriteProgress(record);
        }
    }
}
