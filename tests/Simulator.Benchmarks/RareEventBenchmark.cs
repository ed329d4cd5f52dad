using System.Diagnostics;
using System.Globalization;
using Simulator.Durability;

namespace Simulator.Benchmarks;

/// <summary>
/// The rare-event target: R = 3, λ = 8.1345e-3/day, μ = 66/day, serial repair — a Monte Carlo MTTDL whose 95 % CI is
/// within ±10 % of its estimate, on one thread. Importance sampling (regenerative cycles with balanced failure
/// biasing) doubles its cycles until the interval is that narrow; the plain estimators (the same cycles unbiased, and
/// event-by-event histories with the clock run to the loss) are timed for a fixed budget and their time for the same
/// interval projected from their rate: about 2 · 1.96² / (0.1² γ) cycles, or 1.96² / 0.1² ≈ 384 losses' worth of
/// exposure.
/// </summary>
internal static class RareEventBenchmark
{
    public static void Run(TextWriter output, int trials, double plainSeconds)
    {
        double lambda = 8.1345e-3 / 24, mu = 66.0 / 24;
        var model = new StripeModel(3, 1, lambda, mu, RepairMode.Serial);
        double exact = new StripeChain(model).MttdlHours();
        output.WriteLine(Invariant($"durability exact_mttdl_days={exact / 24:G6}"));

        var importance = new List<(double Seconds, long Cycles, RegenerativeEstimator.Result Result)>();
        for (int t = 0; t < trials; t++)
        {
            var clock = Stopwatch.StartNew();
            long cycles = 2_000;
            RegenerativeEstimator.Result r;
            while (true)
            {
                r = RegenerativeEstimator.Run(model, cycles, seed: (ulong)(t + 1), threads: 1);
                if (r.MttdlHours.RelativeHalfWidth <= 0.10) break;
                cycles *= 2;
            }
            clock.Stop();
            importance.Add((clock.Elapsed.TotalSeconds, cycles, r));
            output.WriteLine(Invariant($"importance trial={t} cycles={cycles} seconds={clock.Elapsed.TotalSeconds:F3} mttdl_days={r.MttdlHours.Value / 24:G5} ci_days=[{r.MttdlHours.Low / 24:G5},{r.MttdlHours.High / 24:G5}] half_width={r.MttdlHours.RelativeHalfWidth:P1} exact_in_ci={exact >= r.MttdlHours.Low && exact <= r.MttdlHours.High}"));
        }
        var med = importance.OrderBy(x => x.Seconds).ElementAt(importance.Count / 2);
        output.WriteLine(Invariant($"importance median_seconds={med.Seconds:F3} (all cycles tried, the doublings included)"));

        double gamma = importance[0].Result.CycleHours.Value / exact;
        double z2 = Estimate.Z95 * Estimate.Z95;
        double cyclesNeeded = 2 * z2 * (1 - gamma) / (0.01 * gamma);
        var rates = new List<double>();
        var exposures = new List<double>();
        for (int t = 0; t < trials; t++)
        {
            long cycles = 1_000_000;
            var clock = Stopwatch.StartNew();
            long done = 0;
            while (clock.Elapsed.TotalSeconds < plainSeconds)
            {
                RegenerativeEstimator.Run(model, cycles, seed: (ulong)(100 + t * 1000 + done / cycles), threads: 1, importance: false);
                done += cycles;
            }
            rates.Add(done / clock.Elapsed.TotalSeconds);

            clock.Restart();
            var sim = new StripeSimulation(model);
            double exposure = 0;
            long histories = 0, losses = 0;
            while (clock.Elapsed.TotalSeconds < plainSeconds)
            {
                var r = sim.Run(10_000, 3650 * 24, seed: (ulong)(200 + t * 1000 + histories / 10_000), threads: 1);
                exposure += r.ExposureHours;
                histories += r.Histories;
                losses += r.Losses;
            }
            exposures.Add(exposure / clock.Elapsed.TotalSeconds);
            output.WriteLine(Invariant($"plain trial={t} cycles_per_s={rates[^1]:G4} history_hours_per_s={exposures[^1]:G4} histories={histories} losses={losses}"));
        }
        double rate = rates.Order().ElementAt(rates.Count / 2), hoursPerSecond = exposures.Order().ElementAt(exposures.Count / 2);
        double cycleSeconds = cyclesNeeded / rate, historySeconds = z2 / 0.01 * exact / hoursPerSecond;
        output.WriteLine(Invariant($"plain_cycles needed={cyclesNeeded:G4} median_cycles_per_s={rate:G4} projected_seconds={cycleSeconds:G4} ({cycleSeconds / 86400:G3} days)"));
        output.WriteLine(Invariant($"plain_histories needed_exposure_days={z2 / 0.01 * exact / 24:G4} median_simulated_days_per_s={hoursPerSecond / 24:G4} projected_seconds={historySeconds:G4} ({historySeconds / 86400:G3} days)"));
    }

    /// <summary>One plain run of <paramref name="cycles"/> unbiased cycles, timed, with its interval.</summary>
    public static void RunPlain(TextWriter output, long cycles)
    {
        var model = new StripeModel(3, 1, 8.1345e-3 / 24, 66.0 / 24, RepairMode.Serial);
        double exact = new StripeChain(model).MttdlHours();
        var clock = Stopwatch.StartNew();
        var r = RegenerativeEstimator.Run(model, cycles, seed: 1, threads: 1, importance: false);
        clock.Stop();
        output.WriteLine(Invariant($"plain cycles={cycles} seconds={clock.Elapsed.TotalSeconds:F1} losses={r.LossCycles} mttdl_days={r.MttdlHours.Value / 24:G5} ci_days=[{r.MttdlHours.Low / 24:G5},{r.MttdlHours.High / 24:G5}] half_width={r.MttdlHours.RelativeHalfWidth:P1} exact_in_ci={exact >= r.MttdlHours.Low && exact <= r.MttdlHours.High}"));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
