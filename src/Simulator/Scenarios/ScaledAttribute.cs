namespace Simulator.Scenarios;

/// <summary>
/// The field is multiplied by <c>--scale</c> (<see cref="ScenarioScaler"/>): a count or a throughput that must keep
/// its ratio to the number of nodes and volumes. Counts are rounded to the nearest integer (ties to even) and kept
/// at least <see cref="Minimum"/>; rates and bandwidths are multiplied exactly.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ScaledAttribute : Attribute
{
    /// <summary>Smallest value a scaled count may take (a cluster needs 3 nodes to re-mirror, a pool 1 worker).</summary>
    public int Minimum { get; init; }
}
