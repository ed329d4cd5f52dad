namespace Simulator.ControlPlane;

/// <summary>Who asked for a re-mirroring negotiation and hears how it ended.</summary>
public interface INegotiationClient
{
    /// <summary>The negotiation was granted (true) or failed: timed out in the queue (false).</summary>
    void OnNegotiated(long token, bool granted);
}
