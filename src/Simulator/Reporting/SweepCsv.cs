using Simulator.Experiments;

namespace Simulator.Reporting;

/// <summary>The tables of a sweep: <c>points.csv</c> (point id and parameter values) and <c>point-figures.csv</c>.</summary>
public static class SweepCsv
{
    public const string PointsFileName = "points.csv";
    public const string PointFiguresFileName = "point-figures.csv";

    /// <summary>
    /// <c>point,&lt;path 1&gt;,&lt;path 1&gt;_&lt;unit&gt;,&lt;path 2&gt;…</c>: each point's values as given to the scenario, each
    /// numeric one followed by its value in SI units (<see cref="SweepParameterValues"/>).
    /// </summary>
    public static void WritePoints(string path, ExperimentPlan plan)
    {
        using var stream = CsvText.CreateFile(path);
        using var csv = CsvText.CreateWriter(stream);
        csv.WriteField("point");
        foreach (var field in SweepParameterValues.Header(plan)) csv.WriteField(field);
        csv.EndRecord();
        foreach (var point in plan.Points)
        {
            csv.WriteField(CsvText.Integer(point.Id));
            foreach (var v in SweepParameterValues.Fields(plan, point)) csv.WriteField(v);
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
        foreach (var field in SweepParameterValues.Header(plan)) csv.WriteField(field);
        foreach (var field in new[] { "figure", "unit", "replications", "mean", "sd", "ci95_low", "ci95_high", "ci95_truncated", "min", "max", "p5", "p50", "p95" })
            csv.WriteField(field);
        csv.EndRecord();
        foreach (var row in rows)
        {
            csv.WriteField(CsvText.Integer(row.Point.Id));
            foreach (var v in SweepParameterValues.Fields(plan, row.Point)) csv.WriteField(v);
            csv.WriteField(row.Figure.Id);
            csv.WriteField(row.Figure.Unit);
            var s = row.Values;
            csv.WriteField(CsvText.Integer(s.Count));
            foreach (var x in new[] { s.Mean, s.StandardDeviation, s.Ci95Low, s.Ci95High }) csv.WriteField(CsvText.Optional(x));
            csv.WriteField(CsvText.Truncated(s));
            foreach (var x in new[] { s.Min, s.Max, s.P5, s.P50, s.P95 }) csv.WriteField(CsvText.Optional(x));
            csv.EndRecord();
        }
        csv.Flush();
    }
}
