namespace Simulator.Network;

/// <summary>One slot of the flow table of a <see cref="FlowNetwork"/>: a flow in progress, or a free slot.</summary>
internal struct FlowState
{
    /// <summary>The links crossed, <see cref="LinkCount"/> of them.</summary>
    public LinkSet Links;
    /// <summary>Where this flow sits in each of its links' flow lists (same order as <see cref="Links"/>).</summary>
    public LinkSet Positions;
    public int LinkCount;
    /// <summary>Bumped when the slot is taken and when it is freed: odd while a flow is active.</summary>
    public int Generation;
    /// <summary>Start order, unique per flow: ties between flows are broken by it.</summary>
    public long Id;
    public double CapBps;
    /// <summary>The allocated rate; negative until the first allocation.</summary>
    public double RateBps;
    /// <summary>Bits still to send at <see cref="UpdatedTicks"/>; they fall at <see cref="RateBps"/> from then.</summary>
    public double RemainingBits;
    public long UpdatedTicks;
    /// <summary>Completion time at the current rate, rounded to the tick; <see cref="long.MaxValue"/> for never.</summary>
    public long FinishTicks;
    public IFlowClient? Client;
    /// <summary>A free flow crosses only slack links: it runs at its cap, in no component, with its own completion
    /// event (<see cref="Completion"/>).</summary>
    public bool Free;
    public Engine.EventHandle Completion;
    public long Token;
    /// <summary>The <see cref="SharedLinkQueue"/> the flow is in (its number, from 1), or 0. Such a flow's rate is the
    /// queue's, and <see cref="RateBps"/>, <see cref="RemainingBits"/>, <see cref="UpdatedTicks"/> and
    /// <see cref="FinishTicks"/> are not kept up to date: its progress is its <see cref="FinishTag"/>.</summary>
    public int Queue;
    /// <summary>In a shared link queue: the queue's virtual time at which the flow has sent its last bit.</summary>
    public double FinishTag;
    /// <summary>Place in its queue's <see cref="FinishTagHeap"/>, from 1; 0 when not in it.</summary>
    public int TagPlace;

    // Scratch of the recomputation.
    public int Visit;
    public bool Frozen;
    public double NewRateBps;

    public readonly bool Active => (Generation & 1) == 1;
}
