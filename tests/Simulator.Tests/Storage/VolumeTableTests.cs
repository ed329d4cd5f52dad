using NUnit.Framework;
using Simulator.Storage;

namespace Simulator.Tests.Storage;

public sealed class VolumeTableTests
{
    /// <summary>Two nodes, one volume stuck with its only copy on node 0.</summary>
    private static (VolumeTable Volumes, NodeTable Nodes) OneStuckVolume()
    {
        var nodes = new NodeTable("c", nodes: 2, volumesPerNode: 1, Simulator.Placement.FailureDomains.Uniform(2));
        nodes.SetCapacity(100);
        var volumes = new VolumeTable("c", 0, [10], [1f], nodes, observer: null);
        volumes.AddReplica(0, 0);
        volumes.MarkStuckCause(0, byNetwork: false);
        volumes.SetState(0, VolumeState.Stuck);
        return (volumes, nodes);
    }

    [Test]
    public void WhetherACrashedCopyCanBeReadIsDrawnAgainAtEachCrash()
    {
        var (volumes, _) = OneStuckVolume();
        volumes.MarkUnavailable(0, recoverable: true);
        volumes.ClearUnavailable(0);
        volumes.MarkUnavailable(0, recoverable: false);
        Assert.That(volumes.Has(0, VolumeFlags.Recoverable), Is.False, "the second crash's copy is unreadable");
    }

    [Test]
    public void ATransitionThatBreaksTheVolumeIsRefusedAtOnce()
    {
        var (volumes, nodes) = OneStuckVolume();
        Assert.That(() => volumes.SetState(0, VolumeState.Healthy), Throws.InvalidOperationException.With.Message.Contains("healthy with 1 of 2 replicas"));

        (volumes, nodes) = OneStuckVolume();
        nodes.MarkCrashed(0);
        nodes.EndCrash(0);
        Assert.That(() => volumes.Check(0), Throws.InvalidOperationException.With.Message.Contains("replica on a crashed node"));

        (volumes, _) = OneStuckVolume();
        volumes.AddReplica(0, 1);
        Assert.That(() => volumes.SetState(0, VolumeState.Stuck), Throws.InvalidOperationException.With.Message.Contains("stuck with all its replicas"));
        volumes.Target[0] = 1;
        Assert.That(() => volumes.Check(0), Throws.InvalidOperationException.With.Message.Contains("copy target among its replicas"));
    }

    [Test]
    public void ALostVolumeNeverComesBack()
    {
        var (volumes, _) = OneStuckVolume();
        volumes.SetState(0, VolumeState.Lost);
        Assert.That(() => volumes.SetState(0, VolumeState.Stuck), Throws.InvalidOperationException.With.Message.Contains("lost volume 0 cannot become"));
        Assert.That(volumes.Lost, Is.EqualTo(1));
    }
}
