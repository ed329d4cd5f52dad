using System.Diagnostics;
using Simulator.Engine;

namespace Simulator.Benchmarks;

/// <summary>
/// The classic hold model: <c>n</c> events pending; each event, when it fires, schedules one new event
/// after an exponential delay (mean 1 s), so the pending count stays at <c>n</c>. Run on the engine and on
/// a baseline made of <see cref="PriorityQueue{TElement, TPriority}"/> with one class instance per event.
/// Both draw every delay from a <see cref="RandomStream"/> when the event fires.
/// </summary>
internal static class HoldModel
{
    private const double MeanDelayTicks = Duration.TicksPerSecond;

    public readonly record struct Trial(long Events, double Seconds, long AllocatedBytes)
    {
        public double EventsPerSecond => Events / Seconds;
    }

    /// <summary>The engine side: one handler object serves every event.</summary>
    public sealed class EngineHold : IEventHandler
    {
        private readonly Simulation _sim = new();
        private readonly RandomStream _rng;
        private long _budget;

        public EngineHold(int pending, ulong seed)
        {
            _rng = new RandomStreams(seed, 0).Get("hold");
            for (int i = 0; i < pending; i++) _sim.ScheduleAfter(NextDelay(), this);
        }

        private Duration NextDelay() => new((long)(_rng.NextExponential(1.0) * MeanDelayTicks));

        public void OnEvent(int kind, long arg)
        {
            _sim.ScheduleAfter(NextDelay(), this);
            if (--_budget == 0) _sim.Stop();
        }

        public Trial Run(long events)
        {
            _budget = events;
            long before = _sim.EventsProcessed;
            long bytes = GC.GetAllocatedBytesForCurrentThread();
            long start = Stopwatch.GetTimestamp();
            _sim.Run();
            double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            bytes = GC.GetAllocatedBytesForCurrentThread() - bytes;
            if (_sim.PendingCount == 0) throw new InvalidOperationException("hold model lost its events");
            return new Trial(_sim.EventsProcessed - before, seconds, bytes);
        }
    }

    /// <summary>The baseline: what a straightforward model on the BCL priority queue looks like.</summary>
    public sealed class BaselineHold
    {
        private sealed class Event(long time)
        {
            public readonly long Time = time;
        }

        private readonly PriorityQueue<Event, (long Time, long Seq)> _queue = new();
        private readonly RandomStream _rng;
        private long _now;
        private long _seq;
        private long _processed;

        public BaselineHold(int pending, ulong seed)
        {
            _rng = new RandomStreams(seed, 0).Get("hold");
            for (int i = 0; i < pending; i++) Schedule(NextDelayTicks());
        }

        private long NextDelayTicks() => (long)(_rng.NextExponential(1.0) * MeanDelayTicks);

        private void Schedule(long delayTicks)
        {
            var e = new Event(_now + delayTicks);
            _queue.Enqueue(e, (e.Time, _seq++));
        }

        public Trial Run(long events)
        {
            long budget = events;
            long before = _processed;
            long bytes = GC.GetAllocatedBytesForCurrentThread();
            long start = Stopwatch.GetTimestamp();
            while (_queue.TryDequeue(out Event? e, out _))
            {
                _now = e.Time;
                _processed++;
                Schedule(NextDelayTicks());
                if (--budget == 0) break;
            }
            double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            bytes = GC.GetAllocatedBytesForCurrentThread() - bytes;
            return new Trial(_processed - before, seconds, bytes);
        }
    }

    /// <summary>Runs warm-up then <paramref name="trials"/> trials on both sides and prints one line per size.</summary>
    public static void RunAll(TextWriter output, int trials = 7, IReadOnlyList<int>? sizes = null, bool engineOnly = false)
    {
        foreach (int pending in sizes ?? [100, 10_000, 1_000_000])
        {
            long events = pending switch { <= 100 => 10_000_000, <= 10_000 => 5_000_000, _ => 4_000_000 };
            var engine = new EngineHold(pending, seed: 1);
            var baseline = new BaselineHold(pending, seed: 1);
            // Warm-up: reach tiered JIT's optimised code and a steady-state queue shape.
            engine.Run(Math.Max(events / 2, 3L * pending));
            baseline.Run(Math.Max(events / 2, 3L * pending));
            var engineTrials = new List<Trial>();
            var baselineTrials = new List<Trial>();
            for (int t = 0; t < trials; t++)
            {
                engineTrials.Add(engine.Run(events));
                if (!engineOnly || t == 0) baselineTrials.Add(baseline.Run(events));
            }
            double x = Median(engineTrials.Select(r => r.EventsPerSecond));
            double y = Median(baselineTrials.Select(r => r.EventsPerSecond));
            double engineBytes = Median(engineTrials.Select(r => (double)r.AllocatedBytes / r.Events));
            double baselineBytes = Median(baselineTrials.Select(r => (double)r.AllocatedBytes / r.Events));
            output.WriteLine(FormattableString.Invariant(
                $"hold pending={pending} events={events} engine_events_per_s={x:F0} baseline_events_per_s={y:F0} ratio={x / y:F2} engine_bytes_per_event={engineBytes:G3} baseline_bytes_per_event={baselineBytes:G3}"));
        }
    }

    private static double Median(IEnumerable<double> values)
    {
        double[] sorted = values.Order().ToArray();
        int mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
