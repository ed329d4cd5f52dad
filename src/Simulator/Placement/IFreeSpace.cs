namespace Simulator.Placement;

/// <summary>
/// What placement needs to know about space: how much more a node can take, and which node takes the most while
/// staying out of the domains of some nodes. The storage model passes its <see cref="DomainFreeSpace"/>; the tests
/// also pass a linear-scan implementation as an oracle.
/// </summary>
public interface IFreeSpace
{
    /// <summary>Space the node can still take; −1 when it takes nothing (crashed, isolated, retired, unknown).</summary>
    long FreeOf(int node);

    /// <summary>
    /// The node with the most free space, lowest index on ties, among the nodes that are not in
    /// <paramref name="exclude"/> and share no domain of <paramref name="level"/> with any of them; −1 if that node
    /// cannot take <paramref name="need"/> (or there is none). <see cref="DomainLevel.Node"/> excludes the nodes alone.
    /// </summary>
    int FindMostFree(long need, ReadOnlySpan<int> exclude, DomainLevel level);
}
