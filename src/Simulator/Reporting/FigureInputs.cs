using Simulator.Metrics;

namespace Simulator.Reporting;

/// <summary>
/// What a headline figure is computed from: one replication's summaries (one per metric and scope) and the zone under
/// study, with the few ways figures read them.
/// </summary>
public sealed class FigureInputs
{
    private readonly IReadOnlyCollection<ReplicationSummary> _rows;

    /// <param name="rows">The replication's summaries.</param>
    /// <param name="affectedZoneScope">The zone under study (<c>zone:us-east-1a</c>): the zone of the scenario's first fault.</param>
    public FigureInputs(IEnumerable<ReplicationSummary> rows, string affectedZoneScope)
    {
        _rows = rows as IReadOnlyCollection<ReplicationSummary> ?? [.. rows];
        AffectedZoneScope = affectedZoneScope;
    }

    public string AffectedZoneScope { get; }

    /// <summary>A figure of <paramref name="metric"/> in the affected zone; NaN when it was not sampled there.</summary>
    public double InAffectedZone(MetricDefinition metric, Func<ReplicationSummary, double> figure) =>
        _rows.FirstOrDefault(r => r.Metric == metric.Name && r.Scope == AffectedZoneScope) is { } r ? figure(r) : double.NaN;

    /// <summary>
    /// The largest figure of <paramref name="metric"/> over the zones other than the affected one: every other zone of
    /// the scenario's regions with the metric (API metrics are sampled in every zone); NaN when there is none.
    /// </summary>
    public double MaxOverOtherZones(MetricDefinition metric, Func<ReplicationSummary, double> figure)
    {
        var values = _rows.Where(r => r.Metric == metric.Name && r.Scope != AffectedZoneScope && MetricCatalog.Zone.Holds(r.Scope))
            .Select(figure).ToList();
        return values.Count > 0 ? values.Max() : double.NaN;
    }

    /// <summary>The final values of <paramref name="metric"/> summed over the scopes of <paramref name="kind"/>; NaN when none has one.</summary>
    public double SumOfFinal(MetricDefinition metric, ScopeKind kind) => Finals(metric, kind) is { Count: > 0 } v ? v.Sum() : double.NaN;

    /// <summary>The largest final value of <paramref name="metric"/> over the scopes of <paramref name="kind"/>; NaN when none has one.</summary>
    public double MaxOfFinal(MetricDefinition metric, ScopeKind kind) => Finals(metric, kind) is { Count: > 0 } v ? v.Max() : double.NaN;

    private List<double> Finals(MetricDefinition metric, ScopeKind kind) =>
        [.. _rows.Where(r => r.Metric == metric.Name && kind.Holds(r.Scope) && !double.IsNaN(r.Final)).Select(r => r.Final)];
}
