namespace Simulator.Placement;

/// <summary>
/// No two replicas of an item in one zone: losing a zone costs an item at most one replica.
/// How it chooses: see <see cref="DomainSpreadPolicy"/> (level <see cref="DomainLevel.Zone"/>).
/// </summary>
public sealed class ZoneSpreadPolicy(FailureDomains domains, int replicas) : DomainSpreadPolicy(domains, replicas, DomainLevel.Zone)
{
    public const string KindName = "zone_spread";

    public override string Kind => KindName;
}
