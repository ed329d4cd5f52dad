using System.Globalization;
using System.Text;
using Simulator.Reporting;

namespace Simulator.Swarm;

/// <summary>
/// A swarm's results folder, <c>OUT/swarm/yyyyMMdd-HHmmss-SEED/</c>, written under a hidden temporary name and moved
/// into place complete (<see cref="FolderPlacement"/>): <c>runs.csv</c> (one row per run: seed, kinds enabled,
/// topology, events, outcome), <c>summary.txt</c> (how it ended, the runs enabling each kind, the invariants, the
/// violation and the command that reproduces it) and, on a violation, the run's scenario file. Nothing in the files
/// depends on the thread count or the machine's speed.
/// </summary>
public static class SwarmFolder
{
    public const string RunsFileName = "runs.csv", SummaryFileName = "summary.txt";

    /// <summary>What every run checks after every event, in the words of <see cref="Experiments.SimulationRun.CheckInvariants"/>.</summary>
    public static IReadOnlyList<string> Invariants { get; } =
    [
        "time never goes back",
        "volumes are conserved across states (healthy, degraded, stuck, unavailable, lost, of unknown consistency) and every counter equals a recount",
        "a lost volume stays lost (the count never decreases, and no volume found lost is ever in another state)",
        "free space is never negative, nor a node's used space above its capacity",
        "a volume's replicas and copy target are on distinct nodes, in service unless it waits for its crashed copy",
        "a volume's replicas and copy target are within its placement rule (distinct racks, power domains or zones under rack_aware, power_domain_aware, zone_spread)",
        "a volume has as many replicas as its state says under its write rule, and is short by a failure event exactly while stuck or degraded",
        "no volume serves in two regions",
        "a failed-over volume's RPO is not negative (and every recovery's RPO and RTO)",
        "the write rate a cross-region class ships is the sum over its members serving at home",
        "the model raises no exception",
    ];

    /// <summary>
    /// Runs the swarm into a new folder, <paramref name="folder"/> exactly (which must not exist) or else under
    /// <paramref name="outRoot"/>/swarm, and returns the folder.
    /// </summary>
    public static (SwarmResult Result, string Folder) Run(SwarmOptions options, string outRoot, DateTimeOffset createdUtc,
        CancellationToken stop = default, IProgress<int>? progress = null, string? folder = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (folder is not null && (Directory.Exists(folder) || File.Exists(folder)))
            throw new IOException($"{folder} exists: a swarm writes a new folder");
        string parent = folder is null ? Path.Combine(outRoot, "swarm") : Path.GetDirectoryName(Path.GetFullPath(folder))!;
        string name = folder is null ? RunFolder.FolderName(createdUtc, options.Seed) : Path.GetFileName(Path.GetFullPath(folder));
        var temp = FolderPlacement.CreateTemp(parent, name);
        try
        {
            string work = Path.Combine(temp.Path, ".work");
            Directory.CreateDirectory(work);
            var result = SwarmRunner.Run(options, work, stop, progress);
            Directory.Delete(work, recursive: true);
            if (result.Violation is { } bad)
                File.WriteAllText(Path.Combine(temp.Path, SwarmRunner.ScenarioFileName(bad.Index)), bad.Scenario.Yaml, CsvText.Utf8NoBom);
            WriteRuns(Path.Combine(temp.Path, RunsFileName), result.Runs);
            File.WriteAllText(Path.Combine(temp.Path, SummaryFileName), Summary(result), CsvText.Utf8NoBom);
            return (result, folder is null ? FolderPlacement.MoveIntoPlace(temp.Path, parent, name) : FolderPlacement.MoveExact(temp.Path, Path.GetFullPath(folder)));
        }
        catch
        {
            FolderPlacement.TryDelete(temp);
            throw;
        }
    }

    /// <summary>The one command that reproduces a violation: the run's scenario under every invariant.</summary>
    public static string ReproduceCommand(string scenarioPath) => $"replsim swarm --replay {scenarioPath}";

    /// <summary>The summary's text: how the swarm ended, the runs that enabled each kind, the invariants, the violation.</summary>
    public static string Summary(SwarmResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var s = new StringBuilder();
        s.Append(Invariant($"replsim swarm --seed {result.Options.Seed} --runs {result.Options.Runs}"));
        s.Append(result.Options.Shard.IsPartial ? Invariant($" --shard {result.Options.Shard}\n") : "\n");
        s.Append(Invariant($"runs done: {result.Runs.Count} of {result.Options.ShardRuns}; ended: {EndText(result.End)}\n"));
        s.Append(Invariant($"events checked: {result.Runs.Sum(r => r.Result.Events)}\n\nruns enabling each kind:\n"));
        foreach (string kind in SwarmKinds.All)
            s.Append(Invariant($"  {kind,-24} {result.Runs.Count(r => r.Scenario.Kinds.Contains(kind))}\n"));
        s.Append("\ninvariants checked after every event:\n");
        foreach (string invariant in Invariants) s.Append("  - ").Append(invariant).Append('\n');
        if (result.Violation is { } bad)
        {
            s.Append(Invariant($"\nviolation in run {bad.Index} (seed {bad.Scenario.Seed})"));
            if (bad.Result.AtHours is { } at) s.Append(Invariant($" at {at:0.######} h, after {bad.Result.Events} events"));
            s.Append(":\n  ").Append(bad.Result.Violation).Append('\n');
            s.Append("  kinds: ").Append(string.Join(", ", bad.Scenario.Kinds)).Append('\n');
            s.Append("  reproduce (in this folder): ").Append(ReproduceCommand(SwarmRunner.ScenarioFileName(bad.Index))).Append('\n');
        }
        return s.ToString();
    }

    public static string EndText(SwarmEnd end) => end switch
    {
        SwarmEnd.Done => "every run done, no violation",
        SwarmEnd.Violation => "a violation",
        SwarmEnd.Budget => "time budget spent, no violation",
        _ => "stopped, no violation",
    };

    private static void WriteRuns(string path, IReadOnlyList<SwarmOutcome> runs)
    {
        using var stream = CsvText.CreateFile(path);
        using var csv = CsvText.CreateWriter(stream);
        foreach (string field in new[] { "run", "seed", "outcome", "events", "horizon_h", "violation_at_h", "kinds", "topology", "violation" })
            csv.WriteField(field);
        csv.EndRecord();
        foreach (var r in runs)
        {
            csv.WriteField(CsvText.Integer(r.Index));
            csv.WriteField(r.Scenario.Seed.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(r.Result.Passed ? "ok" : "violation");
            csv.WriteField(CsvText.Integer(r.Result.Events));
            csv.WriteField(CsvText.Time(r.Result.HorizonHours));
            csv.WriteField(r.Result.AtHours is { } at ? CsvText.Time(at) : "");
            csv.WriteField(string.Join(' ', r.Scenario.Kinds));
            csv.WriteField(r.Scenario.Shape);
            csv.WriteField(r.Result.Violation ?? "");
            csv.EndRecord();
        }
        csv.Flush();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
