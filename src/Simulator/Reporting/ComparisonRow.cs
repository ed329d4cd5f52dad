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
public sealed record ComparisonRow(string Variant, string ScenarioPath, FigureDefinition Figure, SummaryStatistics Values,
    SummaryStatistics? Difference, double UnpairedHalfWidth);
