namespace Simulator.Network;

/// <summary>Who started a flow on a <see cref="FlowNetwork"/> and hears when it has delivered its last byte.</summary>
public interface IFlowClient
{
    /// <summary>
    /// The flow started with <paramref name="token"/> has completed; <see cref="Engine.Simulation.Now"/> is its
    /// completion time. Not called for a cancelled flow. The client may start, cancel and re-rate flows from here:
    /// the network recomputes its rates once, after every flow completing at this instant has been told.
    /// </summary>
    void OnFlowDone(long token);
}
