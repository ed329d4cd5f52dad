namespace Simulator.Durability;

/// <summary>
/// A stripe of n chunks on n distinct nodes that survives while at least k of them are alive (replication: k = 1,
/// n = R). Each chunk's node fails at rate λ (exponential lifetimes for the chain; <see cref="StripeSimulation"/> also
/// takes Weibull), and missing chunks are rebuilt at rate μ, one at a time (<see cref="RepairMode.Serial"/>) or all at
/// once (<see cref="RepairMode.Parallel"/>). With <see cref="Bursts"/>, failures cluster as a <see cref="BurstModel"/>
/// says, at the same overall rate λ per node.
/// <para>
/// The alive count a is a Markov chain on {k − 1, …, n} (k − 1: data lost, absorbing). From a ≥ k: without bursts,
/// a → a − 1 at rate aλ; with bursts, each of the a nodes fails on its own at λ_ind = λ / (1 + p E[G]) and takes
/// h of the a − 1 others with it with probability (1 − p) 1[h = 0] + p H_{a−1}(h), and bursts started by the N − a
/// nodes outside the stripe take h ≥ 1 of its a chunks at rate (N − a) λ_ind p H_a(h) (H from
/// <see cref="BurstModel.Hits"/>); repairs take a → a + 1 at rate μ (serial) or (n − a) μ (parallel). Times are in hours.
/// </para>
/// </summary>
public sealed class StripeModel
{
    /// <param name="chunks">n ≥ 1.</param>
    /// <param name="needed">k, 1 ≤ k ≤ n.</param>
    /// <param name="failurePerHour">λ &gt; 0.</param>
    /// <param name="repairPerHour">μ &gt; 0.</param>
    /// <param name="repair">Serial or parallel.</param>
    /// <param name="bursts">Correlated failures, or null for independent ones.</param>
    public StripeModel(int chunks, int needed, double failurePerHour, double repairPerHour, RepairMode repair, BurstModel? bursts = null)
    {
        if (chunks < 1) throw new ArgumentOutOfRangeException(nameof(chunks), chunks, "a stripe has at least 1 chunk");
        if (needed < 1 || needed > chunks) throw new ArgumentOutOfRangeException(nameof(needed), needed, $"k must be in 1 … n = {chunks}");
        if (!(failurePerHour > 0) || !double.IsFinite(failurePerHour)) throw new ArgumentOutOfRangeException(nameof(failurePerHour), failurePerHour, "must be positive");
        if (!(repairPerHour > 0) || !double.IsFinite(repairPerHour)) throw new ArgumentOutOfRangeException(nameof(repairPerHour), repairPerHour, "must be positive");
        if (bursts is not null && bursts.ClusterNodes < chunks)
            throw new ArgumentOutOfRangeException(nameof(bursts), bursts.ClusterNodes, $"the cluster must have at least n = {chunks} nodes");
        Chunks = chunks;
        Needed = needed;
        FailurePerHour = failurePerHour;
        RepairPerHour = repairPerHour;
        Repair = repair;
        Bursts = bursts;
        IndependentPerHour = bursts is null ? failurePerHour : failurePerHour / bursts.FailuresPerIndependentFailure;
        Transitions = [.. Enumerable.Range(0, chunks + 1).Select(Build)];
    }

    public int Chunks { get; }
    public int Needed { get; }
    public double FailurePerHour { get; }
    public double RepairPerHour { get; }
    public RepairMode Repair { get; }
    public BurstModel? Bursts { get; }

    /// <summary>λ_ind: rate of a node's own failures (λ without bursts).</summary>
    public double IndependentPerHour { get; }

    /// <summary>The absorbing state: fewer than k chunks alive.</summary>
    public int LostState => Needed - 1;

    /// <summary>
    /// The transitions out of alive count a (empty for a &lt; k): (target, rate per hour), repair last when there is one.
    /// Targets below k − 1 are merged into k − 1.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<(int Target, double Rate)>> Transitions { get; }

    /// <summary>Rate of repairs out of alive count a.</summary>
    public double RepairRate(int alive) =>
        alive >= Chunks || alive < Needed ? 0 : Repair == RepairMode.Serial ? RepairPerHour : (Chunks - alive) * RepairPerHour;

    private IReadOnlyList<(int, double)> Build(int alive)
    {
        if (alive < Needed) return [];
        var down = new double[alive + 1]; // rate to alive − j, j = 1 … alive
        if (Bursts is null)
            down[1] = alive * FailurePerHour;
        else
        {
            double p = Bursts.StartProbability, own = alive * IndependentPerHour;
            down[1] += own * (1 - p);
            var withOwn = Bursts.Hits(alive - 1);
            for (int h = 0; h < withOwn.Count; h++) down[1 + h] += own * p * withOwn[h];
            double outside = (Bursts.ClusterNodes - alive) * IndependentPerHour * p;
            var fromOutside = Bursts.Hits(alive);
            for (int h = 1; h < fromOutside.Count; h++) down[h] += outside * fromOutside[h];
        }
        var list = new List<(int, double)>();
        double lost = 0;
        for (int j = 1; j <= alive; j++)
        {
            if (down[j] <= 0) continue;
            if (alive - j <= LostState) lost += down[j];
            else list.Add((alive - j, down[j]));
        }
        if (lost > 0) list.Add((LostState, lost));
        list.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        double repair = RepairRate(alive);
        if (repair > 0) list.Add((alive + 1, repair));
        return list;
    }
}
