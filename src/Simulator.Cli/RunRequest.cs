using Simulator.Engine;

namespace Simulator.Cli;

/// <summary>The options shared by <c>run</c>, <c>validate</c>, <c>compare</c> and <c>sweep</c>, parsed and checked.</summary>
/// <param name="ScenarioPaths">The scenario files as given (none with <c>--resume</c>).</param>
/// <param name="Seed">Run seed; null = the scenario's own.</param>
/// <param name="Overrides"><c>--set path=value</c> texts, in order.</param>
/// <param name="Scale">Positive scale factor.</param>
/// <param name="OutputRoot">Root folder of run folders.</param>
/// <param name="SampleInterval">Sampling interval, or null for the scenario's own.</param>
internal sealed record RunRequest(IReadOnlyList<string> ScenarioPaths, ulong? Seed, IReadOnlyList<string> Overrides, double Scale,
    string OutputRoot, Duration? SampleInterval)
{
    /// <summary>The first scenario file.</summary>
    public string ScenarioPath => ScenarioPaths[0];
}
