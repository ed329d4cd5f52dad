using System.Globalization;
using Simulator.Engine;
using Simulator.Placement;
using Simulator.Scenarios;

namespace Simulator.Experiments;

/// <summary>
/// The model an experiment runs is the scenario after <c>--scale</c> and <c>--sample-interval</c>: a scale can pass a
/// <see cref="ModelLimits"/> limit the file keeps, or leave a cluster too few nodes for its placement (90 nodes over three
/// zones at <c>--scale 0.05</c> are 4, unequal zones that <c>zone_spread</c> cannot fill). Those are refused here, before
/// anything runs, each at the line of the field it concerns, with the scale named.
/// </summary>
public static class ScaledScenarioCheck
{
    /// <summary>Every problem of <paramref name="scenario"/> run at <paramref name="scale"/> with <paramref name="sampleInterval"/> (null: the scenario's).</summary>
    public static IReadOnlyList<ScenarioError> Problems(LoadedScenario scenario, double scale, Duration? sampleInterval)
    {
        if (scale == 1 && sampleInterval is null) return []; // the loader checked the file as it is
        var model = ScenarioScaler.Scale(scenario.Model, scale);
        string at = scale == 1 ? "" : string.Create(CultureInfo.InvariantCulture, $"at --scale {scale:G}: ");
        var problems = new List<(string Path, string Message)>();
        string seriesPath = sampleInterval is not null ? "--sample-interval"
            : Given(scenario, "sample_interval") ? "sample_interval" : "horizon";
        problems.AddRange(ModelLimits.Check(model, seriesPath, sampleInterval).Select(p => (p.Path, at + p.Message)));
        if (scale != 1 && problems.Count == 0) // a model past the limits is not laid out
        {
            var regions = model.Topology?.Regions ?? [];
            for (int i = 0; i < regions.Count; i++)
                for (int j = 0; j < regions[i].Zones.Count; j++)
                    for (int k = 0; k < regions[i].Zones[j].Clusters.Count; k++)
                    {
                        var c = regions[i].Zones[j].Clusters[k];
                        var domains = FailureDomains.Uniform(c.Nodes, c.ZoneCount, c.PowerDomains, c.RacksPerPowerDomain);
                        string? problem = PlacementKinds.Check(c.PlacementName, domains, c.Replicas, c.ScatterWidth ?? 0)
                            ?? PlacementCapacity.Check(c);
                        if (problem is not null)
                            problems.Add(($"topology.regions[{i}].zones[{j}].clusters[{k}].nodes",
                                string.Create(CultureInfo.InvariantCulture, $"at --scale {scale:G} the cluster has {c.Nodes:N0} nodes: {problem}")));
                    }
        }
        return [.. problems.Select(p => p.Path == "--sample-interval"
            ? new ScenarioError("--sample-interval", 0, 0, "sample_interval", p.Message)
            : ScenarioFile.Locate(scenario.Path, scenario.Overrides, p.Path, p.Message))];
    }

    private static bool Given(LoadedScenario scenario, string field) => ScenarioFile.Gives(scenario.Path, scenario.Overrides, field);
}
