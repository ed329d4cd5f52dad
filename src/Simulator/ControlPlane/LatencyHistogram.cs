namespace Simulator.ControlPlane;

/// <summary>Latencies in log-spaced buckets (5 % wide, from 0.1 ms to over a day): quantiles within 5 %, no allocation per sample.</summary>
public sealed class LatencyHistogram
{
    private const double MinMs = 0.1;
    private static readonly double LogStep = Math.Log(1.05);
    private readonly long[] _counts = new long[512];
    private long _total;

    public long Count => _total;

    public void Add(double latencyMs)
    {
        int b = latencyMs <= MinMs ? 0 : Math.Min(_counts.Length - 1, 1 + (int)(Math.Log(latencyMs / MinMs) / LogStep));
        _counts[b]++;
        _total++;
    }

    /// <summary>The q-quantile (upper edge of its bucket), NaN when empty.</summary>
    public double Quantile(double q)
    {
        if (_total == 0) return double.NaN;
        long rank = (long)Math.Ceiling(q * _total);
        long seen = 0;
        for (int b = 0; b < _counts.Length; b++)
        {
            seen += _counts[b];
            if (seen >= rank) return b == 0 ? MinMs : MinMs * Math.Exp(b * LogStep);
        }
        return double.NaN;
    }

    public void Clear()
    {
        Array.Clear(_counts);
        _total = 0;
    }
}
