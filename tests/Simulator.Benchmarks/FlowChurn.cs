using System.Diagnostics;
using Simulator.Engine;
using Simulator.Network;

namespace Simulator.Benchmarks;

/// <summary>
/// Flows coming and going on a <see cref="FlowNetwork"/>: a fixed number in progress, each replaced by a new one over
/// random links when it completes (the hold model, for flows). Node links of 1 Gbps; with <c>core</c>, every flow
/// crosses its source's link, the shared core link (800 Gbps) and its destination's link, so all flows form one
/// component; without, flows stay between the 10 nodes of a rack (components of about 50 flows at 10,000 flows over
/// 2,000 nodes). A quarter of the flows are capped at 50 Mbps (a disk). Sizes 0.5 to 1.5 GiB. With <c>equal</c>
/// (and the core), no flow is capped and the core has 200 Gbps: it is the one binding link, shared equally (20 Mbps
/// each at 10,000 flows, where a node link would need 50 flows to bind): the shared link queue's case.
/// </summary>
internal sealed class FlowChurn : IFlowClient
{
    private const int RackSize = 10;
    private const double GiB = 1L << 30;

    private readonly RandomStream _rng;
    private readonly int _nodes;
    private readonly int _core = -1;
    private long _budget;

    private readonly bool _equal;

    public FlowChurn(int nodes, int flows, bool core, ulong seed, bool equal = false)
    {
        _equal = equal;
        _rng = new RandomStreams(seed, 0).Get("flows");
        _nodes = nodes;
        Sim = new Simulation();
        Net = new FlowNetwork(Sim);
        for (int n = 0; n < nodes; n++) Net.AddLink(1e9);
        if (core) _core = Net.AddLink(equal ? 200e9 : 800e9);
        for (int f = 0; f < flows; f++) StartOne(f);
    }

    public Simulation Sim { get; }
    public FlowNetwork Net { get; }

    /// <summary>One trial: wall-clock seconds, and the process's processor seconds (which a loaded host inflates less).</summary>
    public readonly record struct Trial(long Events, double Seconds, double CpuSeconds, long AllocatedBytes, long RecomputedFlows)
    {
        public double EventsPerSecond => Events / Seconds;
        public double EventsPerCpuSecond => Events / CpuSeconds;
    }

    private void StartOne(long token)
    {
        int src, dst;
        if (_core >= 0)
        {
            src = _rng.Next(_nodes);
            dst = (src + 1 + _rng.Next(_nodes - 1)) % _nodes;
        }
        else
        {
            int rack = _rng.Next(_nodes / RackSize) * RackSize;
            src = rack + _rng.Next(RackSize);
            dst = rack + (src - rack + 1 + _rng.Next(RackSize - 1)) % RackSize;
        }
        double bytes = GiB * (0.5 + _rng.NextDouble());
        double cap = _rng.Next(4) == 0 && !_equal ? 50e6 : double.PositiveInfinity;
        if (_core >= 0) Net.Start(this, token, bytes, [src, _core, dst], cap);
        else Net.Start(this, token, bytes, [src, dst], cap);
    }

    public void OnFlowDone(long token)
    {
        StartOne(token);
        if (--_budget == 0) Sim.Stop();
    }

    /// <summary>Runs until <paramref name="events"/> completion events have fired.</summary>
    public Trial Run(long events)
    {
        _budget = events;
        long before = Sim.EventsProcessed, recomputed = Net.RecomputedFlows;
        using var process = Process.GetCurrentProcess();
        TimeSpan cpu = process.TotalProcessorTime;
        long bytes = GC.GetAllocatedBytesForCurrentThread();
        long start = Stopwatch.GetTimestamp();
        Sim.Run();
        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        bytes = GC.GetAllocatedBytesForCurrentThread() - bytes;
        process.Refresh();
        double cpuSeconds = (process.TotalProcessorTime - cpu).TotalSeconds;
        return new Trial(Sim.EventsProcessed - before, seconds, cpuSeconds, bytes, Net.RecomputedFlows - recomputed);
    }

    /// <summary>
    /// For each case, warm-up then <paramref name="trials"/> trials; prints events/s, flows re-rated per event, bytes
    /// allocated per event, and what one event per flow would add: a cancel and a schedule for every flow re-rated,
    /// timed on the engine with as many events pending.
    /// </summary>
    public static void RunAll(TextWriter output, int trials = 5, int nodes = 2_000, int flows = 10_000)
    {
        foreach (var (name, core, equal) in new[] { ("core", true, false), ("core-equal", true, true), ("rack-local", false, false) })
        {
            var churn = new FlowChurn(nodes, flows, core, seed: 1, equal);
            long events = core && !equal ? 3_000 : 200_000;
            churn.Run(events); // warm-up: tiered JIT, tables at their working size
            var results = new List<Trial>();
            for (int t = 0; t < trials; t++) results.Add(churn.Run(events));
            double eventsPerSecond = Median(results.Select(r => r.EventsPerSecond));
            double eventsPerCpuSecond = Median(results.Select(r => r.EventsPerCpuSecond));
            double reRated = Median(results.Select(r => (double)r.RecomputedFlows / r.Events));
            double bytesPerEvent = Median(results.Select(r => (double)r.AllocatedBytes / r.Events));
            double perFlowEventsUs = ScheduleAndCancelMicroseconds(flows, (int)Math.Round(reRated));
            output.WriteLine(FormattableString.Invariant(
                $"flows {name} nodes={nodes} flows={flows} events={events} events_per_s={eventsPerSecond:F0} events_per_cpu_s={eventsPerCpuSecond:F0} cpu_us_per_event={1e6 / eventsPerCpuSecond:F1} flows_rerated_per_event={reRated:F0} bytes_per_event={bytesPerEvent:G3} per_flow_events_would_add_cpu_us={perFlowEventsUs:F1}"));
        }
    }

    /// <summary>Processor time (µs) of <paramref name="pairs"/> cancel-and-reschedule pairs with <paramref name="pending"/>
    /// events pending: what one event per flow would add to an event that re-rates that many flows.</summary>
    private static double ScheduleAndCancelMicroseconds(int pending, int pairs)
    {
        var sim = new Simulation();
        var handler = new Nop();
        var rng = new RandomStream(2);
        var handles = new EventHandle[pending];
        for (int i = 0; i < pending; i++) handles[i] = sim.ScheduleAfter(new Duration(1 + rng.Next(1_000_000_000)), handler);
        void Rounds(int rounds)
        {
            for (int round = 0; round < rounds; round++)
                for (int i = 0; i < pairs; i++)
                {
                    int k = (round * pairs + i) % pending;
                    sim.Cancel(handles[k]);
                    handles[k] = sim.ScheduleAfter(new Duration(1 + rng.Next(1_000_000_000)), handler);
                }
        }
        Rounds(200); // warm-up
        const int measured = 2_000;
        using var process = Process.GetCurrentProcess();
        TimeSpan cpu = process.TotalProcessorTime;
        Rounds(measured);
        process.Refresh();
        return (process.TotalProcessorTime - cpu).TotalMicroseconds / measured;
    }

    private sealed class Nop : IEventHandler
    {
        public void OnEvent(int kind, long arg) { }
    }

    private static double Median(IEnumerable<double> values)
    {
        double[] sorted = values.Order().ToArray();
        int mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
