using System.Diagnostics;
using Simulator.Metrics;
using Simulator.Scenarios;
using Simulator.Scenarios.Model;

namespace Simulator.Experiments;

/// <summary>Loads, runs and validates scenarios: the library's front door for the command line.</summary>
public static class ScenarioRunner
{
    /// <summary>Reads a scenario file, applies overrides; throws <see cref="Scenarios.ScenarioException"/> listing every problem.</summary>
    public static LoadedScenario Load(string path, IReadOnlyList<string>? overrides = null)
    {
        var sets = overrides ?? [];
        var model = ScenarioFile.Load<Scenario>(path, sets);
        return new LoadedScenario(model, path, ScenarioFile.Sha256(path, sets), sets);
    }

    /// <summary>
    /// Runs the scenario's replications (all of 0…N−1, or <see cref="RunOptions.OnlyReplications"/>), up to
    /// <see cref="RunOptions.Threads"/> at once. Each replication is a pure function of (scenario, seed, index), and
    /// the series are concatenated in replication order, so the result does not depend on the thread count.
    /// </summary>
    public static RunResult Run(LoadedScenario scenario, RunOptions options, IProgress<RunProgress>? progress = null,
        CancellationToken cancellation = default)
    {
        var model = scenario.Model;
        var indices = options.OnlyReplications ?? Enumerable.Range(0, Math.Max(1, options.Replications)).ToList();
        var clock = Stopwatch.StartNew();
        var interval = options.SampleInterval ?? model.SampleInterval;
        var runs = new SimulationRun[indices.Count];
        var done = new double[indices.Count];
        var events = new long[indices.Count];
        double horizonH = model.Horizon.TotalHours;
        var gate = new Lock();
        void Report(int slot, RunProgress p)
        {
            if (progress is null) return;
            lock (gate)
            {
                done[slot] = p.SimulatedHours;
                events[slot] = p.EventsProcessed;
                progress.Report(new RunProgress(done.Sum(), horizonH * indices.Count, events.Sum()));
            }
        }
        Parallel.For(0, indices.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Threads), CancellationToken = cancellation },
            slot =>
            {
                var run = new SimulationRun(model, options.Seed, indices[slot], options.Scale);
                run.Run(interval, new SlotProgress(slot, Report), cancellation);
                runs[slot] = run;
            });
        clock.Stop();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var series = runs.Length == 1 ? runs[0].Rows : runs.SelectMany(r => r.Rows).ToList();
        return new RunResult
        {
            ScenarioName = model.Name,
            AffectedZoneScope = "zone:" + runs[0].AffectedZone,
            Start = model.Start,
            HorizonHours = horizonH,
            VolumesTotal = runs[0].VolumesTotal,
            EventsProcessed = runs.Sum(r => r.EventsProcessed),
            WallSeconds = clock.Elapsed.TotalSeconds,
            PeakMemoryBytes = process.PeakWorkingSet64,
            Series = series,
            Markers = runs[0].Markers,
        };
    }

    private sealed class SlotProgress(int slot, Action<int, RunProgress> report) : IProgress<RunProgress>
    {
        public void Report(RunProgress value) => report(slot, value);
    }

    /// <summary>Compares a run with the scenario's `validation:` figures.</summary>
    public static IReadOnlyList<ValidationRow> Validate(LoadedScenario scenario, RunResult result) =>
        scenario.Model.Validation.Select(f => Evaluate(f, result.Series)).ToList();

    /// <summary>Reads one figure off the series (replication 0).</summary>
    public static ValidationRow Evaluate(ValidationFigureSpec f, IReadOnlyList<TimeSeriesRow> series)
    {
        var points = series.Where(r => r.Replication == 0 && r.Metric == f.Metric && r.Scope == f.Scope).ToList();
        double simulated = double.NaN;
        double? atH = null;
        if (points.Count > 0)
        {
            switch (f.Stat)
            {
                case ValidationStat.At:
                    atH = f.At?.TotalHours ?? 0;
                    simulated = points.LastOrDefault(p => p.TimeH <= atH + 1e-9, points[0]).Value;
                    break;
                case ValidationStat.Peak:
                    simulated = points.Max(p => p.Value);
                    break;
                case ValidationStat.Final:
                    simulated = points[^1].Value;
                    break;
                case ValidationStat.MaxBetween:
                case ValidationStat.MinBetween:
                {
                    double from = f.From?.TotalHours ?? 0, to = f.To?.TotalHours ?? double.MaxValue;
                    var window = points.Where(p => p.TimeH >= from - 1e-9 && p.TimeH <= to + 1e-9).Select(p => p.Value).ToList();
                    if (window.Count > 0) simulated = f.Stat == ValidationStat.MaxBetween ? window.Max() : window.Min();
                    break;
                }
            }
        }
        string when = f.Stat switch
        {
            ValidationStat.At => FormattableString.Invariant($"{atH:0.0#} h"),
            ValidationStat.Peak => "peak",
            ValidationStat.Final => "end",
            _ => FormattableString.Invariant($"{f.From?.TotalHours ?? 0:0.0#}–{f.To?.TotalHours:0.0#} h"),
        };
        return new ValidationRow(f.Figure, f.Source, atH, f.Expected, simulated, f.Tolerance, f.Comparison) { When = when };
    }
}
