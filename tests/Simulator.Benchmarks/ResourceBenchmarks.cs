using BenchmarkDotNet.Attributes;
using Simulator.Engine;

namespace Simulator.Benchmarks;

/// <summary>Callback-style resource use: a free unit granted at once, and a queued request granted on release.</summary>
[MemoryDiagnoser]
public class ResourceBenchmarks
{
    private const int OperationsPerInvoke = 1000;

    private sealed class Client : IResourceClient
    {
        public long Granted;
        public void OnGranted(long token) => Granted++;
        public void OnTimedOut(long token) { }
    }

    private readonly Client _client = new();
    private Simulation _sim = null!;
    private Resource _resource = null!;

    [GlobalSetup]
    public void Setup()
    {
        _sim = new Simulation();
        _resource = new Resource(_sim, capacity: 1);
        QueuedRequestGrantedOnRelease(); // grow the queues
    }

    [Benchmark(OperationsPerInvoke = OperationsPerInvoke, Description = "request (free) + release")]
    public void RequestAndRelease()
    {
        for (int i = 0; i < OperationsPerInvoke; i++)
        {
            _resource.Request(_client, i, Duration.FromSeconds(1));
            _resource.Release();
        }
    }

    [Benchmark(OperationsPerInvoke = OperationsPerInvoke, Description = "queued request with time-out, granted on release")]
    public void QueuedRequestGrantedOnRelease()
    {
        _resource.Request(_client, -1); // hold the only unit
        for (int i = 0; i < OperationsPerInvoke; i++)
        {
            _resource.Request(_client, i, Duration.FromSeconds(1)); // queues, schedules its time-out
            _resource.Release();                                     // grants it (cancels the time-out)
            _sim.Run();                                              // delivers the grant event
        }
        _resource.Release();
    }
}
