using NUnit.Framework;
using Simulator.Engine;
using Simulator.Faults.Kinds;
using Simulator.Scenarios.Model;
using Simulator.Storage;
using Simulator.Tests.Support;
using Simulator.Units;
using static Simulator.Tests.Support.TestScenarios;

namespace Simulator.Tests.Durability;

/// <summary>
/// Independent exponential failures and repairs: the replicas a volume has follow a birth–death chain, and the time
/// volumes spend with 0, 1, … R replicas is that chain's.
/// </summary>
public sealed class BirthDeathTests
{
    [Test]
    public void TheTimeVolumesSpendWithEachReplicaCountIsTheBirthDeathChains()
    {
        // Each node fails after an exponential lifetime (rate λ) with its data and is replaced empty; a volume short of
        // replicas waits an exponential repair delay (rate μ) before each search, and copies and negotiations take no
        // time to speak of (a 1 GiB copy at 1 Tbps: 9 ms; a negotiation: 56 ms, against a mean delay of 1 h). Replicas
        // are on distinct nodes, so a volume with k replicas loses one at rate kλ; repairs are serial (one search at a
        // time), so it gains one at rate μ while 0 < k < R; with none left it is lost for good. Its replica count is
        // the birth–death chain on {0, …, R} with death rates kλ, birth rate μ and 0 absorbing, from R at time 0.
        const int r = 3, volumes = 600, seeds = 8;
        const double lambdaPerH = 1 / 50.0, muPerH = 1, horizonH = 1000, sampleH = 0.1;
        var scenario = Scenario(r, volumes, lambdaPerH, muPerH, horizonH);

        var shares = new double[seeds, r + 1];
        for (int seed = 0; seed < seeds; seed++)
        {
            var rig = new ClusterRig(scenario, seed: (ulong)(seed + 1));
            var c = rig.Cluster;
            var counts = new long[r + 1];
            long samples = 0;
            for (double t = sampleH; t <= horizonH + 1e-9; t += sampleH)
            {
                rig.RunTo(t);
                for (int v = 0; v < c.VolumeCount; v++)
                    counts[c.StateOf(v) == VolumeState.Lost ? 0 : c.ReplicaNodesOf(v).Length]++;
                samples += c.VolumeCount;
            }
            for (int k = 0; k <= r; k++) shares[seed, k] = (double)counts[k] / samples;
            Assert.That(c.CheckInvariants, Throws.Nothing);
        }

        double[] expected = ExpectedShares(r, lambdaPerH, muPerH, horizonH);
        for (int k = 0; k <= r; k++)
        {
            var perSeed = Enumerable.Range(0, seeds).Select(s => shares[s, k]).ToArray();
            double mean = perSeed.Average();
            double sd = Math.Sqrt(perSeed.Sum(x => (x - mean) * (x - mean)) / (seeds - 1));
            double halfWidth = MathNet.Numerics.Distributions.StudentT.InvCDF(0, 1, seeds - 1, 0.995) * sd / Math.Sqrt(seeds);
            TestContext.Out.WriteLine($"{k} replicas: simulated {mean:P4} ± {halfWidth:P4}, chain {expected[k]:P4}");
            Assert.That(expected[k], Is.EqualTo(mean).Within(halfWidth), $"share of volume-time with {k} replicas (99 % CI over {seeds} seeds)");
        }
        // The chain's states other than R are visited: the test could fail.
        Assert.That(expected[1], Is.GreaterThan(1e-3));
        Assert.That(expected[0], Is.GreaterThan(1e-3));
    }

    /// <summary>
    /// The expected share of [0, T] the chain spends in each state from R: (1/T) ∫ p(t) dt with p' = pQ, p(0) = e_R,
    /// integrated by fourth-order Runge–Kutta (the chain's rates are at most Rλ + μ ≈ 1/h; steps of 0.005 h).
    /// </summary>
    private static double[] ExpectedShares(int r, double lambda, double mu, double horizon)
    {
        int n = r + 1;
        var q = new double[n, n];
        for (int k = 1; k <= r; k++)
        {
            q[k, k - 1] = k * lambda;
            if (k < r) q[k, k + 1] = mu;
            for (int j = 0; j < n; j++) if (j != k) q[k, k] -= q[k, j];
        }
        double[] Deriv(double[] p)
        {
            var d = new double[n];
            for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) d[j] += p[i] * q[i, j];
            return d;
        }
        double[] Add(double[] a, double[] b, double f) => a.Select((x, i) => x + f * b[i]).ToArray();
        var state = new double[n];
        state[r] = 1;
        var occupation = new double[n];
        const double h = 0.005;
        int steps = (int)Math.Round(horizon / h);
        for (int s = 0; s < steps; s++)
        {
            var k1 = Deriv(state);
            var k2 = Deriv(Add(state, k1, h / 2));
            var k3 = Deriv(Add(state, k2, h / 2));
            var k4 = Deriv(Add(state, k3, h));
            // The occupation integrates p itself: its RK4 increments are the states at the stages.
            var s2 = Add(state, k1, h / 2);
            var s3 = Add(state, k2, h / 2);
            var s4 = Add(state, k3, h);
            for (int i = 0; i < n; i++)
            {
                occupation[i] += h / 6 * (state[i] + 2 * s2[i] + 2 * s3[i] + s4[i]);
                state[i] += h / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
            }
        }
        return occupation.Select(o => o / horizon).ToArray();
    }

    private static Scenario Scenario(int replicas, int volumes, double lambdaPerH, double muPerH, double horizonH)
    {
        var failures = new NodeFailuresFault
        {
            At = Duration.Zero, Cluster = ClusterName, Mttf = Duration.FromHours(1 / lambdaPerH),
            Repair = new DurationDistributionSpec { Median = Duration.FromHours(1) },
        };
        var scenario = Small(freeCapacityPct: 60, nodes: 60, volumes: volumes, horizonH: horizonH, replicas: replicas,
            writeRule: WriteRule.Majority, faults: [failures]);
        var region = scenario.Topology.Regions[0];
        var zone = region.Zones[0];
        var cluster = zone.Clusters[0] with
        {
            VolumeSize = new SizeDistributionSpec { Median = ByteSize.FromGiB(1) },
            PrimaryNetwork = Bandwidth.FromGbps(1e9),
        };
        return scenario with
        {
            Topology = new TopologySpec { Regions = [region with { Zones = [zone with { Clusters = [cluster] }, .. region.Zones.Skip(1)] }] },
            Replication = scenario.Replication with
            {
                CopyBandwidth = Bandwidth.FromGbps(1000),
                RepairDelay = Duration.FromHours(1 / muPerH),
                RepairDelayDistribution = RepairDelayKind.Exponential,
            },
        };
    }
}
