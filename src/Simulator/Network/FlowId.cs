namespace Simulator.Network;

/// <summary>
/// Identifies one flow of a <see cref="FlowNetwork"/>, to cancel or query it. Opaque; the default value is
/// <see cref="None"/>. Stays valid after its flow completed or was cancelled (it then reports "not active"),
/// even when the network has reused the flow's storage for another flow.
/// </summary>
public readonly record struct FlowId
{
    internal readonly int Slot;
    internal readonly int Generation; // from 1: the slot holds it while the flow is active

    internal FlowId(int slot, int generation)
    {
        Slot = slot;
        Generation = generation;
    }

    /// <summary>The identifier of no flow.</summary>
    public static FlowId None => default;

    /// <summary>True for <see cref="None"/>.</summary>
    public bool IsNone => Generation == 0;

    /// <inheritdoc/>
    public override string ToString() => IsNone ? "flow none" : $"flow {Slot}.{Generation}";
}
