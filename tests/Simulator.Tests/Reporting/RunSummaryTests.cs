using System.Text;
using NUnit.Framework;
using Simulator.Metrics;
using Simulator.Reporting;

namespace Simulator.Tests.Reporting;

public sealed class RunSummaryTests
{
    private static readonly string Api = MetricCatalog.ApiErrorRatePct.Name;
    private const string Zone = SyntheticRuns.Zone;

    [Test]
    public void PeakTimeIsTheFirstSampleAtThePeakAndFinalIsTheLastSample()
    {
        TimeSeriesRow[] rows =
        [
            new(0, 0, Zone, "volumes_stuck_pct", 1), new(0, 1, Zone, "volumes_stuck_pct", 9),
            new(0, 2, Zone, "volumes_stuck_pct", 9), new(0, 3, Zone, "volumes_stuck_pct", 4),
        ];
        var s = RunSummary.Compute(rows).Single();
        Assert.That((s.Peak.Mean, s.PeakTimeH.Mean, s.Final.Mean), Is.EqualTo((9.0, 1.0, 4.0)));
        Assert.That(s.MinutesAbove1Pct, Is.Null, "only the API error rate counts minutes above 1 %");
    }

    [Test]
    public void MinutesAboveOnePercentCountsTheLastSampleForThePrecedingInterval()
    {
        // 15-minute samples: 0.5, 2, 1 (not above), 3 (last): 15 min + 15 min.
        TimeSeriesRow[] rows =
        [
            new(0, 0, Zone, Api, 0.5), new(0, 0.25, Zone, Api, 2), new(0, 0.5, Zone, Api, 1), new(0, 0.75, Zone, Api, 3),
        ];
        Assert.That(RunSummary.Compute(rows).Single().MinutesAbove1Pct!.Mean, Is.EqualTo(30).Within(1e-9));
    }

    [Test]
    public void SeveralReplicationsGiveMeansAndAStudentTConfidenceInterval()
    {
        var rows = new List<TimeSeriesRow>();
        double[] peaks = [10, 14, 12, 16];
        for (int rep = 0; rep < peaks.Length; rep++)
        {
            rows.Add(new(rep, 0, Zone, Api, 0));
            rows.Add(new(rep, 1, Zone, Api, peaks[rep]));
            rows.Add(new(rep, 2, Zone, Api, 0));
        }
        var s = RunSummary.Compute(rows).Single();
        Assert.That(s.Replications, Is.EqualTo(4));
        Assert.That(s.Peak.Mean, Is.EqualTo(13));
        Assert.That(s.Peak.StandardDeviation, Is.EqualTo(Math.Sqrt(20.0 / 3)).Within(1e-12));
        // t(0.975, 3) = 3.182446305
        double half = 3.182446305 * Math.Sqrt(20.0 / 3) / 2;
        Assert.That(s.Peak.Ci95Low, Is.EqualTo(13 - half).Within(1e-6));
        Assert.That(s.Peak.Ci95High, Is.EqualTo(13 + half).Within(1e-6));
        Assert.That((s.Peak.Min, s.Peak.Max, s.Peak.P50), Is.EqualTo((10.0, 16.0, 13.0)));
        Assert.That(s.Peak.P5, Is.EqualTo(10.3).Within(1e-12), "R-7: 10 + 0.15 × (12 − 10)");

        using var stream = new MemoryStream();
        SummaryCsv.Write(stream, [s]);
        string[] lines = Encoding.UTF8.GetString(stream.ToArray()).Split('\n');
        Assert.That(lines[0], Does.StartWith("scope,metric,unit,replications,peak,peak_time_h,final,minutes_above_1pct,peak_sd,peak_ci95_low,"));
        Assert.That(lines[1], Does.StartWith("zone:us-east-1a,api_error_rate_pct,%,4,13,1,0,60,"));
        Assert.That(lines[0].Split(',').Length, Is.EqualTo(lines[1].Split(',').Length));
    }
}
