using NUnit.Framework;
using Simulator.Engine;
using Simulator.Network;

namespace Simulator.Tests.Network;

/// <summary>
/// Starting, re-rating and completing flows allocates nothing per event: only a table growing to a size it never had
/// (a link crossed by more flows than ever before) allocates, ever more rarely.
/// </summary>
public sealed class FlowAllocationTests
{
    /// <summary>Starts a flow of a random size over two random node links and the core each time one completes,
    /// and stops the simulation after <see cref="Budget"/> completions.</summary>
    private sealed class Churn(Simulation sim, FlowNetwork net, int nodes, int core) : IFlowClient
    {
        private readonly RandomStream _rng = new(7);
        public int Budget;

        public void Start(long token)
        {
            int src = _rng.Next(nodes), dst = (src + 1 + _rng.Next(nodes - 1)) % nodes;
            double cap = _rng.Next(4) == 0 ? 2e8 : double.PositiveInfinity;
            net.Start(this, token, 1e7 + 1e8 * _rng.NextDouble(), [src, core, dst], cap);
        }

        public void OnFlowDone(long token)
        {
            Start(token);
            if (--Budget == 0) sim.Stop();
        }
    }

    [Test]
    public void ChurningFlowsAllocateNothingPerEvent()
    {
        var sim = new Simulation();
        var net = new FlowNetwork(sim);
        const int nodes = 50;
        for (int n = 0; n < nodes; n++) net.AddLink(1e9);
        int core = net.AddLink(2e10);
        var churn = new Churn(sim, net, nodes, core);
        for (int f = 0; f < 300; f++) churn.Start(f);
        churn.Budget = 20_000;
        sim.Run();

        churn.Budget = 20_000;
        long events = sim.EventsProcessed;
        long bytes = GC.GetAllocatedBytesForCurrentThread();
        sim.Run();
        bytes = GC.GetAllocatedBytesForCurrentThread() - bytes;

        events = sim.EventsProcessed - events;
        Assert.That(events, Is.GreaterThan(10_000));
        // One object per event would be at least 24 bytes per event; growth to new sizes is a few hundred bytes in all.
        Assert.That((double)bytes / events, Is.LessThan(0.5), $"{bytes} bytes over {events} events");
        Assert.That(net.ActiveFlows, Is.EqualTo(300));
    }
}
