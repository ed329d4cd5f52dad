namespace Simulator.Engine;

/// <summary>A counted resource with a FIFO queue and request time-outs.</summary>
public sealed class Resource : IEventHandler
{
    private readonly Simulation _sim; private int _capacity;
    private readonly Queue<(IResourceClient c, long t, EventHandle h, long id)> _q = new();
    private readonly HashSet<long> _dead = new(); private long _ids;
    private readonly Dictionary<long,(IResourceClient c, long t)> _waiting = new();
    public Resource(Simulation sim, int capacity) { _sim = sim; _capacity = capacity; }
    public int InUse { get; private set; }
    public int QueueLength => _waiting.Count;
    public int Capacity { get => _capacity; set { _capacity = value; Grant(); } }
    public void Request(IResourceClient c, long token, Duration timeout)
    {
        if (InUse < _capacity && _waiting.Count == 0) { InUse++; c.OnGranted(token); return; }
        long id = _ids++; var h = _sim.ScheduleAfter(timeout, this, 0, id);
        _waiting[id] = (c, token); _q.Enqueue((c, token, h, id));
    }
    public void Release() { InUse--; Grant(); }
    private void Grant()
    {
        while (InUse < _capacity && _q.Count > 0)
        {
            var x = _q.Dequeue(); if (!_waiting.Remove(x.id)) continue;
            _sim.Cancel(x.h); InUse++; x.c.OnGranted(x.t);
        }
    }
    public void OnEvent(int kind, long arg) { if (_waiting.Remove(arg, out var w)) w.c.OnTimedOut(w.t); }
}
