using NUnit.Framework;
using Simulator.Engine;
using Simulator.Placement;
using Simulator.Storage;
using Simulator.Tests.Support;
using static Simulator.Tests.Support.TestScenarios;

namespace Simulator.Tests.Placement;

/// <summary>
/// <see cref="MostFreePolicy"/> with R = 2 must choose what the storage model chooses today, so that scenarios keep
/// their bytes when the storage model places through it.
/// </summary>
public sealed class MostFreeCompatibilityTests
{
    [Test]
    public void PlacesEveryVolumeOfAClusterOnTheNodesTheStorageModelChose()
    {
        // Tight space and spread sizes, so that drawn nodes are often too full and the fallback is exercised.
        var rig = new ClusterRig(Small(freeCapacityPct: 1, volumeSizeSigma: 1.5, nodes: 30, volumes: 300), seed: 7);
        var cluster = rig.Cluster;
        var domains = FailureDomains.Uniform(cluster.NodeCount, zones: 1, powerDomainsPerZone: 2, racksPerPowerDomain: 3);
        var space = new DomainFreeSpace(domains);
        for (int n = 0; n < cluster.NodeCount; n++) space.Set(n, cluster.NodeCapacityMiB);
        var policy = new MostFreePolicy(domains, replicas: 2);
        var stream = new RandomStreams(7, 0).Get("placement:" + ClusterName);
        var draws = new RandomStreams(7, 0).Get("placement:" + ClusterName);

        var bySize = Enumerable.Range(0, cluster.VolumeCount).OrderByDescending(cluster.SizeMiBOf).ThenBy(v => v).ToList();
        Span<int> replicas = stackalloc int[2];
        int fellBack = 0;
        foreach (int v in bySize)
        {
            long size = cluster.SizeMiBOf(v);
            Assert.That(policy.TryPlace(size, space, stream, replicas), Is.True, $"volume {v}");
            var (primary, mirror, _) = cluster.ReplicasOf(v);
            Assert.That((replicas[0], replicas[1]), Is.EqualTo((primary, mirror)), $"volume {v} of {size} MiB");
            if (draws.Next(cluster.NodeCount) != primary) fellBack++;
            foreach (int n in replicas) space.Set(n, space.FreeOf(n) - size);
        }
        Assert.That(fellBack, Is.GreaterThan(10), "volumes whose drawn node was too full");
    }

    [Test]
    public void MakesTheOldRulesChoicesThroughPlacementCrashesReplacementsAndAddedNodes()
    {
        const long capacity = 1000;
        var domains = FailureDomains.Uniform(24, zones: 2, powerDomainsPerZone: 2, racksPerPowerDomain: 2);
        var old = new OldRule(domains.NodeCount, capacity);
        var space = new DomainFreeSpace(domains);
        for (int n = 0; n < domains.NodeCount; n++) space.Set(n, capacity);
        var policy = new MostFreePolicy(domains, replicas: 2);
        var oldStream = new RandomStream(5);
        var newStream = new RandomStream(5);
        var events = new RandomStream(6);

        var sizes = Enumerable.Range(0, 400).Select(_ => 1 + (long)events.Next(60)).OrderDescending().ToArray();
        var volumes = new List<(long Size, int A, int B)>();
        Span<int> replicas = stackalloc int[2];
        foreach (long size in sizes)
        {
            var (a, b) = old.Place(size, oldStream);
            bool placed = policy.TryPlace(size, space, newStream, replicas);
            Assert.That(placed, Is.EqualTo(a >= 0 && b >= 0), $"volume of {size}: placed or not");
            if (!placed) continue;
            Assert.That((replicas[0], replicas[1]), Is.EqualTo((a, b)), $"volume of {size}");
            old.Occupy(a, size); old.Occupy(b, size);
            Sync(old, space, a, b);
            volumes.Add((size, a, b));
        }
        Assert.That(volumes, Has.Count.GreaterThan(300));

        int replaced = 0, refused = 0;
        for (int step = 0; step < 5000; step++)
        {
            int what = events.Next(10);
            if (what == 0)
            {
                int n = events.Next(old.Count);
                old.SetEligible(n, !old.IsEligible(n)); // a crash or isolation, or the way back
                Sync(old, space, n);
            }
            else if (what == 1 && step % 50 == 1)
            {
                int n = domains.AddNode();
                Assert.That(old.Add(), Is.EqualTo(n));
                Sync(old, space, n);
            }
            else
            {
                int v = events.Next(volumes.Count);
                var (size, a, b) = volumes[v];
                bool loseA = events.Next(2) == 0;
                int survivor = loseA ? b : a, lost = loseA ? a : b;
                int expected = old.Replace(size, survivor);
                Assert.That(policy.ChooseReplacement(size, [survivor], space, newStream), Is.EqualTo(expected),
                    $"step {step}: replacement of node {lost} for a volume of {size} kept on node {survivor}");
                if (expected < 0) { refused++; continue; }
                replaced++;
                old.Occupy(expected, size);
                old.Occupy(lost, -size);
                Sync(old, space, expected, lost);
                volumes[v] = (size, survivor, expected);
            }
        }
        Assert.That(replaced, Is.GreaterThan(1000), "replacements made");
        Assert.That(refused, Is.GreaterThan(0), "replacements refused for want of space");
    }

    private static void Sync(OldRule old, DomainFreeSpace space, params int[] nodes)
    {
        foreach (int n in nodes) space.Set(n, old.Free.Get(n));
    }

    /// <summary>The storage model's rule as it is written in <c>StorageCluster.PlaceInitialReplicas</c> and <c>ReMirroring.Attempt</c>.</summary>
    private sealed class OldRule(int nodes, long capacity)
    {
        private readonly List<long> _used = Enumerable.Repeat(0L, nodes).ToList();
        private readonly List<bool> _eligible = Enumerable.Repeat(true, nodes).ToList();

        public FreeSpaceIndex Free { get; } = Init(nodes, capacity);
        public int Count => _used.Count;

        private static FreeSpaceIndex Init(int nodes, long capacity)
        {
            var free = new FreeSpaceIndex(nodes);
            for (int n = 0; n < nodes; n++) free.Set(n, capacity);
            return free;
        }

        public (int A, int B) Place(long size, RandomStream placeStream)
        {
            int a = placeStream.Next(Count);
            if (Free.Get(a) < size) a = Free.FindMostFree(size, -1, -1);
            if (a < 0) return (-1, -1);
            return (a, Free.FindMostFree(size, a, -1));
        }

        public int Replace(long size, int survivor) => Free.FindMostFree(size, survivor, -1);

        public bool IsEligible(int n) => _eligible[n];

        public void SetEligible(int n, bool eligible)
        {
            _eligible[n] = eligible;
            Refresh(n);
        }

        public void Occupy(int n, long size)
        {
            _used[n] += size;
            Refresh(n);
        }

        public int Add()
        {
            _used.Add(0);
            _eligible.Add(true);
            Refresh(Count - 1);
            return Count - 1;
        }

        private void Refresh(int n) => Free.Set(n, _eligible[n] ? Math.Max(0, capacity - _used[n]) : -1);
    }
}
