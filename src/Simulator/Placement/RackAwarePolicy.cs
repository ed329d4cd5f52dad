namespace Simulator.Placement;

/// <summary>
/// No two replicas of an item in one rack: losing a rack costs an item at most one replica.
/// How it chooses: see <see cref="DomainSpreadPolicy"/> (level <see cref="DomainLevel.Rack"/>).
/// </summary>
public sealed class RackAwarePolicy(FailureDomains domains, int replicas) : DomainSpreadPolicy(domains, replicas, DomainLevel.Rack)
{
    public const string KindName = "rack_aware";

    public override string Kind => KindName;
}
