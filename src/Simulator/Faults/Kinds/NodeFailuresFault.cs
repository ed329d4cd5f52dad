using System.ComponentModel;
using MathNet.Numerics;
using MathNet.Numerics.Distributions;
using Simulator.Engine;
using Simulator.Scenarios;
using Simulator.Scenarios.Model;
using Simulator.Storage;

namespace Simulator.Faults.Kinds;

/// <summary>
/// A generator of independent node failures: from <see cref="FaultSpec.At"/>, each node of a cluster fails after a
/// lifetime drawn from a Weibull distribution (shape 1: exponential) with mean <see cref="Mttf"/>, loses its data,
/// and is replaced by an empty node after a log-normal repair time; then its next lifetime starts. Each node draws
/// from a stream of its own, so adding a node or a fault leaves the others' failures where they were.
/// </summary>
[ScenarioKind("node_failures")]
public sealed record NodeFailuresFault : ClusterFaultSpec
{
    [Description("Mean time to failure of one node, e.g. 130d (Ford et al., OSDI 2010: 4.3 months).")]
    [Positive]
    public required Duration Mttf { get; init; }
    [Description("Weibull shape of the lifetimes: 1 is exponential, below 1 early failures, above 1 wear-out.")]
    [Range(0.1, 10)]
    public double Shape { get; init; } = 1;
    [Description("Time until a failed node is replaced by an empty one: log-normal.")]
    public required DurationDistributionSpec Repair { get; init; }

    public override void Schedule(TimelineContext timeline, int index)
    {
        var cluster = timeline.Cluster(Cluster);
        // Weibull(k, λ) has mean λ Γ(1 + 1/k): the scale that gives the mean time to failure asked for.
        double scaleS = Mttf.TotalSeconds / SpecialFunctions.Gamma(1 + 1 / Shape);
        double repairMu = Math.Log(Repair.Median.TotalSeconds);
        for (int n = 0; n < cluster.NodeCount; n++)
        {
            var stream = timeline.Streams.Get($"node-failures:{cluster.Name}:{index}", n);
            int node = n;
            var clock = new NodeClock(timeline.Sim, cluster, node, stream, Shape, scaleS, repairMu, Repair.Sigma, $"faults[{index}]");
            timeline.At(At, clock.Start);
        }
        timeline.Mark(At, Label ?? $"independent node failures in {cluster.Name} (MTTF {Mttf})");
    }

    /// <summary>One node's alternation of lifetimes and repairs.</summary>
    private sealed class NodeClock(Simulation sim, StorageCluster cluster, int node, RandomStream stream,
        double shape, double scaleS, double repairMu, double repairSigma, string source) : IEventHandler
    {
        private const int EvFail = 1, EvReplace = 2;

        public void Start() => NextLife();

        private void NextLife() =>
            sim.ScheduleAfter(Duration.FromSeconds(Weibull.Sample(stream, shape, scaleS)), this, EvFail, 0);

        void IEventHandler.OnEvent(int kind, long arg)
        {
            if (kind == EvFail)
            {
                if (cluster.NodeStatusOf(node) != NodeStatus.Up) { NextLife(); return; } // down for another reason: a new life
                cluster.Fail(node, source);
                double repairS = repairSigma > 0 ? LogNormal.Sample(stream, repairMu, repairSigma) : Math.Exp(repairMu);
                sim.ScheduleAfter(Duration.FromSeconds(repairS), this, EvReplace, 0);
                return;
            }
            cluster.Replace(node);
            NextLife();
        }
    }
}
