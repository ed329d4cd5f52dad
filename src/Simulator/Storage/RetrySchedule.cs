using Simulator.Engine;
using Simulator.Scenarios.Model;

namespace Simulator.Storage;

/// <summary>
/// The retry policy of a failed search for space: the interval before attempt k+1, and when the intervals
/// stop changing in distribution (the "steady" regime in which a waiting volume can be accounted as a rate).
/// Jitter variants follow Brooker, "Exponential Backoff And Jitter", AWS Architecture Blog, 2015.
/// </summary>
public sealed class RetrySchedule
{
    private readonly RetryPolicyKind _policy;
    private readonly double _baseS, _capS, _multiplier;
    private readonly int _rampAttempts;

    public RetrySchedule(RetryPolicySpec spec)
    {
        _policy = spec.Policy;
        _baseS = spec.Interval.TotalSeconds;
        _capS = Math.Max(_baseS, spec.MaxInterval.TotalSeconds);
        _multiplier = Math.Max(1.0, spec.Multiplier);
        Budget = spec.Budget;
        _rampAttempts = _policy switch
        {
            RetryPolicyKind.Fixed => 0,
            RetryPolicyKind.DecorrelatedJitter => 1 + (int)Math.Ceiling(Math.Log(_capS / _baseS) / Math.Log(3)),
            // The interval after k failures is base × multiplier^(k−1): it reaches the cap after 1 + ⌈log(cap/base)/log(multiplier)⌉ failures.
            _ => _multiplier <= 1 ? 0 : 1 + (int)Math.Ceiling(Math.Log(_capS / _baseS) / Math.Log(_multiplier)),
        };
        SteadyMeanIntervalSeconds = _policy switch
        {
            RetryPolicyKind.Fixed => _baseS,
            RetryPolicyKind.Exponential => _capS,
            RetryPolicyKind.FullJitter => _capS / 2,
            RetryPolicyKind.EqualJitter => 0.75 * _capS,
            _ => DecorrelatedSteadyMean(_baseS, _capS),
        };
    }

    /// <summary>Failed attempts after which a volume stops retrying until woken; null = never.</summary>
    public int? Budget { get; }

    /// <summary>Mean interval once the policy is steady (attempt rate = 1 / this).</summary>
    public double SteadyMeanIntervalSeconds { get; }

    /// <summary>True when the interval after <paramref name="failedAttempts"/> failures has reached its steady distribution.</summary>
    public bool IsSteady(int failedAttempts) => failedAttempts >= _rampAttempts;

    /// <summary>
    /// Interval before the next attempt after <paramref name="failedAttempts"/> (≥ 1) failures.
    /// <paramref name="previousSeconds"/> is the last interval (decorrelated jitter); <paramref name="u"/> a uniform draw in [0,1).
    /// </summary>
    public double NextIntervalSeconds(int failedAttempts, double previousSeconds, double u)
    {
        double exp = Math.Min(_capS, _baseS * Math.Pow(_multiplier, Math.Max(0, failedAttempts - 1)));
        return _policy switch
        {
            RetryPolicyKind.Fixed => _baseS,
            RetryPolicyKind.Exponential => exp,
            RetryPolicyKind.FullJitter => Math.Max(1e-3, u * exp),
            RetryPolicyKind.EqualJitter => exp / 2 + u * exp / 2,
            _ => Math.Min(_capS, _baseS + u * (Math.Max(_baseS, previousSeconds) * 3 - _baseS)),
        };
    }

    /// <summary>Interval as a duration.</summary>
    public Duration NextInterval(int failedAttempts, double previousSeconds, double u) =>
        Duration.FromSeconds(NextIntervalSeconds(failedAttempts, previousSeconds, u));

    /// <summary>
    /// Long-run mean interval of decorrelated jitter, x' = min(cap, U(base, 3x)): the chain keeps falling below the
    /// cap, so its mean is well under it (≈ 0.56·cap for cap = 60·base). Estimated once by running the chain on a
    /// fixed stream (deterministic), 200,000 steps after a burn-in.
    /// </summary>
    private static double DecorrelatedSteadyMean(double b, double cap)
    {
        var rng = new RandomStream(0x5DEECE66DUL);
        double x = b, sum = 0;
        const int burnIn = 1_000, steps = 200_000;
        for (int i = 0; i < burnIn + steps; i++)
        {
            x = Math.Min(cap, b + rng.NextDouble() * (Math.Max(b, x) * 3 - b));
            if (i >= burnIn) sum += x;
        }
        return sum / steps;
    }
}
