using System.ComponentModel;
using Simulator.Placement;
using Simulator.Scenarios;
using Simulator.Scenarios.Model;
using Simulator.Units;

namespace Simulator.Faults.Kinds;

/// <summary>
/// A whole region is lost at a time, and back after a repair time drawn once: every node of every cluster whose home
/// is in the region is cut off (or loses its data, each with probability <see cref="DataLost"/>), as by a
/// <c>domain_failure</c> of each of the clusters' zones (<see cref="DomainOutage"/>); the links that end in the region
/// carry nothing, and the remote copies it holds for other regions do not serve. Its control plane is not modelled
/// as lost: its API metrics are those of the requests its zones would send.
/// </summary>
[ScenarioKind("region_failure")]
public sealed record RegionFailureFault : FaultSpec
{
    [Description("The region lost.")]
    [NotEmpty]
    public required string Region { get; init; }
    [Description("Share of the region's nodes that lose their data (each with this probability); 0%: cut off, back with their data.")]
    [Range("0%", "100%")]
    public Fraction DataLost { get; init; }
    [Description("Time until the region is back, drawn once: log-normal.")]
    public required DurationDistributionSpec Repair { get; init; }

    public override IEnumerable<(string Field, string Message)> CheckNames(ScenarioNames names)
    {
        if (names.UnknownRegion(Region) is { } problem) yield return ("region", problem);
    }

    public override void Schedule(TimelineContext timeline, int index)
    {
        var clusters = timeline.ClustersIn(Region).ToList();
        var repair = Repair.Sample(timeline.Streams.Get("region-failure-repair:" + Region, index));
        var outages = new List<DomainOutage>();
        var cross = timeline.CrossRegion;
        timeline.At(At, () =>
        {
            cross?.SetRegionDown(Region, true);
            foreach (var c in clusters)
                for (int z = 0; z < c.SpannedZoneIndices.Count; z++)
                    outages.Add(DomainOutage.Begin(c, DomainLevel.Zone, z, DataLost.Value,
                        timeline.Streams.Get($"region-failure-data:{c.Name}", index * 64 + z), $"faults[{index}]"));
        });
        timeline.At(At + repair, () =>
        {
            foreach (var o in outages) o.End();
            cross?.SetRegionDown(Region, false);
        });
        timeline.Mark(At, Label ?? $"region {Region} lost");
        timeline.Mark(At + repair, $"region {Region} back");
    }
}
