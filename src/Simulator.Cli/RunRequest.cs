using Simulator.Engine;

namespace Simulator.Cli;

/// <summary>The options shared by <c>run</c> and <c>validate</c>, parsed and checked.</summary>
/// <param name="ScenarioPath">The scenario file as given.</param>
/// <param name="Seed">Run seed; null = the scenario's own.</param>
/// <param name="Overrides"><c>--set path=value</c> texts, in order.</param>
/// <param name="Scale">Positive scale factor.</param>
/// <param name="OutputRoot">Root folder of run folders.</param>
/// <param name="SampleInterval">Sampling interval, or null for the scenario's own.</param>
internal sealed record RunRequest(string ScenarioPath, ulong? Seed, IReadOnlyList<string> Overrides, double Scale,
    string OutputRoot, Duration? SampleInterval);
