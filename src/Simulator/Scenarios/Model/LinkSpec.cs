using System.ComponentModel;
using Simulator.Engine;
using Simulator.Units;

namespace Simulator.Scenarios.Model;

/// <summary>
/// A network link between two places — regions or zones — that carries the copies between them (cross-region
/// replication, snapshots, re-syncs). Full duplex: each direction has the whole bandwidth.
/// </summary>
public sealed record LinkSpec
{
    [Description("Name of the link (scope link:<name> of its metrics; faults name it).")]
    [NotEmpty]
    public required string Name { get; init; }
    [Description("The two places it joins: region or zone names.")]
    [NotEmpty]
    public required IReadOnlyList<string> Between { get; init; }
    [Description("Capacity of each direction (multiplied by --scale, as are the volumes whose writes cross it).")]
    [Positive]
    [Scaled]
    public required Bandwidth Bandwidth { get; init; }
    [Description("One-way latency: a byte sent arrives this much later.")]
    [NonNegative]
    public Duration Latency { get; init; }
}
