using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;

namespace Simulator.Reporting;

/// <summary>A figure (a peak, a final value) across replications: mean, spread and a 95 % confidence interval of the mean.</summary>
/// <param name="Count">Replications with a value (NaN values are left out).</param>
/// <param name="Mean">Arithmetic mean.</param>
/// <param name="StandardDeviation">Sample standard deviation (n − 1); NaN with fewer than 2 values.</param>
/// <param name="Ci95Low">
/// Lower end of the 95 % Student-t confidence interval of the mean; NaN with fewer than 2 values. For a quantity that cannot
/// be negative, never below the bound: see <paramref name="Ci95Truncated"/>.
/// </param>
/// <param name="Ci95High">Upper end of that interval.</param>
/// <param name="Min">Smallest value.</param>
/// <param name="Max">Largest value.</param>
/// <param name="P5">5th percentile (R-7 / numpy's default definition).</param>
/// <param name="P50">Median.</param>
/// <param name="P95">95th percentile.</param>
/// <param name="Ci95Truncated">
/// Whether the Student-t interval reached below the quantity's lower bound (0 for a count, a percentage, a duration) and its
/// lower end was set to the bound: the interval is then only an indication (few replications, or a skewed quantity).
/// </param>
public sealed record SummaryStatistics(int Count, double Mean, double StandardDeviation, double Ci95Low, double Ci95High,
    double Min, double Max, double P5, double P50, double P95, bool Ci95Truncated = false)
{
    /// <summary>Replications below which a summary warns that its 95 % intervals are wide (the t quantile is 2.78 at 5, 4.30 at 3).</summary>
    public const int FewReplications = 5;

    /// <summary>Statistics of a quantity that cannot be negative (every metric and figure): the interval is cut at 0.</summary>
    public static SummaryStatistics Of(IEnumerable<double> values) => Of(values, lowerBound: 0);

    /// <summary>Statistics of a quantity that can take any sign (a difference between variants): the interval is not cut.</summary>
    public static SummaryStatistics OfSigned(IEnumerable<double> values) => Of(values, lowerBound: double.NegativeInfinity);

    /// <summary>Statistics of the given values; all NaN when none is a number.</summary>
    /// <param name="values">The values (NaN ones are left out).</param>
    /// <param name="lowerBound">The least value the quantity can take; the interval's lower end is cut there and flagged.</param>
    public static SummaryStatistics Of(IEnumerable<double> values, double lowerBound)
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
        bool truncated = low < lowerBound;
        if (truncated) low = lowerBound;
        return new(n, mean, sd, low, high, xs.Min(), xs.Max(),
            xs.QuantileCustom(0.05, QuantileDefinition.R7),
            xs.QuantileCustom(0.50, QuantileDefinition.R7),
            xs.QuantileCustom(0.95, QuantileDefinition.R7), truncated);
    }
}
