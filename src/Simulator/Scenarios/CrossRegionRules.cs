using Simulator.Scenarios.Model;

namespace Simulator.Scenarios;

/// <summary>
/// The rules of links and cross-region classes that field constraints cannot say: the places a link joins exist and
/// differ, a class's cluster and target region exist, the target is another region joined to the cluster's by a link,
/// a snapshot class has a period (and only a snapshot class), shares of one cluster add up to 100 % at most, and names
/// are unique. Paths are relative to the scenario's root.
/// </summary>
public static class CrossRegionRules
{
    public static IEnumerable<(string RelativePath, string Message)> Check(Scenario scenario, ValidationContext context, ScenarioNames names)
    {
        var regionOf = names.RegionOfPlace;
        // A scenario without its topology (reported already) has no links to check.
        var links = scenario.Topology?.Links ?? [];
        bool linksRead = scenario.Topology is not null && context.IsBound("topology.links[*].between", "topology.links[*].name");
        for (int i = 0; i < links.Count && linksRead; i++)
        {
            var l = links[i];
            string at = $"topology.links[{i}]";
            if (l.Between.Count != 2)
            {
                yield return ($"{at}.between", $"expected two places, found {l.Between.Count}");
                continue;
            }
            for (int e = 0; e < 2; e++)
                if (names.UnknownPlace(l.Between[e]) is { } problem) yield return ($"{at}.between[{e}]", problem);
            if (l.Between[0] == l.Between[1]) yield return ($"{at}.between", $"a link joins two different places, found \"{l.Between[0]}\" twice");
        }
        if (linksRead)
            foreach (var dup in links.Select((l, i) => (l.Name, i)).GroupBy(x => x.Name).Where(g => g.Count() > 1))
                yield return ($"topology.links[{dup.ElementAt(1).i}].name", $"link \"{dup.Key}\" is defined {dup.Count()} times");

        var classes = scenario.CrossRegion ?? [];
        var shares = new Dictionary<string, double>();
        var counts = new Dictionary<string, long>();
        for (int i = 0; i < classes.Count; i++)
        {
            var c = classes[i];
            string at = $"cross_region[{i}]";
            if (context.IsGiven($"{at}.share") && c.Count is not null && context.IsBound($"{at}.count"))
                yield return ($"{at}.count", "give a share or a count of volumes, not both");
            if (!context.IsBound($"{at}.cluster", $"{at}.share", $"{at}.count")) continue;
            if (c.Count is int count) counts[c.Cluster] = counts.GetValueOrDefault(c.Cluster) + count;
            else shares[c.Cluster] = shares.GetValueOrDefault(c.Cluster) + c.Share.Value;
            if (shares.GetValueOrDefault(c.Cluster) > 1 + 1e-12)
                yield return ($"{at}.share", $"the classes of cluster {c.Cluster} take {100 * shares[c.Cluster]:0.###} % of its volumes; at most 100 %");
            else if (c.Count is int && names.ClusterVolumes?.GetValueOrDefault(c.Cluster) is int volumes &&
                     counts[c.Cluster] + shares.GetValueOrDefault(c.Cluster) * volumes > volumes)
                yield return ($"{at}.count", $"the classes of cluster {c.Cluster} take more than its {volumes} volumes");
        }
        for (int i = 0; i < classes.Count; i++)
            foreach (var problem in Class(classes[i].Cluster, classes[i].To, classes[i].Mode, classes[i].Every, $"cross_region[{i}]"))
                yield return problem;
        if (scenario.Databases?.MultiRegion is { } db && context.IsBound("databases.zone") &&
            names.ClusterZone?.FirstOrDefault(z => z.Value == scenario.Databases.Zone).Key is { } dbCluster)
            foreach (var problem in Class(dbCluster, db.To, db.Mode, db.Every, "databases.multi_region"))
                yield return problem;

        IEnumerable<(string, string)> Class(string clusterName, string to, CrossRegionMode mode, Engine.Duration? every, string at)
        {
            if (context.IsBound($"{at}.mode", $"{at}.every"))
            {
                if (mode == CrossRegionMode.Snapshot && every is null) yield return ($"{at}.every", "mode snapshot needs a period, e.g. every: 15m");
                if (mode == CrossRegionMode.Continuous && every is not null)
                    yield return ($"{at}.every", "only mode snapshot takes a period; continuous replication ships writes as they happen");
            }
            if (!context.IsBound($"{at}.to") || !context.IsBound(at.StartsWith("cross", StringComparison.Ordinal) ? $"{at}.cluster" : at)) yield break;
            if (names.UnknownCluster(clusterName) is { } cluster) yield return ($"{at}.cluster", cluster);
            if (names.UnknownRegion(to) is { } region) { yield return ($"{at}.to", region); yield break; }
            if (names.ClusterZone is null || regionOf is null || !names.ClusterZone.TryGetValue(clusterName, out var zone) || !linksRead) yield break;
            string home = regionOf[zone];
            if (home == to) { yield return ($"{at}.to", $"expected another region than the cluster's own ({home}): a failover must leave the region"); yield break; }
            bool joined = links.Any(l => l.Between.Count == 2 && Enumerable.Range(0, 2).Any(e =>
                (l.Between[e] == zone || l.Between[e] == home) && regionOf.GetValueOrDefault(l.Between[1 - e]) == to));
            if (!joined)
                yield return ($"{at}.to", $"no link joins {zone} (or {home}) to {to}: add one to topology.links");
        }
        foreach (var dup in classes.Select((c, i) => (c.Name, i)).GroupBy(x => x.Name).Where(g => g.Count() > 1))
            yield return ($"cross_region[{dup.ElementAt(1).i}].name", $"class \"{dup.Key}\" is defined {dup.Count()} times");
    }
}
