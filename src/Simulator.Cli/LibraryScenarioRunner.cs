using Simulator.Experiments;

namespace Simulator.Cli;

/// <summary>The real thing: <see cref="ScenarioRunner"/>.</summary>
internal sealed class LibraryScenarioRunner : IScenarioRunner
{
    public static readonly LibraryScenarioRunner Instance = new();

    public LoadedScenario Load(string path, IReadOnlyList<string> overrides) => ScenarioRunner.Load(path, overrides);

    public RunResult Run(LoadedScenario scenario, RunOptions options, IProgress<RunProgress> progress, CancellationToken cancellation) =>
        ScenarioRunner.Run(scenario, options, progress, cancellation);
}
