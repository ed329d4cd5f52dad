using System.Text;

namespace Simulator.Engine;

/// <summary>
/// The source of every random draw in one replication. Each stream is keyed by (run seed, replication
/// index, purpose, entity id) and seeded from a fixed hash of those four keys alone, so a stream's
/// draws do not depend on which other streams exist or the order they were created in: adding a volume
/// or a fault leaves every other stream unchanged (common random numbers across what-if variants).
/// </summary>
/// <example><code>
/// var streams = new RandomStreams(runSeed: 42, replication: 0);
/// RandomStream failures = streams.Get("node-failure", entityId: nodeId);
/// double ttf = MathNet.Numerics.Distributions.Exponential.Sample(failures, rate);
/// </code></example>
public sealed class RandomStreams
{
    /// <summary>Creates the streams of replication <paramref name="replication"/> of the run seeded with <paramref name="runSeed"/>.</summary>
    public RandomStreams(ulong runSeed, int replication)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(replication);
        RunSeed = runSeed;
        Replication = replication;
    }

    /// <summary>The seed of the whole run (printed in every manifest and failure).</summary>
    public ulong RunSeed { get; }

    /// <summary>The replication index, from 0.</summary>
    public int Replication { get; }

    /// <summary>
    /// A new stream for (<paramref name="purpose"/>, <paramref name="entityId"/>). Calling it twice with the
    /// same keys returns two streams with the same sequence; keep the one you need.
    /// </summary>
    public RandomStream Get(string purpose, long entityId = 0)
    {
        ArgumentNullException.ThrowIfNull(purpose);
        return new RandomStream(SeedFor(RunSeed, Replication, purpose, entityId));
    }

    /// <summary>
    /// The keyed draws of <paramref name="purpose"/>: <see cref="KeyedStream.At"/>(entity, counter) gives draws that
    /// depend on (run seed, replication, purpose, entity, counter) alone, never on which draws were made before.
    /// </summary>
    public KeyedStream Keyed(string purpose)
    {
        ArgumentNullException.ThrowIfNull(purpose);
        return new KeyedStream(SeedFor(RunSeed, Replication, purpose, 0));
    }

    /// <summary>The 64-bit seed of a stream: SplitMix64 finalisers chained over the four keys.</summary>
    internal static ulong SeedFor(ulong runSeed, int replication, string purpose, long entityId)
    {
        ulong h = RandomStream.Mix(runSeed ^ 0x5EED_0F_5EED_0F5EUL);
        h = RandomStream.Mix(h ^ (ulong)(uint)replication);
        h = RandomStream.Mix(h ^ Fnv1a64(purpose));
        h = RandomStream.Mix(h ^ (ulong)entityId);
        return h;
    }

    /// <summary>FNV-1a over the UTF-8 bytes: fixed across processes and platforms, unlike string.GetHashCode.</summary>
    internal static ulong Fnv1a64(string text)
    {
        const ulong offset = 14695981039346656037UL, prime = 1099511628211UL;
        ulong h = offset;
        foreach (byte b in Encoding.UTF8.GetBytes(text))
        {
            h ^= b;
            h *= prime;
        }
        return h;
    }
}
