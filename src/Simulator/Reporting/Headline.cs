namespace Simulator.Reporting;

/// <summary>One figure of the short report printed after a run.</summary>
/// <param name="Figure">What it is ("stuck volumes, peak").</param>
/// <param name="Scope">Where (<c>zone:us-east-1a</c>), empty for the whole run.</param>
/// <param name="Value">The value (mean across replications when there are several).</param>
/// <param name="Unit">Unit text: "%", "h", "nodes", "events", "s".</param>
/// <param name="AtHours">
/// Hours since time 0 the value was reached, for peaks: over several replications the median of their peak times (a mean
/// of 8 h and 30 h would name a time no replication peaked at); null for figures that are not peaks.
/// </param>
/// <param name="Ci95HalfWidth">Half-width of the 95 % confidence interval of <paramref name="Value"/> across replications; null for one.</param>
/// <param name="AtRange">The earliest and latest of the replications' peak times, when there are several; null otherwise.</param>
public sealed record Headline(string Figure, string Scope, double Value, string Unit, double? AtHours = null, double? Ci95HalfWidth = null,
    (double Min, double Max)? AtRange = null);
