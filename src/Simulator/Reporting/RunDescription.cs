namespace Simulator.Reporting;

/// <summary>What identifies a run beyond its result: the inputs a manifest records so the run can be repeated.</summary>
/// <param name="ScenarioPath">The scenario file as the user named it.</param>
/// <param name="ScenarioSha256">Hex SHA-256 of the effective scenario text.</param>
/// <param name="Seed">Run seed.</param>
/// <param name="Overrides">The <c>--set path=value</c> texts applied, in order.</param>
/// <param name="Scale">Scale factor applied to node and volume counts.</param>
/// <param name="SampleInterval">Sampling interval asked for (<c>"1m"</c>); null when the scenario's own was used.</param>
public sealed record RunDescription(
    string ScenarioPath,
    string ScenarioSha256,
    ulong Seed,
    IReadOnlyList<string> Overrides,
    double Scale = 1.0,
    string? SampleInterval = null);
