using Simulator.Scenarios;
using System.ComponentModel;
using Simulator.Engine;
using Simulator.Experiments;

namespace Simulator.Scenarios.Model;

/// <summary>A published figure and how to read it off the time series.</summary>
public sealed record ValidationFigureSpec
{
    public required string Figure { get; init; }
    [Description("Where the number is published.")]
    public required string Source { get; init; }
    public required string Metric { get; init; }
    [Description("Scope of the metric, e.g. zone:us-east-1a.")]
    public required string Scope { get; init; }
    public ValidationStat Stat { get; init; } = ValidationStat.At;
    [Description("Time for stat: at.")]
    public Duration? At { get; init; }
    [Description("Window start for max_between, min_between and onset.")]
    public Duration? From { get; init; }
    [Description("Window end for max_between, min_between and onset.")]
    public Duration? To { get; init; }
    [Description("For stat onset: the level the metric must reach; the figure is then the time it first does, in hours.")]
    public double? Threshold { get; init; }
    public required double Expected { get; init; }
    [NonNegative]
    public double Tolerance { get; init; }
    public ValidationComparison Comparison { get; init; } = ValidationComparison.Within;
}
