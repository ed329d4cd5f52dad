using System.Globalization;
using Simulator.Experiments;
using Simulator.Reporting;
using Spectre.Console;

namespace Simulator.Cli;

/// <summary>The tables printed after a run: headline figures and validation against published figures.</summary>
internal static class ReportTables
{
    /// <summary>
    /// The headline figures; over several replications, each as mean ± 95 % CI half-width and the peak's time as the
    /// median with the range. The title says the command line's overrides, so a run with them never looks like one without.
    /// </summary>
    public static Table Headlines(IReadOnlyList<Headline> headlines, int replications = 1, IReadOnlyList<string>? overrides = null)
    {
        string title = replications > 1 ? $"headline figures: mean ± 95 % CI over {replications} replications" : "headline figures";
        if (overrides is { Count: > 0 }) title += ", with --set " + string.Join(" ", overrides);
        var table = new Table().Border(TableBorder.Rounded).Title(title);
        table.AddColumn("figure");
        table.AddColumn("scope");
        table.AddColumn(new TableColumn("value").RightAligned());
        table.AddColumn(new TableColumn(replications > 1 ? "at: median (range)" : "at").RightAligned());
        foreach (var h in headlines)
            table.AddRow(Cell(h.Figure), Cell(h.Scope), Cell(Value(h)), Cell(At(h)));
        return table;
    }

    public static Table Validation(IReadOnlyList<ValidationRow> rows)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("validation against published figures");
        table.AddColumn("figure");
        table.AddColumn("source");
        table.AddColumn(new TableColumn("at").RightAligned());
        table.AddColumn(new TableColumn("expected").RightAligned());
        table.AddColumn(new TableColumn("simulated").RightAligned());
        table.AddColumn(new TableColumn("tolerance").RightAligned());
        table.AddColumn(new TableColumn("ok").Centered());
        foreach (var row in rows)
            table.AddRow(Cell(row.Figure), Cell(row.Source), Cell(row.When),
                Cell(Number(row.Expected)), Cell(Number(row.Simulated)), Cell(Tolerance(row)), Ok(row.Ok));
        return table;
    }

    /// <summary>
    /// The published figures against the mean of several replications, with its 95 % CI half-width, the smallest and
    /// largest replication, and how many replications pass alone; "ok" is the check on the mean.
    /// </summary>
    public static Table Validation(IReadOnlyList<ValidationSummary> figures, int replications)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"validation against published figures: mean ± 95 % CI over {replications} replications");
        table.AddColumn("figure");
        table.AddColumn("source");
        table.AddColumn(new TableColumn("at").RightAligned());
        table.AddColumn(new TableColumn("expected").RightAligned());
        table.AddColumn(new TableColumn("simulated mean").RightAligned());
        table.AddColumn(new TableColumn("min").RightAligned());
        table.AddColumn(new TableColumn("max").RightAligned());
        table.AddColumn(new TableColumn("tolerance").RightAligned());
        table.AddColumn(new TableColumn("runs ok").RightAligned());
        table.AddColumn(new TableColumn("ok").Centered());
        foreach (var f in figures)
        {
            var row = f.Mean;
            table.AddRow(Cell(row.Figure), Cell(row.Source), Cell(row.When), Cell(Number(row.Expected)),
                Cell(PlusMinus(f.Statistics)), Cell(Number(f.Statistics.Min)), Cell(Number(f.Statistics.Max)), Cell(Tolerance(row)),
                Cell($"{f.ReplicationsOk}/{f.Values.Count}"), Ok(f.Ok));
        }
        return table;
    }

    private static string Tolerance(ValidationRow row) => row.Comparison switch
    {
        ValidationComparison.AtLeast => "at least",
        ValidationComparison.AtMost => "at most",
        _ => "± " + Number(row.Tolerance),
    };

    private static Markup Ok(bool ok) => ok ? new Markup("[green]yes[/]") : new Markup("[red bold]NO[/]");

    /// <summary>
    /// The tables of a comparison: each variant's headline figures (mean ± 95 % CI half-width across replications), then
    /// each variant's paired difference from the first (same seeds), mean ± 95 % CI half-width.
    /// </summary>
    public static IReadOnlyList<Table> Comparison(IReadOnlyList<ComparisonRow> rows, int replications)
    {
        var figures = rows.Select(r => r.Figure).Distinct()
            .Where(f => rows.Any(r => r.Figure == f && !double.IsNaN(r.Values.Mean))).ToList();
        var variants = rows.Select(r => r.Variant).Distinct().ToList();
        string baseline = variants[0];

        var values = new Table().Border(TableBorder.Rounded)
            .Title($"headline figures: mean ± 95 % CI over {replications} replications");
        var differences = new Table().Border(TableBorder.Rounded)
            .Title($"paired difference from {baseline} (same seeds): mean ± 95 % CI");
        var pairing = new Table().Border(TableBorder.Rounded)
            .Title("what pairing achieved: paired ÷ unpaired CI half-width (correlation with the baseline)");
        foreach (var table in new[] { values, differences, pairing })
        {
            table.AddColumn("variant");
            foreach (var f in figures) table.AddColumn(new TableColumn($"{f.Label} ({f.Unit})").RightAligned());
        }
        foreach (var variant in variants)
        {
            var of = figures.Select(f => rows.Single(r => r.Variant == variant && r.Figure == f)).ToList();
            values.AddRow([Cell(variant), .. of.Select(r => Cell(PlusMinus(r.Values)))]);
            if (variant == baseline) continue;
            differences.AddRow([Cell(variant), .. of.Select(r => Cell(r.Difference is { } d ? PlusMinus(d, signed: true) : ""))]);
            pairing.AddRow([Cell(variant), .. of.Select(r => Cell(Pairing(r)))]);
        }
        return replications >= 3 ? [values, differences, pairing] : [values, differences];
    }

    /// <summary>"0.42× (ρ 0.91)"; empty where either is unknown.</summary>
    private static string Pairing(ComparisonRow row) =>
        double.IsNaN(row.PairedToUnpaired) ? "" :
        string.Create(CultureInfo.InvariantCulture, $"{row.PairedToUnpaired:0.00}×") +
        (double.IsNaN(row.Correlation) ? "" : string.Create(CultureInfo.InvariantCulture, $" (ρ {row.Correlation:0.00})"));

    /// <summary>A sweep's points with their parameter values and headline figures (mean ± 95 % CI half-width).</summary>
    public static Table Sweep(ExperimentPlan plan, IReadOnlyList<PointFigure> rows)
    {
        var figures = rows.Select(r => r.Figure).Distinct()
            .Where(f => rows.Any(r => r.Figure == f && !double.IsNaN(r.Values.Mean))).ToList();
        var names = Simulator.Reporting.Plots.SweepPlots.ShortNames([.. plan.Parameters.Select(p => p.Path)]);
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"sweep: mean ± 95 % CI over {plan.Replications} replications per point");
        table.AddColumn(new TableColumn("point").RightAligned());
        foreach (var name in names) table.AddColumn(new TableColumn(name).RightAligned());
        foreach (var f in figures) table.AddColumn(new TableColumn($"{f.Label} ({f.Unit})").RightAligned());
        foreach (var point in plan.Points)
        {
            var cells = new List<Text> { Cell(point.Id.ToString(CultureInfo.InvariantCulture)) };
            cells.AddRange(point.Values.Select(Cell));
            cells.AddRange(figures.Select(f => Cell(PlusMinus(rows.Single(r => r.Point.Id == point.Id && r.Figure == f).Values))));
            table.AddRow(cells);
        }
        return table;
    }

    /// <summary>"12.3 ± 0.41", "−7.1 ± 0.2"; the mean alone when there is no interval.</summary>
    internal static string PlusMinus(SummaryStatistics s, bool signed = false)
    {
        if (double.IsNaN(s.Mean)) return "";
        double half = double.IsNaN(s.Ci95High) ? double.NaN : s.Ci95High - s.Mean;
        string format = Format(Math.Max(Math.Abs(s.Mean), double.IsNaN(half) ? 0 : half));
        string mean = s.Mean.ToString(signed ? "+" + format + ";-" + format + ";" + format : format, CultureInfo.InvariantCulture);
        return double.IsNaN(half) ? mean : $"{mean} ± {half.ToString(format, CultureInfo.InvariantCulture)}";
    }

    /// <summary>Three significant digits for the larger of mean and half-width, at most three decimals.</summary>
    private static string Format(double magnitude) => magnitude switch
    {
        >= 100 => "0",
        >= 10 => "0.0",
        >= 1 => "0.00",
        _ => "0.000",
    };

    private static Text Cell(string text) => new(text);

    private static string Value(Headline h)
    {
        string value = Plain(h, h.Value);
        if (h.Ci95HalfWidth is not { } half || h.Unit is "s" or "events") return value;
        string text = Plain(h, half);
        int space = value.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? $"{value} ± {text}" : $"{value[..space]} ± {text}";
    }

    private static string Plain(Headline h, double v) => h.Unit switch
    {
        "%" => Number(v) + " %",
        "s" => v.ToString("0.0", CultureInfo.InvariantCulture) + " s",
        "events" => v.ToString("N0", CultureInfo.InvariantCulture),
        "nodes" => v.ToString("0.#", CultureInfo.InvariantCulture),
        _ => Number(v) + " " + h.Unit,
    };

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>"10.7 h", or over several replications "10.7 h (8.03–30.15)": the median peak time and the range.</summary>
    private static string At(Headline h) => h.AtHours is not { } at ? ""
        : h.AtRange is { } range ? $"{Hours(at)} ({Short(range.Min)}–{Short(range.Max)})" : Hours(at);

    private static string Short(double hours) => hours.ToString("0.0#", CultureInfo.InvariantCulture);

    private static string Hours(double hours) => hours.ToString("0.0#", CultureInfo.InvariantCulture) + " h";
}
