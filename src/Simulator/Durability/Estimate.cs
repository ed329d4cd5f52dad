using MathNet.Numerics.Distributions;

namespace Simulator.Durability;

/// <summary>A Monte Carlo estimate with its 95 % confidence interval (NaN where a bound is unknown).</summary>
public readonly record struct Estimate(double Value, double Low, double High)
{
    /// <summary>z of a two-sided 95 % normal interval.</summary>
    public static readonly double Z95 = Normal.InvCDF(0, 1, 0.975);

    /// <summary>Half the interval's width over the estimate: 0.1 for ±10 %.</summary>
    public double RelativeHalfWidth => (High - Low) / 2 / Value;

    /// <summary>The mean of n samples given their sum and sum of squares, with a normal 95 % interval.</summary>
    public static Estimate Mean(double sum, double sumOfSquares, long n)
    {
        if (n < 2) return new Estimate(n == 1 ? sum : double.NaN, double.NaN, double.NaN);
        double mean = sum / n;
        double variance = Math.Max(0, (sumOfSquares - n * mean * mean) / (n - 1));
        double half = Z95 * Math.Sqrt(variance / n);
        return new Estimate(mean, mean - half, mean + half);
    }

    /// <summary>A proportion of <paramref name="successes"/> in <paramref name="n"/> trials with its Wilson score 95 % interval.</summary>
    public static Estimate Proportion(long successes, long n)
    {
        if (n <= 0) return new Estimate(double.NaN, double.NaN, double.NaN);
        double p = (double)successes / n, z = Z95, z2 = z * z;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = z / (1 + z2 / n) * Math.Sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        return new Estimate(p, Math.Max(0, centre - half), Math.Min(1, centre + half));
    }
}
