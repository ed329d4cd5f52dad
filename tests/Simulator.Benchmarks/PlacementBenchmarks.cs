using BenchmarkDotNet.Attributes;
using Simulator.Engine;
using Simulator.Placement;
using Simulator.Storage;

namespace Simulator.Benchmarks;

/// <summary>
/// Choosing a replacement replica on a cluster of 2,000 nodes (3 zones × 4 power domains × 10 racks), R = 3, two
/// replicas kept, for every placement kind, after 4,096 items were placed by the policy (their space occupied): with
/// space everywhere, and with every node too full (the futile searches of a storm).
/// </summary>
[MemoryDiagnoser]
public class PlacementBenchmarks
{
    private const int OperationsPerInvoke = 1000, Nodes = 2000, Items = 4096;

    private PlacementPolicy _policy = null!;
    private DomainFreeSpace _space = null!;
    private RandomStream _stream = null!;
    private int[] _kept = [];
    private long[] _size = [];

    [Params("most_free", "random", "rack_aware", "power_domain_aware", "zone_spread", "copyset", "scatter")]
    public string Kind { get; set; } = "";

    /// <summary>Every node too full for the item: the search fails.</summary>
    [Params(false, true)]
    public bool Full { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var domains = FailureDomains.Uniform(Nodes, zones: 3, powerDomainsPerZone: 4, racksPerPowerDomain: 10);
        _policy = PlacementKinds.Create(Kind, domains, replicas: 3, scatterWidth: 10, new RandomStream(1));
        _space = new DomainFreeSpace(domains);
        var fill = new RandomStream(2);
        for (int n = 0; n < Nodes; n++) _space.Set(n, 1000 + fill.Next(1_000_000));
        _stream = new RandomStream(3);
        _kept = new int[2 * Items];
        _size = new long[Items];
        var replicas = new int[3];
        for (int i = 0; i < Items; i++)
        {
            _size[i] = 1 + fill.Next(1000);
            if (!_policy.TryPlace(_size[i], _space, _stream, replicas)) throw new InvalidOperationException("placement failed");
            foreach (int n in replicas) _space.Set(n, _space.FreeOf(n) - _size[i]);
            _kept[2 * i] = replicas[1];
            _kept[2 * i + 1] = replicas[2];
        }
        if (Full) for (int i = 0; i < Items; i++) _size[i] = 2_000_000;
    }

    [Benchmark(OperationsPerInvoke = OperationsPerInvoke, Description = "choose a replacement (R = 3, 2 kept)")]
    public int ChooseReplacement()
    {
        int sum = 0;
        for (int op = 0; op < OperationsPerInvoke; op++)
        {
            int i = op & (Items - 1);
            sum += _policy.ChooseReplacement(_size[i], _kept.AsSpan(2 * i, 2), _space, _stream);
        }
        return sum;
    }
}
