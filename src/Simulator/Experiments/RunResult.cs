using Simulator.Metrics;
using Simulator.Reporting;
using Simulator.Storage;

namespace Simulator.Experiments;

/// <summary>Everything one run of a scenario produced, ready for the writers in Reporting.</summary>
public sealed class RunResult
{
    public required string ScenarioName { get; init; }
    /// <summary>Scope of the zone the fault hits (<c>zone:us-east-1a</c>); the outage curve is drawn for it.</summary>
    public required string AffectedZoneScope { get; init; }
    /// <summary>Time 0 of the scenario as a real instant, for labels; null when the scenario has none.</summary>
    public DateTimeOffset? Start { get; init; }
    public required double HorizonHours { get; init; }
    public required long VolumesTotal { get; init; }
    public required long EventsProcessed { get; init; }
    public required double WallSeconds { get; init; }
    public required long PeakMemoryBytes { get; init; }
    /// <summary>Tidy samples, ordered by replication, time, scope, metric.</summary>
    public required IReadOnlyList<TimeSeriesRow> Series { get; init; }
    /// <summary>The command line's <c>--set path=value</c> overrides, said in the plots' subtitles.</summary>
    public IReadOnlyList<string> Overrides { get; init; } = [];
    /// <summary>Operator actions and faults, for vertical lines on the plots.</summary>
    public required IReadOnlyList<TimelineMarker> Markers { get; init; }
    /// <summary>The replication's failure events at the horizon, numbered in time order (<c>failures.csv</c>); none for a run put together from several.</summary>
    public IReadOnlyList<FailureRecord> Failures { get; init; } = [];
    /// <summary>The volumes that were not healthy at each snapshot time and at the horizon (<c>volumes.csv</c>); null when not asked for.</summary>
    public IReadOnlyList<VolumeRecord>? Volumes { get; init; }
    /// <summary>
    /// The replication's figures that are not samples, kept in its summary beside the metrics': those of its failure events
    /// per zone and cluster (<see cref="FailureSummary"/>), of its failovers, and how long its outage lasted (<see cref="OutageSummary"/>).
    /// </summary>
    public IReadOnlyList<ReplicationSummary> FailureFigures { get; init; } = [];
}
