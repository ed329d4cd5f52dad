namespace Simulator.Storage;

/// <summary>
/// A cluster's volumes, as drawn, cannot all be placed when it is built: node capacity follows from the data
/// (R × data ÷ (nodes × (1 − free))), so a cluster of few volumes per node can draw one larger than a node, or a set
/// that does not pack. A property of the scenario with this seed, not a bug: the command line reports it at the
/// cluster's <c>volumes</c> line.
/// </summary>
public sealed class PlacementFailedException(string cluster, string message) : Exception(message)
{
    /// <summary>The cluster's name.</summary>
    public string Cluster { get; } = cluster;
}
