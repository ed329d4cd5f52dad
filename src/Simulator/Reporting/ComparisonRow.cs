namespace Simulator.Reporting;

/// <summary>One headline figure of one variant of a comparison, and its paired difference from the baseline.</summary>
/// <param name="Variant">Variant label (the scenario's name).</param>
/// <param name="ScenarioPath">The variant's file.</param>
/// <param name="Figure">Which figure.</param>
/// <param name="Values">The figure across replications (mean, 95 % CI…).</param>
/// <param name="Difference">Variant minus baseline, replication by replication (same seeds), across replications; null for the baseline.</param>
/// <param name="UnpairedHalfWidth">
/// Half-width of the 95 % Welch interval of the same difference had the runs been independent: what common random
/// numbers save. NaN for the baseline.
/// </param>
/// <param name="Correlation">
/// Pearson correlation between the variant's and the baseline's values over the replications they share: what pairing
/// rests on (near 0, pairing buys nothing). NaN for the baseline, or when either has no spread.
/// </param>
public sealed record ComparisonRow(string Variant, string ScenarioPath, FigureDefinition Figure, SummaryStatistics Values,
    SummaryStatistics? Difference, double UnpairedHalfWidth, double Correlation = double.NaN)
{
    /// <summary>
    /// What pairing achieved: the paired interval's half-width over the unpaired one (below 1, pairing narrowed the
    /// interval; near 1 or above, it did not). NaN for the baseline or when the unpaired half-width is 0 or unknown.
    /// </summary>
    public double PairedToUnpaired =>
        Difference is { } d && UnpairedHalfWidth > 0 && !double.IsNaN(d.Ci95High) ? (d.Ci95High - d.Mean) / UnpairedHalfWidth : double.NaN;
}
