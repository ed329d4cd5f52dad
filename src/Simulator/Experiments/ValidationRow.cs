namespace Simulator.Experiments;

/// <summary>One published figure set against its simulated value.</summary>
/// <param name="Figure">What is compared ("stuck volumes, % of the zone, at 11:30 AM").</param>
/// <param name="Source">Where the expected value comes from (fact sheet line, AWS summary).</param>
/// <param name="AtHours">Hours since time 0 the figure refers to; null for "at the peak" or "at the end".</param>
/// <param name="Expected">The published value.</param>
/// <param name="Simulated">The value the run produced.</param>
/// <param name="Tolerance">Allowed distance for <see cref="ValidationComparison.Within"/>; ignored otherwise.</param>
/// <param name="Comparison">How <see cref="Ok"/> is decided.</param>
public sealed record ValidationRow(string Figure, string Source, double? AtHours, double Expected, double Simulated,
    double Tolerance, ValidationComparison Comparison = ValidationComparison.Within)
{
    public bool Ok => Comparison switch
    {
        ValidationComparison.AtLeast => Simulated >= Expected,
        ValidationComparison.AtMost => Simulated <= Expected,
        _ => Math.Abs(Simulated - Expected) <= Tolerance,
    };

    /// <summary>What part of the series is read: "10.72 h", "peak", "end", "0–2.1 h".</summary>
    public string When { get; init; } = AtHours is { } h ? FormattableString.Invariant($"{h:0.0#} h") : "peak/end";

    /// <summary>The expectation as text: "13 ± 2", "≥ 5", "≤ 1".</summary>
    public string ExpectedText => Comparison switch
    {
        ValidationComparison.AtLeast => FormattableString.Invariant($">= {Expected:G4}"),
        ValidationComparison.AtMost => FormattableString.Invariant($"<= {Expected:G4}"),
        _ => FormattableString.Invariant($"{Expected:G4} ± {Tolerance:G4}"),
    };
}
