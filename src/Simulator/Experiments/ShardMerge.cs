using Simulator.Reporting;

namespace Simulator.Experiments;

/// <summary>
/// Combines folders that each computed a share of one plan (<c>--shard i/n</c>) into the folder one process would have
/// written, with the same CSV bytes. Every folder is checked against the first before anything is written: same kind,
/// scenarios, seed, version and plan, no unit in two folders and none missing; a refusal names the folders.
/// </summary>
public static class ShardMerge
{
    /// <summary>Merges <paramref name="dirs"/> into <paramref name="outDir"/>, which must not exist.</summary>
    /// <param name="dirs">The shard folders, as given.</param>
    /// <param name="outDir">The merged folder to write.</param>
    /// <param name="includePlots">False skips the plots.</param>
    /// <exception cref="ExperimentException">when the folders are not the shards of one plan, or together miss units.</exception>
    public static ExperimentOutcome Merge(IReadOnlyList<string> dirs, string outDir, bool includePlots = true)
    {
        if (dirs.Count == 0) throw new ExperimentException("merge needs at least one folder");
        string target = Path.GetFullPath(outDir);
        if (Directory.Exists(target) || File.Exists(target))
            throw new ExperimentException($"{outDir} already exists: merge writes a new folder");
        var headers = dirs.Select(FolderManifest.Read).ToList();
        CheckSamePlan(dirs, headers);
        ExperimentRunner.CheckVersion(dirs[0], headers[0].ToolVersion);

        var plan = headers[0].Experiment!.Plan;
        var owner = Owners(dirs, plan);
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
            Reporting.ResolvedScenarioFiles.Copy(dirs[0], temp, plan);
            double wall = headers.Sum(h => h.WallSeconds);
            var created = DateTimeOffset.UtcNow;
            var (state, results) = ExperimentRunner.Conclude(temp, temp, plan, Shard.All, created, wall, includePlots, dirs, threads: null);
            return new ExperimentOutcome(FolderPlacement.MoveExact(temp, target), state, results, null);
        }
        catch
        {
            FolderPlacement.TryDelete(tempFolder);
            throw;
        }
    }

    /// <summary>Refuses complete folders, and folders of another kind, scenario, seed, version or plan than the first.</summary>
    private static void CheckSamePlan(IReadOnlyList<string> dirs, IReadOnlyList<ManifestHeader> headers)
    {
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
            // The seed first: it is part of each resolved scenario, whose hashes would differ too.
            if (state.Plan.Seed != first.Plan.Seed)
                throw new ExperimentException($"{b} has seed {state.Plan.Seed} and {a} seed {first.Plan.Seed}: shards must share the seed");
            var va = first.Plan.Variants.Select(v => v.Sha256).ToList();
            var vb = state.Plan.Variants.Select(v => v.Sha256).ToList();
            if (!va.SequenceEqual(vb))
                throw new ExperimentException($"{b} is from a different scenario than {a} ({Scenarios(state)} vs {Scenarios(first)}; scenario SHA-256 differ)");
            if (headers[i].ToolVersion != headers[0].ToolVersion)
                throw new ExperimentException($"{b} was written by replsim {headers[i].ToolVersion} and {a} by {headers[0].ToolVersion}: shards must come from one version");
            if (state.PlanSha256 != first.PlanSha256)
                throw new ExperimentException($"{b} has a different plan from {a} (replications, scale, sample interval, overrides or points differ)");
        }
    }

    /// <summary>The folder each done unit is in; refuses units beyond the plan and units found in two folders.</summary>
    private static Dictionary<int, string> Owners(IReadOnlyList<string> dirs, ExperimentPlan plan)
    {
        var owner = new Dictionary<int, string>();
        foreach (var dir in dirs)
            foreach (int unit in UnitFiles.Done(Path.Combine(dir, UnitFiles.FolderName)))
            {
                if (unit >= plan.UnitCount)
                    throw new ExperimentException($"{dir} has unit {unit}, beyond the plan's {plan.UnitCount} units");
                if (owner.TryGetValue(unit, out string? other))
                    throw new ExperimentException($"{plan.Unit(unit)} is in both {other} and {dir}: shards overlap");
                owner[unit] = dir;
            }
        return owner;
    }

    private static string Kind(ExperimentState s) => ExperimentRunner.CommandName(s.Kind);

    private static string Scenarios(ExperimentState s) => string.Join(", ", s.Plan.Variants.Select(v => v.Name));
}
