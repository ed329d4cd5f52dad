using NUnit.Framework;
using Simulator.Durability;

namespace Simulator.Tests.Durability;

/// <summary>The exact MTTDL and P(loss within t) of the stripe chain against closed forms derived here.</summary>
public sealed class StripeChainTests
{
    // λ and μ per hour: the R = 3 case (8.1345e-3/d, 66/d), a balanced one, and a fast-failing one.
    private static readonly (double Lambda, double Mu)[] Rates = [(8.1345e-3 / 24, 66.0 / 24), (0.01, 1), (0.5, 2)];

    [Test]
    public void TwoReplicasNeedingOneWithSerialRepairLastThreeLambdaPlusMuOverTwoLambdaSquared()
    {
        // From 2 alive: wait 1/(2λ) for the first failure; from 1 alive: fail (λ) or repair (μ). First-step analysis:
        // m2 = 1/(2λ) + m1, m1 = 1/(λ+μ) + μ/(λ+μ) m2  ⇒  m2 = (3λ + μ)/(2λ²).
        foreach (var (l, m) in Rates)
        {
            double expected = (3 * l + m) / (2 * l * l);
            Assert.That(Mttdl(2, 1, l, m, RepairMode.Serial), Is.EqualTo(expected).Within(1e-9).Percent, $"λ={l}, μ={m}");
        }
    }

    [Test]
    public void ThreeReplicasNeedingOneWithSerialRepairMatchTheClosedForm()
    {
        // m3 = 1/(3λ) + m2; m2 = 1/(2λ+μ) + (2λ m1 + μ m3)/(2λ+μ); m1 = 1/(λ+μ) + μ/(λ+μ) m2. Solving:
        // m3 = (11λ² + 4λμ + μ²)/(6λ³).
        foreach (var (l, m) in Rates)
        {
            double expected = (11 * l * l + 4 * l * m + m * m) / (6 * l * l * l);
            Assert.That(Mttdl(3, 1, l, m, RepairMode.Serial), Is.EqualTo(expected).Within(1e-9).Percent, $"λ={l}, μ={m}");
        }
    }

    [Test]
    public void ThreeReplicasWithParallelRepairMatchTheClosedForm()
    {
        // As above with repair 2μ from 1 alive: τ3 = 1/(3λ), τ2 = 1/(2λ) + μ/(2λ) τ3, τ1 = 1/λ + 2μ/λ τ2 (τa: the
        // time to go from a alive to a − 1), so m3 = τ3 + τ2 + τ1 = (11λ² + 7λμ + 2μ²)/(6λ³).
        foreach (var (l, m) in Rates)
        {
            double expected = (11 * l * l + 7 * l * m + 2 * m * m) / (6 * l * l * l);
            Assert.That(Mttdl(3, 1, l, m, RepairMode.Parallel), Is.EqualTo(expected).Within(1e-9).Percent, $"λ={l}, μ={m}");
        }
    }

    [TestCase(6, 4, RepairMode.Serial)]
    [TestCase(6, 4, RepairMode.Parallel)]
    [TestCase(9, 6, RepairMode.Serial)]
    [TestCase(14, 10, RepairMode.Parallel)]
    [TestCase(5, 1, RepairMode.Serial)]
    public void KOfNChainsMatchTheFirstPassageSum(int n, int k, RepairMode repair)
    {
        // A birth–death chain: the time τa to go from a alive to a − 1 is 1/(aλ) plus, when a repair (rate βa) comes
        // first, the time back: τa = 1/(aλ) + βa/(aλ) τ(a+1), τn = 1/(nλ); MTTDL = Σ_{a=k..n} τa. A sum of positive
        // terms: no solver, no cancellation.
        foreach (var (l, m) in Rates)
        {
            double tau = 0, sum = 0;
            for (int a = n; a >= k; a--)
            {
                double beta = a == n ? 0 : repair == RepairMode.Serial ? m : (n - a) * m;
                tau = 1 / (a * l) + beta / (a * l) * tau;
                sum += tau;
            }
            Assert.That(Mttdl(n, k, l, m, repair), Is.EqualTo(sum).Within(1e-8).Percent, $"({n},{k}) λ={l}, μ={m}");
        }
    }

    [Test]
    public void OneChunkIsLostAtItsFirstFailure()
    {
        var chain = new StripeChain(new StripeModel(1, 1, 0.2, 5, RepairMode.Serial));
        Assert.That(chain.MttdlHours(), Is.EqualTo(5).Within(1e-12).Percent);
        foreach (double t in new[] { 1e-6, 0.5, 3, 40 })
            Assert.That(chain.LossProbabilityWithin(t), Is.EqualTo(-ExpM1(-0.2 * t)).Within(1e-10).Percent, $"t={t}");
    }

    [Test]
    public void TwoReplicasLossProbabilityMatchesTheTwoExponentials()
    {
        // Transient block on {2, 1}: [[−2λ, 2λ], [μ, −(λ+μ)]]; its eigenvalues s solve s² + (3λ+μ)s + 2λ² = 0. The
        // survival from 2 is c1 e^{s1 t} + c2 e^{s2 t} with S(0) = 1 and S'(0) = 0 (no loss straight from 2), so
        // c1 = s2/(s2 − s1), c2 = −s1/(s2 − s1), and P(loss within t) = −c1 expm1(s1 t) − c2 expm1(s2 t).
        foreach (var (l, m) in Rates)
        {
            double b = 3 * l + m, disc = Math.Sqrt(b * b - 8 * l * l);
            double s1 = (-b + disc) / 2, s2 = (-b - disc) / 2;
            double c1 = s2 / (s2 - s1), c2 = -s1 / (s2 - s1);
            var chain = new StripeChain(new StripeModel(2, 1, l, m, RepairMode.Serial));
            foreach (double t in new[] { 0.7, 24, 24 * 365, 24 * 3650 })
            {
                double expected = -c1 * ExpM1(s1 * t) - c2 * ExpM1(s2 * t);
                Assert.That(chain.LossProbabilityWithin(t), Is.EqualTo(expected).Within(1e-6).Percent, $"λ={l}, μ={m}, t={t}");
            }
        }
    }

    [Test]
    public void ARareLossWithinAHorizonKeepsItsDigits()
    {
        // Five replicas: MTTDL of about 10¹⁷ h. Over 10 years (after the chain's fast transient of hours) the loss is
        // a Poisson event of rate 1/MTTDL to within a few hours' worth: P ≈ T/MTTDL to 10⁻³, far below double's 10⁻¹⁶
        // resolution of 1 − survival.
        var chain = new StripeChain(new StripeModel(5, 1, 8.1345e-3 / 24, 66.0 / 24, RepairMode.Serial));
        double mttdl = chain.MttdlHours(), t = 24 * 3650;
        Assert.That(mttdl, Is.GreaterThan(1e16));
        Assert.That(chain.LossProbabilityWithin(t), Is.EqualTo(t / mttdl).Within(0.1).Percent);
    }

    [Test]
    public void BurstsAtTheSameOverallRateShortenTheMttdl()
    {
        // Same λ per node with 37 % of failures in bursts: a node's own failures are rarer (λ/(1 + p E[G])), and the
        // total rate at which a given node fails, own failures plus bursts of others, is λ again.
        double l = 8.1345e-3 / 24, m = 66.0 / 24;
        var bursts = new BurstModel(0.37, 20, 5000);
        double p = bursts.StartProbability;
        Assert.That(p, Is.EqualTo(0.37 / (0.37 + 20 * 0.63)).Within(1e-12));
        var model = new StripeModel(3, 1, l, m, RepairMode.Serial, bursts);
        Assert.That(model.IndependentPerHour * (1 + p * bursts.ExpectedMembers), Is.EqualTo(l).Within(1e-12).Percent);
        // From all 3 alive, the failure rates out sum to the chunks' own failures plus the bursts from outside that hit one or more.
        double outOfFull = model.Transitions[3].Sum(x => x.Rate);
        double outsideHits = (5000 - 3) * model.IndependentPerHour * p * (1 - bursts.Hits(3)[0]);
        Assert.That(outOfFull, Is.EqualTo(3 * model.IndependentPerHour + outsideHits).Within(1e-6).Percent);
        double independent = Mttdl(3, 1, l, m, RepairMode.Serial);
        double withBursts = new StripeChain(model).MttdlHours();
        Assert.That(withBursts, Is.LessThan(independent / 100), "bursts of 20 nodes cost two orders of magnitude or more");
    }

    /// <summary>e^x − 1 to full precision (Kahan's (u − 1) x / ln u with u = e^x).</summary>
    private static double ExpM1(double x)
    {
        double u = Math.Exp(x);
        return u == 1 ? x : u - 1 == -1 ? -1 : (u - 1) * x / Math.Log(u);
    }

    private static double Mttdl(int n, int k, double l, double m, RepairMode repair) =>
        new StripeChain(new StripeModel(n, k, l, m, repair)).MttdlHours();
}
