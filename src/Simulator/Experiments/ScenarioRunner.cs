namespace Simulator.Experiments;

/// <summary>Loads, runs and validates scenarios: the library's front door for the command line.</summary>
public static class ScenarioRunner
{
    /// <summary>Reads a scenario file, applies overrides; throws <see cref="Scenarios.ScenarioException"/> listing every problem.</summary>
    public static LoadedScenario Load(string path, IReadOnlyList<string>? overrides = null) =>
        throw new NotImplementedException();

    /// <summary>Runs one replication of the scenario.</summary>
    public static RunResult Run(LoadedScenario scenario, RunOptions options, IProgress<RunProgress>? progress = null,
        CancellationToken cancellation = default) => throw new NotImplementedException();

    /// <summary>Compares a run with the scenario's `validation:` figures.</summary>
    public static IReadOnlyList<ValidationRow> Validate(LoadedScenario scenario, RunResult result) =>
        throw new NotImplementedException();
}
