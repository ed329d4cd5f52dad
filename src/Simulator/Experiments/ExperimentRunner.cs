using Simulator.Reporting;

namespace Simulator.Experiments;

/// <summary>
/// Runs experiments into folders that can be continued and combined. A folder holds a manifest (plan, share, status)
/// and, until it is complete, <c>units/</c>; once every unit of the whole plan is there, the final files are made from
/// the units (<see cref="ExperimentFinalizer"/>) and <c>units/</c> is dropped, since the final CSVs hold all of it.
/// <list type="bullet">
/// <item><see cref="Start"/>: a new folder, written hidden and renamed into place when done or stopped.</item>
/// <item><see cref="Resume"/>: computes the units an interrupted folder is missing, in place.</item>
/// </list>
/// <see cref="ShardMerge"/> combines shard folders. Refusals (a folder that exists, a scenario changed since, another
/// version) are <see cref="ExperimentException"/>s thrown before anything is written.
/// </summary>
public static class ExperimentRunner
{
    /// <summary>Computes a plan's share (all of it by default) into a new folder.</summary>
    /// <param name="setup">The plan and its scenarios.</param>
    /// <param name="shard">The share to compute.</param>
    /// <param name="outputRoot">Root of results: the folder is <c>ROOT/SCENARIO/[compare-|sweep-]TIME-SEED[-shard-I-of-N]</c>.</param>
    /// <param name="folder">Exactly this folder instead (it must not exist); null for the default name.</param>
    /// <param name="threads">Units at once.</param>
    /// <param name="runUnit">Runs one unit.</param>
    /// <param name="progress">Overall progress.</param>
    /// <param name="stop">
    /// Abandons the units in flight and starts no more: the folder is left incomplete, to resume (also when it comes while
    /// the final files are written); when no unit was done, nothing is kept and <see cref="OperationCanceledException"/> is thrown.
    /// </param>
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
            ResolvedScenarioFiles.Write(temp, plan, setup.ResolvedTexts);
            double wall = UnitExecutor.Run(setup, plan.Units(shard), threads, runUnit, WriteUnit(setup, unitsDir), progress, stop);
            // Stopped before any unit was done: nothing to resume, so nothing is kept.
            if (stop.IsCancellationRequested && !Directory.EnumerateFileSystemEntries(unitsDir).Any())
                throw new OperationCanceledException("stopped before any unit was done", stop);
            ExperimentState state;
            ExperimentResults? results;
            try
            {
                (state, results) = Conclude(temp, temp, plan, shard, created, wall, includePlots, [], threads, stop: stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // Stopped while the final files were written: drop them, keep the units to resume.
                foreach (var entry in Directory.EnumerateFileSystemEntries(temp).Where(e => Path.GetFileName(e) != UnitFiles.FolderName))
                    if (Directory.Exists(entry)) Directory.Delete(entry, recursive: true);
                    else File.Delete(entry);
                (state, results) = (Unfinished(temp, plan, shard, created, wall), null);
            }
            string placed = exact is not null ? FolderPlacement.MoveExact(temp, exact) : FolderPlacement.MoveIntoPlace(temp, parent, name);
            return new ExperimentOutcome(placed, state, results, wall);
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
    /// <param name="stop">Stops again: the folder stays incomplete, with the new units kept (also when it comes while the final files are written).</param>
    /// <param name="includePlots">False skips the plots.</param>
    public static ExperimentOutcome Resume(string dir, ExperimentKind kind, ScenarioLoader load, int threads, UnitRunner runUnit,
        IProgress<ExperimentProgress>? progress = null, CancellationToken stop = default, bool includePlots = true)
    {
        var header = FolderManifest.Read(dir);
        var state = header.Experiment!;
        string command = CommandName(state.Kind);
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

        double unitsWall = UnitExecutor.Run(setup, pending, threads, runUnit, WriteUnit(setup, unitsDir), progress, stop);
        double wall = header.WallSeconds + unitsWall;
        bool whole = !shard.IsPartial && UnitFiles.Done(unitsDir).Count == plan.UnitCount;
        if (!whole)
        {
            var (partial, _) = Conclude(dir, dir, plan, shard, header.CreatedUtc, wall, includePlots, [], threads);
            return new ExperimentOutcome(dir, partial, null, unitsWall);
        }
        // The final files are made aside and moved in, so a failure or a stop leaves the folder resumable as it was.
        string stage = FolderPlacement.CreateTemp(dir, "final").Path;
        try
        {
            ExperimentState final;
            ExperimentResults? results;
            try
            {
                (final, results) = Conclude(stage, dir, plan, shard, header.CreatedUtc, wall, includePlots, [], threads, writeManifest: false, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return new ExperimentOutcome(dir, Unfinished(dir, plan, shard, header.CreatedUtc, wall), null, unitsWall);
            }
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
            var moved = results! with { Files = [.. results.Files.Select(f => Path.Combine(dir, Path.GetRelativePath(stage, f)))] };
            if (ResolvedScenarioFiles.Present(dir, plan).Count < plan.Variants.Count) ResolvedScenarioFiles.Write(dir, plan, setup.ResolvedTexts);
            FolderManifest.WriteFinished(dir, final, header.CreatedUtc, wall, moved, threads);
            Directory.Delete(unitsDir, recursive: true);
            return new ExperimentOutcome(dir, final, moved, unitsWall);
        }
        finally
        {
            FolderPlacement.TryDelete(stage);
        }
    }

    /// <summary>
    /// Writes the manifest of a folder whose units are in <paramref name="unitsHome"/>/units, and — when the whole plan
    /// is done — the final files into <paramref name="stage"/>, dropping <c>units/</c> (unless the manifest is left to the caller).
    /// </summary>
    internal static (ExperimentState State, ExperimentResults? Results) Conclude(string stage, string unitsHome, ExperimentPlan plan,
        Shard shard, DateTimeOffset created, double wallSeconds, bool includePlots, IReadOnlyList<string> mergedFrom, int? threads,
        bool writeManifest = true, CancellationToken stop = default)
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
            WriteUnfinished(unitsHome, state, created, wallSeconds);
            return (state, null);
        }
        stop.ThrowIfCancellationRequested();
        var results = ExperimentFinalizer.Write(stage, unitsDir, plan, includePlots, stop);
        if (writeManifest)
        {
            Directory.Delete(unitsDir, recursive: true);
            FolderManifest.WriteFinished(stage, state, created, wallSeconds, results, threads);
        }
        return (state, results);
    }

    /// <summary>
    /// The manifest of a folder stopped while its final files were written: every unit of its share is done, but it stays
    /// incomplete, for <c>--resume</c> to write them.
    /// </summary>
    private static ExperimentState Unfinished(string unitsHome, ExperimentPlan plan, Shard shard, DateTimeOffset created, double wallSeconds)
    {
        int inShare = plan.UnitCountOf(shard);
        var state = new ExperimentState
        {
            Kind = plan.Kind,
            PlanSha256 = plan.Sha256,
            Plan = plan,
            Shard = shard.IsPartial ? shard.ToString() : null,
            Status = ExperimentStatus.Incomplete,
            UnitsTotal = plan.UnitCount,
            UnitsInShare = inShare,
            UnitsDone = UnitFiles.Done(Path.Combine(unitsHome, UnitFiles.FolderName)).Count(shard.Owns),
            MergedFrom = [],
        };
        WriteUnfinished(unitsHome, state, created, wallSeconds);
        return state;
    }

    private static void WriteUnfinished(string unitsHome, ExperimentState state, DateTimeOffset created, double wallSeconds)
    {
        string unitsDir = Path.Combine(unitsHome, UnitFiles.FolderName);
        var shard = state.ShardValue();
        long events = UnitFiles.Done(unitsDir).Where(shard.Owns).Sum(u => UnitFiles.ReadMeta(unitsDir, u).EventsProcessed);
        string command = CommandName(state.Kind);
        string note = state.Status == ExperimentStatus.Incomplete
            ? $"incomplete: {state.UnitsDone} of {state.UnitsInShare} units done; finish with: replsim {command} --resume <this folder>"
            : $"shard {shard} of a {command}: combine the shard folders with: replsim merge <folders…> --out <new folder>";
        FolderManifest.WriteUnfinished(unitsHome, state, created, wallSeconds, events, note);
    }

    /// <summary>
    /// Writes a finished unit into <paramref name="unitsDir"/>; for a run, with the scenario's published figures read off
    /// the unit's replication, from which the final <c>validation.csv</c> is made.
    /// </summary>
    private static Action<UnitKey, RunResult> WriteUnit(ExperimentSetup setup, string unitsDir) => (unit, result) =>
        UnitFiles.Write(unitsDir, setup.Plan, unit, result, setup.Plan.Kind == ExperimentKind.Run
            ? ScenarioRunner.Validate(setup.Scenario(unit.Variant, unit.Point), result, unit.Replication)
            : null);

    /// <summary>Refuses a folder written by another version of replsim: its units could differ from this version's.</summary>
    internal static void CheckVersion(string dir, string? version)
    {
        if (version != RunManifest.CurrentToolVersion)
            throw new ExperimentException(
                $"{dir} was written by replsim {version}, this is {RunManifest.CurrentToolVersion}: use the same version, results could differ");
    }

    /// <summary>"run", "compare", "sweep": the command that makes (and resumes) a kind of folder.</summary>
    internal static string CommandName(ExperimentKind kind) => kind.ToString().ToLowerInvariant();
}
