using System.ComponentModel;
using Simulator.Engine;
using Simulator.Scenarios;

namespace Simulator.Faults;

/// <summary>
/// A fault that hits the system at a time, of the kind named by <c>kind:</c>. Each kind is one record in
/// <c>Faults/Kinds/</c> that owns its fields, the names it refers to (<see cref="CheckNames"/>), and what it does
/// (<see cref="Schedule"/>); the loader finds it by its <see cref="ScenarioKindAttribute"/>.
/// </summary>
[ScenarioUnion("kind")]
public abstract record FaultSpec
{
    [Description("Time of the fault since time 0.")]
    [NonNegative]
    public required Duration At { get; init; }
    [Description("Text for the plots; a default is made from the fault.")]
    public string? Label { get; init; }

    /// <summary>Problems with the names the fault refers to, each at a field of the fault ("cluster").</summary>
    public virtual IEnumerable<(string Field, string Message)> CheckNames(ScenarioNames names) => [];

    /// <summary>Puts the fault on the event loop; <paramref name="index"/> is its place in the scenario's faults (it keys its random streams).</summary>
    public abstract void Schedule(TimelineContext timeline, int index);
}
