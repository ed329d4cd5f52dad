using static Simulator.Swarm.SwarmYaml;

namespace Simulator.Swarm;

public static partial class SwarmGenerator
{
    /// <summary>The faults and operator actions of each kind: where they hit, when, and for how long.</summary>
    private sealed partial class Builder
    {
        /// <summary>One fault or action of <paramref name="kind"/> (or, for the kinds that only configure, nothing).</summary>
        private void Add(string kind)
        {
            var c = _clusters[_r.Next(_clusters.Count)];
            switch (kind)
            {
                case SwarmKinds.RoutingChange:
                    Fault(kind, c, new Map { ["portion"] = Percent(Pick(0.1, 0.5, 1.0)), ["rollback_after"] = Chance(0.8) ? Duration() : null });
                    break;
                case SwarmKinds.PowerLoss:
                {
                    var fault = new Map();
                    if (Chance(0.5)) fault["portion"] = Percent(Pick(0.2, 0.5, 1.0));
                    else fault["power_domains"] = new List<object> { _r.Next(c.Zones * c.PowerDomains) };
                    fault["restore_after"] = new Map { ["median"] = Duration(), ["sigma"] = Round(0.5 * _r.NextDouble(), 2) };
                    if (Chance(0.3)) fault["connectivity_after"] = Duration();
                    fault["without_data"] = Percent(Pick(0, 0, 0.1, 0.5));
                    Fault(kind, c, fault);
                    break;
                }
                case SwarmKinds.NodeFailure:
                    Fault(kind, c, new Map { ["nodes"] = 1 + _r.Next(Math.Max(1, c.Nodes / 3)) });
                    break;
                case SwarmKinds.NodeFailures:
                {
                    var fault = new Map
                    {
                        ["mttf"] = Seconds(3600L * Pick(24, 100, 400)),
                        ["shape"] = Round(Pick(0.7, 1.0, 1.5), 2),
                        ["repair"] = new Map { ["median"] = Duration(), ["sigma"] = 0.5 },
                    };
                    if (Chance(0.4)) fault["bursts"] = new Map { ["share"] = Percent(Pick(0.2, 0.5)), ["mean_size"] = Round(Pick(2.0, 3.0), 1), ["window"] = "120s", ["same_rack"] = Percent(Pick(0, 0.5, 1.0)) };
                    Fault(kind, c, fault, early: true);
                    break;
                }
                case SwarmKinds.DomainFailure:
                {
                    var (level, count) = Level(c);
                    Fault(kind, c, new Map
                    {
                        ["level"] = level,
                        ["index"] = _r.Next(count),
                        ["data_lost"] = Percent(Pick(0, 0.5, 1.0)),
                        ["repair"] = new Map { ["median"] = Duration(), ["sigma"] = 0.5 },
                    });
                    break;
                }
                case SwarmKinds.DomainFailures:
                {
                    var (level, _) = Level(c);
                    Fault(kind, c, new Map
                    {
                        ["level"] = level,
                        ["mttf"] = Seconds(3600L * Pick(10, 50, 200)),
                        ["shape"] = Round(Pick(0.7, 1.0, 1.5), 2),
                        ["data_lost"] = Percent(Pick(0, 0.2, 1.0)),
                        ["repair"] = new Map { ["median"] = Duration(), ["sigma"] = 0.5 },
                    }, early: true);
                    break;
                }
                case SwarmKinds.DisableApi:
                {
                    string zone = Pick(_zones.Values.SelectMany(z => z).ToArray());
                    long at = At();
                    Action("disable_api", at, new Map { ["zone"] = zone, ["api"] = "create_volume" });
                    if (Chance(0.7)) Action("enable_api", Math.Min(_horizonS, at + DurationSeconds()), new Map { ["zone"] = zone, ["api"] = "create_volume" });
                    break;
                }
                case SwarmKinds.CutControlPlane:
                    Action(kind, At(), new Map { ["cluster"] = c.Name, ["over"] = Chance(0.5) ? Duration() : null });
                    break;
                case SwarmKinds.StopFutileSearch:
                    Action(kind, At(), new Map { ["cluster"] = c.Name });
                    break;
                case SwarmKinds.AddCapacity:
                    Action(kind, At(), new Map { ["cluster"] = c.Name, ["nodes"] = 1 + _r.Next(4), ["batches"] = 1 + _r.Next(3), ["every"] = Duration() });
                    break;
                case SwarmKinds.EnableNegotiation:
                case SwarmKinds.ManualRestore:
                case SwarmKinds.RecoverySnapshots:
                    Action(kind, At(), new Map { ["cluster"] = c.Name, ["rate"] = $"{Pick(10, 100, 1000)}/h" });
                    break;
                case SwarmKinds.RegionFailure:
                    Fault(kind, null, new Map
                    {
                        ["region"] = Pick(_regions.ToArray()),
                        ["data_lost"] = Percent(Pick(0, 0, 0.2)),
                        ["repair"] = new Map { ["median"] = Duration(), ["sigma"] = 0.3 },
                    });
                    break;
                case SwarmKinds.LinkCut:
                    Fault(kind, null, new Map { ["link"] = Pick(_links.ToArray()), ["heal_after"] = Chance(0.7) ? Duration() : null });
                    break;
                case SwarmKinds.LinkDegrade:
                    Fault(kind, null, new Map { ["link"] = Pick(_links.ToArray()), ["heal_after"] = Chance(0.7) ? Duration() : null, ["capacity"] = $"{Pick(10, 100)}Mbps" });
                    break;
                case SwarmKinds.LinkHeal:
                {
                    string link = Pick(_links.ToArray());
                    long at = At();
                    _faults.Add(new Map { ["at"] = Seconds(at), ["kind"] = SwarmKinds.LinkCut, ["link"] = link });
                    _faults.Add(new Map { ["at"] = Seconds(Math.Min(_horizonS, at + DurationSeconds())), ["kind"] = kind, ["link"] = link });
                    break;
                }
                case SwarmKinds.Partition:
                    Fault(kind, null, new Map { ["places"] = new List<object> { Pick(_regions.ToArray()) }, ["heal_after"] = Chance(0.8) ? Duration() : null });
                    break;
                case SwarmKinds.LinkFailures:
                    Fault(kind, null, new Map { ["mtbf"] = Seconds(3600L * Pick(1, 4, 12)), ["repair"] = new Map { ["median"] = Duration(), ["sigma"] = 0.5 } }, early: true);
                    break;
                case SwarmKinds.FailOver when _classHomes.Count > 0:
                {
                    string region = Pick(_classHomes.Distinct().ToArray());
                    long at = At();
                    Action(kind, at, new Map { ["region"] = region });
                    if (Chance(0.8)) Action("fail_back", Math.Min(_horizonS, at + DurationSeconds()), new Map { ["region"] = region });
                    break;
                }
            }
        }

        private (string Level, int Count) Level(Cluster c)
        {
            int choice = _r.Next(3);
            return choice switch
            {
                0 => ("rack", c.Zones * c.PowerDomains * c.Racks),
                1 => ("power_domain", c.Zones * c.PowerDomains),
                _ => ("zone", c.Zones),
            };
        }

        private void Fault(string kind, Cluster? cluster, Map fields, bool early = false)
        {
            var fault = new Map { ["at"] = Seconds(early ? 0 : At()), ["kind"] = kind };
            if (cluster is not null) fault["cluster"] = cluster.Name;
            foreach (var (key, value) in fields)
                if (value is not null) fault[key] = value;
            _faults.Add(fault);
        }

        /// <summary>
        /// An operator action, at a time or — three times in ten — in reaction (OperatorPlaybook): after an earlier
        /// action, on a condition held for a while, or both, each with a human delay or none.
        /// </summary>
        private void Action(string action, long at, Map fields)
        {
            var spec = new Map { ["action"] = action, ["name"] = $"a{_operators.Count}" };
            if (Chance(0.3))
            {
                if (_operators.Count > 0 && Chance(0.4)) spec["after"] = $"a{_r.Next(_operators.Count)}";
                if (!spec.ContainsKey("after") || Chance(0.5)) spec["when"] = Condition();
                if (Chance(0.5)) spec["delay"] = Duration();
            }
            else spec["at"] = Seconds(at);
            foreach (var (key, value) in fields)
                if (value is not null) spec[key] = value;
            _operators.Add(spec);
        }

        /// <summary>A condition on a sampled percentage of a cluster or its zone, held for a while or not at all.</summary>
        private Map Condition()
        {
            var c = _clusters[_r.Next(_clusters.Count)];
            var condition = _r.Next(3) switch
            {
                0 => new Map { ["metric"] = "volumes_stuck_pct", ["scope"] = "zone:" + c.Zone, ["above"] = Pick(0.1, 1.0, 5.0) },
                1 => new Map { ["metric"] = "free_capacity_pct", ["scope"] = "cluster:" + c.Name, ["below"] = Pick(5.0, 10.0, 20.0) },
                _ => new Map { ["metric"] = "api_error_rate_pct", ["scope"] = "zone:" + c.Zone, ["above"] = Pick(1.0, 20.0) },
            };
            condition["for"] = Chance(0.5) ? Duration() : "0s";
            return condition;
        }
    }
}
