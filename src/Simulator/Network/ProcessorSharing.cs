using System.Diagnostics;
using Simulator.Engine;

namespace Simulator.Network;

/// <summary>
/// The fast path of <see cref="FlowNetwork"/>: components whose max-min solution is one binding link shared equally
/// run as a <see cref="SharedLinkQueue"/> (processor sharing with a virtual clock), so that a flow starting or ending
/// on them costs O(log F) instead of a recomputation of all F flows. The max-min path (<see cref="ComponentUpdater"/>)
/// remains the reference: a queue is formed from its solution, and dissolved back into it as soon as the structure
/// is no longer that simple.
/// </summary>
/// <remarks>
/// <para><b>When a queue holds.</b> A queue on link B holds every flow crossing B, and the component is B, the
/// flows crossing it, and side links: links that could bind, crossed only by flows of the queue. The rate is
/// <c>available(B) / flows(B)</c>, the level at which progressive filling saturates B first, provided no flow's cap
/// and no side link's level (available over flows) is below it: then every flow freezes at that level, and the rate
/// is the max-min solver's (to the bit, unless a cap or a side level ties with it, when the solver may freeze
/// flows at an equal value first and leave B a level a rounding away). A component is made a queue when its solution is exactly that (all rates
/// equal to B's level; <see cref="TryForm"/>).</para>
/// <para><b>Keeping it.</b> A flow joins a queue if it crosses B and its other links are slack (and carry no other
/// queue's flows), side links, or links that it alone makes binding; a change on B or a side link only changes the
/// rate. All that is checked per flow or per link, and the rate is checked against the lowest cap and the lowest side
/// level at the next flush (<see cref="Update"/>). Anything else that touches a queue's binding links — a flow
/// crossing them that cannot join, two queues coupled, the lowest cap unknown, a cap or side link below the rate,
/// B slack — dooms the queue: at the next flush its flows get back their remaining bits and rate, and B is handed
/// to the max-min path as a seed (or as released, when slack), which may form a queue again.</para>
/// <para><b>Rates and sums.</b> A queue's flows take their rate from it; each link counts them
/// (<see cref="LinkState.QueueFlows"/>) instead of summing their rates, so its flow rate is its own sum plus that
/// count times the queue's rate, O(1) to read.</para>
/// <para>Deterministic: no hashing; the tag heap breaks ties by flow id, the side links' by link id.</para>
/// </remarks>
internal sealed class ProcessorSharing(FlowTable table, Simulation sim, IEventHandler handler, int eventKind, bool enabled)
{
    private SharedLinkQueue[] _queues = new SharedLinkQueue[4];
    private int _queueCount;
    private int[] _spare = new int[4];
    private int _spareCount;
    private int[] _dirty = new int[8];
    private int _dirtyCount;

    /// <summary>Queues formed so far (a test hook).</summary>
    public long Formed { get; private set; }

    /// <summary>Queues dissolved back into the max-min path so far (a test hook).</summary>
    public long Dissolved { get; private set; }

    /// <summary>Flows that joined a queue so far (a test hook).</summary>
    public long Joined { get; private set; }

    /// <summary>Queues changed since the last <see cref="Update"/>.</summary>
    public bool HasWork => _dirtyCount > 0;

    /// <summary>The flow's rate: its queue's, or its own.</summary>
    public double RateOf(ref FlowState flow) => flow.Queue != 0 ? _queues[flow.Queue - 1].RateBps : flow.RateBps;

    /// <summary>Bits the flow in <paramref name="slot"/> still has to send at <paramref name="now"/>.</summary>
    public double RemainingBits(int slot, long now)
    {
        ref FlowState flow = ref table.Flows[slot];
        return flow.Queue != 0 ? _queues[flow.Queue - 1].RemainingBits(flow.FinishTag, now) : table.RemainingBits(slot, now);
    }

    /// <summary>The sum of the rates of the flows crossing the link.</summary>
    public double FlowRateBps(ref LinkState link) =>
        link.Queue != 0 ? link.FlowRateBps + link.QueueFlows * _queues[link.Queue - 1].RateBps : link.FlowRateBps;

    /// <summary>
    /// A flow just started (attached, its caps counted on its links): it joins the queue whose binding links it
    /// crosses, if it can. If it cannot, that queue is doomed.
    /// </summary>
    /// <returns>True if it joined (it is then rated).</returns>
    public bool TryJoin(int slot, long now)
    {
        ref FlowState flow = ref table.Flows[slot];
        LinkState[] links = table.Links;
        int q = 0;
        bool coupled = false;
        for (int k = 0; k < flow.LinkCount; k++)
        {
            ref LinkState link = ref links[flow.Links[k]];
            if (link.Queue == 0 || link.IsSlack) continue;
            if (q == 0) q = link.Queue;
            else if (link.Queue != q) coupled = true;
        }
        if (q == 0) return false;
        if (coupled)
        {
            // The flow couples several queues' components: all of them go back to the max-min path.
            for (int k = 0; k < flow.LinkCount; k++)
                if (links[flow.Links[k]].Queue != 0 && !links[flow.Links[k]].IsSlack) Doom(links[flow.Links[k]].Queue);
            return false;
        }
        SharedLinkQueue queue = _queues[q - 1];
        if (queue.Doomed || !CanJoin(ref flow, q, queue.Link))
        {
            Doom(q);
            return false;
        }
        flow.Queue = q;
        flow.FinishTag = queue.VirtualAt(now) + flow.RemainingBits;
        queue.Tags.Add(slot, flow.FinishTag, flow.Id);
        queue.Members++;
        queue.AddCap(flow.CapBps);
        for (int k = 0; k < flow.LinkCount; k++)
        {
            int id = flow.Links[k];
            ref LinkState link = ref links[id];
            link.Queue = q;
            link.QueueFlows++;
            if (id == queue.Link || link.IsSlack) continue;
            double level = Level(ref link, link.FlowCount);
            if (link.SidePlace == 0) queue.SideLinks.Add(id, level, id);
            else queue.SideLinks.Update(id, level);
        }
        Joined++;
        MarkDirty(q);
        return true;
    }

    /// <summary>Whether the flow crosses the queue's link and every other link it crosses lets it join.</summary>
    private bool CanJoin(ref FlowState flow, int q, int queueLink)
    {
        bool crossesLink = false;
        for (int k = 0; k < flow.LinkCount; k++)
        {
            int id = flow.Links[k];
            ref LinkState link = ref table.Links[id];
            int members = link.Queue == q ? link.QueueFlows : 0;
            if (id == queueLink) crossesLink = members == link.FlowCount - 1;
            else if (link.Queue != 0 && link.Queue != q) return false; // another queue's flows: one queue per link
            else if (!link.IsSlack && members != link.FlowCount - 1) return false; // binds with other flows on it
        }
        return crossesLink;
    }

    /// <summary>
    /// A flow of a queue leaves (completed or cancelled), after the sums of its links have dropped and before it
    /// leaves their flow lists.
    /// </summary>
    public void Leave(int slot)
    {
        ref FlowState flow = ref table.Flows[slot];
        int q = flow.Queue;
        SharedLinkQueue queue = _queues[q - 1];
        if (flow.TagPlace != 0) queue.Tags.Remove(slot);
        queue.Members--;
        queue.RemoveCap(flow.CapBps);
        for (int k = 0; k < flow.LinkCount; k++)
        {
            int id = flow.Links[k];
            ref LinkState link = ref table.Links[id];
            link.QueueFlows--;
            if (id == queue.Link) continue; // the queue's link stays its own until the next flush
            if (link.SidePlace != 0)
            {
                if (link.IsSlack || link.QueueFlows == 0) queue.SideLinks.Remove(id);
                else queue.SideLinks.Update(id, Level(ref link, link.FlowCount - 1));
            }
            if (link.QueueFlows == 0) link.Queue = 0;
        }
        flow.Queue = 0;
        MarkDirty(q);
    }

    /// <summary>
    /// The capacity, background or share of a link crossed by a queue's flows changed, and it binds or did.
    /// </summary>
    /// <returns>True if the queue takes care of it; false if the max-min path must (the queue is then doomed, or
    /// was already).</returns>
    public bool LinkChanged(int id, bool wasSlack)
    {
        ref LinkState link = ref table.Links[id];
        int q = link.Queue;
        SharedLinkQueue queue = _queues[q - 1];
        if (queue.Doomed) return false;
        if (id == queue.Link)
        {
            if (link.IsSlack) Doom(q);
            else MarkDirty(q);
            return true;
        }
        if (link.SidePlace != 0)
        {
            if (link.IsSlack) queue.SideLinks.Remove(id);
            else queue.SideLinks.Update(id, Level(ref link, link.FlowCount));
            MarkDirty(q);
            return true;
        }
        if (wasSlack && link.QueueFlows == link.FlowCount)
        {
            queue.SideLinks.Add(id, Level(ref link, link.FlowCount), id);
            MarkDirty(q);
            return true;
        }
        Doom(q); // it binds with flows of other components on it
        return false;
    }

    /// <summary>
    /// Brings every changed queue up to date: a new rate and one completion event at its earliest finish tag, or,
    /// if the queue no longer holds, its flows back to the max-min path (<paramref name="updater"/>'s seeds).
    /// </summary>
    public void Update(long now, ComponentUpdater updater)
    {
        LinkState[] links = table.Links;
        for (int i = 0; i < _dirtyCount; i++)
        {
            int q = _dirty[i];
            SharedLinkQueue queue = _queues[q - 1];
            queue.Dirty = false;
            if (queue.Members == 0)
            {
                Close(q);
                continue;
            }
            ref LinkState link = ref links[queue.Link];
            double rate = link.AvailableBps / link.FlowCount;
            if (queue.Doomed || link.FlowCount != queue.Members || link.IsSlack || queue.MinCapUnknown
                || queue.MinCapBps < rate || (queue.SideLinks.Count > 0 && queue.SideLinks.MinKey < rate))
            {
                Dissolve(q, now, updater);
                continue;
            }
            queue.SetRate(rate, now);
            Schedule(queue, now);
            updater.CountSharedUpdate();
        }
        _dirtyCount = 0;
    }

    /// <summary>
    /// Makes the component just solved (its flows' <see cref="FlowState.NewRateBps"/> set, their events cancelled,
    /// none free) a queue if its solution is one link shared equally; otherwise leaves it to the max-min path.
    /// </summary>
    /// <returns>True if it is now a queue, with its completion event.</returns>
    public bool TryForm(ReadOnlySpan<int> compLinks, ReadOnlySpan<int> compFlows, long now)
    {
        if (!enabled) return false;
        LinkState[] links = table.Links;
        FlowState[] flows = table.Flows;
        int n = compFlows.Length, b = -1;
        foreach (int l in compLinks)
            if (links[l].FlowCount == n && (b < 0 || links[l].AvailableBps < links[b].AvailableBps)) b = l;
        if (b < 0) return false;
        double rate = links[b].AvailableBps / n; // the solver's level for the first link to saturate
        foreach (int f in compFlows)
        {
            ref FlowState flow = ref flows[f];
            if (flow.NewRateBps != rate) return false;
            for (int k = 0; k < flow.LinkCount; k++)
                if (links[flow.Links[k]].Queue != 0) return false;
        }
        foreach (int l in compLinks)
            if (l != b && Level(ref links[l], links[l].FlowCount) < rate) return false;

        int q = Allocate();
        SharedLinkQueue queue = _queues[q - 1];
        queue.Open(b, rate, now);
        foreach (int f in compFlows)
        {
            ref FlowState flow = ref flows[f];
            double bits = table.RemainingBits(f, now);
            double old = Math.Max(0, flow.RateBps);
            for (int k = 0; k < flow.LinkCount; k++)
            {
                ref LinkState link = ref links[flow.Links[k]];
                link.FlowRateBps -= old;
                link.Queue = q;
                link.QueueFlows++;
            }
            flow.Queue = q;
            flow.FinishTag = bits; // virtual time 0
            queue.Tags.Add(f, bits, flow.Id);
            queue.Members++;
            queue.AddCap(flow.CapBps);
        }
        foreach (int l in compLinks)
        {
            links[l].FlowRateBps = 0; // crossed by the queue's flows only
            if (l != b) queue.SideLinks.Add(l, Level(ref links[l], links[l].FlowCount), l);
        }
        Formed++;
        Schedule(queue, now);
        return true;
    }

    /// <summary>The flows of the queue on <paramref name="link"/> due by <paramref name="now"/>, in id order.</summary>
    public int CollectFinishing(int link, long now, ref int[] slots, ref long[] ids) =>
        _queues[table.Links[link].Queue - 1].CollectFinishing(now, table, ref slots, ref ids);

    /// <summary>The queue's flows get back their own rate, remaining bits and completion time; its link is handed
    /// to the max-min path.</summary>
    private void Dissolve(int q, long now, ComponentUpdater updater)
    {
        SharedLinkQueue queue = _queues[q - 1];
        int b = queue.Link;
        LinkState[] links = table.Links;
        FlowState[] flows = table.Flows;
        double rate = queue.RateBps;
        int[] crossing = links[b].Flows;
        for (int j = 0; j < links[b].FlowCount; j++)
        {
            ref FlowState flow = ref flows[crossing[j]];
            if (flow.Queue != q) continue;
            flow.RemainingBits = queue.RemainingBits(flow.FinishTag, now);
            flow.UpdatedTicks = now;
            flow.RateBps = rate;
            flow.FinishTicks = queue.FinishTicks(flow.FinishTag);
            flow.Queue = 0;
            for (int k = 0; k < flow.LinkCount; k++)
            {
                ref LinkState link = ref links[flow.Links[k]];
                link.FlowRateBps += rate;
                if (--link.QueueFlows == 0) link.Queue = 0;
            }
        }
        Dissolved++;
        Close(q);
        if (links[b].FlowCount == 0) return;
        if (links[b].IsSlack) updater.AddReleased(b);
        else updater.AddSeed(b);
    }

    /// <summary>One completion event for the queue, at its earliest finish tag.</summary>
    private void Schedule(SharedLinkQueue queue, long now)
    {
        ref LinkState link = ref table.Links[queue.Link];
        if (!link.Completion.IsNone)
        {
            sim.Cancel(link.Completion);
            link.Completion = EventHandle.None;
        }
        if (queue.Tags.Count == 0) return;
        long at = queue.FinishTicks(queue.Tags.MinKey);
        if (at == ComponentUpdater.Never) return;
        link.Completion = sim.Schedule(new SimTime(Math.Max(at, now)), handler, eventKind, queue.Link);
    }

    private static double Level(ref LinkState link, int flows) => link.AvailableBps / flows;

    private int Allocate()
    {
        if (_spareCount > 0) return _spare[--_spareCount];
        if (_queueCount == _queues.Length) Array.Resize(ref _queues, 2 * _queueCount);
        _queues[_queueCount] = new SharedLinkQueue(table);
        return ++_queueCount;
    }

    /// <summary>The queue is emptied (its flows are gone or handed back) and put aside for reuse.</summary>
    private void Close(int q)
    {
        SharedLinkQueue queue = _queues[q - 1];
        ref LinkState link = ref table.Links[queue.Link];
        Debug.Assert(link.QueueFlows == 0, "a shared link queue closed with flows");
        if (!link.Completion.IsNone)
        {
            sim.Cancel(link.Completion);
            link.Completion = EventHandle.None;
        }
        if (link.Queue == q && link.QueueFlows == 0) link.Queue = 0;
        queue.Close();
        if (_spareCount == _spare.Length) Array.Resize(ref _spare, 2 * _spareCount);
        _spare[_spareCount++] = q;
    }

    private void Doom(int q)
    {
        _queues[q - 1].Doomed = true;
        MarkDirty(q);
    }

    private void MarkDirty(int q)
    {
        SharedLinkQueue queue = _queues[q - 1];
        if (queue.Dirty) return;
        queue.Dirty = true;
        if (_dirtyCount == _dirty.Length) Array.Resize(ref _dirty, 2 * _dirtyCount);
        _dirty[_dirtyCount++] = q;
    }
}
