namespace Simulator.Experiments;

/// <summary>One varied field of a sweep.</summary>
/// <param name="Path">Dotted field path, as for <c>--set</c> (<c>replication.retry.interval</c>).</param>
/// <param name="Spec">The <c>--vary</c> text after <c>=</c>, as given (<c>1s..60s:4</c>).</param>
/// <param name="Values">The values of a grid, in order; for a Latin hypercube, empty (each point has its own).</param>
public sealed record PlanParameter(string Path, string Spec, IReadOnlyList<string> Values);
