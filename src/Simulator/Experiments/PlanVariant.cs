namespace Simulator.Experiments;

/// <summary>One scenario file of a plan.</summary>
/// <param name="Path">The file as the user named it.</param>
/// <param name="FullPath">The file's absolute path when the plan was made (for resuming from another folder).</param>
/// <param name="Name">The scenario's name (<c>name:</c>).</param>
/// <param name="Label">The name, made unique among the plan's variants (<c>-2</c>, <c>-3</c>… when two share it).</param>
/// <param name="Sha256">
/// Hex SHA-256 of the resolved scenario (<see cref="Scenarios.ResolvedScenario"/>: the file with its <c>extends</c>, its
/// <c>set:</c> and the plan's <c>--set</c> applied and the plan's seed set), the bytes of the folder's <c>scenario.yaml</c>.
/// </param>
public sealed record PlanVariant(string Path, string FullPath, string Name, string Label, string Sha256);
