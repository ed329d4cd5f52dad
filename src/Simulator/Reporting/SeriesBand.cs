namespace Simulator.Reporting;

/// <summary>
/// One metric in one scope across replications, at each sampled time: the median and the 5th and 95th percentiles
/// (R-7, as in <see cref="SummaryStatistics"/>), and each replication's own curve.
/// </summary>
/// <param name="TimesH">Sampled times, increasing.</param>
/// <param name="P5">5th percentile at each time.</param>
/// <param name="Median">Median at each time (the only value with one replication).</param>
/// <param name="P95">95th percentile at each time.</param>
/// <param name="Runs">Each replication's values at those times (NaN where it has no sample), in replication order.</param>
public sealed record SeriesBand(double[] TimesH, double[] P5, double[] Median, double[] P95, IReadOnlyList<double[]> Runs)
{
    /// <summary>Replications in the band.</summary>
    public int Replications => Runs.Count;
}
