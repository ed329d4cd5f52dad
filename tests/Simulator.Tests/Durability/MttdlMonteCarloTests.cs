using NUnit.Framework;
using Simulator.Durability;

namespace Simulator.Tests.Durability;

/// <summary>The Monte Carlo estimates of the MTTDL and of P(loss within a horizon) against the exact chain, at fixed seeds.</summary>
public sealed class MttdlMonteCarloTests
{
    private const double PerDay = 1.0 / 24;

    [Test]
    public void ImportanceSamplingCoversTheExactMttdlOfThreeReplicasWithinTenPercent()
    {
        // The case: λ = 8.1345e-3/d, μ = 66/d, serial. Exact: (11λ² + 4λμ + μ²)/(6λ³) (derived in StripeChainTests).
        double l = 8.1345e-3 * PerDay, m = 66 * PerDay;
        double exact = (11 * l * l + 4 * l * m + m * m) / (6 * l * l * l);
        var r = RegenerativeEstimator.Run(new StripeModel(3, 1, l, m, RepairMode.Serial), 200_000, seed: 7, threads: 2);
        Assert.That(exact, Is.InRange(r.MttdlHours.Low, r.MttdlHours.High));
        Assert.That(r.MttdlHours.RelativeHalfWidth, Is.LessThan(0.10));
        Assert.That(r.LossCycles, Is.GreaterThan(1000), "biased cycles end in loss often");
    }

    [TestCase(6, 4, RepairMode.Parallel, 0.01, 1.0)]
    [TestCase(9, 6, RepairMode.Serial, 0.002, 0.5)]
    [TestCase(4, 1, RepairMode.Serial, 8.1345e-3, 66.0)]
    public void ImportanceSamplingCoversTheExactMttdlOfKOfNChains(int n, int k, RepairMode repair, double lambdaPerDay, double muPerDay)
    {
        var model = new StripeModel(n, k, lambdaPerDay * PerDay, muPerDay * PerDay, repair);
        double exact = new StripeChain(model).MttdlHours();
        var r = RegenerativeEstimator.Run(model, 200_000, seed: 11, threads: 2);
        Assert.That(exact, Is.InRange(r.MttdlHours.Low, r.MttdlHours.High), $"exact {exact:G6} h, estimate {r.MttdlHours}");
        Assert.That(r.MttdlHours.RelativeHalfWidth, Is.LessThan(0.2));
    }

    [Test]
    public void ImportanceSamplingCoversTheExactMttdlWithBursts()
    {
        var model = new StripeModel(3, 1, 8.1345e-3 * PerDay, 66 * PerDay, RepairMode.Serial, new BurstModel(0.37, 20, 5000));
        double exact = new StripeChain(model).MttdlHours();
        var r = RegenerativeEstimator.Run(model, 200_000, seed: 3, threads: 2);
        Assert.That(exact, Is.InRange(r.MttdlHours.Low, r.MttdlHours.High), $"exact {exact:G6} h, estimate {r.MttdlHours}");
    }

    [Test]
    public void PlainCyclesCoverTheExactMttdlWhenLossesAreCommon()
    {
        // μ/λ = 3: a cycle ends in loss often enough for the unbiased estimator. Exact (3λ + μ)/(2λ²) for n = 2.
        double l = 1 * PerDay, m = 3 * PerDay;
        var r = RegenerativeEstimator.Run(new StripeModel(2, 1, l, m, RepairMode.Serial), 100_000, seed: 5, threads: 1, importance: false);
        Assert.That((3 * l + m) / (2 * l * l), Is.InRange(r.MttdlHours.Low, r.MttdlHours.High));
    }

    [Test]
    public void TheEstimateDoesNotDependOnTheThreadCount()
    {
        var model = new StripeModel(3, 1, 0.01, 1, RepairMode.Parallel);
        var one = RegenerativeEstimator.Run(model, 50_000, seed: 9, threads: 1);
        var two = RegenerativeEstimator.Run(model, 50_000, seed: 9, threads: 2);
        Assert.That(two, Is.EqualTo(one));
    }

    [Test]
    public void HistoriesCoverTheChainsLossProbabilityWithAndWithoutBursts()
    {
        // A regime where losses within the horizon are common: λ = 0.05/d, μ = 1/d, 3 replicas, 2 years.
        double l = 0.05 * PerDay, m = 1 * PerDay, horizon = 2 * 365 * 24;
        foreach (var bursts in new BurstModel?[] { null, new BurstModel(0.37, 4, 50) })
        {
            var model = new StripeModel(3, 1, l, m, RepairMode.Serial, bursts);
            double exact = new StripeChain(model).LossProbabilityWithin(horizon);
            var r = new StripeSimulation(model).Run(20_000, horizon, seed: 21, threads: 2);
            Assert.That(exact, Is.InRange(r.LossWithinHorizon.Low, r.LossWithinHorizon.High), $"bursts {bursts is not null}: exact {exact}, estimate {r.LossWithinHorizon}");
            Assert.That(exact, Is.InRange(0.05, 0.95), "the check has room to fail");
        }
    }

    [Test]
    public void AWeibullChunkWithoutPartnersIsLostAtItsFirstFailure()
    {
        // n = k = 1: the loss is the first lifetime, Weibull of mean 1/λ: P(T ≤ t) = 1 − exp(−(t/s)^k), s = (1/λ)/Γ(1 + 1/k).
        double l = 0.1 * PerDay, shape = 0.7, horizon = 10 * 24;
        double scale = 1 / l / MathNet.Numerics.SpecialFunctions.Gamma(1 + 1 / shape);
        double exact = 1 - Math.Exp(-Math.Pow(horizon / scale, shape));
        var r = new StripeSimulation(new StripeModel(1, 1, l, 1, RepairMode.Serial), shape).Run(20_000, horizon, seed: 4, threads: 2);
        Assert.That(exact, Is.InRange(r.LossWithinHorizon.Low, r.LossWithinHorizon.High));
    }

    [Test]
    public void TheAnalysisReportsExactAndMonteCarloRowsInHoursAndTheRatesUnit()
    {
        var spec = new MttdlSpec { Replicas = 2, FailureRate = "0.5/y", RepairRate = "12/y", Trials = 100_000 };
        var result = MttdlAnalysis.Run(spec, 1, 2);
        double l = 0.5, m = 12; // per year
        double exactYears = (3 * l + m) / (2 * l * l);
        Assert.That(result.Find("mttdl", "exact", "years")!.Estimate, Is.EqualTo(exactYears).Within(1e-9).Percent);
        Assert.That(result.Find("mttdl", "exact", "hours")!.Estimate, Is.EqualTo(exactYears * 365 * 24).Within(1e-9).Percent);
        var mc = result.Find("mttdl", "monte_carlo", "years")!;
        Assert.That(exactYears, Is.InRange(mc.CiLow, mc.CiHigh));
        var p = result.Find("p_loss_within_horizon", "monte_carlo")!;
        double exactP = result.Find("p_loss_within_horizon", "exact")!.Estimate;
        Assert.That(exactP, Is.InRange(p.CiLow, p.CiHigh));
    }
}
