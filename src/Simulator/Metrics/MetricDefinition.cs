namespace Simulator.Metrics;

/// <summary>One metric of the time series, as <see cref="MetricCatalog"/> declares it.</summary>
/// <param name="Name">The name in the <c>metric</c> column; it ends with its unit (<c>_pct</c>, <c>_per_s</c>, <c>_ms</c>, <c>_s</c>, <c>_bytes</c>, <c>_total</c>).</param>
/// <param name="Unit">The unit of its values: <c>%</c>, <c>per second</c>, <c>ms</c>, <c>s</c>, <c>bytes</c>, <c>nodes</c>, <c>volumes</c>, <c>crashes</c> or <c>events</c>.</param>
/// <param name="Scopes">The kinds of scope it is sampled for.</param>
/// <param name="Definition">What it measures, in one or two sentences, with when it is sampled if not always.</param>
public sealed record MetricDefinition(string Name, string Unit, IReadOnlyList<ScopeKind> Scopes, string Definition);
