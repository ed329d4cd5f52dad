using System.ComponentModel;
using MathNet.Numerics.Distributions;
using Simulator.Engine;
using Simulator.Units;

namespace Simulator.Scenarios.Model;

/// <summary>
/// Correlated node failures in the independent failure generator <c>node_failures</c>, after Ford et al., "Availability
/// in Globally Distributed Storage Systems" (OSDI 2010): failures less than 120 s apart are chained into bursts, 37 %
/// of failures are in bursts of two or more nodes, and bursts are often confined to one rack.
/// <para>
/// Each independent failure starts a burst with probability <see cref="StartProbability"/>; a burst has
/// <c>S = 1 + G</c> nodes, G geometric on 1, 2, … with mean <see cref="MeanSize"/> − 1 (memoryless chaining: after
/// each failure, one more follows with the same probability), its first failure included; its other S − 1 nodes are
/// drawn among the up nodes of the first one's rack with probability <see cref="SameRack"/>, else among the up
/// nodes of the whole cluster, and each fails at a uniform time within <see cref="Window"/> after the first. With
/// p = <see cref="StartProbability"/> and m = <see cref="MeanSize"/>, an independent failure brings on average
/// 1 + p (m − 1) failures, p m of them in bursts: the share in bursts is p m / (1 + p (m − 1)) = <see cref="Share"/>,
/// whence p = s / (s + m (1 − s)). Members do not start bursts of their own.
/// </para>
/// </summary>
public sealed record FailureBurstsSpec
{
    [Description("Share of all failures, burst members included, that are in bursts of two or more nodes (Ford et al., OSDI 2010: 37%).")]
    [Range("0%", "100%")]
    public required Fraction Share { get; init; }
    [Description("Mean nodes in a burst, its first failure included (2 or more): 1 plus a geometric number, so 2 means pairs.")]
    [Range(2, 1000)]
    public required double MeanSize { get; init; }
    [Description("The other nodes of a burst fail at uniform times within this window after its first (Ford et al. chain failures under 120 s apart).")]
    [Positive]
    public Duration Window { get; init; } = Duration.FromSeconds(120);
    [Description("Probability that a burst's other nodes are in the rack of its first failure; otherwise they are anywhere in the cluster.")]
    [Range("0%", "100%")]
    public required Fraction SameRack { get; init; }

    /// <summary>Probability that an independent failure starts a burst: s / (s + m (1 − s)) (see the class).</summary>
    public double StartProbability
    {
        get
        {
            double s = Share.Value;
            return s <= 0 ? 0 : s / (s + MeanSize * (1 - s));
        }
    }

    /// <summary>Failures an independent failure brings on average, itself included: 1 + p (m − 1).</summary>
    public double FailuresPerIndependentFailure => 1 + StartProbability * (MeanSize - 1);

    /// <summary>Nodes of a burst, its first included: 1 + a geometric number on 1, 2, … of mean m − 1.</summary>
    public int DrawSize(RandomStream stream) => 1 + Geometric.Sample(stream, 1 / (MeanSize - 1));
}
