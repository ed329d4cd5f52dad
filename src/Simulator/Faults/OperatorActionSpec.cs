using System.ComponentModel;
using Simulator.Engine;
using Simulator.Scenarios;

namespace Simulator.Faults;

/// <summary>
/// One action of the operators, of the kind named by <c>action:</c>. Each kind is one record in <c>Faults/Kinds/</c>
/// that owns its fields, the names it refers to and what it does. An action is taken at a time (<see cref="At"/>: a
/// replay's published clock), or in reaction: <see cref="Delay"/> after a condition on the model's state has held for
/// its time (<see cref="When"/>), after another action (<see cref="After"/>), or after a condition watched once another
/// action is taken (both). <see cref="OperatorRules"/> checks that each is one or the other.
/// </summary>
[ScenarioUnion("action")]
public abstract record OperatorActionSpec
{
    [Description("Time of the action since time 0 (the clock); or give when and/or after instead.")]
    [NonNegative]
    public Duration? At { get; init; }
    [Description("Take the action once this condition on the model has held for its time, plus delay.")]
    public TriggerSpec? When { get; init; }
    [Description("Take the action delay after the action of this name is taken; with when, watch the condition from then on.")]
    public string? After { get; init; }
    [Description("The operators' delay between the trigger (when or after) and the action: noticing, deciding, doing.")]
    [NonNegative]
    public Duration Delay { get; init; } = Duration.Zero;
    [Description("Name for after: to refer to; unique among the operators.")]
    public string? Name { get; init; }
    [Description("Text for the plots; a default is made from the action.")]
    public string? Label { get; init; }

    /// <summary>Problems with the names the action refers to, each at a field of the action ("cluster").</summary>
    public virtual IEnumerable<(string Field, string Message)> CheckNames(ScenarioNames names) => [];

    /// <summary>Takes the action at <paramref name="at"/> (now or later): puts what it does on the event loop and marks it on the plots.</summary>
    public void Take(TimelineContext timeline, int index, Duration at)
    {
        Act(timeline, index, at);
        timeline.Mark(at, Label ?? DefaultLabel);
    }

    /// <summary>Schedules what the action does, from <paramref name="at"/>.</summary>
    protected abstract void Act(TimelineContext timeline, int index, Duration at);

    /// <summary>What the plots call the action when it has no label.</summary>
    public abstract string DefaultLabel { get; }
}
