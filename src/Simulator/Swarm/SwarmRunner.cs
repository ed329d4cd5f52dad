using System.Diagnostics;
using Simulator.Experiments;

namespace Simulator.Swarm;

/// <summary>What a swarm does: how many runs, from which seed, for how long, on how many threads.</summary>
public sealed record SwarmOptions
{
    /// <summary>Runs at most; run i is seeded <see cref="SwarmGenerator.RunSeed"/>(Seed, i).</summary>
    public int Runs { get; init; } = 200;
    public ulong Seed { get; init; } = 1;
    /// <summary>Wall time after which no new run starts (those in flight finish); null: none.</summary>
    public TimeSpan? Budget { get; init; }
    public int Threads { get; init; } = Environment.ProcessorCount;
    /// <summary>Only the runs i with i mod n = index (a task of a job array); the shards of a swarm together make it.</summary>
    public Shard Shard { get; init; } = Shard.All;

    /// <summary>The runs this shard does: i, i + n, i + 2n, … below <see cref="Runs"/>.</summary>
    public int ShardRuns => Runs <= Shard.Index ? 0 : (Runs - Shard.Index + Shard.Count - 1) / Shard.Count;
    /// <summary>An invariant checked after every event besides the model's (tests plant a violation with it); null in use.</summary>
    public Func<SimulationRun, string?>? ExtraInvariant { get; init; }
}

/// <summary>One run of a swarm: its scenario and what came of it.</summary>
public sealed record SwarmOutcome(int Index, SwarmScenario Scenario, SwarmCheckResult Result);

/// <summary>Why a swarm ended.</summary>
public enum SwarmEnd
{
    /// <summary>Every run was done, none broke an invariant.</summary>
    Done,
    /// <summary>A run broke an invariant: the swarm stops at the first (lowest-numbered) one.</summary>
    Violation,
    /// <summary>The time budget ran out: the runs done are reported.</summary>
    Budget,
    /// <summary>Stopped from outside (Ctrl-C, SIGTERM): the runs done are reported.</summary>
    Interrupted,
}

/// <summary>
/// The runs of a swarm (of its shard), the first k of them (a prefix: the same runs and outcomes whatever the thread
/// count), and how it ended.
/// </summary>
public sealed record SwarmResult(SwarmOptions Options, IReadOnlyList<SwarmOutcome> Runs, SwarmEnd End, TimeSpan Wall)
{
    /// <summary>The run that broke an invariant, when <see cref="End"/> is <see cref="SwarmEnd.Violation"/>.</summary>
    public SwarmOutcome? Violation => End == SwarmEnd.Violation ? Runs[^1] : null;
}

/// <summary>
/// Runs a swarm: run i draws its scenario from its own seed (<see cref="SwarmGenerator"/>), writes it to the work
/// folder, and runs it with every invariant after every event (<see cref="SwarmRun"/>). Threads take runs in order;
/// once a run breaks an invariant no later run starts, the earlier ones finish, and the lowest-numbered violation is the
/// outcome, so the result does not depend on the thread count. A budget or a stop request starts no new run and lets
/// those in flight finish (a stop request ends them at their next sample).
/// </summary>
public static class SwarmRunner
{
    /// <param name="workDir">Where each run's scenario file is written while it runs (and deleted after).</param>
    /// <param name="progress">Told the number of runs finished, as they finish.</param>
    public static SwarmResult Run(SwarmOptions options, string workDir, CancellationToken stop = default, IProgress<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var clock = Stopwatch.StartNew();
        var results = new SwarmOutcome?[options.ShardRuns];
        int next = -1, firstBad = int.MaxValue, finished = 0;
        bool budgetHit = false;
        Exception? failure = null;

        void Work()
        {
            try
            {
                while (!stop.IsCancellationRequested)
                {
                    if (options.Budget is { } budget && clock.Elapsed >= budget) { budgetHit = true; return; }
                    int i = Interlocked.Increment(ref next);
                    if (i >= results.Length || i > Volatile.Read(ref firstBad)) return;
                    var outcome = RunOne(options, options.Shard.Index + i * options.Shard.Count, workDir, stop);
                    results[i] = outcome;
                    if (!outcome.Result.Passed)
                        for (int seen = Volatile.Read(ref firstBad); i < seen; seen = Volatile.Read(ref firstBad))
                            if (Interlocked.CompareExchange(ref firstBad, i, seen) == seen) break;
                    progress?.Report(Interlocked.Increment(ref finished));
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref failure, e, null);
            }
        }

        var threads = Enumerable.Range(0, Math.Max(1, options.Threads)).Select(_ => new Thread(Work) { IsBackground = true }).ToList();
        foreach (var t in threads) t.Start();
        foreach (var t in threads) t.Join();
        if (failure is not null) throw new InvalidOperationException("a swarm worker failed", failure);

        var runs = new List<SwarmOutcome>();
        foreach (var r in results)
        {
            if (r is null) break;
            runs.Add(r);
            if (!r.Result.Passed) break;
        }
        var end = runs.Count > 0 && !runs[^1].Result.Passed ? SwarmEnd.Violation
            : runs.Count == results.Length ? SwarmEnd.Done
            : stop.IsCancellationRequested ? SwarmEnd.Interrupted
            : budgetHit ? SwarmEnd.Budget : SwarmEnd.Interrupted;
        return new SwarmResult(options, runs, end, clock.Elapsed);
    }

    /// <summary>The file name of run <paramref name="index"/>'s scenario.</summary>
    public static string ScenarioFileName(int index) => $"run-{index:D6}.yaml";

    private static SwarmOutcome RunOne(SwarmOptions options, int index, string workDir, CancellationToken stop)
    {
        var scenario = SwarmGenerator.Generate(SwarmGenerator.RunSeed(options.Seed, index));
        string path = Path.Combine(workDir, ScenarioFileName(index));
        File.WriteAllText(path, scenario.Yaml);
        try
        {
            return new SwarmOutcome(index, scenario, SwarmRun.Check(path, options.ExtraInvariant, stop));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
