using CsCheck;

namespace Simulator.Tests.Scenarios;

/// <summary>
/// Scenario files for property tests: valid ones within bounds small enough to run in milliseconds (1–2 regions, up to
/// three zones each, clusters of 3–24 nodes and 20–40 volumes a node, a few hours at 10–30 minute samples, an optional node
/// failure and routing change), and mutations of them.
/// </summary>
internal static class ScenarioGen
{
    private static readonly string[] Placements = ["most_free", "random"];

    private static Gen<YamlTree> Cluster(string name) =>
        from replicas in Gen.Int[2, 3]
        from nodes in Gen.Int[replicas + 1, 24]
        from volumesPerNode in Gen.Int[20, 40] // enough for log-normal sizes to pack on nodes sized from the data
        from sizeGiB in Gen.Int[1, 200]
        from writesPerHour in Gen.Int[1, 20]
        from free in Gen.Int[15, 60] // at 5 % a 3-node cluster of equal volumes can be left unpackable (the model refuses it, exit 2)
        from primaryGbps in Gen.Int[1, 100]
        from placement in Gen.OneOf(Placements)
        select YamlTree.Map(
            ("name", name),
            ("nodes", nodes),
            ("volumes", volumesPerNode * nodes),
            ("replicas", replicas),
            ("placement", placement),
            ("volume_size", YamlTree.Map(("median", $"{sizeGiB}GiB"))),
            ("volume_writes", YamlTree.Map(("median", $"{writesPerHour}/h"))),
            ("free_capacity", $"{free}%"),
            ("node_traffic", "10Mbps"),
            ("primary_network", $"{primaryGbps}Gbps"),
            ("secondary_network", "1Gbps"));

    /// <summary>A valid scenario: it loads and runs.</summary>
    public static readonly Gen<YamlTree> Valid =
        from regions in Gen.Int[1, 2]
        from zonesPerRegion in Gen.Int[1, 3]
        from horizonH in Gen.Int[1, 6]
        from sampleM in Gen.OneOf(10, 15, 30)
        from clusters in Cluster("c").Array[regions * zonesPerRegion]
        from detectS in Gen.Int[1, 60]
        from retryS in Gen.Int[1, 60]
        from copyMBs in Gen.Int[10, 500]
        from crashPct in Gen.Int[0, 5]
        from workers in Gen.Int[1, 64]
        from nodeFailure in Gen.Bool
        from routing in Gen.Bool
        from portion in Gen.Int[5, 50]
        select Build(regions, zonesPerRegion, horizonH, sampleM, clusters, detectS, retryS, copyMBs, crashPct, workers, nodeFailure,
            routing, portion);

    private static YamlTree Build(int regions, int zonesPerRegion, int horizonH, int sampleM, YamlTree[] clusters, int detectS,
        int retryS, int copyMBs, int crashPct, int workers, bool nodeFailure, bool routing, int portion)
    {
        var regionList = YamlTree.List();
        for (int r = 0; r < regions; r++)
        {
            var zones = YamlTree.List();
            for (int z = 0; z < zonesPerRegion; z++)
            {
                var cluster = clusters[r * zonesPerRegion + z];
                cluster.Entries![0] = ("name", $"cluster-{r}{(char)('a' + z)}");
                zones.Items!.Add(YamlTree.Map(("name", $"region-{r}{(char)('a' + z)}"), ("clusters", YamlTree.List(cluster))));
            }
            regionList.Items!.Add(YamlTree.Map(("name", $"region-{r}"), ("zones", zones)));
        }
        var faults = YamlTree.List();
        if (nodeFailure) faults.Items!.Add(YamlTree.Map(("kind", "node_failure"), ("at", "30m"), ("cluster", "cluster-0a"), ("nodes", 1)));
        if (routing)
            faults.Items!.Add(YamlTree.Map(("kind", "routing_change"), ("at", "20m"), ("cluster", "cluster-0a"), ("portion", $"{portion}%"),
                ("rollback_after", "40m")));
        return YamlTree.Map(
            ("name", "generated"),
            ("horizon", $"{horizonH}h"),
            ("sample_interval", $"{sampleM}m"),
            ("topology", YamlTree.Map(("regions", regionList))),
            ("replication", YamlTree.Map(
                ("detect_timeout", $"{detectS}s"),
                ("retry", YamlTree.Map(("interval", $"{retryS}s"))),
                ("copy_bandwidth", $"{copyMBs}MB/s"),
                ("crash", YamlTree.Map(
                    ("per_closure_probability", $"0.0{crashPct}"),
                    ("restart_delay", YamlTree.Map(("median", "10m"))),
                    ("unrecoverable", "1%"))))),
            ("control_plane", YamlTree.Map(
                ("workers", workers),
                ("negotiate", YamlTree.Map(("service", "50ms"), ("timeout", "60s"))))),
            ("faults", faults));
    }

    /// <summary>One change to a file: what kind, where (an index into the document's slots) and which replacement.</summary>
    public readonly record struct Mutation(int Kind, int Slot, int Choice)
    {
        public override string ToString() => $"{Names[Kind % Names.Length]} at slot {Slot}, choice {Choice}";
    }

    private static readonly string[] Names =
        ["type", "unit", "sign", "range", "delete key", "duplicate key", "alias", "unicode", "misspelt key", "many items"];

    public static readonly Gen<Mutation> OneMutation =
        from kind in Gen.Int[0, Names.Length - 1]
        from slot in Gen.Int[0, 1000]
        from choice in Gen.Int[0, 100]
        select new Mutation(kind, slot, choice);

    private static readonly YamlTree[] OddValues =
        ["abc", "", "null", "true", YamlTree.List(), YamlTree.Map(), YamlTree.List("1", "2"), YamlTree.Map(("x", "1")), "1.5", "0x1F", "1_000"];
    private static readonly string[] OddUnits = ["parsecs", "GB/h", "%%", "µs", "KiB/s", "Mbps", "/fortnight", "", " s", "h h"];
    private static readonly string[] OddNumbers =
        ["0", "1e308", "1e309", "99999999999999999999", "2147483648", "1e-12", "NaN", ".inf", "-.inf", "25000000", "0.5", "1000001", "-0"];
    private static readonly string[] OddText = ["ñame", "\u202Eevil", "😀", "\u0000", "名前", "\uFEFFx", "a\u0301", "\u200B", "\uD800"];
    private static readonly int[] ManyItems = [2, 100, 300, 2_000, 25_000];

    /// <summary>The tree after applying <paramref name="mutations"/> in turn, each to the slot its index picks among those there are then.</summary>
    public static YamlTree Apply(YamlTree valid, IReadOnlyList<Mutation> mutations)
    {
        var tree = valid.Clone();
        int anchors = 0;
        foreach (var m in mutations)
        {
            var slots = Slots(tree);
            var (parent, index) = slots[m.Slot % slots.Count];
            var node = Get(parent, index);
            switch (m.Kind % Names.Length)
            {
                case 0:
                    Set(parent, index, OddValues[m.Choice % OddValues.Length].Clone());
                    break;
                case 1 when node.Scalar is { } text && Split(text) is var (number, _) && number.Length > 0:
                    node.SetScalar(number + OddUnits[m.Choice % OddUnits.Length]);
                    break;
                case 2 when node.Scalar is { Length: > 0 } text && char.IsAsciiDigit(text[0]):
                    node.SetScalar("-" + text);
                    break;
                case 3 when node.Scalar is { } text:
                    node.SetScalar(OddNumbers[m.Choice % OddNumbers.Length] + Split(text).Unit);
                    break;
                case 4 when parent.Entries is { } entries:
                    entries.RemoveAt(index);
                    break;
                case 5 when parent.Entries is { } entries:
                    entries.Insert(index + 1, (entries[index].Key, OddValues[m.Choice % OddValues.Length].Clone()));
                    break;
                case 6:
                {
                    var (otherParent, otherIndex) = slots[(m.Slot + 1 + m.Choice) % slots.Count];
                    string name = $"a{anchors++}";
                    node.Anchor ??= name;
                    var alias = YamlTree.Text("");
                    alias.Alias = node.Anchor;
                    if (!ReferenceEquals(Get(otherParent, otherIndex), node)) Set(otherParent, otherIndex, alias);
                    break;
                }
                case 7 when parent.Entries is { } entries && m.Choice % 2 == 0:
                    entries[index] = (entries[index].Key + OddText[m.Choice / 2 % OddText.Length], entries[index].Value);
                    break;
                case 7:
                    Set(parent, index, OddText[m.Choice % OddText.Length]);
                    break;
                case 8 when parent.Entries is { } entries && entries[index].Key.Length > 1:
                    entries[index] = (entries[index].Key[..^1], entries[index].Value);
                    break;
                case 9 when node.Items is { Count: > 0 } items:
                    var first = items[0];
                    for (int i = 1; i < ManyItems[m.Choice % ManyItems.Length]; i++) items.Add(first.Clone());
                    break;
            }
        }
        return tree;
    }

    /// <summary>"90s" → ("90", "s"); "1e-3GiB" → ("1e-3", "GiB"); "abc" → ("", "abc").</summary>
    private static (string Number, string Unit) Split(string text)
    {
        int i = 0;
        while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] is '.' or '-' or '+' || (text[i] is 'e' or 'E' && i > 0))) i++;
        return (text[..i], text[i..]);
    }

    /// <summary>Every place a value sits: (its mapping or list, the entry's or item's index), in document order.</summary>
    private static List<(YamlTree Parent, int Index)> Slots(YamlTree tree)
    {
        var slots = new List<(YamlTree, int)>();
        foreach (var (_, node) in tree.Walk())
        {
            if (node.Alias is not null) continue;
            for (int i = 0; i < (node.Entries?.Count ?? 0); i++) slots.Add((node, i));
            for (int i = 0; i < (node.Items?.Count ?? 0); i++) slots.Add((node, i));
        }
        return slots;
    }

    private static YamlTree Get(YamlTree parent, int index) => parent.Entries is { } e ? e[index].Value : parent.Items![index];

    private static void Set(YamlTree parent, int index, YamlTree value)
    {
        if (parent.Entries is { } e) e[index] = (e[index].Key, value);
        else parent.Items![index] = value;
    }
}
