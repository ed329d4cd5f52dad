using System.Runtime.CompilerServices;

namespace Simulator.Engine;

/// <summary>
/// One deterministic stream of pseudo-random numbers: xoshiro256** (Blackman and Vigna, 2018) seeded by
/// SplitMix64. Derives from <see cref="System.Random"/> so that MathNet.Numerics distributions can draw
/// from it (<c>Exponential.Sample(stream, rate)</c>, <c>LogNormal</c>, <c>Weibull</c>, <c>Poisson</c>…);
/// every virtual member is overridden, so the base class's own generator is never used.
/// Get streams from <see cref="RandomStreams.Get"/>. Not thread-safe (one replication, one thread).
/// </summary>
public sealed class RandomStream : System.Random
{
    private const double DoubleUnit = 1.0 / (1UL << 53);
    private ulong _s0, _s1, _s2, _s3;

    /// <summary>A stream from a 64-bit seed; prefer <see cref="RandomStreams.Get"/>, which derives the seed from the stream's keys.</summary>
    public RandomStream(ulong seed)
        : base(0) // the seeded base constructor: the parameterless one would touch Random.Shared
    {
        Reseed(seed);
    }

    /// <summary>
    /// Restarts the stream from <paramref name="seed"/>: the draws that follow are those of a new stream with that
    /// seed. Lets <see cref="KeyedStream"/> reuse one instance for every keyed draw (no allocation per draw).
    /// </summary>
    public void Reseed(ulong seed)
    {
        ulong x = seed;
        _s0 = SplitMix64(ref x);
        _s1 = SplitMix64(ref x);
        _s2 = SplitMix64(ref x);
        _s3 = SplitMix64(ref x);
    }

    /// <summary>The next 64 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextUInt64()
    {
        ulong s0 = _s0, s1 = _s1, s2 = _s2, s3 = _s3;
        ulong result = ulong.RotateLeft(s1 * 5, 7) * 9;
        ulong t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = ulong.RotateLeft(s3, 45);
        _s0 = s0; _s1 = s1; _s2 = s2; _s3 = s3;
        return result;
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override double NextDouble() => (NextUInt64() >> 11) * DoubleUnit;

    /// <inheritdoc/>
    protected override double Sample() => NextDouble();

    /// <inheritdoc/>
    public override float NextSingle() => (NextUInt64() >> 40) * (1.0f / (1U << 24));

    /// <summary>Uniform in [0, int.MaxValue).</summary>
    public override int Next() => (int)NextBelow(int.MaxValue);

    /// <summary>Uniform in [0, <paramref name="maxValue"/>), unbiased.</summary>
    public override int Next(int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxValue);
        return (int)NextBelow((ulong)maxValue);
    }

    /// <summary>Uniform in [<paramref name="minValue"/>, <paramref name="maxValue"/>), unbiased.</summary>
    public override int Next(int minValue, int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minValue, maxValue);
        return (int)((long)minValue + (long)NextBelow((ulong)((long)maxValue - minValue)));
    }

    /// <summary>Uniform in [0, long.MaxValue).</summary>
    public override long NextInt64() => (long)NextBelow(long.MaxValue);

    /// <summary>Uniform in [0, <paramref name="maxValue"/>), unbiased.</summary>
    public override long NextInt64(long maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxValue);
        return (long)NextBelow((ulong)maxValue);
    }

    /// <summary>Uniform in [<paramref name="minValue"/>, <paramref name="maxValue"/>), unbiased.</summary>
    public override long NextInt64(long minValue, long maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minValue, maxValue);
        return unchecked(minValue + (long)NextBelow((ulong)maxValue - (ulong)minValue));
    }

    /// <inheritdoc/>
    public override void NextBytes(byte[] buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        NextBytes(buffer.AsSpan());
    }

    /// <inheritdoc/>
    public override void NextBytes(Span<byte> buffer)
    {
        while (buffer.Length >= 8)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(buffer, NextUInt64());
            buffer = buffer[8..];
        }
        if (buffer.Length > 0)
        {
            ulong last = NextUInt64();
            for (int i = 0; i < buffer.Length; i++, last >>= 8) buffer[i] = (byte)last;
        }
    }

    /// <summary>An exponential variate with the given rate (mean 1/rate), by the ziggurat method (see <see cref="ExponentialZiggurat"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextExponential(double rate)
    {
        if (!(rate > 0)) ThrowRate(rate);
        return ExponentialZiggurat.Next(this) / rate;
    }

    /// <summary>Uniform in [<paramref name="lo"/>, <paramref name="hi"/>).</summary>
    public double NextUniform(double lo, double hi)
    {
        if (!(lo <= hi)) throw new ArgumentOutOfRangeException(nameof(hi), hi, $"upper bound must be at least the lower bound {lo}");
        return lo + (hi - lo) * NextDouble();
    }

    /// <summary>True with probability <paramref name="p"/> (0 never, 1 always).</summary>
    public bool NextBernoulli(double p)
    {
        if (!(p >= 0 && p <= 1)) throw new ArgumentOutOfRangeException(nameof(p), p, "a probability must be in [0, 1]");
        return NextDouble() < p;
    }

    /// <summary>
    /// Moves a uniformly random <paramref name="count"/>-subset of <paramref name="items"/>, in uniformly random
    /// order, to its first <paramref name="count"/> places (a partial Fisher–Yates shuffle: <paramref name="count"/>
    /// draws). <c>ShuffleFirst(items, items.Length)</c> shuffles the whole span.
    /// </summary>
    public void ShuffleFirst<T>(Span<T> items, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, items.Length);
        for (int i = 0; i < count; i++)
        {
            int j = i + (int)NextBelow((ulong)(items.Length - i));
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>Uniform in [0, <paramref name="bound"/>) by Lemire's multiply-and-reject (bound 0 gives 0).</summary>
    private ulong NextBelow(ulong bound)
    {
        if (bound == 0) return 0;
        ulong high = Math.BigMul(NextUInt64(), bound, out ulong low);
        if (low < bound)
        {
            ulong threshold = (0 - bound) % bound;
            while (low < threshold) high = Math.BigMul(NextUInt64(), bound, out low);
        }
        return high;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowRate(double rate) =>
        throw new ArgumentOutOfRangeException(nameof(rate), rate, "the rate of an exponential must be positive");

    private static ulong SplitMix64(ref ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        return Mix(x);
    }

    /// <summary>The SplitMix64 finaliser: a bijective 64-bit mix.</summary>
    internal static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
