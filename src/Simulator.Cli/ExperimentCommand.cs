using System.Globalization;
using Simulator.Experiments;
using Simulator.Reporting;

namespace Simulator.Cli;

/// <summary>
/// What <c>run</c>, <c>compare</c> and <c>sweep</c> do: build and check the plan (refusing bad input before anything is
/// written), compute this process's units with one overall progress display, then print the tables and the folder.
/// A stop request (Ctrl-C, SIGTERM) is taken at every stage: reading and checking the scenarios, building and running the
/// units (those in flight are abandoned), writing the final files; the units done are left in a folder marked incomplete,
/// to <c>--resume</c>, and with none done nothing is written. A failure to write (full disk, read-only or removed folder)
/// leaves no half-written folder.
/// <c>validate</c> is a run whose <c>validation.csv</c> is then printed: the scenario's published figures, each checked on
/// its mean across the replications.
/// </summary>
internal static class ExperimentCommand
{
    public static int Execute(CliContext context, IScenarioRunner runner, ExperimentKind kind, ExperimentRequest request,
        bool validate = false)
    {
        if (request.Resume is null && request.ScenarioPaths.Any(Durability.DurabilityExperiment.IsDurabilityFile))
        {
            if (request.Report)
                throw new BadInputException("--report is not taken with durability scenario files; run replsim report <folder> on the folder written");
            return DurabilityCommand.ExecuteScenarios(context, kind, request, validate);
        }
        string command = Name(kind);
        UnitRunner runUnit = runner.Run;
        ScenarioLoader load = (path, overrides) =>
        {
            context.Stop.ThrowIfCancellationRequested();
            return runner.Load(path, overrides);
        };
        ExperimentOutcome outcome;
        if (request.Resume is { } dir)
        {
            if (Directory.Exists(dir)) context.Output.WriteLine($"resuming {dir}");
            outcome = Guard($"{dir} (left as it was, to --resume again)", () => ExperimentProgressDisplay.Run(context, progress =>
                ExperimentRunner.Resume(dir, kind, load, request.Threads, runUnit, progress, context.Stop)));
        }
        else
        {
            var setup = kind switch
            {
                ExperimentKind.Run => ExperimentSetup.ForRun(request.ScenarioPath, request.Settings, load),
                ExperimentKind.Compare => ExperimentSetup.ForCompare(request.ScenarioPaths, request.Settings, load),
                _ => ExperimentSetup.ForSweep(request.ScenarioPath, request.Vary, request.Samples, request.Settings, load),
            };
            string root = request.Folder is { } folder ? Path.GetDirectoryName(Path.GetFullPath(folder)) ?? "." : request.OutputRoot;
            ResourceCheck.Check(setup, request.Shard, request.Threads, root);
            context.Stop.ThrowIfCancellationRequested();
            context.Output.WriteLine(Describe(setup.Plan, request));
            outcome = Guard($"{request.Folder ?? request.OutputRoot} (nothing kept)", () => ExperimentProgressDisplay.Run(context, progress =>
                ExperimentRunner.Start(setup, request.Shard, request.OutputRoot, request.Folder, request.Threads,
                    runUnit, progress, context.Stop)));
        }
        int code = Report(context, command, outcome);
        if (code == ExitCodes.Ok && request.Report && outcome.Results is not null)
            context.Output.WriteLine($"report: {ReportCommand.Write(outcome.Folder)}");
        if (code != ExitCodes.Ok || !validate || outcome.Results is not { } final) return code;
        return Validation(context, outcome.State.Plan, final.Validation ?? []);
    }

    /// <summary>
    /// Prints the published figures against the run's and returns the exit code: each figure is checked on its mean
    /// across replications. One replication prints the single run's table; several, the mean with its 95 % CI, min, max
    /// and how many replications pass alone.
    /// </summary>
    private static int Validation(CliContext context, ExperimentPlan plan, IReadOnlyList<ValidationSummary> figures)
    {
        int n = plan.Replications;
        context.Console.Write(n == 1 ? ReportTables.Validation([.. figures.Select(f => f.Mean)]) : ReportTables.Validation(figures, n));
        int failed = figures.Count(f => !f.Ok);
        context.Output.WriteLine((failed, n) switch
        {
            (0, 1) => $"validation: all {figures.Count} figures within tolerance",
            (_, 1) => $"validation: {failed} of {figures.Count} figures outside tolerance (seed {plan.Seed})",
            (0, _) => $"validation: the means of all {figures.Count} figures within tolerance over {n} replications",
            _ => $"validation: the means of {failed} of {figures.Count} figures outside tolerance (seed {plan.Seed}, {n} replications)",
        });
        return failed == 0 ? ExitCodes.Ok : ExitCodes.ValidationFailed;
    }

    private static int Report(CliContext context, string command, ExperimentOutcome outcome)
    {
        var state = outcome.State;
        if (state.Status == ExperimentStatus.Incomplete)
        {
            context.Output.WriteLine($"stopped: {state.UnitsDone} of {state.UnitsInShare} units done, kept in {outcome.Folder}");
            context.Output.WriteLine($"finish with: replsim {command} --resume {Quote(outcome.Folder)}");
            return ExitCodes.Interrupted;
        }
        if (outcome.Results is not { } results)
        {
            context.Output.WriteLine($"shard {state.Shard}: {state.UnitsDone} of {state.UnitsTotal} units in {outcome.Folder}");
            context.Output.WriteLine("when every shard is done: replsim merge <shard folders…> --out <new folder>");
            return ExitCodes.Ok;
        }
        Print(context, state.Plan, results, outcome.WallSeconds);
        foreach (string warning in results.Warnings) context.Error.WriteLine($"warning: {warning}");
        context.Output.WriteLine($"results: {outcome.Folder}");
        return ExitCodes.Ok;
    }

    /// <summary>The tables of a complete folder (also after a merge).</summary>
    /// <param name="context">Where to print.</param>
    /// <param name="plan">The plan.</param>
    /// <param name="results">The final figures.</param>
    /// <param name="wallSeconds">Wall time of this command, shown for a run; null for the units' total.</param>
    public static void Print(CliContext context, ExperimentPlan plan, ExperimentResults results, double? wallSeconds = null)
    {
        switch (plan.Kind)
        {
            case ExperimentKind.Run when results.Run is { } run:
                context.Console.Write(ReportTables.Headlines(HeadlineFigures.Compute(run, results.Summaries, wallSeconds), plan.Replications, plan.Overrides));
                break;
            case ExperimentKind.Compare when results.Comparison is { } rows:
                foreach (var table in ReportTables.Comparison(rows, plan.Replications)) context.Console.Write(table);
                break;
            case ExperimentKind.Sweep when results.PointFigures is { } rows:
                context.Console.Write(ReportTables.Sweep(plan, rows));
                break;
        }
    }

    private static string Describe(ExperimentPlan plan, ExperimentRequest request)
    {
        string what = plan.Kind switch
        {
            ExperimentKind.Compare => $"comparing {string.Join(", ", plan.Variants.Select(v => v.Label))}",
            ExperimentKind.Sweep => $"sweeping {plan.Variants[0].Name} over {plan.Points.Count} points " +
                                    $"({(plan.Design == SweepDesignKind.Grid ? "grid" : "Latin hypercube")} of {string.Join(", ", plan.Parameters.Select(p => p.Path))})",
            _ => $"running {plan.Variants[0].Name} from {plan.Variants[0].Path}",
        };
        string replications = plan.Replications == 1 ? "" : $", {plan.Replications} replications";
        string units = plan.UnitCount == 1 ? "" : $", {plan.UnitCount} units on {Math.Min(request.Threads, plan.UnitCountOf(request.Shard))} threads";
        string shard = request.Shard.IsPartial ? $", shard {request.Shard} ({plan.UnitCountOf(request.Shard)} units)" : "";
        string set = plan.Overrides.Count > 0 ? ", --set " + string.Join(" ", plan.Overrides) : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"{what} (seed {plan.Seed}, scale {plan.Scale:G}{replications}{units}{shard}{set})");
    }

    /// <summary>Runs <paramref name="write"/>, turning a failure to write (full disk, read-only or removed folder) into <see cref="OutputFailedException"/>.</summary>
    private static T Guard<T>(string where, Func<T> write)
    {
        try
        {
            return write();
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new OutputFailedException($"could not write the results in {where}: {e.Message}", e);
        }
    }

    private static string Name(ExperimentKind kind) => kind.ToString().ToLowerInvariant();

    private static string Quote(string path) => path.Contains(' ', StringComparison.Ordinal) ? $"\"{path}\"" : path;
}
