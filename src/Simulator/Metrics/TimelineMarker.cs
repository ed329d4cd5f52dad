namespace Simulator.Metrics;

/// <summary>A labelled instant drawn as a vertical line on plots (an operator action, the misapplied change).</summary>
public sealed record TimelineMarker(double TimeH, string Label);
