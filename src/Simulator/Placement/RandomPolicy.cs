using Simulator.Engine;

namespace Simulator.Placement;

/// <summary>
/// R distinct nodes drawn uniformly among those that can take the item (by rejection: a node that is too full, or
/// already chosen, is drawn again). A replacement is drawn the same way among the nodes that can take it, the kept
/// ones excluded. With space everywhere the replica set is a uniform R-subset of the nodes, so with D of N nodes dark
/// an item loses every replica with probability C(D, R) / C(N, R). When almost every node is full (64 draws miss),
/// the choice falls back to the most-free eligible node (see <see cref="PlacementPolicy.DrawUniform"/>).
/// </summary>
public sealed class RandomPolicy : PlacementPolicy
{
    public const string KindName = "random";

    public RandomPolicy(FailureDomains domains, int replicas)
        : base(domains, replicas) => ThrowIfUnsatisfiable(Check(domains, replicas));

    public override string Kind => KindName;

    public override bool TryPlace(long size, IFreeSpace space, RandomStream stream, Span<int> replicas)
    {
        for (int k = 0; k < Replicas; k++)
        {
            int n = DrawUniform(size, replicas[..k], Domains.NodeCount, space, stream);
            if (n < 0) return false;
            replicas[k] = n;
        }
        return true;
    }

    public override int ChooseReplacement(long size, ReadOnlySpan<int> keep, IFreeSpace space, RandomStream stream) =>
        DrawUniform(size, keep, Domains.NodeCount, space, stream);

    public override string? Unsatisfiable() => Check(Domains, Replicas);

    public static string? Check(FailureDomains domains, int replicas) => CheckReplicas("random", domains, replicas);
}
