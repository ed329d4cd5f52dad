using NUnit.Framework;
using Simulator.Engine;
using Simulator.Placement;

namespace Simulator.Tests.Placement;

/// <summary>Placement runs per re-mirroring attempt: neither operation may allocate.</summary>
public sealed class AllocationTests
{
    private static IEnumerable<string> Kinds => PlacementKinds.Names;

    [TestCaseSource(nameof(Kinds))]
    public void PlacingAndChoosingAReplacementAllocateNothing(string kind)
    {
        var domains = FailureDomains.Uniform(200, zones: 3, powerDomainsPerZone: 2, racksPerPowerDomain: 4);
        var policy = PlacementKinds.Create(kind, domains, replicas: 3, scatterWidth: 8, new RandomStream(1));
        var space = new DomainFreeSpace(domains);
        var fill = new RandomStream(2);
        for (int n = 0; n < domains.NodeCount; n++) space.Set(n, fill.Next(1000));
        var stream = new RandomStream(3);
        var replicas = new int[3];
        Run(policy, space, stream, replicas, 1000); // warm up (tiered compilation)

        long before = GC.GetAllocatedBytesForCurrentThread();
        int placed = Run(policy, space, stream, replicas, 20_000);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(allocated, Is.Zero, $"bytes allocated by 20,000 placements and replacements of {kind}");
        Assert.That(placed, Is.GreaterThan(10_000), "operations that found nodes");
    }

    private static int Run(PlacementPolicy policy, DomainFreeSpace space, RandomStream stream, int[] replicas, int count)
    {
        int found = 0;
        Span<int> keep = stackalloc int[2];
        for (int i = 0; i < count; i++)
        {
            long size = 1 + (i % 500);
            if (!policy.TryPlace(size, space, stream, replicas)) continue;
            keep[0] = replicas[1];
            keep[1] = replicas[2];
            if (policy.ChooseReplacement(size, keep, space, stream) >= 0) found++;
        }
        return found;
    }
}
