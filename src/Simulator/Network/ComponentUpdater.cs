using System.Diagnostics;
using Simulator.Engine;

namespace Simulator.Network;

/// <summary>
/// Re-rates what a change touched: the links a change concerns are seeds; each connected component (links that can
/// bind and the flows crossing them) holding a seed is found by breadth-first search, solved once
/// (<see cref="MaxMinSolver"/>), and given one completion event at its earliest completion, owned by its first link.
/// A component's old event is on one of its links, so it is found and cancelled in the same pass. A component whose
/// solution is one link shared equally becomes a <see cref="SharedLinkQueue"/> instead (<see cref="ProcessorSharing"/>):
/// its flows are left out of the searches until it is dissolved, which happens first at each <see cref="Flush"/>.
/// Allocates only to grow.
/// </summary>
/// <remarks>
/// <para>Slack links (<see cref="LinkState.IsSlack"/>: room for every flow crossing them at its cap) can never bind,
/// so they are left out of components: flows that share only slack links are not coupled. A flow whose links are all
/// slack is free: it runs at its cap with a completion event of its own, and starting or ending it costs O(links it
/// crosses), whatever else crosses them. This keeps the cost of a change proportional to the flows it can affect: a
/// cluster network all copies cross costs nothing while it has room for them all.</para>
/// <para>Why the events of every old component a search reaches are all cancelled: flows leave a link only by
/// completing or being cancelled, and then each of their links that could bind is a seed; a link stops binding only
/// by a change on it, and is then released (<see cref="AddReleased"/>): its event is cancelled and each of its flows
/// either seeds the search from its other binding links or becomes free. So the owner of an old component either
/// is a seed, or was released, or still carries one of its flows, and the search from the seeds reaches it.</para>
/// </remarks>
internal sealed class ComponentUpdater(FlowTable table, Simulation sim, IEventHandler handler, int eventKind, int freeEventKind,
    ProcessorSharing shared)
{
    /// <summary>Completion time meaning "not at the current rates" (a flow at rate 0).</summary>
    public const long Never = long.MaxValue;

    private readonly MaxMinSolver _solver = new();
    private int[] _seeds = new int[16];
    private int _seedCount;
    private int[] _released = new int[16];
    private int _releasedCount;
    private int[] _links = new int[16];
    private int[] _flows = new int[64];
    private int _stamp;

    /// <summary>Recomputations of a component so far.</summary>
    public long Recomputations { get; private set; }

    /// <summary>Flows rated so far, summed over recomputations (a flow joining a shared link queue counts once; a
    /// queue's new rate re-rates no flow by itself).</summary>
    public long RecomputedFlows { get; private set; }

    /// <summary>A shared link queue took a new rate: one recomputation, of no flow by itself.</summary>
    public void CountSharedUpdate() => Recomputations++;

    /// <summary>The component holding <paramref name="link"/> is recomputed at the next <see cref="Flush"/>.</summary>
    public void AddSeed(int link)
    {
        if (_seedCount == _seeds.Length) Array.Resize(ref _seeds, 2 * _seeds.Length);
        _seeds[_seedCount++] = link;
    }

    /// <summary>
    /// The link just became slack: at the next <see cref="Flush"/> its event (if it owned one) is cancelled and each
    /// of its flows is re-rated from its other binding links, or set free.
    /// </summary>
    public void AddReleased(int link)
    {
        if (_releasedCount == _released.Length) Array.Resize(ref _released, 2 * _released.Length);
        _released[_releasedCount++] = link;
    }

    /// <summary>Recomputes every component that holds a seed, each once, and forgets the seeds.</summary>
    public void Flush()
    {
        if (_seedCount == 0 && _releasedCount == 0 && !shared.HasWork) return;
        long now = sim.Now.Ticks;
        // The queues first: those dissolved hand their links over as seeds or released links.
        shared.Update(now, this);
        LinkState[] links = table.Links;
        FlowState[] flows = table.Flows;
        for (int r = 0; r < _releasedCount; r++)
        {
            ref LinkState link = ref links[_released[r]];
            if (!link.IsSlack) { AddSeed(_released[r]); continue; } // bound again by a later change of the batch
            if (!link.Completion.IsNone)
            {
                sim.Cancel(link.Completion);
                link.Completion = EventHandle.None;
            }
            for (int j = 0; j < link.FlowCount; j++)
            {
                int f = link.Flows[j];
                ref FlowState flow = ref flows[f];
                if (flow.Free) continue;
                int binding = BindingLink(ref flow);
                if (binding >= 0) AddSeed(binding);
                else SetFree(f, now);
            }
        }
        _releasedCount = 0;
        if (_seedCount == 0) return;
        int stamp = NextStamp();
        for (int s = 0; s < _seedCount; s++)
        {
            int seed = _seeds[s];
            if (links[seed].Visit == stamp || links[seed].IsSlack) continue;
            Collect(seed, stamp, out int nl, out int nf);
            Recompute(nl, nf, now);
        }
        _seedCount = 0;
    }

    /// <summary>A link of the flow that can bind, or −1 when all are slack.</summary>
    private int BindingLink(ref FlowState flow)
    {
        for (int k = 0; k < flow.LinkCount; k++)
            if (!table.Links[flow.Links[k]].IsSlack) return flow.Links[k];
        return -1;
    }

    /// <summary>
    /// Starts a new flow: free at its cap if all its links are slack, otherwise its binding links are seeds.
    /// </summary>
    public void Place(int slot)
    {
        if (shared.TryJoin(slot, sim.Now.Ticks))
        {
            RecomputedFlows++;
            return;
        }
        ref FlowState flow = ref table.Flows[slot];
        bool bound = false;
        for (int k = 0; k < flow.LinkCount; k++)
            if (!table.Links[flow.Links[k]].IsSlack) { AddSeed(flow.Links[k]); bound = true; }
        if (!bound) SetFree(slot, sim.Now.Ticks);
    }

    /// <summary>The flow runs at its cap, with its own completion event.</summary>
    private void SetFree(int f, long now)
    {
        ref FlowState flow = ref table.Flows[f];
        flow.Free = true;
        Rate(ref flow, flow.CapBps, now);
        Recomputations++;
        RecomputedFlows++;
        if (flow.FinishTicks != Never) flow.Completion = sim.Schedule(new SimTime(flow.FinishTicks), handler, freeEventKind, f);
    }

    /// <summary>A free flow joins a component, or leaves the network: its own event is cancelled.</summary>
    public void Unfree(ref FlowState flow)
    {
        if (!flow.Free) return;
        flow.Free = false;
        if (flow.Completion.IsNone) return;
        sim.Cancel(flow.Completion);
        flow.Completion = EventHandle.None;
    }

    /// <summary>Gives the flow a new rate, bringing its remaining bits, completion time and links' sums up to date.</summary>
    private void Rate(ref FlowState flow, double rate, long now)
    {
        if (rate == flow.RateBps) return;
        double old = Math.Max(0, flow.RateBps);
        // Brought up to date only when the rate changes: between changes the remaining bits fall linearly.
        if (flow.RateBps > 0)
        {
            double elapsed = (now - flow.UpdatedTicks) / (double)Duration.TicksPerSecond;
            flow.RemainingBits = Math.Max(0, flow.RemainingBits - flow.RateBps * elapsed);
        }
        flow.UpdatedTicks = now;
        flow.RateBps = rate;
        flow.FinishTicks = FinishTicks(now, flow.RemainingBits, rate);
        for (int k = 0; k < flow.LinkCount; k++) table.Links[flow.Links[k]].FlowRateBps += rate - old;
    }

    /// <summary>
    /// Fills <paramref name="slots"/> and <paramref name="ids"/> with the flows of the component of
    /// <paramref name="owner"/> that complete by <paramref name="now"/>, in start order (growing the arrays if need be).
    /// </summary>
    /// <returns>How many.</returns>
    public int CollectFinishing(int owner, long now, ref int[] slots, ref long[] ids)
    {
        Collect(owner, NextStamp(), out _, out int nf);
        int done = 0;
        for (int i = 0; i < nf; i++)
        {
            int f = _flows[i];
            if (table.Flows[f].FinishTicks > now) continue;
            if (done == slots.Length)
            {
                Array.Resize(ref slots, 2 * slots.Length);
                Array.Resize(ref ids, slots.Length);
            }
            slots[done] = f;
            ids[done] = table.Flows[f].Id;
            done++;
        }
        Array.Sort(ids, slots, 0, done);
        return done;
    }

    /// <summary>Breadth-first search of the component of <paramref name="seed"/> into the scratch lists, seed first.</summary>
    private void Collect(int seed, int stamp, out int nl, out int nf)
    {
        if (_links.Length < table.LinkCount) _links = new int[Math.Max(table.LinkCount, 2 * _links.Length)];
        if (_flows.Length < table.HighWater) _flows = new int[Math.Max(table.HighWater, 2 * _flows.Length)];
        LinkState[] links = table.Links;
        FlowState[] flows = table.Flows;
        int[] compLinks = _links, compFlows = _flows;
        links[seed].Visit = stamp;
        compLinks[0] = seed;
        nl = 1;
        nf = 0;
        for (int i = 0; i < nl; i++)
        {
            ref LinkState link = ref links[compLinks[i]];
            int[] crossing = link.Flows;
            for (int j = 0; j < link.FlowCount; j++)
            {
                int f = crossing[j];
                ref FlowState flow = ref flows[f];
                if (flow.Visit == stamp) continue;
                Debug.Assert(flow.Queue == 0, "a search of the max-min path reached a flow of a shared link queue");
                flow.Visit = stamp;
                compFlows[nf++] = f;
                for (int k = 0; k < flow.LinkCount; k++)
                {
                    int l = flow.Links[k];
                    if (links[l].Visit == stamp || links[l].IsSlack) continue;
                    links[l].Visit = stamp;
                    compLinks[nl++] = l;
                }
            }
        }
    }

    /// <summary>New rates for the component in the scratch lists, and its one completion event.</summary>
    private void Recompute(int nl, int nf, long now)
    {
        LinkState[] links = table.Links;
        FlowState[] flows = table.Flows;
        ReadOnlySpan<int> compLinks = _links.AsSpan(0, nl), compFlows = _flows.AsSpan(0, nf);
        foreach (int l in compLinks)
        {
            ref LinkState link = ref links[l];
            if (link.Completion.IsNone) continue;
            sim.Cancel(link.Completion);
            link.Completion = EventHandle.None;
        }
        Recomputations++;
        RecomputedFlows += nf;
        if (nf == 0) return;
        foreach (int f in compFlows) Unfree(ref flows[f]);
        _solver.Solve(flows, links, compFlows, compLinks);
        if (shared.TryForm(compLinks, compFlows, now)) return;

        long best = Never;
        int bestFlow = -1;
        bool tied = false;
        foreach (int f in compFlows)
        {
            ref FlowState flow = ref flows[f];
            Rate(ref flow, flow.NewRateBps, now);
            if (flow.FinishTicks < best)
            {
                best = flow.FinishTicks;
                bestFlow = f;
                tied = false;
            }
            else if (flow.FinishTicks == best) tied = true;
        }
        if (best == Never) return;
        int owner = compLinks[0];
        ref LinkState ownerLink = ref links[owner];
        ownerLink.Completion = sim.Schedule(new SimTime(best), handler, eventKind, owner);
        ownerLink.NextFlow = bestFlow;
        ownerLink.NextTied = tied;
    }

    /// <summary>When a flow with <paramref name="bits"/> left completes at <paramref name="rateBps"/> from now, to the nearest tick.</summary>
    public static long FinishTicks(long now, double bits, double rateBps)
    {
        if (bits <= 0) return now;
        if (rateBps <= 0) return Never;
        double ticks = Math.Round(bits / rateBps * Duration.TicksPerSecond);
        return ticks < Never - now ? now + (long)ticks : Never;
    }

    private int NextStamp()
    {
        if (_stamp == int.MaxValue)
        {
            for (int l = 0; l < table.LinkCount; l++) table.Links[l].Visit = 0;
            for (int s = 0; s < table.HighWater; s++) table.Flows[s].Visit = 0;
            _stamp = 0;
        }
        return ++_stamp;
    }
}
