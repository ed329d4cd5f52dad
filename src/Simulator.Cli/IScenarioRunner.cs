using Simulator.Experiments;

namespace Simulator.Cli;

/// <summary>The library calls the commands make, behind a seam so tests can drive the commands end to end.</summary>
internal interface IScenarioRunner
{
    LoadedScenario Load(string path, IReadOnlyList<string> overrides);

    RunResult Run(LoadedScenario scenario, RunOptions options, IProgress<RunProgress> progress, CancellationToken cancellation);
}
