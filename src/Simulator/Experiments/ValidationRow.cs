namespace Simulator.Experiments;

/// <summary>One published figure set against its simulated value.</summary>
/// <param name="Figure">What is compared ("stuck volumes, % of the zone, at 11:30 AM").</param>
/// <param name="Source">Where the expected value comes from (fact sheet line, AWS summary).</param>
/// <param name="AtHours">Hours since time 0 the figure refers to; null for "at the peak" or "at the end".</param>
public sealed record ValidationRow(string Figure, string Source, double? AtHours, double Expected, double Simulated, double Tolerance)
{
    public bool Ok => Math.Abs(Simulated - Expected) <= Tolerance;
}
