using BenchmarkDotNet.Attributes;

namespace Simulator.Benchmarks;

/// <summary>
/// Completion events of a <see cref="Network.FlowNetwork"/> with 10,000 flows in progress over 2,000 node links, each
/// completion starting a new flow (<see cref="FlowChurn"/>): through a shared core link (one component of all
/// flows) or rack-local (components of about 50 flows). One operation is one completion event with its recomputation.
/// </summary>
[MemoryDiagnoser]
public class FlowNetworkBenchmarks
{
    private const int OperationsPerInvoke = 100;

    private FlowChurn _churn = null!;

    [Params(true, false)]
    public bool Core { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _churn = new FlowChurn(nodes: 2_000, flows: 10_000, Core, seed: 1);
        _churn.Run(1_000); // tables at their working size
    }

    [Benchmark(OperationsPerInvoke = OperationsPerInvoke, Description = "flow completes, a new one starts")]
    public void CompletionAndRestart() => _churn.Run(OperationsPerInvoke);
}
