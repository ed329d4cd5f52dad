using System.Globalization;
using Simulator.Experiments;
using Simulator.Reporting;

namespace Simulator.Cli;

/// <summary>
/// What <c>validate</c> does, in order: load (refusing an invalid scenario before anything runs),
/// run with progress, validate when asked, write the run folder, print the tables. All simulation is the library's.
/// </summary>
internal static class ScenarioCommand
{
    public static int Execute(CliContext context, IScenarioRunner runner, RunRequest request, bool validate)
    {
        // ScenarioException propagates to CliApp, which prints every error and exits 2 before anything is written.
        var scenario = runner.Load(request.ScenarioPath, request.Overrides);
        ulong seed = request.Seed ?? unchecked((ulong)scenario.Model.Seed);
        var options = new RunOptions(seed, request.Scale, request.SampleInterval);

        context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"running {scenario.Model.Name} from {request.ScenarioPath} (seed {seed}, scale {request.Scale:G})"));
        var result = ExperimentProgressDisplay.RunOne(context, progress => runner.Run(scenario, options, progress));
        var validation = validate ? runner.Validate(scenario, result) : null;

        string folder = WriteFolder(request.OutputRoot, result, RunDescription.From(scenario, options));

        var summaries = RunSummary.Compute(result.Series);
        context.Console.Write(ReportTables.Headlines(HeadlineFigures.Compute(result, summaries)));
        if (validation is not null) context.Console.Write(ReportTables.Validation(validation));
        context.Output.WriteLine($"results: {folder}");

        if (validation is null) return ExitCodes.Ok;
        int failed = validation.Count(row => !row.Ok);
        context.Output.WriteLine(failed == 0
            ? $"validation: all {validation.Count} figures within tolerance"
            : $"validation: {failed} of {validation.Count} figures outside tolerance (seed {seed})");
        return failed == 0 ? ExitCodes.Ok : ExitCodes.ValidationFailed;
    }

    private static string WriteFolder(string outputRoot, RunResult result, RunDescription run)
    {
        try
        {
            return RunFolder.Write(outputRoot, result, run);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new BadInputException($"cannot write results under {outputRoot}: {e.Message}");
        }
    }
}
