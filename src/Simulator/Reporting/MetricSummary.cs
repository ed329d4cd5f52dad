namespace Simulator.Reporting;

/// <summary>The headline figures of one metric in one scope, each across replications.</summary>
/// <param name="Metric">Metric name (<c>volumes_stuck_pct</c>).</param>
/// <param name="Scope">Scope (<c>zone:us-east-1a</c>).</param>
/// <param name="Replications">Replications that sampled this metric in this scope.</param>
/// <param name="Peak">Largest sampled value of each replication.</param>
/// <param name="PeakTimeH">Hours since time 0 of each replication's peak (its first sample at the peak value).</param>
/// <param name="Final">Value at each replication's last sample.</param>
/// <param name="MinutesAbove1Pct">
/// For <c>api_error_rate_pct</c> only, else null: minutes during which the rate was above 1 %, counting each sample
/// above it for the time until the next sample (the last sample for the interval before it).
/// </param>
public sealed record MetricSummary(string Metric, string Scope, int Replications, SummaryStatistics Peak,
    SummaryStatistics PeakTimeH, SummaryStatistics Final, SummaryStatistics? MinutesAbove1Pct);
