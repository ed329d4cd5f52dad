using BenchmarkDotNet.Attributes;
using Simulator.Engine;
using Simulator.Placement;
using Simulator.Storage;

namespace Simulator.Benchmarks;

/// <summary>
/// The storage model's replacement search today on 2,000 nodes — <see cref="FreeSpaceIndex.FindMostFree(long, int, int)"/> skipping the
/// survivor — against the same search on <see cref="DomainFreeSpace"/>, the reference for <see cref="PlacementBenchmarks"/>.
/// </summary>
[MemoryDiagnoser]
public class TodaysSearchBenchmarks
{
    private const int OperationsPerInvoke = 1000, Nodes = 2000;

    private FreeSpaceIndex _index = null!;
    private DomainFreeSpace _space = null!;
    private int[] _survivor = [];

    [GlobalSetup]
    public void Setup()
    {
        _index = new FreeSpaceIndex(Nodes);
        _space = new DomainFreeSpace(FailureDomains.Uniform(Nodes, zones: 3, powerDomainsPerZone: 4, racksPerPowerDomain: 10));
        var fill = new RandomStream(2);
        for (int n = 0; n < Nodes; n++)
        {
            long free = 1000 + fill.Next(1_000_000);
            _index.Set(n, free);
            _space.Set(n, free);
        }
        _survivor = Enumerable.Range(0, OperationsPerInvoke).Select(_ => fill.Next(Nodes)).ToArray();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = OperationsPerInvoke, Description = "FreeSpaceIndex.FindMostFree(size, survivor, -1)")]
    public int FreeSpaceIndexSearch()
    {
        int sum = 0;
        for (int op = 0; op < OperationsPerInvoke; op++) sum += _index.FindMostFree(500, _survivor[op], -1);
        return sum;
    }

    [Benchmark(OperationsPerInvoke = OperationsPerInvoke, Description = "DomainFreeSpace.FindMostFree(size, survivor, -1)")]
    public int DomainFreeSpaceSearch()
    {
        int sum = 0;
        for (int op = 0; op < OperationsPerInvoke; op++) sum += _space.FindMostFree(500, _survivor[op], -1);
        return sum;
    }
}
