using Simulator.Experiments;

namespace Simulator.Reporting;

/// <summary>
/// One published figure across the replications of a run: the value of each replication, their statistics, and the
/// check that decides — the figure's comparison and tolerance applied to the <em>mean</em> across replications. With
/// one replication the mean is that replication's value, so the check is the single run's.
/// </summary>
/// <param name="Mean">The figure as published, with the mean across replications as its simulated value; its
/// <see cref="ValidationRow.Ok"/> is the check.</param>
/// <param name="Values">The figure's value in each replication, in replication order.</param>
/// <param name="Statistics">Mean, spread, 95 % Student-t interval of the mean, min and max of <paramref name="Values"/>.</param>
public sealed record ValidationSummary(ValidationRow Mean, IReadOnlyList<double> Values, SummaryStatistics Statistics)
{
    /// <summary>The mean is within the tolerance (or on the right side of the published value).</summary>
    public bool Ok => Mean.Ok;

    /// <summary>How many replications, taken alone, would pass the same check.</summary>
    public int ReplicationsOk => Values.Count(v => (Mean with { Simulated = v }).Ok);

    /// <summary>
    /// The figures of a run across its replications: <paramref name="replications"/>[r][i] is figure i read off
    /// replication r (<see cref="ScenarioRunner.Validate"/>); every replication must list the same figures in the same order.
    /// </summary>
    public static IReadOnlyList<ValidationSummary> Of(IReadOnlyList<IReadOnlyList<ValidationRow>> replications)
    {
        if (replications.Count == 0) return [];
        var first = replications[0];
        foreach (var rows in replications)
            if (rows.Count != first.Count || rows.Where((row, i) => row.Figure != first[i].Figure).Any())
                throw new ArgumentException("every replication must list the same validation figures in the same order", nameof(replications));
        return first.Select((row, i) =>
        {
            double[] values = [.. replications.Select(rows => rows[i].Simulated)];
            var statistics = SummaryStatistics.Of(values);
            return new ValidationSummary(row with { Simulated = statistics.Mean }, values, statistics);
        }).ToList();
    }
}
