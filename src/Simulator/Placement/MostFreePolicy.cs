namespace Simulator.Placement;

/// <summary>
/// The storage model's rule today, for any R: replicas on distinct nodes, nothing more (see
/// <see cref="DomainSpreadPolicy"/>, level <see cref="DomainLevel.Node"/>). For R = 2 it makes exactly the storage
/// model's choices: the first replica on the node the placement stream's <c>Next(nodeCount)</c> draws, or on the
/// most-free node if that one cannot take it; the second on the most-free node but the first; a replacement on the
/// most-free node but the survivor (no draw). A scenario therefore gives the same bytes whether the storage model
/// places with this policy or with its own code, provided it passes the same stream and the same free space.
/// </summary>
public sealed class MostFreePolicy(FailureDomains domains, int replicas) : DomainSpreadPolicy(domains, replicas, DomainLevel.Node)
{
    public const string KindName = "most_free";

    public override string Kind => KindName;
}
