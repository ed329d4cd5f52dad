using System.ComponentModel;
using Simulator.Engine;
using Simulator.Scenarios;

namespace Simulator.Faults;

/// <summary>
/// One action of the operators at a time, of the kind named by <c>action:</c>. Each kind is one record in
/// <c>Faults/Kinds/</c> that owns its fields, the names it refers to and what it does.
/// </summary>
[ScenarioUnion("action")]
public abstract record OperatorActionSpec
{
    [Description("Time of the action since time 0.")]
    [NonNegative]
    public required Duration At { get; init; }
    [Description("Text for the plots; a default is made from the action.")]
    public string? Label { get; init; }

    /// <summary>Problems with the names the action refers to, each at a field of the action ("cluster").</summary>
    public virtual IEnumerable<(string Field, string Message)> CheckNames(ScenarioNames names) => [];

    /// <summary>Puts the action on the event loop and marks it on the plots.</summary>
    public void Schedule(TimelineContext timeline, int index)
    {
        Act(timeline, index);
        timeline.Mark(At, Label ?? DefaultLabel);
    }

    /// <summary>Schedules what the action does, from <see cref="At"/>.</summary>
    protected abstract void Act(TimelineContext timeline, int index);

    /// <summary>What the plots call the action when it has no label.</summary>
    public abstract string DefaultLabel { get; }
}
