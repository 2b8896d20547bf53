using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using AwsContainerInventory.Inventory;

namespace AwsContainerInventory.Cmdlets
{
    /// <summary>
    /// Live names for argument completion, per session, kind and regions: the first Tab starts one background
    /// listing of every (role × region) pair and waits at most <see cref="Wait"/> for it; every Tab for a minute
    /// after reuses it, without waiting, with whatever it has found by then. An unreachable or hung endpoint
    /// therefore costs one short wait, never a frozen prompt: the listing goes on (or fails) in the background.
    /// </summary>
    internal static class CompletionCache
    {
        /// <summary>How long a listing's names are reused.</summary>
        internal static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

        /// <summary>How long one Tab waits for names, at most.</summary>
        internal static readonly TimeSpan Wait = TimeSpan.FromSeconds(1);

        /// <summary>Background listings are cancelled after this, so a hung endpoint holds nothing for long.</summary>
        private static readonly TimeSpan ListingTimeout = TimeSpan.FromSeconds(30);

        private static readonly ConditionalWeakTable<InventorySession, ConcurrentDictionary<string, Listing>> BySession =
            new ConditionalWeakTable<InventorySession, ConcurrentDictionary<string, Listing>>();

        // The default-chain session is built afresh for every call; its listings are keyed by its credential source.
        private static readonly ConcurrentDictionary<string, Listing> ForDefaultSessions = new ConcurrentDictionary<string, Listing>(StringComparer.Ordinal);

        /// <summary>The names listed so far for <paramref name="kind"/>, after waiting at most <see cref="Wait"/> in all.</summary>
        public static IReadOnlyList<string> Names(string kind, Func<InventorySession, IReadOnlyList<string>> regionsOf,
            Func<NameReader, Task> read)
        {
            var clock = Stopwatch.StartNew();
            // Resolving the default session can load the AWS SDK: that, too, happens off the prompt's thread.
            Task<Listing?> lookup = Task.Run(() => Lookup(kind, regionsOf, read));
            if (!lookup.Wait(Wait)) return Array.Empty<string>();
            Listing? listing = lookup.Result;
            if (listing == null) return Array.Empty<string>();
            TimeSpan left = Wait - clock.Elapsed;
            if (left > TimeSpan.Zero && listing.TakeFirstWait()) listing.Done.Wait(left);
            return listing.Snapshot();
        }

        private static Listing? Lookup(string kind, Func<InventorySession, IReadOnlyList<string>> regionsOf,
            Func<NameReader, Task> read)
        {
            InventorySession session = Session.SessionStore.CurrentOrDefault();
            IReadOnlyList<string> regions = regionsOf(session);
            if (regions.Count == 0) return null;
            ConcurrentDictionary<string, Listing> listings = session.IsDefault ? ForDefaultSessions : BySession.GetValue(session, _ => new ConcurrentDictionary<string, Listing>(StringComparer.Ordinal));
            string key = kind + "|" + string.Join(",", regions) + (session.IsDefault ? "|" + session.CredentialSource : string.Empty);
            lock (listings)
            {
                if (listings.TryGetValue(key, out Listing? current) && current.Age < Lifetime) return current;
                var fresh = new Listing(session, regions, read);
                listings[key] = fresh;
                return fresh;
            }
        }

        private sealed class Listing
        {
            private readonly ConcurrentDictionary<string, byte> _names = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
            private readonly Stopwatch _age = Stopwatch.StartNew();
            private int _waitedFor;

            public Listing(InventorySession session, IReadOnlyList<string> regions, Func<NameReader, Task> read)
            {
                Done = Task.Run(() => ListAsync(session, regions, read));
            }

            public Task Done { get; }

            public TimeSpan Age => _age.Elapsed;

            /// <summary>True for the first Tab only: later ones take what has come without waiting again.</summary>
            public bool TakeFirstWait() => Interlocked.Exchange(ref _waitedFor, 1) == 0;

            public IReadOnlyList<string> Snapshot() => _names.Keys.OrderBy(n => n, StringComparer.Ordinal).ToList();

            private async Task ListAsync(InventorySession session, IReadOnlyList<string> regions, Func<NameReader, Task> read)
            {
                // The cmdlets' run, without a pipeline: the same role assumption and (role × region) expansion;
                // errors stay in the run, which is dropped.
                try
                {
                    using var run = new InventoryRun("Completing names");
                    var plan = new ScopePlan(session, regions, run);
                    plan.ForEachScope("Listing names", context => read(new NameReader(context, name => _names.TryAdd(name, 0))));
                    Task done = run.WhenDone();
                    if (await Task.WhenAny(done, Task.Delay(ListingTimeout)).ConfigureAwait(false) != done) run.Cancel();
                }
                catch (Exception)
                {
                    // A listing that fails completes nothing more; the Tab shows what was found.
                }
            }
        }
    }
}
