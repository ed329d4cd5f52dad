using System.Diagnostics;
using Simulator.Engine;

namespace Simulator.Network;

/// <summary>
/// A fluid model of transfers sharing bandwidth, as in SimGrid: flows of a given size cross a few links, and the
/// links' capacities are shared among the flows crossing them max-min fairly (progressive filling, with optional
/// per-flow rate caps). Between changes every flow's remaining bytes fall linearly at its rate; its completion is an
/// event on the <see cref="Simulation"/> at its exact time, to the tick (1 µs), and its client is then told through
/// <see cref="IFlowClient.OnFlowDone"/>. Rates are in bits per second, sizes in bytes.
/// </summary>
/// <remarks>
/// <para><b>When rates are recomputed.</b> Only when a flow starts, completes or is cancelled, or when a link's
/// capacity, background load or repair share changes; and only over the connected components (links and the flows
/// crossing them) that contain the links concerned, found by a breadth-first search from those links. Flows elsewhere
/// keep their rates and their pending completions untouched. A recomputation of a component of F flows over L links,
/// each flow crossing at most k links, C of them capped, costs O(L + F·k + C log C): the search, the max-min solution
/// (<see cref="MaxMinSolver"/>) and the update of the flows whose rate changed, each linear, and the sort of the caps
/// (skipped when they are already in order, as when all caps are equal). Changes made from
/// <see cref="IFlowClient.OnFlowDone"/> are gathered and recomputed once, after every flow completing at that instant
/// has been told; until then <see cref="RateBps"/> shows the rates before the instant's changes (remaining bytes are
/// exact, as no time passes).</para>
/// <para><b>One completion event per component.</b> Each component has one pending event, at its earliest
/// completion, owned by its first link. With a shared bottleneck, every start or completion changes the rate of
/// every flow of the component, so one event per flow would cost a cancel and a schedule per flow re-rated; the
/// component's earliest completion is found instead in the pass that applies the new rates, for one cancel and one
/// schedule per recomputation. Measured (<c>Simulator.Benchmarks flows</c>, 10,000 flows through one shared link):
/// re-rating the 10,000 flows takes about 0.9 ms of processor time per event, and 10,000 cancel-and-schedule pairs
/// on the engine with as many events pending 1 to 2 ms more, so one event per flow would double or triple the cost.
/// A flow whose rate did not change keeps its completion time and its remaining bytes as they were (they are brought
/// up to date lazily, from the time of its last rate change).</para>
/// <para><b>One link shared equally: O(log F) per change.</b> The common congested case — many copies with equal
/// caps through one saturated link, each of its flows bottlenecked there at the same fair share, their other links
/// not binding — would still cost O(F) per start or completion on the path above, as the share changes for all F
/// flows. Such a component is run instead as a <see cref="SharedLinkQueue"/>: processor sharing with a virtual clock
/// that advances at the common rate, each flow holding its finish tag in a heap, so that a start, completion or
/// cancellation costs a heap operation and a change of capacity O(1), each plus the one event rescheduled
/// (<see cref="ProcessorSharing"/>). A queue is formed from the max-min solution when it has that shape, and dissolved
/// back into it as soon as it no longer does (a flow capped below the share, a flow bottlenecked elsewhere, a link
/// that stops binding); its rate is the solver's, and completion times are rounded to the tick the same way, so the
/// two paths agree but for the rounding of the remaining bits (the queue keeps a tag and a virtual clock, the
/// max-min path a running difference per flow), which may move a completion by a tick.</para>
/// <para><b>Determinism.</b> No hashing anywhere: components are searched in the order of the links' and flows'
/// lists, which depend only on the sequence of calls; the solution depends only on that order; and flows completing
/// at the same tick are told in the order they were started (by id).</para>
/// <para>No allocation per event once the tables have grown to their working size.</para>
/// </remarks>
public sealed class FlowNetwork : IEventHandler
{
    /// <summary>The most links one flow may cross.</summary>
    public const int MaxLinksPerFlow = 4;

    private const int EvCompletion = 1, EvFreeCompletion = 2, EvSharedCompletion = 3;

    private readonly Simulation _sim;
    private readonly FlowTable _t = new();
    private readonly ComponentUpdater _updater;
    private readonly ProcessorSharing _shared;
    private bool _dispatching;
    private int[] _doneSlots = new int[8];
    private long[] _doneIds = new long[8];
    private IFlowClient?[] _doneClients = new IFlowClient?[8];
    private long[] _doneTokens = new long[8];
    // The flows of the batch being told of their completion, and how many are told so far: a client told first may
    // cancel a flow of the same batch (a copy's end crashes a node, stopping another copy that ends at the same instant),
    // which then is not told.
    private FlowId[] _doneFlows = new FlowId[8];
    private int _doneCount, _doneTold;

    /// <summary>A network with no links, running on <paramref name="sim"/>.</summary>
    public FlowNetwork(Simulation sim) : this(sim, sharedLinkQueues: true)
    {
    }

    /// <summary>A network with no links; without <paramref name="sharedLinkQueues"/>, every component is solved by
    /// the max-min path, even when one link is shared equally (for tests that compare the two).</summary>
    internal FlowNetwork(Simulation sim, bool sharedLinkQueues)
    {
        ArgumentNullException.ThrowIfNull(sim);
        _sim = sim;
        _shared = new ProcessorSharing(_t, sim, this, EvSharedCompletion, sharedLinkQueues);
        _updater = new ComponentUpdater(_t, sim, this, EvCompletion, EvFreeCompletion, _shared);
    }

    /// <summary>Links added so far; their ids are 0 … <c>LinkCount − 1</c>.</summary>
    public int LinkCount => _t.LinkCount;

    /// <summary>Flows in progress (started, neither completed nor cancelled).</summary>
    public int ActiveFlows => _t.ActiveFlows;

    /// <summary>Recomputations of a component so far (a test hook).</summary>
    internal long Recomputations => _updater.Recomputations;

    /// <summary>Flows whose rate was recomputed so far, summed over recomputations; a flow joining a shared link
    /// queue counts once, and a queue's new rate counts none (a test hook).</summary>
    internal long RecomputedFlows => _updater.RecomputedFlows;

    /// <summary>Shared link queues formed so far (a test hook).</summary>
    internal long SharedQueuesFormed => _shared.Formed;

    /// <summary>Shared link queues dissolved back into the max-min path so far (a test hook).</summary>
    internal long SharedQueuesDissolved => _shared.Dissolved;

    /// <summary>Flows that joined a shared link queue on starting, so far (a test hook).</summary>
    internal long SharedQueueJoins => _shared.Joined;

    /// <summary>
    /// Adds a link. Flows share <c>min(capacity − background, repairShare × capacity)</c> (never below 0):
    /// <paramref name="backgroundBps"/> is traffic the flows cannot take (clients' own I/O), and
    /// <paramref name="repairShare"/> the most of the capacity they may use.
    /// </summary>
    /// <returns>The link's id, numbered from 0 in the order links are added.</returns>
    public int AddLink(double capacityBps, double backgroundBps = 0, double repairShare = 1)
    {
        CheckRate(capacityBps, nameof(capacityBps));
        CheckRate(backgroundBps, nameof(backgroundBps));
        CheckShare(repairShare);
        return _t.AddLink(capacityBps, backgroundBps, repairShare);
    }

    /// <summary>Changes a link's capacity (degraded, cut to 0, restored); the flows crossing it are re-rated.</summary>
    public void SetLinkCapacity(int link, double capacityBps)
    {
        CheckLink(link);
        CheckRate(capacityBps, nameof(capacityBps));
        bool wasSlack = _t.Links[link].IsSlack;
        _t.Links[link].CapacityBps = capacityBps;
        Changed(link, wasSlack);
    }

    /// <summary>Changes the traffic on a link that flows cannot take; the flows crossing it are re-rated.</summary>
    public void SetLinkBackground(int link, double backgroundBps)
    {
        CheckLink(link);
        CheckRate(backgroundBps, nameof(backgroundBps));
        bool wasSlack = _t.Links[link].IsSlack;
        _t.Links[link].BackgroundBps = backgroundBps;
        Changed(link, wasSlack);
    }

    /// <summary>Changes the most of a link's capacity flows may use (0 to 1); the flows crossing it are re-rated.</summary>
    public void SetLinkRepairShare(int link, double repairShare)
    {
        CheckLink(link);
        CheckShare(repairShare);
        bool wasSlack = _t.Links[link].IsSlack;
        _t.Links[link].RepairShare = repairShare;
        Changed(link, wasSlack);
    }

    /// <summary>The link's capacity, bits per second.</summary>
    public double LinkCapacityBps(int link)
    {
        CheckLink(link);
        return _t.Links[link].CapacityBps;
    }

    /// <summary>The sum of the rates of the flows crossing the link, bits per second.</summary>
    public double LinkFlowRateBps(int link)
    {
        CheckLink(link);
        return _shared.FlowRateBps(ref _t.Links[link]);
    }

    /// <summary>The link's load (background plus flows) over its capacity, 0 for a link of no capacity; above 1
    /// when the background alone exceeds the capacity.</summary>
    public double LinkUtilization(int link)
    {
        CheckLink(link);
        ref LinkState l = ref _t.Links[link];
        return l.CapacityBps <= 0 ? 0 : (l.BackgroundBps + _shared.FlowRateBps(ref l)) / l.CapacityBps;
    }

    /// <summary>
    /// Starts a flow of <paramref name="bytes"/> over <paramref name="links"/> (1 to <see cref="MaxLinksPerFlow"/>
    /// distinct links), at most <paramref name="rateCapBps"/> fast. <paramref name="client"/> hears
    /// <see cref="IFlowClient.OnFlowDone"/>(<paramref name="token"/>) when it completes — at once (as an event now)
    /// for 0 bytes — unless it is cancelled first.
    /// </summary>
    public FlowId Start(IFlowClient client, long token, double bytes, ReadOnlySpan<int> links, double rateCapBps = double.PositiveInfinity)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (!double.IsFinite(bytes) || bytes < 0)
            throw new ArgumentOutOfRangeException(nameof(bytes), bytes, "a flow's size must be a finite number of bytes, 0 or more");
        if (double.IsNaN(rateCapBps) || rateCapBps <= 0)
            throw new ArgumentOutOfRangeException(nameof(rateCapBps), rateCapBps, "a flow's rate cap must be positive (or infinite for none)");
        if (links.Length < 1 || links.Length > MaxLinksPerFlow)
            throw new ArgumentException($"a flow crosses 1 to {MaxLinksPerFlow} links, not {links.Length}", nameof(links));
        for (int i = 0; i < links.Length; i++)
        {
            CheckLink(links[i]);
            for (int j = 0; j < i; j++)
                if (links[j] == links[i]) throw new ArgumentException($"a flow crosses link {links[i]} twice", nameof(links));
        }
        int slot = _t.Add(client, token, bytes * 8, links, rateCapBps, _sim.Now.Ticks);
        foreach (int l in links)
        {
            ref LinkState link = ref _t.Links[l];
            if (double.IsPositiveInfinity(rateCapBps)) link.Uncapped++;
            else link.SumCapBps += rateCapBps;
        }
        _updater.Place(slot);
        if (!_dispatching) _updater.Flush();
        return new FlowId(slot, _t.Flows[slot].Generation);
    }

    /// <summary>Stops a flow without telling its client; the others are re-rated.</summary>
    /// <returns>False if it had already completed or been cancelled, or is <see cref="FlowId.None"/>.</returns>
    public bool Cancel(FlowId flow)
    {
        if (!IsActive(flow)) return _dispatching && CancelUntold(flow);
        Detach(flow.Slot);
        _t.Remove(flow.Slot);
        if (!_dispatching) _updater.Flush();
        return true;
    }

    /// <summary>A flow of the batch being told, not told yet: it completed at this instant, but is cancelled before it is told.</summary>
    private bool CancelUntold(FlowId flow)
    {
        for (int i = _doneTold; i < _doneCount; i++)
            if (_doneFlows[i] == flow && _doneClients[i] is not null)
            {
                _doneClients[i] = null;
                return true;
            }
        return false;
    }

    /// <summary>True if the flow has started and has neither completed nor been cancelled.</summary>
    public bool IsActive(FlowId flow) =>
        !flow.IsNone && flow.Slot < _t.HighWater && _t.Flows[flow.Slot].Generation == flow.Generation;

    /// <summary>The flow's rate, bits per second; 0 if it is not active or not yet rated.</summary>
    public double RateBps(FlowId flow) => IsActive(flow) ? Math.Max(0, _shared.RateOf(ref _t.Flows[flow.Slot])) : 0;

    /// <summary>The bytes the flow has still to send; 0 if it is not active.</summary>
    public double RemainingBytes(FlowId flow) => IsActive(flow) ? _shared.RemainingBits(flow.Slot, _sim.Now.Ticks) / 8 : 0;

    /// <summary>The sum of the rates of the flows in progress, bits per second. O(flow slots).</summary>
    public double TotalRateBps
    {
        get
        {
            double sum = 0;
            FlowState[] flows = _t.Flows;
            for (int s = 0; s < _t.HighWater; s++)
            {
                if (!flows[s].Active) continue;
                double rate = _shared.RateOf(ref flows[s]);
                if (rate > 0) sum += rate;
            }
            return sum;
        }
    }

    /// <summary>The bytes the flows in progress have still to send (the backlog). O(flow slots).</summary>
    public double BytesRemaining
    {
        get
        {
            double sum = 0;
            long now = _sim.Now.Ticks;
            for (int s = 0; s < _t.HighWater; s++)
                if (_t.Flows[s].Active) sum += _shared.RemainingBits(s, now);
            return sum / 8;
        }
    }

    /// <summary>The completion event of a component (its earliest flows complete now), or of a free flow.</summary>
    void IEventHandler.OnEvent(int kind, long arg)
    {
        long now = _sim.Now.Ticks;
        int done = 0;
        if (kind == EvFreeCompletion)
        {
            int slot = (int)arg;
            ref FlowState flow = ref _t.Flows[slot];
            flow.Completion = EventHandle.None;
            Debug.Assert(flow.Active && flow.Free && flow.FinishTicks == now, "a free flow's completion fired at another time");
            _doneSlots[done++] = slot;
        }
        else if (kind == EvCompletion)
        {
            int owner = (int)arg;
            ref LinkState link = ref _t.Links[owner];
            link.Completion = EventHandle.None;
            Debug.Assert(link.NextTied || _t.Flows[link.NextFlow].FinishTicks == now, "a component's completion fired at another time");
            if (!link.NextTied) _doneSlots[done++] = link.NextFlow;
            else done = _updater.CollectFinishing(owner, now, ref _doneSlots, ref _doneIds);
        }
        else if (kind == EvSharedCompletion)
        {
            int owner = (int)arg;
            _t.Links[owner].Completion = EventHandle.None;
            done = _shared.CollectFinishing(owner, now, ref _doneSlots, ref _doneIds);
            Debug.Assert(done > 0, "a shared link queue's completion fired with no flow due");
        }
        else throw new InvalidOperationException($"unknown flow network event kind {kind}");
        if (_doneClients.Length < done)
        {
            _doneClients = new IFlowClient?[_doneSlots.Length];
            _doneTokens = new long[_doneSlots.Length];
            _doneFlows = new FlowId[_doneSlots.Length];
        }
        for (int i = 0; i < done; i++)
        {
            int slot = _doneSlots[i];
            _doneClients[i] = _t.Flows[slot].Client;
            _doneTokens[i] = _t.Flows[slot].Token;
            _doneFlows[i] = new FlowId(slot, _t.Flows[slot].Generation);
            Detach(slot);
            _t.Remove(slot);
        }
        _dispatching = true;
        _doneCount = done;
        try
        {
            for (int i = 0; i < done; i++)
            {
                _doneTold = i + 1;
                if (_doneClients[i] is not { } client) continue; // cancelled by a completion told before it
                _doneClients[i] = null;
                client.OnFlowDone(_doneTokens[i]);
            }
        }
        finally
        {
            _dispatching = false;
            _doneCount = _doneTold = 0;
            Array.Clear(_doneClients, 0, done);
            _updater.Flush();
        }
    }

    /// <summary>A link's capacity, background or share changed: its flows are re-rated if it binds or did.</summary>
    private void Changed(int link, bool wasSlack)
    {
        bool slack = _t.Links[link].IsSlack;
        if (wasSlack && slack) return; // never bound, never binds: no rate changes
        // A link of a shared link queue: the queue takes a new rate or side link, unless the change breaks it.
        if (_t.Links[link].Queue == 0 || !_shared.LinkChanged(link, wasSlack))
        {
            if (slack) _updater.AddReleased(link);
            else _updater.AddSeed(link);
        }
        if (!_dispatching) _updater.Flush();
    }

    /// <summary>
    /// The flow leaves its links: its own event is cancelled, their sums drop, and each link that could bind becomes
    /// a seed of the next recomputation (it holds what is left of the component), or is released if now slack.
    /// </summary>
    private void Detach(int slot)
    {
        ref FlowState flow = ref _t.Flows[slot];
        _updater.Unfree(ref flow);
        bool queued = flow.Queue != 0; // its rate is not in its links' sums, and its queue sees to the links it binds
        double rate = queued ? 0 : Math.Max(0, flow.RateBps);
        for (int i = 0; i < flow.LinkCount; i++)
        {
            int l = flow.Links[i];
            ref LinkState link = ref _t.Links[l];
            bool wasSlack = link.IsSlack;
            if (double.IsPositiveInfinity(flow.CapBps)) link.Uncapped--;
            else link.SumCapBps -= flow.CapBps;
            link.FlowRateBps -= rate;
            if (link.FlowCount == 1) link.FlowRateBps = link.SumCapBps = 0; // the last one: no rounding left behind
            if (wasSlack || queued) continue;
            if (link.IsSlack) _updater.AddReleased(l);
            else _updater.AddSeed(l);
        }
        if (queued) _shared.Leave(slot);
    }

    private void CheckLink(int link)
    {
        if ((uint)link >= (uint)_t.LinkCount)
            throw new ArgumentOutOfRangeException(nameof(link), link, $"no link {link}: the network has {_t.LinkCount}");
    }

    private static void CheckRate(double bps, string name)
    {
        if (!double.IsFinite(bps) || bps < 0)
            throw new ArgumentOutOfRangeException(name, bps, "a rate must be a finite number of bits per second, 0 or more");
    }

    private static void CheckShare(double share)
    {
        if (!(share >= 0 && share <= 1))
            throw new ArgumentOutOfRangeException(nameof(share), share, "a repair share is a fraction of the capacity, from 0 to 1");
    }
}
