using Simulator.Engine;

namespace Simulator.Network;

/// <summary>
/// Processor sharing on one binding link: every flow of the link's component crosses the link and gets the same
/// rate, the link's available bandwidth over its flow count. The queue keeps a virtual clock V that advances at that
/// common rate (dV/dt = rate, in bits) and each flow's finish tag, V when it joined plus its bits (or, for the flows
/// it took over from a max-min solution, V then plus their remaining bits). A flow's remaining bits are its tag
/// less V now; flows complete in tag order, ties in id order (start order). A change of rate moves no tag: V is
/// brought up to date (<see cref="SetRate"/>) and the rate replaced, so a flow starting or ending costs a heap
/// insertion or removal, O(log F), whatever the number F of flows sharing the link.
/// </summary>
/// <remarks>
/// <para>Completion times are computed as the max-min path computes them: from the time of the last rate change,
/// <see cref="Since"/>, the bits left then over the rate, rounded to the tick. Rounding is monotone, so the flows
/// due by a tick are a prefix of the tag order.</para>
/// <para>Side links: the other links of the component that could bind (their flows' caps exceed what they have),
/// each crossed only by flows of the queue, kept by fair level (available bandwidth over flow count). The rate is
/// the max-min solution while no side link's level and no flow's cap is below it; <see cref="MinCapBps"/> and
/// <see cref="MinCapCount"/> track the lowest cap (when the flows at the lowest cap have all left, the lowest is
/// not known, <see cref="MinCapUnknown"/>, and <see cref="ProcessorSharing"/> falls back to the max-min path).</para>
/// </remarks>
internal sealed class SharedLinkQueue
{
    public SharedLinkQueue(FlowTable table)
    {
        Tags = new FinishTagHeap(table);
        SideLinks = new SideLinkHeap(table);
    }

    /// <summary>The binding link, or −1 while the queue is unused.</summary>
    public int Link { get; private set; } = -1;

    /// <summary>The rate of every flow of the queue, bits per second.</summary>
    public double RateBps { get; private set; }

    /// <summary>The virtual time (bits each flow has had the chance to send) at <see cref="Since"/>.</summary>
    public double Virtual { get; private set; }

    /// <summary>The tick of the last rate change.</summary>
    public long Since { get; private set; }

    /// <summary>Flows in the queue, including those due at this instant not yet gone.</summary>
    public int Members;

    /// <summary>The lowest cap of the flows, <see cref="MinCapCount"/> of them at it, unless
    /// <see cref="MinCapUnknown"/>.</summary>
    public double MinCapBps;
    public int MinCapCount;
    /// <summary>The flows at the lowest cap have all left while others remain: the lowest cap is no longer known
    /// (the queue is dissolved at the next flush).</summary>
    public bool MinCapUnknown;

    /// <summary>Waiting for the next flush (<see cref="ProcessorSharing.Update"/>).</summary>
    public bool Dirty;

    /// <summary>To be dissolved at the next flush: its flows go back to the max-min path.</summary>
    public bool Doomed;

    /// <summary>The flows not yet due, by finish tag.</summary>
    public FinishTagHeap Tags { get; }

    /// <summary>The side links, by fair level.</summary>
    public SideLinkHeap SideLinks { get; }

    /// <summary>Starts the queue on <paramref name="link"/> at virtual time 0.</summary>
    public void Open(int link, double rateBps, long now)
    {
        Link = link;
        RateBps = rateBps;
        Virtual = 0;
        Since = now;
        Members = 0;
        MinCapBps = double.PositiveInfinity;
        MinCapCount = 0;
        Dirty = Doomed = MinCapUnknown = false;
    }

    /// <summary>Marks the queue unused; its heaps must be empty.</summary>
    public void Close()
    {
        Tags.Clear();
        SideLinks.Clear();
        Link = -1;
    }

    /// <summary>The virtual time at <paramref name="now"/>: the same all through an instant, whatever the rate changes.</summary>
    public double VirtualAt(long now) =>
        RateBps > 0 ? Virtual + RateBps * ((now - Since) / (double)Duration.TicksPerSecond) : Virtual;

    /// <summary>Bits the flow with <paramref name="tag"/> has still to send at <paramref name="now"/>.</summary>
    public double RemainingBits(double tag, long now) => Math.Max(0, tag - VirtualAt(now));

    /// <summary>The tick at which the flow with <paramref name="tag"/> completes at the current rate.</summary>
    public long FinishTicks(double tag) => ComponentUpdater.FinishTicks(Since, tag - Virtual, RateBps);

    /// <summary>A new rate from <paramref name="now"/>: the virtual clock is brought up to date first.</summary>
    public void SetRate(double rateBps, long now)
    {
        if (rateBps == RateBps) return;
        Virtual = VirtualAt(now);
        Since = now;
        RateBps = rateBps;
    }

    /// <summary>A flow joined (<see cref="Members"/> counts it already): its cap counts in the lowest cap.</summary>
    public void AddCap(double capBps)
    {
        if (MinCapUnknown) return;
        if (Members == 1 || capBps < MinCapBps)
        {
            MinCapBps = capBps;
            MinCapCount = 1;
        }
        else if (capBps == MinCapBps) MinCapCount++;
    }

    /// <summary>A flow left (<see cref="Members"/> no longer counts it): its cap no longer counts.</summary>
    public void RemoveCap(double capBps)
    {
        if (Members == 0)
        {
            MinCapCount = 0;
            MinCapUnknown = false;
        }
        else if (!MinCapUnknown && capBps == MinCapBps && --MinCapCount == 0) MinCapUnknown = true;
    }

    /// <summary>
    /// Takes the flows due by <paramref name="now"/> out of the tag heap into <paramref name="slots"/> and
    /// <paramref name="ids"/> (grown if need be), in id order.
    /// </summary>
    /// <returns>How many.</returns>
    public int CollectFinishing(long now, FlowTable table, ref int[] slots, ref long[] ids)
    {
        int done = 0;
        while (Tags.Count > 0 && FinishTicks(Tags.MinKey) <= now)
        {
            int f = Tags.Pop();
            if (done == slots.Length)
            {
                Array.Resize(ref slots, 2 * slots.Length);
                Array.Resize(ref ids, slots.Length);
            }
            slots[done] = f;
            ids[done] = table.Flows[f].Id;
            done++;
        }
        if (done > 1) Array.Sort(ids, slots, 0, done);
        return done;
    }
}
