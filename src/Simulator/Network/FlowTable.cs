namespace Simulator.Network;

/// <summary>
/// The links and flows of a <see cref="FlowNetwork"/> as two arrays of structs, and the lists of the flows crossing
/// each link. Flow slots are reused (a free list); each link's flow list is unordered, with every flow knowing its
/// position in it, so attaching and detaching a flow costs O(links it crosses). Allocates only to grow.
/// </summary>
internal sealed class FlowTable
{
    public LinkState[] Links = new LinkState[16];
    public int LinkCount;
    public FlowState[] Flows = new FlowState[64];
    /// <summary>Slots ever used: every active flow has a slot below it.</summary>
    public int HighWater;
    public int ActiveFlows;

    private int[] _free = new int[64];
    private int _freeCount;
    private long _nextId = 1;

    public int AddLink(double capacityBps, double backgroundBps, double repairShare)
    {
        if (LinkCount == Links.Length) Array.Resize(ref Links, 2 * Links.Length);
        int id = LinkCount++;
        Links[id] = new LinkState
        {
            CapacityBps = capacityBps,
            BackgroundBps = backgroundBps,
            RepairShare = repairShare,
            Flows = new int[4],
        };
        return id;
    }

    /// <summary>Takes a free slot for a new flow over <paramref name="links"/> and attaches it to them.</summary>
    public int Add(IFlowClient client, long token, double bits, ReadOnlySpan<int> links, double capBps, long nowTicks)
    {
        int slot;
        if (_freeCount > 0) slot = _free[--_freeCount];
        else
        {
            if (HighWater == Flows.Length) Array.Resize(ref Flows, 2 * Flows.Length);
            slot = HighWater++;
        }
        ref FlowState flow = ref Flows[slot];
        flow.Generation++;
        flow.Id = _nextId++;
        flow.Client = client;
        flow.Token = token;
        flow.CapBps = capBps;
        flow.RateBps = -1;
        flow.RemainingBits = bits;
        flow.UpdatedTicks = nowTicks;
        flow.FinishTicks = long.MaxValue;
        flow.LinkCount = links.Length;
        for (int i = 0; i < links.Length; i++)
        {
            int l = links[i];
            ref LinkState link = ref Links[l];
            if (link.FlowCount == link.Flows.Length) Array.Resize(ref link.Flows, 2 * link.Flows.Length);
            flow.Links[i] = l;
            flow.Positions[i] = link.FlowCount;
            link.Flows[link.FlowCount++] = slot;
        }
        ActiveFlows++;
        return slot;
    }

    /// <summary>Detaches the flow in <paramref name="slot"/> from its links and frees the slot.</summary>
    public void Remove(int slot)
    {
        ref FlowState flow = ref Flows[slot];
        for (int i = 0; i < flow.LinkCount; i++)
        {
            int l = flow.Links[i];
            ref LinkState link = ref Links[l];
            int pos = flow.Positions[i];
            int last = link.Flows[--link.FlowCount];
            if (last != slot)
            {
                link.Flows[pos] = last;
                ref FlowState moved = ref Flows[last];
                for (int j = 0; j < moved.LinkCount; j++)
                    if (moved.Links[j] == l) { moved.Positions[j] = pos; break; }
            }
        }
        flow.Generation++;
        flow.Client = null;
        if (_freeCount == _free.Length) Array.Resize(ref _free, 2 * _free.Length);
        _free[_freeCount++] = slot;
        ActiveFlows--;
    }

    /// <summary>Bits the flow still has to send at <paramref name="nowTicks"/> (not for a flow of a shared link queue:
    /// see <see cref="ProcessorSharing.RemainingBits"/>).</summary>
    public double RemainingBits(int slot, long nowTicks)
    {
        ref FlowState flow = ref Flows[slot];
        System.Diagnostics.Debug.Assert(flow.Queue == 0, "a shared link queue's flow's progress is its finish tag");
        if (flow.RateBps <= 0) return flow.RemainingBits;
        return Math.Max(0, flow.RemainingBits - flow.RateBps * ((nowTicks - flow.UpdatedTicks) / (double)Engine.Duration.TicksPerSecond));
    }
}
