namespace Simulator.CrossRegion;

/// <summary>Where a replicated volume serves from.</summary>
public enum MemberState : byte
{
    /// <summary>At home (when its home copies serve).</summary>
    Home,
    /// <summary>Failover decided, remote copy being promoted: serving nowhere; the home copy is fenced.</summary>
    Promoting,
    /// <summary>From the remote copy (while the remote region is up); the home copy is fenced.</summary>
    FailedOver,
    /// <summary>From the remote copy while the home copy re-syncs the writes it missed; then back home.</summary>
    FailingBack,
}
