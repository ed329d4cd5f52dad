using System.Diagnostics;
using System.Text.Json;
using Simulator.Experiments;

namespace Simulator.Reporting;

/// <summary>
/// Runs experiments into folders that can be continued and combined. A folder holds a manifest (plan, share, status)
/// and, until it is complete, <c>units/</c>; once every unit of the whole plan is there, the final files are made from
/// the units (<see cref="ExperimentFinalizer"/>) and <c>units/</c> is dropped, since the final CSVs hold all of it.
/// <list type="bullet">
/// <item><see cref="Start"/>: a new folder, written hidden and renamed into place when done or stopped.</item>
/// <item><see cref="Resume"/>: computes the units an interrupted folder is missing, in place.</item>
/// <item><see cref="Merge"/>: combines shard folders into the folder one process would have written.</item>
/// </list>
/// Refusals (a folder that exists, mismatched shards, a scenario changed since) are <see cref="ExperimentException"/>s
/// thrown before anything is written.
/// </summary>
public static class ExperimentFolder
{
    /// <summary>Computes a plan's share (all of it by default) into a new folder.</summary>
    /// <param name="setup">The plan and its scenarios.</param>
    /// <param name="shard">The share to compute.</param>
    /// <param name="outputRoot">Root of results: the folder is <c>ROOT/SCENARIO/[compare-|sweep-]TIME-SEED[-shard-I-of-N]</c>.</param>
    /// <param name="folder">Exactly this folder instead (it must not exist); null for the default name.</param>
    /// <param name="threads">Units at once.</param>
    /// <param name="runUnit">Runs one unit.</param>
    /// <param name="progress">Overall progress.</param>
    /// <param name="stop">Stops starting units: the folder is left incomplete, to resume.</param>
    /// <param name="includePlots">False skips the plots.</param>
    /// <param name="createdUtc">Time for the folder name and manifest; now when null.</param>
    public static ExperimentOutcome Start(ExperimentSetup setup, Shard shard, string outputRoot, string? folder, int threads,
        UnitRunner runUnit, IProgress<ExperimentProgress>? progress = null, CancellationToken stop = default,
        bool includePlots = true, DateTimeOffset? createdUtc = null)
    {
        var plan = setup.Plan;
        var created = (createdUtc ?? DateTimeOffset.UtcNow).ToUniversalTime();
        string parent, name;
        string? exact = null;
        if (folder is not null)
        {
            exact = Path.GetFullPath(folder);
            if (Directory.Exists(exact) || File.Exists(exact))
                throw new ExperimentException($"{folder} already exists: give a new folder (or finish it with --resume)");
            parent = Path.GetDirectoryName(exact) ?? ".";
            name = Path.GetFileName(exact);
        }
        else
        {
            parent = Path.GetFullPath(Path.Combine(outputRoot, RunFolder.SafeName(plan.Variants[0].Name)));
            string prefix = plan.Kind switch { ExperimentKind.Compare => "compare-", ExperimentKind.Sweep => "sweep-", _ => "" };
            name = prefix + RunFolder.FolderName(created, plan.Seed) + (shard.IsPartial ? $"-shard-{shard.Index}-of-{shard.Count}" : "");
        }

        var tempFolder = FolderPlacement.CreateTemp(parent, name);
        string temp = tempFolder.Path;
        try
        {
            string unitsDir = Path.Combine(temp, UnitFiles.FolderName);
            Directory.CreateDirectory(unitsDir);
            var report = ExperimentExecutor.Run(setup, plan.Units(shard), threads, runUnit,
                (unit, result) => UnitFiles.Write(unitsDir, plan, unit, result), progress, stop);
            var (state, results) = Conclude(temp, temp, plan, shard, created, report.WallSeconds, includePlots, []);
            string placed = exact is not null ? FolderPlacement.MoveExact(temp, exact) : FolderPlacement.MoveIntoPlace(temp, parent, name);
            return new ExperimentOutcome(placed, state, results, report);
        }
        catch
        {
            FolderPlacement.TryDelete(tempFolder);
            throw;
        }
    }

    /// <summary>
    /// Finishes an interrupted folder in place: reloads its plan's scenarios (which must hash as they did), computes the
    /// units of its share that are not done, and writes the final files when the whole plan is there.
    /// </summary>
    /// <param name="dir">The folder.</param>
    /// <param name="kind">The command's kind: resuming a sweep with <c>compare</c> is refused.</param>
    /// <param name="load">Reads scenarios.</param>
    /// <param name="threads">Units at once.</param>
    /// <param name="runUnit">Runs one unit.</param>
    /// <param name="progress">Overall progress over the units still to do.</param>
    /// <param name="stop">Stops again: the folder stays incomplete, with the new units kept.</param>
    /// <param name="includePlots">False skips the plots.</param>
    public static ExperimentOutcome Resume(string dir, ExperimentKind kind, ScenarioLoader load, int threads, UnitRunner runUnit,
        IProgress<ExperimentProgress>? progress = null, CancellationToken stop = default, bool includePlots = true)
    {
        var header = ReadHeader(dir);
        var state = header.Experiment!;
        string command = state.Kind.ToString().ToLowerInvariant();
        if (state.Kind != kind)
            throw new ExperimentException($"{dir} holds a {command}; resume it with replsim {command} --resume {dir}");
        if (state.Status == ExperimentStatus.Complete)
            throw new ExperimentException($"{dir} is already complete ({state.UnitsDone} of {state.UnitsInShare} units); nothing to resume");
        CheckVersion(dir, header.ToolVersion);
        var setup = ExperimentSetup.Reload(state.Plan, load);
        var plan = setup.Plan;
        var shard = state.ShardValue();
        string unitsDir = Path.Combine(dir, UnitFiles.FolderName);
        Directory.CreateDirectory(unitsDir);
        foreach (var leftover in Directory.EnumerateFiles(unitsDir, "*.tmp")) File.Delete(leftover);
        var done = UnitFiles.Done(unitsDir);
        var pending = plan.Units(shard).Where(u => !done.Contains(u.Index)).ToList();

        var report = ExperimentExecutor.Run(setup, pending, threads, runUnit,
            (unit, result) => UnitFiles.Write(unitsDir, plan, unit, result), progress, stop);
        double wall = header.WallSeconds + report.WallSeconds;
        bool whole = !shard.IsPartial && UnitFiles.Done(unitsDir).Count == plan.UnitCount;
        if (!whole)
        {
            var (partial, _) = Conclude(dir, dir, plan, shard, header.CreatedUtc, wall, includePlots, []);
            return new ExperimentOutcome(dir, partial, null, report);
        }
        // The final files are made aside and moved in, so a failure leaves the folder resumable as it was.
        string stage = FolderPlacement.CreateTemp(dir, "final").Path;
        try
        {
            var (final, results) = Conclude(stage, dir, plan, shard, header.CreatedUtc, wall, includePlots, [], writeManifest: false);
            foreach (var path in Directory.EnumerateFileSystemEntries(stage))
            {
                string target = Path.Combine(dir, Path.GetFileName(path));
                if (Directory.Exists(path))
                {
                    if (Directory.Exists(target)) Directory.Delete(target, recursive: true);
                    Directory.Move(path, target);
                }
                else
                    File.Move(path, target, overwrite: true);
            }
            var moved = results!.Files.Select(f => Path.Combine(dir, Path.GetRelativePath(stage, f))).ToList();
            var finalResults = new ExperimentResults
            {
                Files = moved,
                Run = results.Run,
                Summaries = results.Summaries,
                Comparison = results.Comparison,
                PointFigures = results.PointFigures,
                EventsProcessed = results.EventsProcessed,
                UnitWallSeconds = results.UnitWallSeconds,
            };
            WriteManifest(dir, plan, final, header.CreatedUtc, wall, finalResults);
            Directory.Delete(unitsDir, recursive: true);
            return new ExperimentOutcome(dir, final, finalResults, report);
        }
        finally
        {
            FolderPlacement.TryDelete(stage);
        }
    }

    /// <summary>
    /// Combines folders that each computed a share of one plan into <paramref name="outDir"/>, exactly the folder one
    /// process would have written (same CSV bytes). Refuses folders of different plans, seeds, scenarios or versions,
    /// units found twice and units missing, naming the folders.
    /// </summary>
    public static ExperimentOutcome Merge(IReadOnlyList<string> dirs, string outDir, bool includePlots = true)
    {
        if (dirs.Count == 0) throw new ExperimentException("merge needs at least one folder");
        string target = Path.GetFullPath(outDir);
        if (Directory.Exists(target) || File.Exists(target))
            throw new ExperimentException($"{outDir} already exists: merge writes a new folder");
        var headers = dirs.Select(ReadHeader).ToList();
        var first = headers[0].Experiment!;
        for (int i = 0; i < dirs.Count; i++)
        {
            var state = headers[i].Experiment!;
            if (state.Status == ExperimentStatus.Complete && state.Shard is null)
                throw new ExperimentException($"{dirs[i]} is already a complete folder with its final files; merge takes shard folders");
            if (i == 0) continue;
            string a = dirs[0], b = dirs[i];
            if (state.Kind != first.Kind)
                throw new ExperimentException($"{b} is a {Kind(state)} and {a} a {Kind(first)}: they are not shards of one experiment");
            var va = first.Plan.Variants.Select(v => v.Sha256).ToList();
            var vb = state.Plan.Variants.Select(v => v.Sha256).ToList();
            if (!va.SequenceEqual(vb))
                throw new ExperimentException($"{b} is from a different scenario than {a} ({Scenarios(state)} vs {Scenarios(first)}; scenario SHA-256 differ)");
            if (state.Plan.Seed != first.Plan.Seed)
                throw new ExperimentException($"{b} has seed {state.Plan.Seed} and {a} seed {first.Plan.Seed}: shards must share the seed");
            if (headers[i].ToolVersion != headers[0].ToolVersion)
                throw new ExperimentException($"{b} was written by replsim {headers[i].ToolVersion} and {a} by {headers[0].ToolVersion}: shards must come from one version");
            if (state.PlanSha256 != first.PlanSha256)
                throw new ExperimentException($"{b} has a different plan from {a} (replications, scale, sample interval, overrides or points differ)");
        }
        CheckVersion(dirs[0], headers[0].ToolVersion);

        var plan = first.Plan;
        var owner = new Dictionary<int, string>();
        for (int i = 0; i < dirs.Count; i++)
            foreach (int unit in UnitFiles.Done(Path.Combine(dirs[i], UnitFiles.FolderName)))
            {
                if (unit >= plan.UnitCount)
                    throw new ExperimentException($"{dirs[i]} has unit {unit}, beyond the plan's {plan.UnitCount} units");
                if (owner.TryGetValue(unit, out string? other))
                    throw new ExperimentException($"{plan.Unit(unit)} is in both {other} and {dirs[i]}: shards overlap");
                owner[unit] = dirs[i];
            }
        var missing = Enumerable.Range(0, plan.UnitCount).Where(u => !owner.ContainsKey(u)).ToList();
        if (missing.Count > 0)
        {
            var incomplete = dirs.Where((_, i) => headers[i].Experiment!.Status == ExperimentStatus.Incomplete).ToList();
            var shards = headers.Select(h => h.Experiment!.Shard).Where(s => s is not null).Distinct().ToList();
            string hint = incomplete.Count > 0 ? $"; incomplete (resume first): {string.Join(", ", incomplete)}"
                : $"; shards given: {string.Join(", ", shards)} of {headers[0].Experiment!.ShardValue().Count}";
            throw new ExperimentException($"{missing.Count} of {plan.UnitCount} units are in none of the folders ({ExperimentFinalizer.Sample(missing)}){hint}");
        }

        string parent = Path.GetDirectoryName(target) ?? ".";
        var tempFolder = FolderPlacement.CreateTemp(parent, Path.GetFileName(target));
        string temp = tempFolder.Path;
        try
        {
            string unitsDir = Path.Combine(temp, UnitFiles.FolderName);
            Directory.CreateDirectory(unitsDir);
            foreach (var (unit, dir) in owner)
                foreach (var file in UnitFiles.FilesOf(Path.Combine(dir, UnitFiles.FolderName), unit))
                    File.Copy(file, Path.Combine(unitsDir, Path.GetFileName(file)));
            double wall = headers.Sum(h => h.WallSeconds);
            var created = DateTimeOffset.UtcNow;
            var (state, results) = Conclude(temp, temp, plan, Shard.All, created, wall, includePlots, dirs);
            return new ExperimentOutcome(FolderPlacement.MoveExact(temp, target), state, results, null);
        }
        catch
        {
            FolderPlacement.TryDelete(tempFolder);
            throw;
        }
    }

    /// <summary>Reads a folder's manifest; refuses folders that are not experiment folders, naming them.</summary>
    public static ExperimentManifest.Header ReadHeader(string dir)
    {
        if (!Directory.Exists(dir)) throw new ExperimentException($"{dir}: no such folder");
        string path = Path.Combine(dir, RunFolder.ManifestFileName);
        if (!File.Exists(path)) throw new ExperimentException($"{dir} has no {RunFolder.ManifestFileName}: not a replsim results folder");
        ExperimentManifest.Header header;
        try
        {
            header = ExperimentManifest.ReadHeader(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new ExperimentException($"{path} cannot be read: {e.Message}");
        }
        if (header.Experiment is null)
            throw new ExperimentException($"{dir} has no experiment block in its manifest (written by validate or an older replsim): it cannot be merged or resumed");
        return header;
    }

    private static void CheckVersion(string dir, string? version)
    {
        if (version != RunManifest.CurrentToolVersion)
            throw new ExperimentException(
                $"{dir} was written by replsim {version}, this is {RunManifest.CurrentToolVersion}: use the same version, results could differ");
    }

    private static string Kind(ExperimentState s) => s.Kind.ToString().ToLowerInvariant();

    private static string Scenarios(ExperimentState s) => string.Join(", ", s.Plan.Variants.Select(v => v.Name));

    /// <summary>
    /// Writes the manifest of a folder whose units are in <paramref name="unitsHome"/>/units, and — when the whole plan
    /// is done — the final files into <paramref name="stage"/>, dropping <c>units/</c> (unless the manifest is left to the caller).
    /// </summary>
    private static (ExperimentState State, ExperimentResults? Results) Conclude(string stage, string unitsHome, ExperimentPlan plan,
        Shard shard, DateTimeOffset created, double wallSeconds, bool includePlots, IReadOnlyList<string> mergedFrom,
        bool writeManifest = true)
    {
        string unitsDir = Path.Combine(unitsHome, UnitFiles.FolderName);
        var done = UnitFiles.Done(unitsDir);
        int doneInShare = done.Count(shard.Owns);
        int inShare = plan.UnitCountOf(shard);
        bool complete = doneInShare == inShare;
        var state = new ExperimentState
        {
            Kind = plan.Kind,
            PlanSha256 = plan.Sha256,
            Plan = plan,
            Shard = shard.IsPartial ? shard.ToString() : null,
            Status = complete ? ExperimentStatus.Complete : ExperimentStatus.Incomplete,
            UnitsTotal = plan.UnitCount,
            UnitsInShare = inShare,
            UnitsDone = doneInShare,
            MergedFrom = mergedFrom,
        };
        if (!complete || shard.IsPartial)
        {
            long events = done.Where(shard.Owns).Sum(u => UnitFiles.ReadMeta(unitsDir, u).EventsProcessed);
            string command = plan.Kind.ToString().ToLowerInvariant();
            var manifest = new ExperimentManifest
            {
                ToolVersion = RunManifest.CurrentToolVersion,
                CreatedUtc = created,
                WallSeconds = wallSeconds,
                EventsProcessed = events,
                PeakMemoryBytes = PeakMemory(),
                Note = !complete
                    ? $"incomplete: {doneInShare} of {inShare} units done; finish with: replsim {command} --resume <this folder>"
                    : $"shard {shard} of a {command}: combine the shard folders with: replsim merge <folders…> --out <new folder>",
                Experiment = state,
            };
            ManifestJson.WriteAtomically(Path.Combine(unitsHome, RunFolder.ManifestFileName), manifest.ToJson());
            return (state, null);
        }
        var results = ExperimentFinalizer.Write(stage, unitsDir, plan, includePlots);
        if (writeManifest)
        {
            Directory.Delete(unitsDir, recursive: true);
            WriteManifest(stage, plan, state, created, wallSeconds, results);
        }
        return (state, results);
    }

    private static void WriteManifest(string dir, ExperimentPlan plan, ExperimentState state, DateTimeOffset created,
        double wallSeconds, ExperimentResults results)
    {
        var files = results.Files.Select(f => FolderPlacement.Describe(dir, f)).ToList();
        string json;
        if (plan.Kind == ExperimentKind.Run && results.Run is { } run)
        {
            var v = plan.Variants[0];
            var description = new RunDescription(v.Path, v.Sha256, plan.Seed, plan.Overrides, plan.Scale, plan.SampleInterval);
            json = (RunManifest.Create(run, description, created, files) with
            {
                Replications = plan.Replications,
                WallSeconds = wallSeconds,
                PeakMemoryBytes = PeakMemory(),
                Experiment = state,
            }).ToJson();
        }
        else
        {
            json = new ExperimentManifest
            {
                ToolVersion = RunManifest.CurrentToolVersion,
                CreatedUtc = created,
                WallSeconds = wallSeconds,
                EventsProcessed = results.EventsProcessed,
                PeakMemoryBytes = PeakMemory(),
                Experiment = state,
                Files = files,
            }.ToJson();
        }
        ManifestJson.WriteAtomically(Path.Combine(dir, RunFolder.ManifestFileName), json);
    }

    private static long PeakMemory()
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return process.PeakWorkingSet64;
    }
}
