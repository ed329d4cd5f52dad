using System.ComponentModel;
using Simulator.Engine;
using Simulator.Scenarios;
using Simulator.Scenarios.Model;
using Simulator.Storage;

namespace Simulator.Faults.Kinds;

/// <summary>
/// A generator of node failures: from <see cref="FaultSpec.At"/>, each node of a cluster fails after a lifetime drawn
/// from a Weibull distribution (shape 1: exponential), loses its data, and is replaced by an empty node after a
/// log-normal repair time; then its next lifetime starts. Each node draws from a stream of its own, so adding a node
/// or a fault leaves the others' failures where they were.
/// <para>
/// Without <see cref="Bursts"/> every failure is independent and the lifetimes have mean <see cref="Mttf"/>. With
/// bursts, some independent failures bring others within a window (<see cref="FailureBurstsSpec"/>), and
/// <see cref="Mttf"/> still counts every failure, burst members included: the independent lifetimes are stretched by
/// the failures each brings on average, 1 + p (m − 1), so that an up node fails at the rate 1 / MTTF either way and
/// bursts change only how failures cluster. This holds exactly for exponential lifetimes (a burst member's next
/// lifetime starts at its replacement, as after any failure) when bursts have room to grow; the burst decisions draw
/// from a stream of their own, so a generator without bursts draws exactly what it drew before bursts existed.
/// </para>
/// </summary>
[ScenarioKind("node_failures")]
public sealed record NodeFailuresFault : ClusterFaultSpec
{
    [Description("Mean time to failure of one node, every failure counted (burst members too), e.g. 130d (Ford et al., OSDI 2010: 4.3 months).")]
    [Positive]
    public required Duration Mttf { get; init; }
    [Description("Weibull shape of the lifetimes: 1 is exponential, below 1 early failures, above 1 wear-out.")]
    [Range(0.1, 10)]
    public double Shape { get; init; } = 1;
    [Description("Time until a failed node is replaced by an empty one: log-normal.")]
    public required DurationDistributionSpec Repair { get; init; }
    [Description("Correlated failures: a share of the failures come in bursts of nodes failing within a window, often in one rack (Ford et al., OSDI 2010). None: all independent.")]
    public FailureBurstsSpec? Bursts { get; init; }

    public override void Schedule(TimelineContext timeline, int index)
    {
        var cluster = timeline.Cluster(Cluster);
        // Burst members count in the MTTF: independent lifetimes are longer by the failures each one brings.
        double lifeS = Bursts is null ? Mttf.TotalSeconds : Mttf.TotalSeconds * Bursts.FailuresPerIndependentFailure;
        var lifetimes = WeibullLifetimes.WithMean(lifeS, Shape);
        var clocks = new NodeClock[cluster.NodeCount];
        var bursts = Bursts is null ? null : new FailureBursts(timeline.Sim, cluster, Bursts,
            timeline.Streams.Get($"node-failure-bursts:{cluster.Name}", index), clocks.Length, n => clocks[n].FailInBurst());
        for (int n = 0; n < cluster.NodeCount; n++)
        {
            var stream = timeline.Streams.Get($"node-failures:{cluster.Name}:{index}", n);
            var clock = new NodeClock(timeline.Sim, cluster, n, stream, lifetimes, Repair, bursts, $"faults[{index}]");
            clocks[n] = clock;
            timeline.At(At, clock.Start);
        }
        timeline.Mark(At, Label ?? $"independent node failures in {cluster.Name} (MTTF {Mttf})");
    }

    /// <summary>One node's alternation of lifetimes and repairs.</summary>
    private sealed class NodeClock(Simulation sim, StorageCluster cluster, int node, RandomStream stream,
        WeibullLifetimes lifetimes, DurationDistributionSpec repair, FailureBursts? bursts, string source) : IEventHandler
    {
        private const int EvFail = 1, EvReplace = 2;
        private EventHandle _life;

        public void Start() => NextLife();

        /// <summary>The node fails as a member of a burst: its lifetime ends now, and it is repaired like after any failure.</summary>
        public void FailInBurst()
        {
            if (cluster.NodeStatusOf(node) != NodeStatus.Up) return; // down already: the burst passes it by
            sim.Cancel(_life);
            FailAndRepair();
        }

        private void NextLife() =>
            _life = sim.ScheduleAfter(lifetimes.Sample(stream), this, EvFail, 0);

        private void FailAndRepair()
        {
            cluster.Fail(node, source);
            sim.ScheduleAfter(repair.Sample(stream), this, EvReplace, 0);
        }

        void IEventHandler.OnEvent(int kind, long arg)
        {
            if (kind == EvFail)
            {
                if (cluster.NodeStatusOf(node) != NodeStatus.Up) { NextLife(); return; } // down for another reason: a new life
                FailAndRepair();
                bursts?.OnIndependentFailure(node);
                return;
            }
            // Another fault may have brought the node back meanwhile (a power loss returning it empty): then it just lives on.
            if (cluster.NodeStatusOf(node) == NodeStatus.Crashed) cluster.Replace(node);
            NextLife();
        }
    }
}
