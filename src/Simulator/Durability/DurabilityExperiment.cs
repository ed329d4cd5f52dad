using System.Diagnostics;
using Simulator.Experiments;
using Simulator.Reporting;
using Simulator.Scenarios;

namespace Simulator.Durability;

/// <summary>
/// <c>replsim run</c>, <c>compare</c> and <c>sweep</c> of durability scenario files (a top-level <c>durability:</c>
/// block, <see cref="DurabilityScenario"/>). A run analyses one file; a compare analyses each file with the same seed
/// (so the same failure draws where the placements allow it) and keys its rows by <c>variant</c>; a sweep analyses the
/// file at each point of a grid or Latin hypercube of <c>--vary durability.FIELD=…</c> values (<see cref="SweepDesign"/>)
/// and keys its rows by <c>point</c> and the varied fields. Everything is loaded and checked before anything runs, with
/// every problem reported at once; the folder is written once every analysis is done. A durability analysis has no
/// replications (its Monte Carlo has trials) and is not sharded or resumed: it is one unit.
/// </summary>
public static class DurabilityExperiment
{
    /// <summary>A durability scenario read and checked.</summary>
    public sealed record Loaded(DurabilityScenario Model, string Path, string Sha256);

    /// <summary>One analysis of the experiment: its key values, its scenario and what it found.</summary>
    public sealed record Unit(string Label, IReadOnlyList<string> Key, DurabilityScenario Scenario, DurabilityResult Result);

    /// <summary>What the experiment wrote.</summary>
    public sealed record Outcome(string Folder, ExperimentKind Kind, IReadOnlyList<string> KeyColumns, IReadOnlyList<Unit> Units, ulong Seed, double WallSeconds);

    /// <summary>What to run: the command's kind, files, overrides, sweep design, seed, threads and where to write.</summary>
    public sealed record Request(ExperimentKind Kind, IReadOnlyList<string> Paths, IReadOnlyList<string> Overrides, IReadOnlyList<string> Vary,
        int? Samples, ulong? Seed, int Threads, string OutputRoot, string? Folder);

    /// <summary>Whether the file (merged with the files it extends) has a top-level <c>durability:</c> block; false when it cannot be read.</summary>
    public static bool IsDurabilityFile(string path)
    {
        var errors = new List<ScenarioError>();
        return ScenarioSources.Load(path, errors) is { } root && root.Find(DurabilityScenario.BlockKey) is not null;
    }

    /// <summary>Reads a durability scenario with overrides; throws <see cref="ScenarioException"/> listing every problem.</summary>
    public static Loaded Load(string path, IReadOnlyList<string> overrides) =>
        new(ScenarioFile.Load<DurabilityScenario>(path, overrides), path, ScenarioFile.Sha256(path, overrides));

    /// <summary>Loads and checks everything, runs each analysis, writes the folder.</summary>
    public static Outcome Run(Request request, DateTimeOffset? createdUtc = null)
    {
        var clock = Stopwatch.StartNew();
        var created = (createdUtc ?? DateTimeOffset.UtcNow).ToUniversalTime();
        DurabilityFolder.CheckNew(request.Folder);
        var errors = new List<ScenarioError>();
        var loaded = new List<Loaded>();
        foreach (var path in request.Paths)
        {
            try { loaded.Add(Load(path, request.Overrides)); }
            catch (ScenarioException e) { errors.AddRange(e.Errors); }
        }
        if (errors.Count > 0) throw new ScenarioException(errors);
        ulong seed = request.Seed ?? unchecked((ulong)loaded[0].Model.Seed);

        var plan = new List<(string Label, IReadOnlyList<string> Key, DurabilityScenario Scenario)>();
        IReadOnlyList<string> keyColumns = [];
        IReadOnlyList<string> parameters = [];
        IReadOnlyList<IReadOnlyList<string>> points = [];
        switch (request.Kind)
        {
            case ExperimentKind.Run:
                plan.Add((loaded[0].Model.Name, [], loaded[0].Model));
                break;
            case ExperimentKind.Compare:
                keyColumns = ["variant"];
                var labels = new List<string>();
                foreach (var l in loaded)
                {
                    string label = l.Model.Name;
                    for (int n = 2; labels.Contains(label); n++) label = $"{l.Model.Name}-{n}";
                    labels.Add(label);
                    plan.Add((label, [label], l.Model));
                }
                break;
            default:
                var specs = request.Vary.Select(SweepDesign.Parse).ToList();
                var (planParameters, planPoints) = request.Samples is { } k ? SweepDesign.LatinHypercube(specs, k, seed) : SweepDesign.Grid(specs);
                parameters = [.. planParameters.Select(p => p.Path)];
                points = [.. planPoints.Select(p => p.Values)];
                keyColumns = ["point", .. parameters];
                foreach (var point in planPoints)
                {
                    var overrides = request.Overrides.Concat(parameters.Select((p, j) => $"{p}={point.Values[j]}")).ToList();
                    try
                    {
                        plan.Add(($"point {point.Id}", [CsvText.Integer(point.Id), .. point.Values], Load(request.Paths[0], overrides).Model));
                    }
                    catch (ScenarioException e)
                    {
                        errors.AddRange(e.Errors.Select(x => x.File == "--set" ? x with { File = SweepDesign.Origin } : x));
                    }
                }
                if (errors.Count > 0) throw new ScenarioException([.. errors.Distinct()]);
                break;
        }

        var units = plan.Select(p => new Unit(p.Label, p.Key, p.Scenario, DurabilityAnalysis.Run(p.Scenario.Durability, seed, request.Threads))).ToList();
        string name = loaded[0].Model.Name;
        IReadOnlyList<(string, ScottPlot.Plot)> plots = request.Kind switch
        {
            ExperimentKind.Run => DurabilityPlots.Single(name, units[0].Result),
            ExperimentKind.Compare => DurabilityPlots.Compare(name, [.. units.Select(u => u.Label)], [.. units.Select(u => u.Result)]),
            _ => DurabilityPlots.Sweep(name, [.. Reporting.Plots.SweepPlots.ShortNames(parameters)], points, [.. units.Select(u => u.Result)]),
        };
        var extra = request.Kind == ExperimentKind.Sweep
            ? new List<(string, Action<string>)> { ("points.csv", path => WritePoints(path, parameters, points)) }
            : [];
        var contents = new DurabilityFolder.Contents(keyColumns, [.. units.Select(u => (u.Key, u.Result.Rows))], plots, extra);
        string prefix = request.Kind switch { ExperimentKind.Compare => "compare-", ExperimentKind.Sweep => "sweep-", _ => "" };
        string folder = DurabilityFolder.Write(request.OutputRoot, request.Folder, name, prefix, seed, created, contents, files => new DurabilityManifest
        {
            Kind = ExperimentRunner.CommandName(request.Kind),
            Name = name,
            Command = Command(request),
            Scenarios = [.. loaded.Select(l => new ManifestScenario(l.Path, l.Sha256))],
            Overrides = request.Overrides,
            Parameters = parameters,
            Points = points,
            Seed = seed,
            ToolVersion = RunManifest.CurrentToolVersion,
            WallSeconds = clock.Elapsed.TotalSeconds,
            PeakMemoryBytes = DurabilityFolder.PeakMemoryBytes(),
            CreatedUtc = created,
            Units = [.. units.Select(u => new ManifestUnit(u.Label, u.Scenario.Durability.Fields(), u.Result.Notes, u.Result.Facts, u.Result.WallSeconds))],
            Files = files,
        });
        return new Outcome(folder, request.Kind, keyColumns, units, seed, clock.Elapsed.TotalSeconds);
    }

    /// <summary>The command that makes this folder again: kind, files, seed, overrides and the sweep's design.</summary>
    private static IReadOnlyList<string> Command(Request request)
    {
        var args = new List<string> { ExperimentRunner.CommandName(request.Kind) };
        args.AddRange(request.Paths);
        if (request.Seed is { } seed) args.AddRange(["--seed", CsvText.Integer((long)seed)]);
        foreach (var o in request.Overrides) args.AddRange(["--set", o]);
        foreach (var v in request.Vary) args.AddRange(["--vary", v]);
        if (request.Samples is { } k) args.AddRange(["--samples", CsvText.Integer(k)]);
        return args;
    }

    private static void WritePoints(string path, IReadOnlyList<string> parameters, IReadOnlyList<IReadOnlyList<string>> points)
    {
        using var stream = CsvText.CreateFile(path);
        using var csv = CsvText.CreateWriter(stream);
        foreach (var field in parameters.Prepend("point")) csv.WriteField(field);
        csv.EndRecord();
        for (int i = 0; i < points.Count; i++)
        {
            csv.WriteField(CsvText.Integer(i));
            foreach (var v in points[i]) csv.WriteField(v);
            csv.EndRecord();
        }
        csv.Flush();
    }
}
