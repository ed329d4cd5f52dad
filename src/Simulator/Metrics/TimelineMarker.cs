namespace Simulator.Metrics;

/// <summary>
/// A labelled instant drawn as a vertical line on plots and listed in <c>events.csv</c>: a fault (the misapplied change,
/// a power loss) or an operator action, or a later step of one (a rollback, a repair).
/// </summary>
/// <param name="TimeH">Hours since time 0.</param>
/// <param name="Label">What the plots call it (the scenario's <c>label</c>, or one made from the fault or action).</param>
/// <param name="Category"><c>fault</c> or <c>action</c> (an operator action); empty when unknown.</param>
/// <param name="Kind">The scenario's kind of the fault or action (<c>routing_change</c>, <c>enable_negotiation</c>).</param>
/// <param name="Parameters">The fault's or action's fields as the scenario gives them (<c>cluster=ebs-1a rate=850/h</c>).</param>
public sealed record TimelineMarker(double TimeH, string Label, string Category = "", string Kind = "", string Parameters = "");
