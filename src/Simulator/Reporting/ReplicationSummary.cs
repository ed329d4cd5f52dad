namespace Simulator.Reporting;

/// <summary>The figures of one metric in one scope in one replication: what <see cref="RunSummary"/> aggregates across replications.</summary>
/// <param name="Replication">Replication index.</param>
/// <param name="Metric">Metric name.</param>
/// <param name="Scope">Scope.</param>
/// <param name="Peak">Largest sampled value (NaN when every sample is NaN).</param>
/// <param name="PeakTimeH">Hours since time 0 of the first sample at the peak.</param>
/// <param name="Final">Value at the last sample.</param>
/// <param name="MinutesAbove1Pct">For <c>api_error_rate_pct</c>, minutes above 1 %; null for other metrics.</param>
public sealed record ReplicationSummary(int Replication, string Metric, string Scope, double Peak, double PeakTimeH,
    double Final, double? MinutesAbove1Pct);
