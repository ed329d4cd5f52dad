using MathNet.Numerics;

namespace Simulator.Durability;

/// <summary>Closed forms of simultaneous failures: F of N nodes (or f of K racks) fail, a uniformly random subset.</summary>
public static class LossFormulas
{
    /// <summary>
    /// P(a given set of r nodes is inside the failed set) = C(N − r, F − r) / C(N, F) = C(F, r) / C(N, r): the chance
    /// that a chunk with its r replicas on distinct nodes loses all of them, whatever the placement.
    /// </summary>
    public static double SetFails(int nodes, int failed, int size) =>
        size > failed ? 0 : Math.Exp(SpecialFunctions.BinomialLn(failed, size) - SpecialFunctions.BinomialLn(nodes, size));

    /// <summary>
    /// 1 − (1 − p)^count without cancellation: the chance that at least one of <paramref name="count"/> independent
    /// events of probability <paramref name="p"/> happens.
    /// </summary>
    public static double AnyOf(double count, double p) =>
        p >= 1 ? (count > 0 ? 1 : 0) : -Precise.ExpM1(count * Precise.Log1P(-p));

    /// <summary>
    /// Exactly P(at least one of <paramref name="groups"/> disjoint groups of <paramref name="size"/> nodes lies inside
    /// a uniformly random <paramref name="failed"/>-subset of <paramref name="nodes"/> nodes): the groups of copyset
    /// placement with one permutation (S = R − 1), R dividing N. Counts the failed sets that complete some group,
    /// group by group: with f failed nodes placed in the first g groups, the next takes j of its own (C(size, j)
    /// ways, j = size completing it), and the nodes outside every group take the rest (C(N − G·size, F − f) ways).
    /// Every count is a sum of positive terms, kept as logarithms, so even 10⁻³⁰⁰ keeps its digits. It is the
    /// inclusion–exclusion sum Σ_k (−1)^(k+1) C(G, k) C(N − k·size, F − k·size) / C(N, F) computed without its
    /// alternating signs. Cost O(G · F · size).
    /// </summary>
    public static double AnyDisjointGroupFails(int nodes, int failed, int groups, int size)
    {
        if (groups < 0 || size < 1 || (long)groups * size > nodes) throw new ArgumentOutOfRangeException(nameof(groups), "the groups must fit in the nodes");
        if (failed < size || groups == 0) return 0;
        var none = Filled(failed + 1);   // log of the ways with no group complete yet, by failed nodes used
        var some = Filled(failed + 1);   // … with some group complete
        none[0] = 0;
        var lnWays = Enumerable.Range(0, size + 1).Select(j => SpecialFunctions.BinomialLn(size, j)).ToArray();
        var nextNone = new double[failed + 1];
        var nextSome = new double[failed + 1];
        for (int g = 0; g < groups; g++)
        {
            Array.Fill(nextNone, double.NegativeInfinity);
            Array.Fill(nextSome, double.NegativeInfinity);
            int top = Math.Min(failed, (g + 1) * size);
            for (int f = 0; f <= top; f++)
                for (int j = 0; j <= Math.Min(size, f); j++)
                {
                    double fromNone = none[f - j] + lnWays[j], fromSome = some[f - j] + lnWays[j];
                    if (j == size) nextSome[f] = LogAdd(nextSome[f], LogAdd(fromNone, fromSome));
                    else
                    {
                        nextNone[f] = LogAdd(nextNone[f], fromNone);
                        nextSome[f] = LogAdd(nextSome[f], fromSome);
                    }
                }
            (none, nextNone) = (nextNone, none);
            (some, nextSome) = (nextSome, some);
        }
        int outside = nodes - groups * size;
        double total = double.NegativeInfinity;
        for (int f = 0; f <= failed; f++)
            if (failed - f <= outside) total = LogAdd(total, some[f] + SpecialFunctions.BinomialLn(outside, failed - f));
        return Math.Min(1, Math.Exp(total - SpecialFunctions.BinomialLn(nodes, failed)));
    }

    private static double[] Filled(int n)
    {
        var a = new double[n];
        Array.Fill(a, double.NegativeInfinity);
        return a;
    }

    private static double LogAdd(double a, double b)
    {
        if (double.IsNegativeInfinity(a)) return b;
        if (double.IsNegativeInfinity(b)) return a;
        double max = Math.Max(a, b);
        return max + Math.Log(Math.Exp(a - max) + Math.Exp(b - max));
    }
}
