using Simulator.Experiments;
using Simulator.Metrics;
using Simulator.Reporting;

namespace Simulator.Tests.Reporting;

/// <summary>Run results made by hand, so the writers can be tested without running a simulation.</summary>
internal static class SyntheticRuns
{
    public const string Zone = "zone:us-east-1a";
    public const string OddScope = "cluster:a,\"b\"";

    /// <summary>12:47 AM PDT, 21 April 2011: the misapplied network change (AWS summary, 2011).</summary>
    public static readonly DateTimeOffset Start2011 = new(2011, 4, 21, 0, 47, 0, TimeSpan.FromHours(-7));

    /// <summary>Four samples with awkward times (1/60 h, 0.1 + 0.2), a tiny value and a scope needing quotes.</summary>
    public static RunResult Tiny(IReadOnlyList<TimeSeriesRow>? series = null) => Result("tiny", series ?? TinySeries(), []);

    public static TimeSeriesRow[] TinySeries()
    {
        double[] times = [0, 1.0 / 60, 0.1 + 0.2, 0.5];
        double[] stuck = [0, 13.2, 13.2, 7.25];
        double[] api = [0.5, 2.5, 1.5, 0];
        double[] free = [1e-7, 0.1, 50, 99.5];
        var rows = new List<TimeSeriesRow>();
        for (int i = 0; i < times.Length; i++)
        {
            rows.Add(new(0, times[i], Zone, MetricCatalog.VolumesStuckPct.Name, stuck[i]));
            rows.Add(new(0, times[i], Zone, MetricCatalog.ApiErrorRatePct.Name, api[i]));
            rows.Add(new(0, times[i], OddScope, MetricCatalog.FreeCapacityPct.Name, free[i]));
        }
        return [.. rows];
    }

    public static RunResult Result(string name, IReadOnlyList<TimeSeriesRow> series, IReadOnlyList<TimelineMarker> markers,
        DateTimeOffset? start = null, double horizonHours = 0.5) => new()
    {
        ScenarioName = name,
        AffectedZoneScope = Zone,
        Start = start,
        HorizonHours = horizonHours,
        VolumesTotal = 1000,
        EventsProcessed = 123_456,
        WallSeconds = 1.5,
        PeakMemoryBytes = 64L << 20,
        Series = series,
        Markers = markers,
    };

    /// <summary>
    /// Curves shaped like the April 2011 outage (13 % of the zone's volumes stuck within the first hour, a slow
    /// recovery over four days, 0.07 % lost) with the operator timeline, for looking at the plots.
    /// </summary>
    /// <param name="replications">How many replications.</param>
    /// <param name="first">The index of the first: replication r peaks at 13 × (1 + 0.05 r) + 0.6 % stuck.</param>
    public static RunResult Storm2011(int replications = 1, int first = 0)
    {
        const double horizonH = 96, stepH = 5.0 / 60;
        string[] zones = ["zone:us-east-1a", "zone:us-east-1b", "zone:us-east-1c", "zone:us-east-1d"];
        string[] clusters = ["cluster:us-east-1a-c1", "cluster:us-east-1a-c2", "cluster:us-east-1a-c3"];
        string[] networks = ["network:us-east-1a-c1-primary", "network:us-east-1a-c1-secondary"];
        var rows = new List<TimeSeriesRow>();
        for (int rep = first; rep < first + replications; rep++)
        {
            double jitter = 1 + 0.05 * rep;
            for (int k = 0; k * stepH <= horizonH + 1e-9; k++)
            {
                double t = k * stepH;
                double stuck = t < 0.5 ? 13 * jitter * t / 0.5 : 13 * jitter * Math.Exp(-(t - 0.5) / 14) + (t < 60 ? 0.6 : 0.1);
                double lost = 0.07 * (1 - Math.Exp(-t / 20));
                double unavailable = t < 30 ? 0.4 * stuck : 0;
                rows.Add(new(rep, t, Zone, MetricCatalog.VolumesStuckPct.Name, stuck));
                rows.Add(new(rep, t, Zone, MetricCatalog.VolumesLostPct.Name, lost));
                rows.Add(new(rep, t, Zone, MetricCatalog.VolumesUnavailablePct.Name, unavailable));
                for (int z = 0; z < zones.Length; z++)
                {
                    double peak = z == 0 ? 45 : 12 - 2 * z;
                    double api = t < 3 + z ? peak * Math.Sin(Math.PI * t / (3 + z)) * jitter : (z == 0 && t < 12 ? 2 : 0.2 * z);
                    rows.Add(new(rep, t, zones[z], MetricCatalog.ApiErrorRatePct.Name, api));
                }
                for (int c = 0; c < clusters.Length; c++)
                {
                    double free = t < 1 ? 25 - 24 * t : t < 30 ? 1 : Math.Min(35, 1 + (t - 30) * (1.5 + c * 0.3));
                    rows.Add(new(rep, t, clusters[c], MetricCatalog.FreeCapacityPct.Name, free));
                    double crashed = Math.Floor(40 * (1 - Math.Exp(-t / (2 + c))));
                    rows.Add(new(rep, t, clusters[c], MetricCatalog.NodesCrashedTotal.Name, crashed));
                }
                rows.Add(new(rep, t, networks[0], MetricCatalog.NetworkUtilizationPct.Name, t < 0.2 ? 0 : 55 + 10 * Math.Sin(t)));
                rows.Add(new(rep, t, networks[1], MetricCatalog.NetworkUtilizationPct.Name, t < 0.2 ? 380 : 20 + 5 * Math.Sin(t)));
            }
        }
        TimelineMarker[] markers =
        [
            new(0, "misapplied network change"),
            new(0.2, "change rolled back"),
            new(1.88, "CreateVolume API disabled"),
            new(10.72, "degraded cluster cut off from control plane"),
            new(11.0, "re-mirroring negotiation throttled"),
            new(25.2, "capacity being added"),
            new(59.5, "restoring remaining volumes from snapshots"),
        ];
        return Result("aws-2011-us-east-1", rows, markers, Start2011, horizonH);
    }

    /// <summary>A culture that writes 1,5 for 1.5: what a French machine would do to careless code.</summary>
    public static System.Globalization.CultureInfo CommaDecimalCulture()
    {
        var culture = (System.Globalization.CultureInfo)System.Globalization.CultureInfo.InvariantCulture.Clone();
        culture.NumberFormat.NumberDecimalSeparator = ",";
        culture.NumberFormat.NumberGroupSeparator = "\u202f";
        return culture;
    }
}
