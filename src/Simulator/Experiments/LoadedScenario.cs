using Simulator.Scenarios.Model;

namespace Simulator.Experiments;

/// <summary>A scenario read and checked, with what identifies it in a manifest.</summary>
/// <param name="Model">The typed scenario after `extends:` and `--set` overrides.</param>
/// <param name="Path">The file as the user named it.</param>
/// <param name="Sha256">Hex SHA-256 of the effective scenario text (file, its bases and the overrides).</param>
/// <param name="Overrides">The `--set path=value` texts applied, in order.</param>
public sealed record LoadedScenario(Scenario Model, string Path, string Sha256, IReadOnlyList<string> Overrides);
