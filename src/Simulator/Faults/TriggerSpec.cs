using System.ComponentModel;
using Simulator.Engine;
using Simulator.Metrics;
using Simulator.Scenarios;

namespace Simulator.Faults;

/// <summary>
/// A condition on the model's state that sets off an operator action: a sampled metric in one scope above (or below) a
/// level, held for a time. It is checked at every sample (<c>sample_interval</c>), on the values written to the time series.
/// </summary>
public sealed record TriggerSpec : IValidatable
{
    [Description("The metric watched, as in the time series (volumes_stuck_pct, api_error_rate_pct, free_capacity_pct, …).")]
    [NotEmpty]
    public required string Metric { get; init; }
    [Description("The scope it is watched in, e.g. zone:us-east-1a or cluster:ebs-1a.")]
    [NotEmpty]
    public required string Scope { get; init; }
    [Description("The condition holds while the metric is above this level, in the metric's unit (a percentage metric: --scale leaves it alone).")]
    public double? Above { get; init; }
    [Description("The condition holds while the metric is below this level, in the metric's unit.")]
    public double? Below { get; init; }
    [Description("How long the condition must hold, sample after sample, before the action is set off; 0 = at the first sample it holds.")]
    [NonNegative]
    public Duration For { get; init; } = Duration.Zero;

    /// <summary>Whether <paramref name="value"/> meets the condition (NaN never does).</summary>
    public bool Holds(double value) => Above is { } above ? value > above : Below is { } below && value < below;

    /// <summary>The condition in words, for the plots' labels: "volumes_stuck_pct > 1 for 30m".</summary>
    public string Describe() =>
        $"{Metric} {(Above is not null ? ">" : "<")} {Above ?? Below}{(For > Duration.Zero ? $" for {For}" : "")}";

    public IEnumerable<(string RelativePath, string Message)> Validate(ValidationContext context)
    {
        if (context.IsBound("above", "below") && (Above is null) == (Below is null))
            yield return ("", Above is null ? "a trigger needs above or below" : "a trigger takes above or below, not both");
        if (!context.IsBound("metric")) yield break;
        if (MetricCatalog.Find(Metric) is not { } metric)
        {
            var names = MetricCatalog.All.Select(m => m.Name).ToList();
            yield return ("metric", $"expected a sampled metric, found \"{Metric}\"{DidYouMean.Hint(Metric, names)}");
            yield break;
        }
        if (context.IsBound("scope") && MetricCatalog.KindOf(Scope) is var kind && (kind is null || !metric.Scopes.Contains(kind)))
            yield return ("scope", $"{Metric} is sampled for {string.Join(" and ", metric.Scopes.Select(s => s.Pattern))}, found \"{Scope}\"");
    }
}
