using Simulator.Engine;
using System.ComponentModel;
using Simulator.Scenarios;
using Simulator.Storage;
using Simulator.Units;

namespace Simulator.Faults;

/// <summary>An operator action on one cluster that goes on at a pace (volumes per unit of time) from its time.</summary>
public abstract record PacedActionSpec : ClusterActionSpec
{
    [Description("Pace: volumes per unit of time (multiplied by --scale).")]
    [Positive]
    [Scaled]
    public required Rate Rate { get; init; }

    /// <summary>Starts the action on the cluster at <paramref name="perSecond"/>.</summary>
    protected abstract void Start(StorageCluster cluster, double perSecond);

    protected override void Act(TimelineContext timeline, int index, Duration at)
    {
        var cluster = timeline.Cluster(Cluster);
        double perSecond = Rate.PerSecond;
        timeline.At(at, () => Start(cluster, perSecond));
    }
}
