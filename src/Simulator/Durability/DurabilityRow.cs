namespace Simulator.Durability;

/// <summary>
/// One row of <c>durability.csv</c>: a quantity (<see cref="Quantities"/>), how it was obtained (<see cref="Methods"/>),
/// its value and 95 % interval (NaN where there is none: exact values and approximations), and its unit.
/// </summary>
public sealed record DurabilityRow(string Quantity, string Method, double Estimate, double CiLow, double CiHigh, string Unit)
{
    /// <summary>The quantities, in the order rows are written.</summary>
    public static class Quantities
    {
        public const string PLoss = "p_loss";
        public const string ExpectedLostChunks = "expected_lost_chunks";
        public const string ExpectedLostBytes = "expected_lost_bytes";
        public const string Mttdl = "mttdl";
        public const string PLossWithinHorizon = "p_loss_within_horizon";
    }

    /// <summary>The methods: a closed form or exact computation, an approximation (named in the notes), a Monte Carlo estimate.</summary>
    public static class Methods
    {
        public const string Exact = "exact";
        public const string Approximation = "approximation";
        public const string MonteCarlo = "monte_carlo";
    }

    /// <summary>An exact or approximate value (no interval).</summary>
    public static DurabilityRow Value(string quantity, string method, double value, string unit) =>
        new(quantity, method, value, double.NaN, double.NaN, unit);

    /// <summary>A Monte Carlo estimate with its interval.</summary>
    public static DurabilityRow MonteCarlo(string quantity, Estimate estimate, string unit) =>
        new(quantity, Methods.MonteCarlo, estimate.Value, estimate.Low, estimate.High, unit);
}
