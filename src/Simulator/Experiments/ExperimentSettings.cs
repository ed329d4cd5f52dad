using Simulator.Engine;

namespace Simulator.Experiments;

/// <summary>The options every experiment shares.</summary>
/// <param name="Seed">Run seed; null = the first scenario's own <c>seed:</c>.</param>
/// <param name="Scale">Multiplies node and volume counts.</param>
/// <param name="SampleInterval">Sampling interval; null = each scenario's own.</param>
/// <param name="Replications">Replications per (variant, point), at least 1.</param>
/// <param name="Overrides"><c>--set path=value</c> texts applied to every variant.</param>
public sealed record ExperimentSettings(ulong? Seed, double Scale, Duration? SampleInterval, int Replications,
    IReadOnlyList<string> Overrides)
{
    /// <summary><c>--format</c>: <see cref="ExperimentPlan.ParquetFormat"/> to write the time series as Parquet as well as CSV; null for CSV alone.</summary>
    public string? SeriesFormat { get; init; }

    /// <summary><c>--volumes</c>: the times (<c>--volumes-at</c>) besides the horizon when <c>volumes.csv</c> lists the volumes that are not healthy; null: no <c>volumes.csv</c>.</summary>
    public IReadOnlyList<Duration>? VolumesAt { get; init; }
}
