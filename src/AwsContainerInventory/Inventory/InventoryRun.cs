using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using AwsContainerInventory.Wire;

namespace AwsContainerInventory.Inventory
{
    /// <summary>
    /// One cmdlet invocation's background work and its way back to the pipeline. Workers run concurrently
    /// and only queue what they produce (records, errors, verbose text); the pipeline thread drains the
    /// queue, so every Write* happens on the pipeline thread. A bounded record budget keeps memory flat
    /// when the pipeline is slower than the network. As the wire layer's observer it counts every call: -Debug
    /// shows each one, -Verbose a count per operation and (role × region) pair at the end, and each retry.
    /// </summary>
    internal sealed class InventoryRun : ICallObserver, IDisposable
    {
        private const int RecordBudget = 512;

        // The one reader is the pipeline thread blocked in DrainToEnd: a writer wakes it itself (the continuation only
        // completes the task it waits on), instead of through a thread-pool work item queued behind the run's own.
        private readonly Channel<Item> _items = Channel.CreateUnbounded<Item>(new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = true });
        private readonly SemaphoreSlim _recordBudget = new SemaphoreSlim(RecordBudget, RecordBudget);
        private readonly CancellationTokenSource _cancellation = new CancellationTokenSource();
        private readonly TaskCompletionSource<bool> _allWorkDone = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly ConcurrentDictionary<string, byte> _warnedOnce = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
        private readonly CallTally _calls = new CallTally();
        private readonly InventoryProgress _progress;
        private readonly Action<object>? _recordSink;
        private int _outstanding = 1; // released by CompleteAdding
        private int _addingCompleted;
        private Task<bool>? _pendingWait;
        private IDisposable? _slotKeep;

        /// <param name="activity">The progress activity, such as "Get-EcsTask".</param>
        /// <param name="recordSink">
        /// When given, records go to it (on worker threads) instead of the pipeline: a cmdlet that derives its
        /// output from the inventory, such as Get-ContainerExposure, reads the same records without queueing them.
        /// </param>
        public InventoryRun(string activity, Action<object>? recordSink = null)
        {
            _progress = new InventoryProgress(activity);
            _recordSink = recordSink;
        }

        public CancellationToken Token => _cancellation.Token;

        /// <summary>
        /// Writes verbose text as debug text: PowerShell makes a compiled cmdlet's verbose stream Inquire under
        /// -Debug without -Verbose, which would stop at every line to ask; -Debug shows it all without asking.
        /// </summary>
        public bool VerboseAsDebug { get; set; }

        /// <summary>
        /// Whether the pipeline shows debug text: when it does not, no line per call is made or queued (an
        /// organization's run makes tens of thousands of calls).
        /// </summary>
        public bool DebugShown { get; set; } = true;

        /// <summary>Whether the pipeline shows verbose text (or, with <see cref="VerboseAsDebug"/>, debug text): when it does not, calls are not tallied for the summary and no verbose line is queued.</summary>
        public bool VerboseShown { get; set; } = true;

        /// <summary>Runs <paramref name="work"/> in the background as part of this run.</summary>
        public void Start(Func<CancellationToken, Task> work)
        {
            Hold();
            StartHeld(work);
        }

        /// <summary>Holds the run open for work that <see cref="StartHeld"/> starts later (a pair waiting for its turn).</summary>
        public void Hold() => Interlocked.Increment(ref _outstanding);

        /// <summary>Runs <paramref name="work"/> in the background in the place <see cref="Hold"/> kept for it.</summary>
        public void StartHeld(Func<CancellationToken, Task> work)
        {
            Task.Run(async () =>
            {
                try
                {
                    await work(Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (Token.IsCancellationRequested)
                {
                }
                catch (Exception unexpected)
                {
                    WriteError(InventoryErrors.Unexpected(unexpected));
                }
                finally
                {
                    WorkDone();
                }
            });
        }

        /// <summary>No more work will be started; the queue completes when running work ends.</summary>
        public void CompleteAdding()
        {
            if (Interlocked.Exchange(ref _addingCompleted, 1) == 0) WorkDone();
        }

        public async Task WriteRecordAsync(object record, string countAs)
        {
            if (_slotKeep != null) EndSlotKeep();
            _calls.SawRecord(record);
            if (_recordSink != null)
            {
                Token.ThrowIfCancellationRequested();
                _progress.Counted(countAs);
                _recordSink(record);
                return;
            }
            await _recordBudget.WaitAsync(Token).ConfigureAwait(false);
            _progress.Counted(countAs);
            if (!_items.Writer.TryWrite(new Item(ItemKind.Record, record))) _recordBudget.Release();
        }

        public void WriteError(ErrorRecord error) => _items.Writer.TryWrite(new Item(ItemKind.Error, error));

        /// <summary>
        /// Queues verbose text when the stream shows. Callers whose text is built per pair or per call ask
        /// <see cref="VerboseShown"/> first, so nothing is built when it does not (an organization's ECS run built about
        /// 2 MB of such lines that nobody saw, one per pair).
        /// </summary>
        public void WriteVerbose(string message)
        {
            if (VerboseShown) _items.Writer.TryWrite(new Item(ItemKind.Verbose, message));
        }

        public void WriteWarning(string message) => _items.Writer.TryWrite(new Item(ItemKind.Warning, message));

        /// <summary>Writes the warning only the first time this run sees <paramref name="key"/>.</summary>
        public void WriteWarningOnce(string key, string message)
        {
            if (_warnedOnce.TryAdd(key, 0)) WriteWarning(message);
        }

        /// <summary>
        /// Holds <paramref name="keep"/> (the session's slots kept for follow-up calls, <see cref="AwsTransport.KeepSlotsForFollowUps"/>)
        /// until the run's first record is written or the run ends: at a prompt the first line of output is what shows
        /// the command works, and a follow-up call is what brings it.
        /// </summary>
        public void KeepSlotsUntilFirstRecord(IDisposable keep)
        {
            if (Interlocked.CompareExchange(ref _slotKeep, keep, null) != null) keep.Dispose();
        }

        private void EndSlotKeep() => Interlocked.Exchange(ref _slotKeep, null)?.Dispose();

        public void AddScopes(int count) => _progress.AddScopes(count);

        public void ScopeDone() => _progress.ScopeDone();

        void ICallObserver.OnCall(AwsRequest request)
        {
            if (VerboseShown) _calls.Count(request);
            if (DebugShown) _items.Writer.TryWrite(new Item(ItemKind.Debug, _calls.Describe(request)));
        }

        bool ICallObserver.WantsAnswers => false;

        void ICallObserver.OnAnswered(AwsRequest request)
        {
        }

        void ICallObserver.OnRetry(AwsRequest request, int attempt, TimeSpan delay, string reason)
        {
            if (VerboseShown) WriteVerbose(string.Format(CultureInfo.InvariantCulture, "Retry {0} of {1} {2} in {3} after {4}; waiting {5:0.00} s.",
                attempt, request.Service.ToUpperInvariant(), request.Operation, request.Region, reason, delay.TotalSeconds));
        }

        /// <summary>Pipeline thread: writes whatever is queued, without waiting.</summary>
        public void DrainAvailable(Cmdlet cmdlet)
        {
            while (_items.Reader.TryRead(out Item? item)) Emit(cmdlet, item);
            _progress.WriteDue(cmdlet);
        }

        /// <summary>Pipeline thread: writes everything until all work has ended (or the run is cancelled).</summary>
        public void DrainToEnd(Cmdlet cmdlet)
        {
            CompleteAdding();
            while (true)
            {
                while (_items.Reader.TryRead(out Item? item)) Emit(cmdlet, item);
                _progress.WriteDue(cmdlet);
                _pendingWait ??= _items.Reader.WaitToReadAsync(Token).AsTask();
                try
                {
                    if (!_pendingWait.Wait(InventoryProgress.Interval)) continue;
                }
                catch (AggregateException wait) when (wait.InnerException is OperationCanceledException)
                {
                    return;
                }
                bool more = _pendingWait.Result;
                _pendingWait = null;
                if (!more) break;
            }
            if (VerboseShown)
                foreach (string line in _calls.Summary()) Verbose(cmdlet, line);
            _progress.WriteCompleted(cmdlet);
        }

        /// <summary>
        /// Completes when all work has ended, without a pipeline (argument completion): nothing is written, and
        /// whatever was queued is dropped with the run.
        /// </summary>
        public Task WhenDone()
        {
            CompleteAdding();
            return _allWorkDone.Task;
        }

        /// <summary>Cancels every in-flight call and waits (briefly) for the workers to stop.</summary>
        public void Cancel()
        {
            try
            {
                _cancellation.Cancel();
            }
            catch (ObjectDisposedException)
            {
            }
        }

        public void Dispose()
        {
            Cancel();
            CompleteAdding();
            EndSlotKeep();
            // Workers observe the token at every await; give them a moment so no background work outlives the cmdlet.
            _allWorkDone.Task.Wait(TimeSpan.FromSeconds(10));
        }

        private void WorkDone()
        {
            if (Interlocked.Decrement(ref _outstanding) == 0)
            {
                EndSlotKeep();
                _items.Writer.TryComplete();
                _allWorkDone.TrySetResult(true);
            }
        }

        private void Emit(Cmdlet cmdlet, Item item)
        {
            switch (item.Kind)
            {
                case ItemKind.Record:
                    try
                    {
                        cmdlet.WriteObject(item.Payload);
                    }
                    finally
                    {
                        _recordBudget.Release();
                    }
                    break;
                case ItemKind.Error:
                    cmdlet.WriteError((ErrorRecord)item.Payload);
                    break;
                case ItemKind.Verbose:
                    Verbose(cmdlet, (string)item.Payload);
                    break;
                case ItemKind.Warning:
                    cmdlet.WriteWarning((string)item.Payload);
                    break;
                case ItemKind.Debug:
                    cmdlet.WriteDebug((string)item.Payload);
                    break;
            }
        }

        /// <summary>Pipeline thread: verbose text (see <see cref="VerboseAsDebug"/>).</summary>
        public void Verbose(Cmdlet cmdlet, string message)
        {
            if (!VerboseShown) return;
            if (VerboseAsDebug) cmdlet.WriteDebug(message);
            else cmdlet.WriteVerbose(message);
        }

        private enum ItemKind { Record, Error, Verbose, Warning, Debug }

        // A class, not a struct: the channel's code is then the framework's shared, precompiled instantiation, where a
        // struct element has the runtime compile some thirty of its methods at a run's first record.
        private sealed class Item
        {
            public Item(ItemKind kind, object payload)
            {
                Kind = kind;
                Payload = payload;
            }

            public ItemKind Kind { get; }
            public object Payload { get; }
        }
    }
}
