namespace Simulator.Placement;

/// <summary>
/// A level of the failure-domain hierarchy, from the smallest to the largest: a node sits in one rack, a rack in
/// one power domain, a power domain in one zone. Spreading replicas at a level keeps them in distinct domains of it
/// (and so, the levels being nested, of every level below it).
/// </summary>
public enum DomainLevel
{
    /// <summary>The node itself: replicas on distinct nodes.</summary>
    Node = 0,
    Rack = 1,
    PowerDomain = 2,
    Zone = 3,
}
