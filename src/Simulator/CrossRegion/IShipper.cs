namespace Simulator.CrossRegion;

/// <summary>
/// How a replication class's writes reach the remote region: continuously (<see cref="ContinuousStream"/>) or by
/// periodic snapshots (<see cref="SnapshotShipper"/>). The class tells it the write rate of its volumes serving at
/// home; it answers how far the remote copy is behind.
/// </summary>
public interface IShipper
{
    /// <summary>The bytes per second the class's volumes serving at home write from now on.</summary>
    void SetWriteRate(double bytesPerSecond);

    /// <summary>
    /// Seconds of writes the remote copy does not have now: a volume that stops now loses the writes of its last
    /// <c>RpoSeconds</c> (its recovery point objective, met or not).
    /// </summary>
    double RpoSeconds();

    /// <summary>Bytes written at home and not yet received by the remote region, now.</summary>
    double BacklogBytes();

    /// <summary>
    /// Drops <paramref name="bytes"/> of the backlog: writes of volumes that failed over without them (lost), which the
    /// remote copy must no longer receive.
    /// </summary>
    void Discard(double bytes);
}
