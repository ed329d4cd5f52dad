namespace Simulator.Metrics;

/// <summary>One tidy observation: the value of one metric, in one scope, at one sampled instant of one replication.</summary>
/// <param name="Replication">0-based replication index.</param>
/// <param name="TimeH">Hours since time 0 of the scenario.</param>
/// <param name="Scope">What the value is about: <c>region:us-east-1</c>, <c>zone:us-east-1a</c>, <c>cluster:…</c>, <c>network:…</c>.</param>
/// <param name="Metric">snake_case metric name with its unit as suffix (<c>volumes_stuck_pct</c>).</param>
/// <param name="Value">The value, in the metric's unit.</param>
public readonly record struct TimeSeriesRow(int Replication, double TimeH, string Scope, string Metric, double Value);
