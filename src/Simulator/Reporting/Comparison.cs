using MathNet.Numerics.Distributions;

namespace Simulator.Reporting;

/// <summary>
/// Paired comparison of variants run on the same seeds. Replication r of every variant draws the same random numbers
/// (streams keyed by seed, replication, purpose, entity), so it meets the same failures except where the variant changes
/// them; the difference from the baseline is taken replication by replication, and its Student-t interval is usually
/// much narrower than the interval of two independent samples.
/// </summary>
public static class Comparison
{
    /// <summary>Rows variant by variant, figure by figure (the order of <see cref="ExperimentFigures.All"/>).</summary>
    /// <param name="variants">Label and path of each variant; the first is the baseline.</param>
    /// <param name="figures">figures[variant][replication] = that replication's figures (see <see cref="ExperimentFigures.Compute"/>).</param>
    public static IReadOnlyList<ComparisonRow> Compute(IReadOnlyList<(string Label, string Path)> variants, IReadOnlyList<IReadOnlyList<double[]>> figures)
    {
        var rows = new List<ComparisonRow>();
        for (int v = 0; v < variants.Count; v++)
            for (int f = 0; f < ExperimentFigures.All.Count; f++)
            {
                double[] values = [.. figures[v].Select(x => x[f])];
                SummaryStatistics? difference = null;
                double unpaired = double.NaN, correlation = double.NaN;
                if (v > 0)
                {
                    double[] baseline = [.. figures[0].Select(x => x[f])];
                    int n = Math.Min(values.Length, baseline.Length);
                    difference = SummaryStatistics.OfSigned(Enumerable.Range(0, n)
                        .Where(r => !double.IsNaN(values[r]) && !double.IsNaN(baseline[r]))
                        .Select(r => values[r] - baseline[r]));
                    unpaired = WelchHalfWidth(values, baseline);
                    correlation = Pearson(values, baseline);
                }
                rows.Add(new ComparisonRow(variants[v].Label, variants[v].Path, ExperimentFigures.All[f],
                    SummaryStatistics.Of(values), difference, unpaired, correlation));
            }
        return rows;
    }

    /// <summary>Pearson correlation of the pairs (a[r], b[r]) where both are numbers; NaN with fewer than 3 or no spread.</summary>
    public static double Pearson(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        var pairs = Enumerable.Range(0, Math.Min(a.Count, b.Count)).Where(r => !double.IsNaN(a[r]) && !double.IsNaN(b[r])).ToList();
        if (pairs.Count < 3) return double.NaN;
        double r = MathNet.Numerics.Statistics.Correlation.Pearson(pairs.Select(i => a[i]), pairs.Select(i => b[i]));
        return double.IsFinite(r) ? r : double.NaN;
    }

    /// <summary>Half-width of the 95 % Welch–Satterthwaite interval of mean(a) − mean(b); NaN with fewer than 2 values each.</summary>
    public static double WelchHalfWidth(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        var sa = SummaryStatistics.Of(a);
        var sb = SummaryStatistics.Of(b);
        if (sa.Count < 2 || sb.Count < 2) return double.NaN;
        double va = sa.StandardDeviation * sa.StandardDeviation / sa.Count;
        double vb = sb.StandardDeviation * sb.StandardDeviation / sb.Count;
        double se2 = va + vb;
        if (se2 == 0) return 0;
        double df = se2 * se2 / (va * va / (sa.Count - 1) + vb * vb / (sb.Count - 1));
        return StudentT.InvCDF(0, 1, df, 0.975) * Math.Sqrt(se2);
    }
}
