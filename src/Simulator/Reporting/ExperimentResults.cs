using Simulator.Experiments;

namespace Simulator.Reporting;

/// <summary>What <see cref="ExperimentFinalizer"/> wrote, and the figures a command prints.</summary>
public sealed record ExperimentResults
{
    /// <summary>Full paths of the files written, in order.</summary>
    public required IReadOnlyList<string> Files { get; init; }
    /// <summary>For <c>run</c>: the run as the plots saw it (the plotted metrics of every replication), with its totals.</summary>
    public RunResult? Run { get; init; }
    /// <summary>For <c>run</c>: <c>summary.csv</c>'s rows.</summary>
    public IReadOnlyList<MetricSummary>? Summaries { get; init; }
    /// <summary>For <c>run</c> of a scenario with <c>validation:</c> figures: <c>validation.csv</c>'s rows, each checked on its mean.</summary>
    public IReadOnlyList<ValidationSummary>? Validation { get; init; }
    /// <summary>For <c>compare</c>: <c>comparison.csv</c>'s rows.</summary>
    public IReadOnlyList<ComparisonRow>? Comparison { get; init; }
    /// <summary>For <c>sweep</c>: <c>point-figures.csv</c>'s rows.</summary>
    public IReadOnlyList<PointFigure>? PointFigures { get; init; }
    /// <summary>The first unit's facts (scenario name, affected zone, horizon, volumes): what the manifest reports of the folder.</summary>
    public required UnitMeta First { get; init; }
    /// <summary>What a reader should know before trusting the figures (written in the manifest, printed by the commands).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
    /// <summary>Events fired by all units.</summary>
    public required long EventsProcessed { get; init; }
}
