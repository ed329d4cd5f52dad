using System.ComponentModel;
using System.Globalization;
using Simulator.Engine;
using Simulator.Scenarios;
using Simulator.Scenarios.Model;

namespace Simulator.Durability;

/// <summary>How the Monte Carlo of an MTTDL reaches rare losses.</summary>
public enum MttdlEstimator
{
    /// <summary>Regenerative cycles with balanced failure biasing (importance sampling); exponential lifetimes only.</summary>
    Importance,
    /// <summary>The clock run to the loss: unbiased regenerative cycles (exponential), histories to the horizon (Weibull).</summary>
    Plain,
}

/// <summary>
/// Failure and repair over time (Ford et al., OSDI 2010, §8): a stripe of n chunks needing k, each failing at rate λ
/// and rebuilt at rate μ, serially or in parallel. Mean time to data loss and the chance of a loss within a horizon.
/// </summary>
[ScenarioKind("mttdl")]
public sealed record MttdlSpec : DurabilitySpec
{
    [Description("Chunks of a stripe (n): the replicas, for replication.")]
    [Range(1, 64)]
    public required int Replicas { get; init; }
    [Description("Chunks the stripe needs (k ≤ n): 1 for replication, k of an (n, k) erasure code.")]
    [Positive]
    public int Needed { get; init; } = 1;
    [Description("λ: failure rate of one chunk's node, every failure counted (burst members too), e.g. 8.1345e-3/d, 0.5/y, 2/h.")]
    public required string FailureRate { get; init; }
    [Description("μ: repair rate of a missing chunk, e.g. 66/d.")]
    public required string RepairRate { get; init; }
    [Description("serial: one repair at a time (rate μ); parallel: every missing chunk at once (rate jμ).")]
    public RepairMode Repair { get; init; } = RepairMode.Serial;
    [Description("exponential, or weibull:SHAPE (mean 1/λ; Monte Carlo only).")]
    public string Lifetime { get; init; } = "exponential";
    [Description("Horizon of the probability of loss, e.g. 10y.")]
    [Positive]
    public Duration Horizon { get; init; } = Duration.FromDays(3650);
    [Description("importance: regenerative cycles with failure biasing (exponential lifetimes only; their default); plain: the clock run to the loss (Weibull's default).")]
    public MttdlEstimator? Estimator { get; init; }
    [Description("Correlated failures (Ford et al., OSDI 2010): members anywhere in the cluster (same_rack must be 0%), all failing with the first.")]
    public FailureBurstsSpec? Bursts { get; init; }
    [Description("Nodes of the cluster the stripe lives in, for bursts.")]
    public int? Nodes { get; init; }

    public override string Kind => "mttdl";
    public override long DefaultTrials => EffectiveEstimator == MttdlEstimator.Importance ? 200_000 : 10_000;

    /// <summary>The estimator asked for, else importance sampling for exponential lifetimes and plain for Weibull.</summary>
    public MttdlEstimator EffectiveEstimator => Estimator ?? (WeibullShape == 1 ? MttdlEstimator.Importance : MttdlEstimator.Plain);

    /// <summary>The Weibull shape of <see cref="Lifetime"/> (1 for exponential); NaN when it does not parse.</summary>
    public double WeibullShape => TryShape(out double shape, out _) ? shape : double.NaN;

    public DurabilityRate Failure => DurabilityRate.Parse(FailureRate);
    public DurabilityRate Rebuild => DurabilityRate.Parse(RepairRate);

    /// <summary>The model the spec describes (after <see cref="Problems"/> found none).</summary>
    public StripeModel Model() => new(Replicas, Needed, Failure.PerHour, Rebuild.PerHour, Repair,
        Bursts is { } b ? new BurstModel(b.Share.Value, b.MeanSize, Nodes ?? 0) : null);

    public override IEnumerable<(string Field, string Message)> Problems(Func<string[], bool> bound)
    {
        if (bound(["replicas", "needed"]) && Needed > Replicas)
            yield return ("needed", $"expected k ≤ n = {Replicas} chunks needed, found k = {Needed}");
        if (bound(["failure_rate"]) && !DurabilityRate.TryParse(FailureRate, out _, out string failure))
            yield return ("failure_rate", failure);
        if (bound(["repair_rate"]) && !DurabilityRate.TryParse(RepairRate, out _, out string repair))
            yield return ("repair_rate", repair);
        if (bound(["lifetime"]) && !TryShape(out _, out string shape))
            yield return ("lifetime", shape);
        if (Bursts is { } b && bound(["bursts"]))
        {
            if (b.SameRack.Value != 0)
                yield return ("bursts.same_rack", $"expected 0% (a durability stripe's bursts take members anywhere in the cluster), found {b.SameRack}");
            if (b.Share.Value >= 1)
                yield return ("bursts.share", $"expected a share below 100 % (some failures must start the bursts), found {b.Share}");
            if (Nodes is null)
                yield return ("nodes", "bursts need the cluster's node count (nodes)");
        }
        if (Nodes is { } nodes && bound(["nodes", "replicas"]) && nodes < Math.Max(2, Replicas))
            yield return ("nodes", $"expected at least {Math.Max(2, Replicas)} nodes (the stripe's chunks are on distinct nodes), found {nodes}");
        if (bound(["estimator", "lifetime"]) && Estimator == MttdlEstimator.Importance && TryShape(out double k, out _) && k != 1 && Trials is not 0)
            yield return ("estimator", "importance sampling needs exponential lifetimes; use estimator plain with Weibull lifetimes");
    }

    private bool TryShape(out double shape, out string error)
    {
        shape = 1;
        error = "";
        string text = Lifetime.Trim().ToLowerInvariant();
        if (text == "exponential") return true;
        if (text.StartsWith("weibull:", StringComparison.Ordinal)
            && double.TryParse(text["weibull:".Length..], NumberStyles.Float, CultureInfo.InvariantCulture, out shape)
            && shape >= 0.1 && shape <= 10)
            return true;
        error = $"expected exponential or weibull:SHAPE with a shape from 0.1 to 10 (weibull:0.7), found \"{Lifetime}\"";
        return false;
    }
}
