using NUnit.Framework;
using Simulator.Engine;
using Simulator.Network;

namespace Simulator.Tests.Network;

/// <summary>
/// A random run built for the shared link queues: a main link most flows cross, with equal caps (or none), some of
/// them also crossing one or two of four side links (node interfaces) or a fifth link; now and then a flow capped
/// lower or higher, or one that avoids the main link, to send the queue back to the max-min path; cancellations;
/// changes of capacity and background on every link, the main one cut to 0 at times; several changes at one instant.
/// With the reference, every flow's rate and remaining bytes, every link's flow rate and the total are compared with
/// <see cref="ReferenceFluid"/> after each operation.
/// </summary>
internal sealed class SharedRun
{
    private const double Mbps = 1e6;
    private const double Mbit = 125_000;
    private const int Main = 0, Other = 5;

    private readonly System.Random _rng;
    private readonly System.Random _restarts;
    private readonly bool _restartOnCompletion;
    private readonly double _commonCap;
    private readonly Dictionary<long, FlowId> _flows = [];
    private readonly List<(double Capacity, double Background)> _links = [];
    private long _nextToken;

    public SharedRun(int seed, bool sharedLinkQueues, bool withReference, bool restartOnCompletion)
    {
        _rng = new System.Random(5000 + seed);
        _restarts = new System.Random(9000 + seed);
        _restartOnCompletion = restartOnCompletion;
        Sim = new Simulation();
        Net = new FlowNetwork(Sim, sharedLinkQueues);
        Rec = new FlowRecorder(Sim);
        Reference = withReference ? new ReferenceFluid() : null;
        _commonCap = _rng.Next(3) == 0 ? double.PositiveInfinity : (1 + 5 * _rng.NextDouble()) * Mbps;
        AddLink((6 + 14 * _rng.NextDouble()) * Mbps);
        for (int s = 0; s < 4; s++) AddLink((2 + 10 * _rng.NextDouble()) * Mbps);
        AddLink((5 + 15 * _rng.NextDouble()) * Mbps);
        if (restartOnCompletion) Rec.Then = Restart;
    }

    public Simulation Sim { get; }
    public FlowNetwork Net { get; }
    public FlowRecorder Rec { get; }
    public ReferenceFluid? Reference { get; }
    public int RateChecks { get; private set; }

    public void Play()
    {
        long ticks = 0;
        for (int op = 0; op < 60; op++)
        {
            if (_rng.Next(6) > 0) ticks += 1 + (long)(_rng.NextDouble() * 6e5);
            Sim.RunUntil(new SimTime(ticks));
            Reference?.AdvanceTo(ticks / 1e6);
            int kind = _rng.Next(20);
            if (kind < 11) StartRandom();
            else if (kind < 14) CancelRandom();
            else SetLink(kind < 16 ? Main : kind < 19 ? 1 + _rng.Next(4) : Other);
            if (Reference is not null) Compare(ticks);
        }
        for (int l = 0; l < _links.Count; l++)
        {
            Net.SetLinkCapacity(l, 10 * Mbps);
            Net.SetLinkBackground(l, 0);
            Reference?.SetLink(l, 10 * Mbps, 0, 1);
        }
        Sim.Run();
        Reference?.AdvanceTo(1e9);
        Assert.That(Net.ActiveFlows, Is.Zero);
        Assert.That(Net.BytesRemaining, Is.Zero);
        Assert.That(Enumerable.Range(0, _links.Count).Select(Net.LinkFlowRateBps), Is.All.Zero);
    }

    private void AddLink(double capacity)
    {
        _links.Add((capacity, 0));
        Net.AddLink(capacity);
        Reference?.AddLink(capacity);
    }

    private void StartRandom()
    {
        var path = new List<int>();
        int shape = _rng.Next(40);
        if (shape < 37)
        {
            path.Add(Main);
            int sides = _rng.Next(3);
            foreach (int s in Enumerable.Range(1, 4).OrderBy(_ => _rng.Next()).Take(sides)) path.Insert(_rng.Next(path.Count + 1), s);
            if (shape == 36) path.Add(Other);
        }
        else
        {
            path.Add(1 + _rng.Next(4));
            if (shape < 39) path.Add(Other);
        }
        double cap = _rng.Next(16) switch
        {
            0 => (0.3 + 1.2 * _rng.NextDouble()) * Mbps,
            1 => _rng.Next(2) == 0 ? double.PositiveInfinity : (6 + 4 * _rng.NextDouble()) * Mbps,
            _ => _commonCap,
        };
        double bytes = _rng.Next(30) == 0 ? 0 : (0.5 + 15 * _rng.NextDouble()) * Mbit;
        Start(path.ToArray(), bytes, cap);
    }

    private void Start(int[] path, double bytes, double cap)
    {
        long token = _nextToken++;
        _flows[token] = Net.Start(Rec, token, bytes, path, cap);
        Reference?.Start(token, bytes, path, cap);
    }

    /// <summary>Without the reference: some completions start a flow, at the completion's instant.</summary>
    private void Restart(long token)
    {
        if (_nextToken > 400 || _restarts.Next(3) > 0) return;
        int[] path = _restarts.Next(4) == 0 ? [Main, 1 + _restarts.Next(4)] : [Main];
        Start(path, (0.1 + 8 * _restarts.NextDouble()) * Mbit, _restarts.Next(6) == 0 ? 0.5 * Mbps : _commonCap);
    }

    private void CancelRandom()
    {
        var active = _flows.Where(f => Net.IsActive(f.Value)).Select(f => f.Key).Order().ToList();
        if (active.Count == 0) return;
        long token = active[_rng.Next(active.Count)];
        Net.Cancel(_flows[token]);
        Reference?.Cancel(token);
    }

    private void SetLink(int l)
    {
        var (capacity, background) = _links[l];
        if (_rng.Next(3) > 0) capacity = _rng.Next(6) == 0 ? 0 : (l == Main ? 4 + 26 * _rng.NextDouble() : 1 + 11 * _rng.NextDouble()) * Mbps;
        else background = _rng.NextDouble() * capacity;
        _links[l] = (capacity, background);
        Net.SetLinkCapacity(l, capacity);
        Net.SetLinkBackground(l, background);
        Reference?.SetLink(l, capacity, background, 1);
    }

    private void Compare(long ticks)
    {
        var reference = Reference!;
        var active = _flows.Where(f => Net.IsActive(f.Value)).Select(f => f.Key).Order().ToList();
        Assert.That(reference.ActiveTokens.Order(), Is.EqualTo(active), $"active flows at {ticks} µs");
        var rates = reference.Rates();
        var bits = reference.RemainingBits();
        foreach (var (token, rate) in rates)
        {
            Assert.That(Net.RateBps(_flows[token]), Is.EqualTo(rate).Within(1e-9 * Mbps), $"rate of flow {token} at {ticks} µs");
            // The reference completes flows at exact times, the network at ticks: a few bits apart per change.
            Assert.That(Net.RemainingBytes(_flows[token]) * 8, Is.EqualTo(bits[token]).Within(1e3 + 1e-9 * bits[token]),
                $"remaining bits of flow {token} at {ticks} µs");
            RateChecks++;
        }
        for (int l = 0; l < _links.Count; l++)
        {
            double sum = rates.Where(r => reference.LinksOf(r.Key).Contains(l)).Sum(r => r.Value);
            Assert.That(Net.LinkFlowRateBps(l), Is.EqualTo(sum).Within(1e-6 * Mbps), $"flow rate of link {l} at {ticks} µs");
        }
        Assert.That(Net.TotalRateBps, Is.EqualTo(rates.Values.Sum()).Within(1e-6 * Mbps), $"total rate at {ticks} µs");
    }
}
