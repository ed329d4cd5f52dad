namespace Simulator.Experiments;

/// <summary>One point of a plan: a value for each varied parameter (none for <c>run</c> and <c>compare</c>).</summary>
/// <param name="Id">0-based point number.</param>
/// <param name="Values">Value texts, in the order of <see cref="ExperimentPlan.Parameters"/>.</param>
public sealed record PlanPoint(int Id, IReadOnlyList<string> Values);
