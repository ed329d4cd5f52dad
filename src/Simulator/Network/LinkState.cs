using Simulator.Engine;

namespace Simulator.Network;

/// <summary>One link of a <see cref="FlowNetwork"/>: its capacity, the flows crossing it, and, when it owns its
/// component's completion event, that event.</summary>
internal struct LinkState
{
    public double CapacityBps;
    public double BackgroundBps;
    public double RepairShare;
    /// <summary>Sum of the rates of the flows crossing the link, as last allocated, less those of the flows in a shared
    /// link queue (<see cref="QueueFlows"/>): those run at their queue's rate.</summary>
    public double FlowRateBps;
    /// <summary>Sum of the finite rate caps of the flows crossing the link.</summary>
    public double SumCapBps;
    /// <summary>Flows crossing the link without a rate cap.</summary>
    public int Uncapped;

    /// <summary>Slots of the flows crossing the link, <see cref="FlowCount"/> of them (unordered).</summary>
    public int[] Flows;
    public int FlowCount;

    /// <summary>The component's next completion, when this link owns it (the first link of the component when
    /// it was last recomputed); <see cref="NextFlow"/> completes then, alone unless <see cref="NextTied"/>.</summary>
    public EventHandle Completion;
    public int NextFlow;
    public bool NextTied;

    /// <summary>The <see cref="SharedLinkQueue"/> whose flows cross the link (its number, from 1), or 0: the queue's
    /// own link, one of its side links, or a slack link some of its flows cross. At most one queue per link.</summary>
    public int Queue;
    /// <summary>Flows of <see cref="Queue"/> crossing the link.</summary>
    public int QueueFlows;
    /// <summary>Place among its queue's side links (<see cref="SideLinkHeap"/>), from 1; 0 when not a side link.</summary>
    public int SidePlace;

    // Scratch of the recomputation.
    public int Visit;
    public double Residual;
    public int Unfrozen;

    /// <summary>What flows may share: the capacity less the background load, at most the repair share of the capacity.</summary>
    public readonly double AvailableBps => Math.Max(0, Math.Min(CapacityBps - BackgroundBps, RepairShare * CapacityBps));

    /// <summary>
    /// A slack link has room for every flow crossing it at its cap, so its constraint can never bind: it does not
    /// couple the flows crossing it, and is left out of their components.
    /// </summary>
    public readonly bool IsSlack => Uncapped == 0 && SumCapBps <= AvailableBps;
}
