namespace Simulator.Engine;

/// <summary>
/// Draws keyed by what they are for: <see cref="At"/>(entity, counter) restarts one reusable stream from a seed
/// that is a fixed hash of the purpose's key, the entity (a volume, a node, a database) and a counter the entity
/// keeps (its n-th search attempt, its n-th crash). The draws of a key are therefore the same whatever other draws
/// the replication made before, in whatever order: two variants whose trajectories differ still give volume v's
/// 37th attempt the same crash draw and the same retry jitter (common random numbers that survive a change of
/// trajectory). A sequential stream shared by many entities gives the k-th caller the k-th draw instead, so one
/// extra draw anywhere shifts every later one.
/// </summary>
/// <remarks>
/// The stream returned by <see cref="At"/> is this instance's single <see cref="RandomStream"/>: use its draws
/// before the next call to <see cref="At"/>. Not thread-safe (one replication, one thread). Cost: five 64-bit
/// SplitMix64 finalisers per key, no allocation.
/// </remarks>
public sealed class KeyedStream
{
    private readonly ulong _purposeKey;
    private readonly RandomStream _stream;

    /// <summary>Keyed draws under <paramref name="purposeKey"/>; prefer <see cref="RandomStreams.Keyed"/>, which derives it from the run seed, the replication and the purpose.</summary>
    public KeyedStream(ulong purposeKey)
    {
        _purposeKey = purposeKey;
        _stream = new RandomStream(purposeKey);
    }

    /// <summary>The seed of key (<paramref name="entity"/>, <paramref name="counter"/>).</summary>
    public ulong SeedOf(long entity, long counter) =>
        RandomStream.Mix(RandomStream.Mix(_purposeKey ^ (ulong)entity) ^ (ulong)counter ^ 0x6A09E667F3BCC909UL);

    /// <summary>The stream of key (<paramref name="entity"/>, <paramref name="counter"/>), from its first draw.</summary>
    public RandomStream At(long entity, long counter)
    {
        _stream.Reseed(SeedOf(entity, counter));
        return _stream;
    }
}
