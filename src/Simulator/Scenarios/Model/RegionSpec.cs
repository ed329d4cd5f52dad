using Simulator.Scenarios;
namespace Simulator.Scenarios.Model;

/// <summary>A region: a set of zones sharing a control plane (unless it is per zone).</summary>
public sealed record RegionSpec : IValidatable
{
    [NotEmpty]
    public required string Name { get; init; }
    [NotEmpty]
    public required IReadOnlyList<ZoneSpec> Zones { get; init; }

    /// <summary>
    /// The zones a cluster spans (<see cref="ClusterSpec.Zones"/>) are zones of this region, and include the zone the
    /// cluster is listed under.
    /// </summary>
    public IEnumerable<(string RelativePath, string Message)> Validate(ValidationContext context)
    {
        if (!context.IsBound("zones[*].name")) yield break;
        var names = Zones.Select(z => z.Name).ToList();
        for (int j = 0; j < Zones.Count; j++)
        {
            var zone = Zones[j];
            for (int k = 0; k < zone.Clusters.Count; k++)
            {
                string at = $"zones[{j}].clusters[{k}].zones";
                if (zone.Clusters[k]?.Zones is not { } spans || !context.IsBound($"{at}[*]")) continue;
                for (int i = 0; i < spans.Count; i++)
                    if (!names.Contains(spans[i]))
                        yield return ($"{at}[{i}]", $"expected a zone of region {Name} ({string.Join(", ", names)}), found \"{spans[i]}\"{DidYouMean.Hint(spans[i], names)}");
                if (!spans.Contains(zone.Name))
                    yield return (at, $"must include {zone.Name}, the zone the cluster is listed under");
            }
        }
    }
}
