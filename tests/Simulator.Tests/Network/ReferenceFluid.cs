namespace Simulator.Tests.Network;

/// <summary>
/// The test's oracle in time: a fluid simulation in seconds (doubles, no ticks) that recomputes the max-min rates
/// of every flow from scratch with <see cref="ReferenceMaxMin"/> whenever anything changes, and advances every
/// flow's remaining bits to the next completion or the next change.
/// </summary>
internal sealed class ReferenceFluid
{
    private readonly List<(double Capacity, double Background, double Share)> _links = [];
    private readonly List<(long Token, int[] Links, double Cap, double Bits)> _flows = [];
    private double _now;

    /// <summary>Completion time in seconds of every flow that completed, by token.</summary>
    public Dictionary<long, double> Done { get; } = [];

    public IReadOnlyList<long> ActiveTokens => _flows.Select(f => f.Token).ToList();

    public void AddLink(double capacity, double background = 0, double share = 1) => _links.Add((capacity, background, share));

    public void SetLink(int link, double capacity, double background, double share) => _links[link] = (capacity, background, share);

    public void Start(long token, double bytes, int[] links, double cap) => _flows.Add((token, links, cap, bytes * 8));

    public void Cancel(long token) => _flows.RemoveAll(f => f.Token == token);

    /// <summary>The current rates, by token.</summary>
    public Dictionary<long, double> Rates()
    {
        var rates = ReferenceMaxMin.Rates(Available(), _flows.Select(f => f.Links).ToList(), _flows.Select(f => f.Cap).ToList());
        return _flows.Select((f, i) => (f.Token, rates[i])).ToDictionary(x => x.Token, x => x.Item2);
    }

    /// <summary>The links the flow with <paramref name="token"/> crosses.</summary>
    public int[] LinksOf(long token) => _flows.Single(f => f.Token == token).Links;

    /// <summary>The bits each flow has still to send, by token.</summary>
    public Dictionary<long, double> RemainingBits() => _flows.ToDictionary(f => f.Token, f => f.Bits);

    /// <summary>Runs the fluid to <paramref name="t"/> seconds, completing the flows that finish by then.</summary>
    public void AdvanceTo(double t)
    {
        while (true)
        {
            var rates = Rates();
            double next = double.PositiveInfinity;
            foreach (var f in _flows)
                if (rates[f.Token] > 0) next = Math.Min(next, _now + f.Bits / rates[f.Token]);
                else if (f.Bits <= 0) next = _now;
            double to = Math.Min(next, t);
            for (int i = 0; i < _flows.Count; i++)
            {
                var f = _flows[i];
                _flows[i] = f with { Bits = f.Bits - rates[f.Token] * (to - _now) };
            }
            _now = to;
            if (next > t) return;
            // Everything within a microsecond's worth of bits of the earliest completion completes with it.
            foreach (var f in _flows.Where(f => f.Bits <= rates[f.Token] * 0.5e-6 + 1e-9).OrderBy(f => f.Token).ToList())
            {
                Done[f.Token] = _now;
                _flows.Remove(f);
            }
        }
    }

    private List<double> Available() =>
        _links.Select(l => Math.Max(0, Math.Min(l.Capacity - l.Background, l.Share * l.Capacity))).ToList();
}
