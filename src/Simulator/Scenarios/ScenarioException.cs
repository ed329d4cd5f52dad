namespace Simulator.Scenarios;

/// <summary>A scenario that cannot run, with every problem found (not only the first).</summary>
public sealed class ScenarioException(IReadOnlyList<ScenarioError> errors)
    : Exception(string.Join(Environment.NewLine, errors))
{
    public IReadOnlyList<ScenarioError> Errors { get; } = errors;
}
