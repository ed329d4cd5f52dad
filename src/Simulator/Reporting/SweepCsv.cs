using Simulator.Experiments;

namespace Simulator.Reporting;

/// <summary>The tables of a sweep: <c>points.csv</c> (point id and parameter values) and <c>point-figures.csv</c>.</summary>
public static class SweepCsv
{
    public const string PointsFileName = "points.csv";
    public const string PointFiguresFileName = "point-figures.csv";

    /// <summary><c>point,&lt;path 1&gt;,&lt;path 2&gt;…</c>: each point's values as given to the scenario.</summary>
    public static void WritePoints(string path, ExperimentPlan plan)
    {
        using var stream = CsvText.CreateFile(path);
        using var csv = CsvText.CreateWriter(stream);
        csv.WriteField("point");
        foreach (var p in plan.Parameters) csv.WriteField(p.Path);
        csv.EndRecord();
        foreach (var point in plan.Points)
        {
            csv.WriteField(CsvText.Integer(point.Id));
            foreach (var v in point.Values) csv.WriteField(v);
            csv.EndRecord();
        }
        csv.Flush();
    }

    /// <summary>One row per point and headline figure: the parameter values, then mean, spread and 95 % CI across replications.</summary>
    public static void WritePointFigures(string path, ExperimentPlan plan, IReadOnlyList<PointFigure> rows)
    {
        using var stream = CsvText.CreateFile(path);
        using var csv = CsvText.CreateWriter(stream);
        csv.WriteField("point");
        foreach (var p in plan.Parameters) csv.WriteField(p.Path);
        foreach (var field in new[] { "figure", "unit", "replications", "mean", "sd", "ci95_low", "ci95_high", "min", "max", "p5", "p50", "p95" })
            csv.WriteField(field);
        csv.EndRecord();
        foreach (var row in rows)
        {
            csv.WriteField(CsvText.Integer(row.Point.Id));
            foreach (var v in row.Point.Values) csv.WriteField(v);
            csv.WriteField(row.Figure.Id);
            csv.WriteField(row.Figure.Unit);
            var s = row.Values;
            csv.WriteField(CsvText.Integer(s.Count));
            foreach (var x in new[] { s.Mean, s.StandardDeviation, s.Ci95Low, s.Ci95High, s.Min, s.Max, s.P5, s.P50, s.P95 })
                csv.WriteField(double.IsNaN(x) ? "" : CsvText.Number(x));
            csv.EndRecord();
        }
        csv.Flush();
    }
}
