namespace Simulator.Reporting;

/// <summary>One headline figure of an experiment, computed per replication from its summaries.</summary>
/// <param name="Id">snake_case column name with its unit (<c>stuck_peak_pct</c>).</param>
/// <param name="Label">Short text for tables and plots ("stuck, peak").</param>
/// <param name="Unit">Unit text ("%", "nodes", "min").</param>
/// <param name="Description">What exactly is measured, for <c>docs/outputs.md</c>, the README and <c>--help</c>.</param>
/// <param name="Compute">The figure of one replication; NaN when what it reads was not sampled.</param>
public sealed record FigureDefinition(string Id, string Label, string Unit, string Description, Func<FigureInputs, double> Compute);
