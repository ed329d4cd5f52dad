namespace Simulator.Engine;

/// <summary>
/// Receives events scheduled with <see cref="Simulation.Schedule(SimTime, IEventHandler, int, long)"/>.
/// One handler object can serve many kinds of events: <c>kind</c> and <c>arg</c>
/// are whatever the scheduler passed, so a model needs no closure (and no allocation) per event.
/// </summary>
public interface IEventHandler
{
    /// <summary>Called when the event fires; <see cref="Simulation.Now"/> is the event's time.</summary>
    void OnEvent(int kind, long arg);
}
