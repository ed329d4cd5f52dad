using Simulator.Experiments;

namespace Simulator.Cli;

/// <summary><c>replsim merge &lt;dirs…&gt; --out DIR</c>: shard folders into the folder one process would have written.</summary>
internal static class MergeCommand
{
    public static int Execute(CliContext context, IReadOnlyList<string> dirs, string outDir)
    {
        ExperimentOutcome outcome;
        try
        {
            outcome = ShardMerge.Merge(dirs, outDir);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new BadInputException($"cannot merge into {outDir}: {e.Message}");
        }
        context.Output.WriteLine($"merged {dirs.Count} folders, {outcome.State.UnitsTotal} units");
        ExperimentCommand.Print(context, outcome.State.Plan, outcome.Results!);
        context.Output.WriteLine($"results: {outcome.Folder}");
        return ExitCodes.Ok;
    }
}
