using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;

namespace Simulator.Reporting;

/// <summary>A figure (a peak, a final value) across replications: mean, spread and a 95 % confidence interval of the mean.</summary>
/// <param name="Count">Replications with a value (NaN values are left out).</param>
/// <param name="Mean">Arithmetic mean.</param>
/// <param name="StandardDeviation">Sample standard deviation (n − 1); NaN with fewer than 2 values.</param>
/// <param name="Ci95Low">Lower end of the 95 % Student-t confidence interval of the mean; NaN with fewer than 2 values.</param>
/// <param name="Ci95High">Upper end of that interval.</param>
/// <param name="Min">Smallest value.</param>
/// <param name="Max">Largest value.</param>
/// <param name="P5">5th percentile (R-7 / numpy's default definition).</param>
/// <param name="P50">Median.</param>
/// <param name="P95">95th percentile.</param>
public sealed record SummaryStatistics(int Count, double Mean, double StandardDeviation, double Ci95Low, double Ci95High,
    double Min, double Max, double P5, double P50, double P95)
{
    /// <summary>Statistics of the given values; all NaN when none is a number.</summary>
    public static SummaryStatistics Of(IEnumerable<double> values)
    {
        double[] xs = values.Where(v => !double.IsNaN(v)).ToArray();
        int n = xs.Length;
        if (n == 0) return new(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        double mean = xs.Average();
        double sd = double.NaN, low = double.NaN, high = double.NaN;
        if (n >= 2)
        {
            sd = xs.StandardDeviation();
            double halfWidth = StudentT.InvCDF(0, 1, n - 1, 0.975) * sd / Math.Sqrt(n);
            (low, high) = (mean - halfWidth, mean + halfWidth);
        }
        return new(n, mean, sd, low, high, xs.Min(), xs.Max(),
            xs.QuantileCustom(0.05, QuantileDefinition.R7),
            xs.QuantileCustom(0.50, QuantileDefinition.R7),
            xs.QuantileCustom(0.95, QuantileDefinition.R7));
    }
}
