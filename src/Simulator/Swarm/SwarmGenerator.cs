using Simulator.Engine;
using Simulator.Placement;
using static Simulator.Swarm.SwarmYaml;

namespace Simulator.Swarm;

/// <summary>One generated run: its seed, the scenario file's text, and the kinds it enabled.</summary>
/// <param name="Seed">The run's seed: it draws the scenario and is the scenario's own <c>seed:</c>.</param>
/// <param name="Yaml">The scenario file, in the format <c>replsim run</c> reads.</param>
/// <param name="Kinds">The kinds enabled (<see cref="SwarmKinds"/>), in <see cref="SwarmKinds.All"/> order.</param>
/// <param name="Shape">A few words on the topology: regions, clusters, replicas, placement.</param>
public sealed record SwarmScenario(ulong Seed, string Yaml, IReadOnlyList<string> Kinds, string Shape);

/// <summary>
/// Draws a random scenario within small bounds from a run's seed alone: a topology of one to three regions (one to
/// three zones each, a cluster in the first zone of each region, spanning its region's zones or not), each cluster
/// with its replicas (1–5), write rule, placement kind (only those its failure domains can satisfy), power domains
/// and racks; replication, retry and control-plane settings; then a random subset of <see cref="SwarmKinds"/>, each
/// enabled kind with one or two faults or actions at random times. Sizes are small (6–36 nodes, a few hundred volumes,
/// hours of simulated time) so that a run, checked after every event, takes well under a second. Every number is
/// assumed: the swarm looks for states the model must never reach, not for realistic outcomes.
/// </summary>
public static partial class SwarmGenerator
{
    /// <summary>The seed of run <paramref name="index"/> of the swarm seeded <paramref name="swarmSeed"/> (SplitMix64; 52 bits).</summary>
    public static ulong RunSeed(ulong swarmSeed, int index)
    {
        ulong z = swarmSeed + 0x9E3779B97F4A7C15UL * (ulong)(index + 1);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (z ^ (z >> 31)) >> 12;
    }

    /// <summary>The scenario of the run seeded <paramref name="seed"/>: the same seed gives the same bytes.</summary>
    public static SwarmScenario Generate(ulong seed) => new Builder(seed).Build();

    private sealed record Cluster(string Name, string Region, string Zone, int Nodes, int Volumes, int Zones, int PowerDomains,
        int Racks, int Replicas);

    /// <summary>Draws one scenario; the faults and operator actions of each kind are drawn in SwarmGenerator.Faults.cs.</summary>
    private sealed partial class Builder(ulong seed)
    {
        private readonly RandomStream _r = new RandomStreams(seed, 0).Get("swarm-scenario");
        private readonly List<string> _regions = [];
        private readonly Dictionary<string, List<string>> _zones = [];
        private readonly List<Cluster> _clusters = [];
        private readonly List<string> _links = [];
        private readonly List<string> _classHomes = []; // home regions of the cross-region classes
        private readonly List<object> _faults = [], _operators = [];
        private readonly SortedSet<int> _kinds = [];
        private readonly Dictionary<string, object> _clusterMaps = [];
        private long _horizonS;

        public SwarmScenario Build()
        {
            int regions = Chance(0.5) ? 1 : 2 + _r.Next(2);
            var enabled = new HashSet<string>(SwarmKinds.All.Where(k => (regions > 1 || SwarmKinds.OneRegion.Contains(k)) && Chance(0.5)));
            _horizonS = 3600L * (2 + _r.Next(5));
            var root = new Map
            {
                ["name"] = $"swarm-{seed}",
                ["description"] = "Drawn by replsim swarm from its seed: a random topology and a random subset of fault kinds, small sizes, every number assumed.",
                ["horizon"] = Seconds(_horizonS),
                ["sample_interval"] = Seconds(60L * Pick(10, 15, 30)),
                ["seed"] = (long)seed,
                ["retry_accounting"] = Chance(0.3) ? "exact" : "aggregated",
                ["topology"] = Topology(regions),
                ["replication"] = Replication(enabled.Contains(SwarmKinds.Crashes)),
                ["control_plane"] = ControlPlane(enabled.Contains(SwarmKinds.ApiRequests) || enabled.Contains(SwarmKinds.DisableApi)),
            };
            if (enabled.Contains(SwarmKinds.DisableApi)) enabled.Add(SwarmKinds.ApiRequests);
            if (Databases(enabled) is { } databases) root["databases"] = databases;
            if (regions > 1 && (enabled.Contains(SwarmKinds.CrossRegion) || enabled.Contains(SwarmKinds.FailOver)))
            {
                enabled.Add(SwarmKinds.CrossRegion);
                root["cross_region"] = CrossRegion();
            }
            foreach (string kind in SwarmKinds.All)
                if (enabled.Contains(kind))
                    for (int i = 0, n = 1 + _r.Next(2); i < n; i++) Add(kind);
            if (_faults.Count > 0) root["faults"] = _faults;
            if (_operators.Count > 0) root["operators"] = _operators;
            foreach (string kind in enabled) _kinds.Add(IndexOf(kind));
            var kinds = _kinds.Select(i => SwarmKinds.All[i]).ToList();
            string shape = $"{regions} region{(regions > 1 ? "s" : "")}, " + string.Join("; ", _clusters.Select(c =>
                $"{c.Name}: {c.Nodes} nodes, {c.Volumes} volumes, R={c.Replicas} {((Map)_clusterMaps[c.Name])["placement"]}"));
            string yaml = Write(root,
            [
                "yaml-language-server: $schema=../scenario.schema.json",
                $"Drawn by `replsim swarm` from run seed {seed}; kinds enabled: {string.Join(", ", kinds)}.",
                $"Reproduce: replsim swarm --replay <this file>",
            ]);
            return new SwarmScenario(seed, yaml, kinds, shape);
        }

        private static int IndexOf(string kind) => SwarmKinds.All.ToList().IndexOf(kind);


        private Map Topology(int regions)
        {
            var list = new List<object>();
            for (int g = 0; g < regions; g++)
            {
                string region = $"r{g + 1}";
                _regions.Add(region);
                int zoneCount = 1 + _r.Next(3);
                var names = Enumerable.Range(0, zoneCount).Select(z => $"{region}{(char)('a' + z)}").ToList();
                _zones[region] = names;
                var zones = new List<object>();
                for (int z = 0; z < zoneCount; z++)
                {
                    var zone = new Map { ["name"] = names[z] };
                    if (z == 0) zone["clusters"] = new List<object> { ClusterSpec(region, names) };
                    zones.Add(zone);
                }
                list.Add(new Map { ["name"] = region, ["zones"] = zones });
            }
            var topology = new Map { ["regions"] = list };
            if (regions > 1)
            {
                var links = new List<object>();
                for (int a = 0; a < regions; a++)
                    for (int b = a + 1; b < regions; b++)
                    {
                        string name = $"{_regions[a]}--{_regions[b]}";
                        _links.Add(name);
                        links.Add(new Map
                        {
                            ["name"] = name,
                            ["between"] = new List<object> { _regions[a], _regions[b] },
                            ["bandwidth"] = $"{Pick(1, 2, 5, 10)}Gbps",
                            ["latency"] = $"{Pick(5, 20, 40, 80)}ms",
                        });
                    }
                topology["links"] = links;
            }
            return topology;
        }

        private Map ClusterSpec(string region, List<string> regionZones)
        {
            string name = $"c-{region}";
            int zones = regionZones.Count > 1 && Chance(0.5) ? regionZones.Count : 1;
            int power = 1 + _r.Next(zones > 1 ? 2 : 3), racks = 1 + _r.Next(zones > 1 ? 2 : 3);
            int perRack = 2 + _r.Next(2);
            int nodes = Math.Max(6, zones * power * racks * perRack);
            int replicas = Pick(1, 2, 2, 3, 3, 4, 5);
            replicas = Math.Min(replicas, nodes - 1);
            var domains = FailureDomains.Uniform(nodes, zones, power, racks);
            var feasible = PlacementKinds.Names.Where(k => PlacementKinds.Check(k, domains, replicas, Math.Max(1, replicas - 1) * 2) is null
                && !(PlacementKinds.TakesScatterWidth(k) && replicas < 2)).ToList();
            string placement = feasible[_r.Next(feasible.Count)];
            int volumes = nodes * (6 + _r.Next(6)) / replicas + 1; // 6 to 11 replicas a node: a node holds several of the largest volumes
            var spec = new Map
            {
                ["name"] = name,
                ["nodes"] = nodes,
                ["volumes"] = volumes,
            };
            if (zones > 1) spec["zones"] = regionZones.Cast<object>().ToList();
            spec["power_domains"] = power;
            spec["racks_per_power_domain"] = racks;
            spec["placement"] = placement;
            if (PlacementKinds.TakesScatterWidth(placement)) spec["scatter_width"] = (replicas - 1) * 2;
            spec["replicas"] = replicas;
            spec["write_rule"] = replicas >= 3 && Chance(0.5) ? "majority" : "all";
            int median = Pick(20, 40, 100);
            spec["volume_size"] = new Map { ["median"] = $"{median}GiB", ["sigma"] = Round(0.6 * _r.NextDouble(), 2), ["min"] = "1GiB", ["max"] = $"{2 * median}GiB" };
            spec["volume_writes"] = new Map { ["median"] = $"{Pick(1, 6, 60)}/h", ["sigma"] = Round(2 * _r.NextDouble(), 2) };
            spec["free_capacity"] = Percent(0.25 + 0.2 * _r.NextDouble()); // room enough for the initial placement of any kind on a few nodes
            spec["node_traffic"] = "1Gbps";
            spec["primary_network"] = $"{nodes * Pick(2, 3, 5)}Gbps";
            spec["secondary_network"] = $"{Math.Max(1, nodes / Pick(2, 4, 8))}Gbps";
            if (Chance(0.3)) spec["node_network"] = $"{Pick(2, 10)}Gbps";
            _clusters.Add(new Cluster(name, region, regionZones[0], nodes, volumes, zones, power, racks, replicas));
            _clusterMaps[name] = spec;
            return spec;
        }

        private Map Replication(bool crashes)
        {
            var retry = new Map
            {
                ["policy"] = Pick("fixed", "exponential", "full_jitter", "equal_jitter", "decorrelated_jitter"),
                ["interval"] = Seconds(Pick(5, 10, 30)),
                ["max_interval"] = Seconds(60L * Pick(1, 5, 10)),
            };
            if (Chance(0.3)) retry["budget"] = 3 + _r.Next(10);
            var replication = new Map
            {
                ["detect_timeout"] = Seconds(Pick(10, 30, 60)),
                ["retry"] = retry,
                ["hold_given_up_space"] = Chance(0.5),
                ["copy_bandwidth"] = $"{Pick(50, 100, 400)}MB/s",
                ["repair_share"] = Percent(Pick(0.3, 0.5, 1.0)),
            };
            if (Chance(0.3))
            {
                replication["repair_delay"] = Seconds(60L * Pick(1, 10, 30));
                replication["repair_delay_distribution"] = Pick("fixed", "exponential");
            }
            replication["search_contacts"] = _r.Next(4);
            replication["negotiate_per_attempt"] = Chance(0.5);
            replication["crash"] = new Map
            {
                ["per_closure_probability"] = crashes ? Round(Pick(1e-4, 1e-3, 1e-2), 4) : 0.0,
                ["restart_delay"] = new Map { ["median"] = Seconds(60L * Pick(10, 30, 120)), ["sigma"] = Round(_r.NextDouble(), 2) },
                ["unrecoverable"] = Percent(Pick(0, 0.05, 0.3)),
            };
            return replication;
        }

        private Map ControlPlane(bool api)
        {
            var spec = new Map
            {
                ["scope"] = Pick("regional", "per_zone"),
                ["workers"] = Pick(2, 5, 20, 50),
                ["queue_limit"] = Pick(10, 100, 1000),
                ["negotiate"] = new Map { ["service"] = $"{Pick(10, 50, 200)}ms", ["timeout"] = Seconds(Pick(5, 30, 60)), ["retries"] = _r.Next(4) },
            };
            var requests = new List<object>();
            if (api)
                requests.Add(new Map
                {
                    ["name"] = "create_volume",
                    ["rate_per_zone"] = $"{Pick(6, 60, 360)}/h",
                    ["service"] = $"{Pick(50, 200, 1000)}ms",
                    ["timeout"] = Seconds(Pick(10, 30, 60)),
                    ["needs_cluster_space"] = Chance(0.5),
                });
            spec["api"] = requests;
            return spec;
        }

        private Map? Databases(HashSet<string> enabled)
        {
            bool single = enabled.Contains(SwarmKinds.SingleZoneDatabases), multi = enabled.Contains(SwarmKinds.MultiZoneDatabases),
                region = enabled.Contains(SwarmKinds.MultiRegionDatabases) && _regions.Count > 1;
            if (!single && !multi && !region) return null;
            var home = _clusters[0];
            var spec = new Map { ["zone"] = home.Zone };
            int volumes = home.Volumes;
            if (single) spec["single_zone"] = new Map { ["count"] = 1 + _r.Next(Math.Max(1, volumes / 8)), ["stripe_volumes"] = 1 + _r.Next(4) };
            if (multi) spec["multi_zone"] = new Map { ["count"] = 1 + _r.Next(Math.Max(1, volumes / 4)), ["failover_bug_probability"] = Percent(_r.NextDouble()) };
            if (region)
            {
                _classHomes.Add(home.Region);
                spec["multi_region"] = new Map
                {
                    ["count"] = 1 + _r.Next(Math.Max(1, volumes / 4)),
                    ["to"] = _regions[1],
                    ["mode"] = "continuous",
                    ["write_rate"] = new Map { ["median"] = $"{Pick(16, 64, 512)}KB/s", ["sigma"] = Round(_r.NextDouble(), 2) },
                    ["failover"] = Failover(),
                };
            }
            return spec;
        }

        private List<object> CrossRegion()
        {
            var classes = new List<object>();
            foreach (var c in _clusters)
            {
                if (!Chance(0.7) && classes.Count > 0) continue;
                string to = Pick(_regions.Where(r => r != c.Region).ToArray());
                bool snapshot = Chance(0.4);
                var spec = new Map
                {
                    ["name"] = $"{c.Region}-to-{to}",
                    ["cluster"] = c.Name,
                    // At most 40 % of the volumes, counted (a share is drawn volume by volume, and can take them all): the
                    // multi-region databases take theirs among the rest.
                    ["count"] = Math.Max(1, c.Volumes * Pick(2, 4) / 10),
                    ["to"] = to,
                    ["mode"] = snapshot ? "snapshot" : "continuous",
                };
                if (snapshot) spec["every"] = Seconds(60L * Pick(5, 15, 60));
                spec["write_rate"] = new Map { ["median"] = $"{Pick(16, 64, 512)}KB/s", ["sigma"] = Round(1.5 * _r.NextDouble(), 2) };
                spec["failover"] = Failover();
                _classHomes.Add(c.Region);
                classes.Add(spec);
            }
            return classes;
        }

        private Map Failover() => new()
        {
            ["automatic"] = Chance(0.8),
            ["detect_after"] = Seconds(60L * Pick(1, 5, 10)),
            ["promotion"] = Seconds(60L * Pick(1, 2, 5)),
        };

        /// <summary>A time in the first 70 % of the horizon, in whole minutes.</summary>
        private long At() => 60L * _r.Next((int)(_horizonS * 7 / 10 / 60) + 1);

        /// <summary>How long something lasts: 5 minutes to 2 hours.</summary>
        private long DurationSeconds() => 60L * Pick(5, 20, 60, 120);

        private string Duration() => Seconds(DurationSeconds());

        private bool Chance(double p) => _r.NextDouble() < p;

        private T Pick<T>(params T[] values) => values[_r.Next(values.Length)];
    }
}
