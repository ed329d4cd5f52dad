namespace Simulator.Tests.Network;

/// <summary>
/// Brute-force max-min fair rates, the test's oracle: rounds of progressive filling over every link and flow, in
/// plain loops. Each round finds the lowest level λ at which a link with unfrozen flows runs out (its residual over
/// its unfrozen flows) or an unfrozen flow reaches its cap, and freezes at λ every unfrozen flow that crosses a link
/// at that level or whose cap is λ.
/// </summary>
internal static class ReferenceMaxMin
{
    public static double[] Rates(IReadOnlyList<double> available, IReadOnlyList<int[]> flowLinks, IReadOnlyList<double> caps)
    {
        int n = flowLinks.Count;
        var rate = new double[n];
        var frozen = new bool[n];
        int left = n;
        while (left > 0)
        {
            double level = double.PositiveInfinity;
            var linkLevel = new double[available.Count];
            for (int l = 0; l < available.Count; l++)
            {
                double used = 0;
                int unfrozen = 0;
                for (int f = 0; f < n; f++)
                {
                    if (!flowLinks[f].Contains(l)) continue;
                    if (frozen[f]) used += rate[f];
                    else unfrozen++;
                }
                linkLevel[l] = unfrozen == 0 ? double.PositiveInfinity : Math.Max(0, available[l] - used) / unfrozen;
                level = Math.Min(level, linkLevel[l]);
            }
            for (int f = 0; f < n; f++)
                if (!frozen[f]) level = Math.Min(level, caps[f]);
            double tolerance = 1e-12 * Math.Max(1, level);
            for (int f = 0; f < n; f++)
            {
                if (frozen[f]) continue;
                bool atLevel = caps[f] <= level + tolerance || flowLinks[f].Any(l => linkLevel[l] <= level + tolerance);
                if (!atLevel) continue;
                rate[f] = Math.Min(level, caps[f]);
                frozen[f] = true;
                left--;
            }
        }
        return rate;
    }
}
