using System.Runtime.CompilerServices;

namespace Simulator.Network;

/// <summary>
/// Max-min fair rates of the flows of one connected component, by progressive filling: every unfrozen flow's
/// rate rises at the same pace (the "water level"); when a link runs out of capacity, the flows crossing it
/// freeze at the level; when the level reaches a flow's cap, that flow freezes at its cap. Ends when every flow
/// is frozen. The result is the unique max-min fair allocation: no link carries more than it has, and every flow
/// is either at its cap or crosses a saturated link on which no flow has a higher rate.
/// </summary>
/// <remarks>
/// <para>The next level is the lowest of each link's residual ÷ unfrozen flows and each unfrozen flow's cap. Links
/// wait in a <see cref="LevelQueue"/>; capped flows in an array sorted by cap. Freezing a flow only raises the levels
/// of the other links it crosses ((r − λ)/(n − 1) ≥ r/n when λ ≤ r/n), so a link's queued level is a lower bound:
/// a link taken whose level has risen is queued again at its new level, and each link is queued once at a time.</para>
/// <para>Cost for F flows crossing at most k links, L links and C capped flows: O(L + F) to set up, O(C log C) to
/// sort the caps (skipped when already in order), O(k) per frozen flow, O(1) amortised per link taken or re-queued
/// (at most one re-queue per frozen flow's link), plus the queue's moves (at most 64 per entry). In all
/// O(L + F·k + C log C).</para>
/// <para>Depends only on the order of the component's lists: the same component solves to the same bits.</para>
/// </remarks>
internal sealed class MaxMinSolver
{
    private readonly LevelQueue _queue = new();
    private double[] _caps = new double[64];
    private int[] _capped = new int[64];

    /// <summary>Sets <see cref="FlowState.NewRateBps"/> of every flow in <paramref name="flows"/>; the flows must be
    /// all the flows crossing <paramref name="links"/>, and their other links slack (never binding).</summary>
    public void Solve(FlowState[] flowTable, LinkState[] linkTable, ReadOnlySpan<int> flows, ReadOnlySpan<int> links)
    {
        if (_caps.Length < flows.Length)
        {
            int size = Math.Max(flows.Length, 2 * _caps.Length);
            _caps = new double[size];
            _capped = new int[size];
        }
        _queue.Clear();
        foreach (int l in links)
        {
            ref LinkState link = ref linkTable[l];
            link.Residual = link.AvailableBps;
            link.Unfrozen = link.FlowCount;
            if (link.FlowCount > 0) _queue.Push(link.Residual / link.FlowCount, l);
        }
        int capped = 0;
        bool sorted = true;
        foreach (int f in flows)
        {
            ref FlowState flow = ref flowTable[f];
            flow.Frozen = false;
            flow.NewRateBps = 0;
            if (flow.CapBps < double.PositiveInfinity)
            {
                if (capped > 0 && flow.CapBps < _caps[capped - 1]) sorted = false;
                _caps[capped] = flow.CapBps;
                _capped[capped++] = f;
            }
        }
        if (!sorted) Array.Sort(_caps, _capped, 0, capped); // equal caps stay in an order fixed by the input

        int unfrozen = flows.Length, nextCap = 0;
        while (unfrozen > 0)
        {
            while (nextCap < capped && flowTable[_capped[nextCap]].Frozen) nextCap++;
            bool linkLeft = _queue.TryPeek(out double key);
            if (nextCap < capped && (!linkLeft || _caps[nextCap] <= key))
            {
                Freeze(ref flowTable[_capped[nextCap]], _caps[nextCap], linkTable);
                unfrozen--;
                nextCap++;
                continue;
            }
            if (!linkLeft) break; // cannot happen: every flow crosses a link
            int id = _queue.Pop();
            ref LinkState link = ref linkTable[id];
            if (link.Unfrozen == 0) continue;
            double level = Math.Max(0, link.Residual) / link.Unfrozen;
            if (level > key)
            {
                _queue.Push(level, id); // its level rose since it was queued: a lower bound only
                continue;
            }
            int[] crossing = link.Flows;
            for (int i = 0; i < link.FlowCount; i++)
            {
                ref FlowState flow = ref flowTable[crossing[i]];
                if (flow.Frozen) continue;
                Freeze(ref flow, level, linkTable);
                unfrozen--;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Freeze(ref FlowState flow, double rate, LinkState[] linkTable)
    {
        flow.Frozen = true;
        flow.NewRateBps = rate;
        for (int i = 0; i < flow.LinkCount; i++)
        {
            ref LinkState link = ref linkTable[flow.Links[i]];
            link.Residual -= rate;
            link.Unfrozen--;
        }
    }
}
