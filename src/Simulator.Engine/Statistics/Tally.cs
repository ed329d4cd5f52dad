namespace Simulator.Engine;

/// <summary>
/// Statistics of observations (waiting times, repair times, volumes lost per run): count, mean, variance,
/// min, max and percentiles. Mean and variance are exact (Welford's update); percentiles come from a
/// logarithmic-bucket sketch (DDSketch, Masson et al., VLDB 2019) with a relative error of at most
/// <see cref="RelativeAccuracy"/>, in memory that grows with the log of the value range, not the count.
/// Tallies merge, so replications can be pooled.
/// </summary>
public sealed class Tally
{
    /// <summary>The default relative accuracy of <see cref="Percentile"/>: 1 %.</summary>
    public const double DefaultRelativeAccuracy = 0.01;

    // Bucket i holds magnitudes in (γ^(i-1), γ^i]; its representative value is 2γ^i/(γ+1), within α of all of them.
    private readonly double _gamma;
    private readonly double _logGamma;
    private readonly SortedDictionary<int, long> _positive = new();
    private readonly SortedDictionary<int, long> _negative = new();
    private long _zeros;
    private double _mean;
    private double _m2;

    /// <summary>An empty tally whose percentiles are within <paramref name="relativeAccuracy"/> (e.g. 0.01 = 1 %) of the exact ones.</summary>
    public Tally(double relativeAccuracy = DefaultRelativeAccuracy)
    {
        if (!(relativeAccuracy > 0 && relativeAccuracy < 1))
            throw new ArgumentOutOfRangeException(nameof(relativeAccuracy), relativeAccuracy, "the relative accuracy must be in (0, 1)");
        RelativeAccuracy = relativeAccuracy;
        _gamma = (1 + relativeAccuracy) / (1 - relativeAccuracy);
        _logGamma = Math.Log(_gamma);
    }

    /// <summary>The bound on the relative error of <see cref="Percentile"/>.</summary>
    public double RelativeAccuracy { get; }

    /// <summary>Observations recorded.</summary>
    public long Count { get; private set; }

    /// <summary>The mean, or NaN with no observations.</summary>
    public double Mean => Count == 0 ? double.NaN : _mean;

    /// <summary>The sample variance (n − 1 denominator), or NaN with fewer than two observations.</summary>
    public double Variance => Count < 2 ? double.NaN : _m2 / (Count - 1);

    /// <summary>The sample standard deviation, or NaN with fewer than two observations.</summary>
    public double StandardDeviation => Math.Sqrt(Variance);

    /// <summary>The smallest observation, or NaN with none.</summary>
    public double Min { get; private set; } = double.NaN;

    /// <summary>The largest observation, or NaN with none.</summary>
    public double Max { get; private set; } = double.NaN;

    /// <summary>The sum of the observations.</summary>
    public double Sum => Count == 0 ? 0 : _mean * Count;

    /// <summary>Records one observation.</summary>
    public void Add(double value)
    {
        if (!double.IsFinite(value)) throw new ArgumentOutOfRangeException(nameof(value), value, "an observation must be a finite number");
        Count++;
        double delta = value - _mean;
        _mean += delta / Count;
        _m2 += delta * (value - _mean);
        if (Count == 1 || value < Min) Min = value;
        if (Count == 1 || value > Max) Max = value;
        if (value > 0) Increment(_positive, Bucket(value), 1);
        else if (value < 0) Increment(_negative, Bucket(-value), 1);
        else _zeros++;
    }

    /// <summary>Records a duration, in seconds.</summary>
    public void Add(Duration value) => Add(value.TotalSeconds);

    /// <summary>Adds every observation of <paramref name="other"/> (which must have the same accuracy) to this tally.</summary>
    public void Merge(Tally other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.RelativeAccuracy != RelativeAccuracy) throw new ArgumentException("tallies with different accuracies cannot merge", nameof(other));
        if (other.Count == 0) return;
        if (Count == 0) { Min = other.Min; Max = other.Max; }
        else { Min = Math.Min(Min, other.Min); Max = Math.Max(Max, other.Max); }
        // Chan et al.'s pairwise update of mean and sum of squares.
        long n = Count + other.Count;
        double delta = other._mean - _mean;
        _m2 += other._m2 + delta * delta * Count * other.Count / n;
        _mean += delta * other.Count / n;
        Count = n;
        _zeros += other._zeros;
        foreach (var (k, c) in other._positive) Increment(_positive, k, c);
        foreach (var (k, c) in other._negative) Increment(_negative, k, c);
    }

    /// <summary>
    /// The <paramref name="p"/>-th percentile (0–100): the observation of rank ⌊p/100 × (n − 1)⌋ in sorted
    /// order, within <see cref="RelativeAccuracy"/> of it (exact for the minimum and maximum). NaN with no observations.
    /// </summary>
    public double Percentile(double p)
    {
        if (!(p >= 0 && p <= 100)) throw new ArgumentOutOfRangeException(nameof(p), p, "a percentile must be in [0, 100]");
        if (Count == 0) return double.NaN;
        long rank = (long)Math.Floor(p / 100 * (Count - 1));
        if (rank == 0) return Min;
        if (rank == Count - 1) return Max;
        long seen = 0;
        // Negative values, most negative first: descending bucket index of the magnitudes.
        foreach (var (k, c) in _negative.Reverse())
        {
            seen += c;
            if (seen > rank) return Clamp(-Representative(k));
        }
        seen += _zeros;
        if (seen > rank) return 0;
        foreach (var (k, c) in _positive)
        {
            seen += c;
            if (seen > rank) return Clamp(Representative(k));
        }
        return Max;
    }

    private double Clamp(double v) => Math.Clamp(v, Min, Max);

    private int Bucket(double magnitude) => (int)Math.Ceiling(Math.Log(magnitude) / _logGamma);

    private double Representative(int bucket) => 2 * Math.Pow(_gamma, bucket) / (_gamma + 1);

    private static void Increment(SortedDictionary<int, long> store, int bucket, long count)
    {
        store.TryGetValue(bucket, out long c);
        store[bucket] = c + count;
    }
}
