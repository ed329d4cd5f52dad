using Simulator.Metrics;

namespace Simulator.Reporting;

/// <summary>
/// What a finished unit says about itself, in <c>units/uNNNNNN.json</c>: which unit it is, and the facts about its
/// scenario that the final files and plots need (name, affected zone, horizon, markers). Written last, so a unit
/// counts as done exactly when this file exists.
/// </summary>
public sealed record UnitMeta
{
    public required int Unit { get; init; }
    public required int Variant { get; init; }
    public required int Point { get; init; }
    public required int Replication { get; init; }
    public required string ScenarioName { get; init; }
    public required string AffectedZoneScope { get; init; }
    public DateTimeOffset? Start { get; init; }
    public required double HorizonH { get; init; }
    public required long VolumesTotal { get; init; }
    public required long EventsProcessed { get; init; }
    /// <summary>Wall time of the unit: the one figure that differs between two computations of it.</summary>
    public required double WallSeconds { get; init; }
    public required IReadOnlyList<TimelineMarker> Markers { get; init; }
}
