namespace Simulator.Durability;

/// <summary>
/// What a durability analysis found: the rows of <c>durability.csv</c>, a sentence per formula or method used
/// (<see cref="Notes"/>), facts for the manifest (chunks, distinct sets, cycles, losses observed…), and what the plots draw.
/// </summary>
public sealed record DurabilityResult
{
    public required string Kind { get; init; }
    public required IReadOnlyList<DurabilityRow> Rows { get; init; }
    public required IReadOnlyList<string> Notes { get; init; }
    public required IReadOnlyDictionary<string, double> Facts { get; init; }
    /// <summary>P(loss within t) against t in years, exact (mttdl with exponential lifetimes), else empty.</summary>
    public IReadOnlyList<(double Years, double Probability)> ExactCurve { get; init; } = [];
    /// <summary>P(loss within t) against t in years from the Monte Carlo's histories (plain, Weibull), else empty.</summary>
    public IReadOnlyList<(double Years, double Probability)> SimulatedCurve { get; init; } = [];
    /// <summary>Lost chunks per trial and how many trials lost that many (simultaneous), ascending.</summary>
    public IReadOnlyList<(long Lost, long Trials)> LostHistogram { get; init; } = [];
    /// <summary>Seconds the analysis took.</summary>
    public double WallSeconds { get; init; }

    /// <summary>The first row of a quantity and method, or null.</summary>
    public DurabilityRow? Find(string quantity, string method, string? unit = null) =>
        Rows.FirstOrDefault(r => r.Quantity == quantity && r.Method == method && (unit is null || r.Unit == unit));
}
