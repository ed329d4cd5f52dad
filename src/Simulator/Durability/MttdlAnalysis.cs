using System.Diagnostics;
using System.Globalization;
using static Simulator.Durability.DurabilityRow;

namespace Simulator.Durability;

/// <summary>
/// <c>replsim durability mttdl</c>: the exact MTTDL and P(loss within the horizon) of the stripe's chain
/// (<see cref="StripeChain"/>, exponential lifetimes, bursts included), and a Monte Carlo estimate of both:
/// regenerative cycles with importance sampling or plain (<see cref="RegenerativeEstimator"/>) for exponential
/// lifetimes, histories to the horizon (<see cref="StripeSimulation"/>) for Weibull ones. The MTTDL is reported in
/// hours and in the time unit of the failure rate (days for a rate per day).
/// </summary>
public static class MttdlAnalysis
{
    private const double HoursPerYear = 24 * 365;
    private const int CurvePoints = 60;

    public static DurabilityResult Run(MttdlSpec spec, ulong seed, int threads)
    {
        var clock = Stopwatch.StartNew();
        var model = spec.Model();
        var unit = spec.Failure;
        double horizon = spec.Horizon.TotalHours, shape = spec.WeibullShape;
        var rows = new List<DurabilityRow>();
        var notes = new List<string>();
        var facts = new Dictionary<string, double>
        {
            ["chunks"] = model.Chunks, ["needed"] = model.Needed, ["failure_rate_per_hour"] = model.FailurePerHour,
            ["repair_rate_per_hour"] = model.RepairPerHour, ["horizon_hours"] = horizon, ["weibull_shape"] = shape,
        };
        if (model.Bursts is { } b)
        {
            facts["burst_start_probability"] = b.StartProbability;
            facts["independent_failure_rate_per_hour"] = model.IndependentPerHour;
            notes.Add(Invariant($"bursts: {b.Share:P1} of failures in bursts of {b.MeanSize:G4} nodes on average over {b.ClusterNodes} nodes; a node's own failure starts one with p = {b.StartProbability:G4}, so it fails on its own at λ/(1 + p·E[G]) = {model.IndependentPerHour * unit.HoursPerUnit:G6}/{unit.Unit} and λ = {unit.PerUnit:G6}/{unit.Unit} in all"));
        }
        var exactCurve = new List<(double, double)>();
        if (shape == 1)
        {
            var chain = new StripeChain(model);
            double mttdl = chain.MttdlHours(), p = chain.LossProbabilityWithin(horizon);
            rows.Add(Value(Quantities.Mttdl, Methods.Exact, mttdl, "hours"));
            rows.Add(Value(Quantities.Mttdl, Methods.Exact, mttdl / unit.HoursPerUnit, unit.TimeUnitName));
            rows.Add(Value(Quantities.PLossWithinHorizon, Methods.Exact, p, "probability"));
            for (int i = 1; i <= CurvePoints; i++)
            {
                double t = horizon * i / CurvePoints;
                exactCurve.Add((t / HoursPerYear, chain.LossProbabilityWithin(t)));
            }
            notes.Add($"exact: the absorbing chain on the alive chunks {model.Needed - 1}…{model.Chunks} ({(model.Needed - 1)} absorbing), " +
                      "MTTDL from its linear system (−Q_T)m = 1 (Gaussian elimination in the subtraction-free GTH form), P(loss within the horizon) from exp(Qt) by uniformization and squaring");
        }
        else
            notes.Add(Invariant($"exact: none for Weibull lifetimes (shape {shape:G4}): the chain needs exponential ones"));

        var simulatedCurve = new List<(double, double)>();
        long trials = spec.TrialCount;
        if (trials > 0)
        {
            if (shape == 1)
                RunCycles(spec, model, unit, horizon, trials, seed, threads, rows, notes, facts);
            else
                RunHistories(model, shape, unit, horizon, trials, seed, threads, rows, notes, facts, simulatedCurve);
        }
        clock.Stop();
        return new DurabilityResult
        {
            Kind = spec.Kind, Rows = Order(rows), Notes = notes, Facts = facts, ExactCurve = exactCurve,
            SimulatedCurve = simulatedCurve, WallSeconds = clock.Elapsed.TotalSeconds,
        };
    }

    private static void RunCycles(MttdlSpec spec, StripeModel model, DurabilityRate unit, double horizon, long trials, ulong seed,
        int threads, List<DurabilityRow> rows, List<string> notes, Dictionary<string, double> facts)
    {
        bool importance = spec.EffectiveEstimator == MttdlEstimator.Importance;
        var r = RegenerativeEstimator.Run(model, trials, seed, threads, importance);
        AddMttdl(rows, r.MttdlHours, unit);
        // A rare loss comes after many independent cycles: the loss time is exponential to within γ and E[C]/T.
        var p = new Estimate(LossWithin(horizon, r.MttdlHours.Value), LossWithin(horizon, r.MttdlHours.High), LossWithin(horizon, r.MttdlHours.Low));
        rows.Add(MonteCarlo(Quantities.PLossWithinHorizon, p, "probability"));
        facts["cycles_for_length"] = r.PlainCycles;
        facts["cycles_for_loss"] = r.BiasedCycles;
        facts["cycles_ending_in_loss"] = r.LossCycles;
        facts["mean_cycle_hours"] = r.CycleHours.Value;
        facts["loss_per_cycle"] = r.LossPerCycle.Value;
        string how = importance
            ? $"regenerative cycles with balanced failure biasing (importance sampling: a failure with probability {RegenerativeEstimator.FailureBias} wherever a repair competes)"
            : "plain regenerative cycles (no biasing: the clock run to the loss)";
        notes.Add(Invariant($"monte_carlo: {how}; MTTDL = E[C]/γ with E[C] = {r.CycleHours.Value:G6} h from {r.PlainCycles} cycles and γ = {r.LossPerCycle.Value:G6} from {r.BiasedCycles} cycles, {r.LossCycles} of them ending in loss; 95 % CI by the delta method"));
        notes.Add("monte_carlo p_loss_within_horizon: 1 − exp(−T/MTTDL) at the MTTDL's estimate and bounds (a rare loss after many cycles is exponential to within γ and E[C]/T)");
    }

    private static void RunHistories(StripeModel model, double shape, DurabilityRate unit, double horizon, long trials, ulong seed,
        int threads, List<DurabilityRow> rows, List<string> notes, Dictionary<string, double> facts, List<(double, double)> curve)
    {
        var sim = new StripeSimulation(model, shape);
        var r = sim.Run(trials, horizon, seed, threads);
        AddMttdl(rows, r.MttdlHours, unit);
        rows.Add(MonteCarlo(Quantities.PLossWithinHorizon, r.LossWithinHorizon, "probability"));
        facts["histories"] = r.Histories;
        facts["histories_lost"] = r.Losses;
        facts["exposure_hours"] = r.ExposureHours;
        facts["events"] = r.Events;
        for (int i = 0; i < r.LossTimes.Count; i++)
            curve.Add((r.LossTimes[i] / HoursPerYear, (i + 1.0) / r.Histories));
        notes.Add(Invariant($"monte_carlo: {r.Histories} histories of the stripe event by event (Weibull lifetimes, shape {shape:G4}, mean 1/λ) to the loss or the horizon, {r.Losses} lost; MTTDL = time observed / losses with the Poisson interval, P(loss within the horizon) the share lost (Wilson interval)"));
    }

    private static void AddMttdl(List<DurabilityRow> rows, Estimate hours, DurabilityRate unit)
    {
        rows.Add(MonteCarlo(Quantities.Mttdl, hours, "hours"));
        double k = unit.HoursPerUnit;
        rows.Add(MonteCarlo(Quantities.Mttdl, new Estimate(hours.Value / k, hours.Low / k, hours.High / k), unit.TimeUnitName));
    }

    private static double LossWithin(double horizon, double mttdl) =>
        double.IsNaN(mttdl) ? double.NaN : double.IsPositiveInfinity(mttdl) ? 0 : -Precise.ExpM1(-horizon / mttdl);

    /// <summary>Rows by quantity (mttdl first), then exact, approximation, Monte Carlo; hours before the rate's unit.</summary>
    internal static IReadOnlyList<DurabilityRow> Order(List<DurabilityRow> rows)
    {
        string[] quantities = [Quantities.PLoss, Quantities.ExpectedLostChunks, Quantities.ExpectedLostBytes, Quantities.Mttdl, Quantities.PLossWithinHorizon];
        string[] methods = [Methods.Exact, Methods.Approximation, Methods.MonteCarlo];
        return [.. rows.Select((r, i) => (r, i)).OrderBy(x => Array.IndexOf(quantities, x.r.Quantity)).ThenBy(x => Array.IndexOf(methods, x.r.Method))
            .ThenBy(x => x.i).Select(x => x.r)];
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
