using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace Simulator.Experiments;

/// <summary>
/// Computes units on up to T threads, each unit a replication on one thread, handing every finished unit to a sink
/// (which writes it down). Units start in index order; the order they finish in does not matter, because what is
/// made of them later reads them in index order. A stop request (Ctrl-C, SIGTERM) abandons the units in flight (their
/// runner sees the same token) and starts no more: the units done are kept. A failing unit stops the others from
/// starting and is rethrown.
/// </summary>
public static class UnitExecutor
{
    /// <param name="setup">The plan and its scenarios.</param>
    /// <param name="units">The units to compute, in the order to start them.</param>
    /// <param name="threads">Units at once (at least 1).</param>
    /// <param name="runUnit">Runs one unit (usually <see cref="ScenarioRunner.Run"/>).</param>
    /// <param name="onUnitDone">Called on the worker thread with each finished unit's result.</param>
    /// <param name="progress">Overall progress; reports are serialized.</param>
    /// <param name="stop">Stops starting units and abandons those in flight.</param>
    /// <returns>Wall time of the whole execution, in seconds.</returns>
    public static double Run(ExperimentSetup setup, IReadOnlyList<UnitKey> units, int threads, UnitRunner runUnit,
        Action<UnitKey, RunResult> onUnitDone, IProgress<ExperimentProgress>? progress = null, CancellationToken stop = default)
    {
        var clock = Stopwatch.StartNew();
        int next = -1, done = 0, running = 0;
        long doneEvents = 0;
        ExceptionDispatchInfo? failure = null;
        var gate = new Lock();
        var inFlight = new Dictionary<int, RunProgress>();
        double horizonOfDone = 0;

        void Report()
        {
            if (progress is null) return;
            double fraction = done, simulated = horizonOfDone, horizon = horizonOfDone;
            long events = doneEvents;
            foreach (var p in inFlight.Values)
            {
                if (p.HorizonHours > 0) fraction += Math.Min(1, p.SimulatedHours / p.HorizonHours);
                simulated += p.SimulatedHours;
                horizon += p.HorizonHours;
                events += p.EventsProcessed;
            }
            progress.Report(new ExperimentProgress(done, units.Count, running,
                units.Count == 0 ? 1 : fraction / units.Count, simulated, horizon, events));
        }

        void Work()
        {
            while (true)
            {
                if (stop.IsCancellationRequested || Volatile.Read(ref failure) is not null) return;
                int slot = Interlocked.Increment(ref next);
                if (slot >= units.Count) return;
                var unit = units[slot];
                lock (gate)
                {
                    running++;
                    inFlight[slot] = default;
                }
                try
                {
                    var unitProgress = new Relay(p =>
                    {
                        lock (gate)
                        {
                            inFlight[slot] = p;
                            Report();
                        }
                    });
                    var result = runUnit(setup.Scenario(unit.Variant, unit.Point), setup.OptionsFor(unit), unitProgress, stop);
                    onUnitDone(unit, result);
                    lock (gate)
                    {
                        inFlight.Remove(slot, out var last);
                        running--;
                        done++;
                        doneEvents += result.EventsProcessed;
                        horizonOfDone += last.HorizonHours > 0 ? last.HorizonHours : result.HorizonHours;
                        Report();
                    }
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    lock (gate)
                    {
                        inFlight.Remove(slot);
                        running--;
                    }
                    return;
                }
                catch (Exception e)
                {
                    Interlocked.CompareExchange(ref failure, ExceptionDispatchInfo.Capture(e), null);
                    return;
                }
            }
        }

        int workers = Math.Clamp(threads, 1, Math.Max(1, units.Count));
        if (workers == 1)
            Work();
        else
        {
            var tasks = Enumerable.Range(0, workers)
                .Select(_ => Task.Factory.StartNew(Work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default))
                .ToArray();
            Task.WaitAll(tasks);
        }
        failure?.Throw();
        clock.Stop();
        return clock.Elapsed.TotalSeconds;
    }

    private sealed class Relay(Action<RunProgress> report) : IProgress<RunProgress>
    {
        public void Report(RunProgress value) => report(value);
    }
}
