using Simulator.ControlPlane;
using Simulator.Engine;
using Simulator.Metrics;
using Simulator.Scenarios.Model;
using Simulator.Storage;
using Simulator.Topology;

namespace Simulator.Faults;

/// <summary>Schedules a scenario's faults and operator actions on the event loop, and names them for the plots.</summary>
public static class Timeline
{
    /// <summary>Schedules every fault and action; returns the markers to draw.</summary>
    public static IReadOnlyList<TimelineMarker> Schedule(Scenario scenario, Simulation sim, IReadOnlyList<StorageCluster> clusters,
        IReadOnlyList<ZoneInfo> zones, ControlPlaneService cp, RandomStreams streams)
    {
        var markers = new List<TimelineMarker>();
        StorageCluster Cluster(string name) => clusters.First(c => c.Name == name);

        for (int f = 0; f < scenario.Faults.Count; f++)
        {
            var fault = scenario.Faults[f];
            var cluster = Cluster(fault.Cluster);
            int moved = (int)Math.Round(fault.Portion.Value * cluster.NodeCount);
            // The nodes behind the router: a random subset of the cluster's nodes, drawn by this fault alone.
            var nodes = Enumerable.Range(0, cluster.NodeCount).ToArray();
            streams.Get("routing:" + cluster.Name, f).ShuffleFirst(nodes.AsSpan(), moved);
            var subset = nodes[..moved];
            sim.Schedule(SimTime.At(fault.At), () =>
            {
                foreach (int n in subset) cluster.Network.Route(n, fault.To);
                cluster.OnRoutingChanged();
            });
            markers.Add(new TimelineMarker(fault.At.TotalHours, fault.Label ?? $"{fault.Portion} of {cluster.Name} routed {fault.From}→{fault.To}".ToLowerInvariant()));
            if (fault.RollbackAfter is { } rollback)
            {
                sim.Schedule(SimTime.At(fault.At + rollback), () =>
                {
                    foreach (int n in subset) cluster.Network.Route(n, fault.From);
                    cluster.OnRoutingChanged();
                });
                markers.Add(new TimelineMarker((fault.At + rollback).TotalHours, "change rolled back"));
            }
        }

        foreach (var action in scenario.Operators)
        {
            var at = SimTime.At(action.At);
            string label = action.Label ?? DefaultLabel(action);
            switch (action.Action)
            {
                case OperatorActionKind.DisableApi:
                case OperatorActionKind.EnableApi:
                {
                    int zone = zones.First(z => z.Name == action.Zone).Index;
                    int api = cp.ApiIndex(action.Api!);
                    bool disable = action.Action == OperatorActionKind.DisableApi;
                    sim.Schedule(at, () => cp.SetApiDisabled(zone, api, disable));
                    break;
                }
                case OperatorActionKind.CutControlPlane:
                {
                    var c = Cluster(action.Cluster!);
                    var over = action.Over ?? Duration.Zero;
                    sim.Schedule(at, () => c.CutControlPlane(over));
                    break;
                }
                case OperatorActionKind.StopFutileSearch:
                {
                    var c = Cluster(action.Cluster!);
                    sim.Schedule(at, c.StopFutileSearch);
                    break;
                }
                case OperatorActionKind.AddCapacity:
                {
                    var c = Cluster(action.Cluster!);
                    int nodes = action.Nodes!.Value;
                    int batches = action.Batches ?? 1;
                    var every = action.Every ?? Duration.Zero;
                    for (int b = 0; b < batches; b++) sim.Schedule(at + every * b, () => c.AddNodes(nodes));
                    break;
                }
                case OperatorActionKind.EnableNegotiation:
                {
                    var c = Cluster(action.Cluster!);
                    double rate = action.Rate!.Value.PerSecond;
                    sim.Schedule(at, () => c.EnableNegotiation(rate));
                    break;
                }
                case OperatorActionKind.ManualRestore:
                {
                    var c = Cluster(action.Cluster!);
                    double rate = action.Rate!.Value.PerSecond;
                    sim.Schedule(at, () => c.StartManualRestore(rate));
                    break;
                }
            }
            markers.Add(new TimelineMarker(action.At.TotalHours, label));
        }
        markers.Sort((a, b) => a.TimeH.CompareTo(b.TimeH));
        return markers;
    }

    private static string DefaultLabel(OperatorActionSpec a) => a.Action switch
    {
        OperatorActionKind.DisableApi => $"{a.Api} disabled in {a.Zone}",
        OperatorActionKind.EnableApi => $"{a.Api} enabled in {a.Zone}",
        OperatorActionKind.CutControlPlane => $"{a.Cluster} cut off the control plane",
        OperatorActionKind.StopFutileSearch => "futile searches stopped",
        OperatorActionKind.AddCapacity => $"capacity added ({a.Batches ?? 1}×{a.Nodes} nodes)",
        OperatorActionKind.EnableNegotiation => $"negotiation re-enabled ({a.Rate})",
        OperatorActionKind.ManualRestore => $"manual restores ({a.Rate})",
        _ => a.Action.ToString(),
    };
}
