namespace Simulator.Engine;

/// <summary>
/// Identifies one scheduled event so that it can be cancelled or queried. Opaque; the default value is
/// <see cref="None"/>. A handle stays valid (and simply reports "not pending") after its event fired or
/// was cancelled, even when the engine has reused its storage for another event.
/// </summary>
public readonly record struct EventHandle
{
    // Id is unique per scheduled event (from 1): the slot holds it while the event is pending.
    internal readonly long Id;
    internal readonly int Slot;

    internal EventHandle(int slot, long id)
    {
        Slot = slot;
        Id = id;
    }

    /// <summary>The handle of no event; cancelling it does nothing.</summary>
    public static EventHandle None => default;

    /// <summary>True for <see cref="None"/>.</summary>
    public bool IsNone => Id == 0;

    /// <inheritdoc/>
    public override string ToString() => IsNone ? "event none" : $"event #{Id}";
}
