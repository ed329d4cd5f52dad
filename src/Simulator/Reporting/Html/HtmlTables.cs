using System.Globalization;
using System.Text;

namespace Simulator.Reporting.Html;

/// <summary>The tables of the HTML report, from the CSV files of a run folder; every field is HTML-encoded.</summary>
public static class HtmlTables
{
    /// <summary>One column of a table: its heading and how to show a row's value (plain text, encoded later).</summary>
    public sealed record Column(string Heading, Func<IReadOnlyList<string>, string> Value, bool Numeric = true);

    /// <summary>The rows of <paramref name="table"/> as an HTML table with the given columns.</summary>
    /// <param name="table">The table.</param>
    /// <param name="columns">What to show.</param>
    /// <param name="cssClass">The table's class.</param>
    /// <param name="keep">Which rows to show; all when null.</param>
    public static string Render(CsvTable table, IReadOnlyList<Column> columns, string cssClass = "figures",
        Func<IReadOnlyList<string>, bool>? keep = null)
    {
        var html = new StringBuilder();
        html.Append("<table class=\"").Append(cssClass).Append("\">\n<thead><tr>");
        foreach (var column in columns) html.Append("<th>").Append(Encode(column.Heading)).Append("</th>");
        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in table.Rows)
        {
            if (keep is not null && !keep(row)) continue;
            html.Append("<tr>");
            foreach (var column in columns)
                html.Append(column.Numeric ? "<td class=\"n\">" : "<td>").Append(Encode(column.Value(row))).Append("</td>");
            html.Append("</tr>\n");
        }
        return html.Append("</tbody></table>\n").ToString();
    }

    /// <summary>Every column of <paramref name="table"/> as it is, numbers shortened.</summary>
    public static string RenderAll(CsvTable table, string cssClass = "figures") =>
        Render(table, [.. table.Header.Select(h => new Column(h, r => Number(table.Get(r, h))))], cssClass);

    /// <summary>
    /// The headline figures of <c>summary.csv</c>: peak and final per metric and scope, each with its 95 % CI when the run
    /// had several replications, preceded by the key columns (<c>variant</c>, <c>point</c>) when there are any.
    /// </summary>
    /// <param name="summary">The table.</param>
    /// <param name="keep">Which rows to show; all when null.</param>
    public static string Summary(CsvTable summary, Func<IReadOnlyList<string>, bool>? keep = null)
    {
        var columns = new List<Column>();
        foreach (string key in summary.Header.TakeWhile(h => h != "scope" && h != "metric"))
            columns.Add(new Column(key, r => summary.Get(r, key), Numeric: false));
        columns.Add(new Column("metric", r => summary.Get(r, "metric"), Numeric: false));
        columns.Add(new Column("scope", r => summary.Get(r, "scope"), Numeric: false));
        bool several = summary.Has("replications") && summary.Rows.Any(r => summary.Get(r, "replications") is var n && n.Length > 0 && n != "1");
        if (several) columns.Add(new Column("replications", r => summary.Get(r, "replications")));
        columns.Add(new Column(several ? "peak (mean)" : "peak", r => Number(summary.Get(r, "peak"))));
        if (several) columns.Add(new Column("peak 95 % CI", r => Interval(summary.Get(r, "peak_ci95_low"), summary.Get(r, "peak_ci95_high"))));
        if (summary.Has("peak_time_h_p50"))
            columns.Add(new Column("peak at (h): median (range)", r => summary.Get(r, "peak_time_h_p50").Length == 0 ? ""
                : $"{Number(summary.Get(r, "peak_time_h_p50"))} ({Number(summary.Get(r, "peak_time_h_min"))}–{Number(summary.Get(r, "peak_time_h_max"))})"));
        else columns.Add(new Column(several ? "peak at (h, mean)" : "peak at (h)", r => Number(summary.Get(r, "peak_time_h"))));
        columns.Add(new Column(several ? "final (mean)" : "final", r => Number(summary.Get(r, "final"))));
        if (several) columns.Add(new Column("final 95 % CI", r => Interval(summary.Get(r, "final_ci95_low"), summary.Get(r, "final_ci95_high"))));
        columns.Add(new Column("minutes above 1 %", r => Number(summary.Get(r, "minutes_above_1pct"))));
        return Render(summary, columns, keep: keep);
    }

    /// <summary>
    /// The rows of <c>summary.csv</c> that <c>replsim run</c> prints as its headline figures: stuck and lost volumes in
    /// <paramref name="affectedZone"/> (every scope when null), API error rate per zone, failovers with their RPO and RTO per
    /// region and nodes crashed.
    /// </summary>
    public static Func<IReadOnlyList<string>, bool> Headline(CsvTable summary, string? affectedZone) => row =>
    {
        string metric = summary.Get(row, "metric"), scope = summary.Get(row, "scope");
        return metric switch
        {
            "volumes_stuck_pct" or "volumes_lost_pct" => affectedZone is null ? scope.StartsWith("zone:", StringComparison.Ordinal) : scope == affectedZone,
            "api_error_rate_pct" => scope.StartsWith("zone:", StringComparison.Ordinal),
            "failovers_total" or "rpo_p99_s" or "rpo_bytes_total" or "rto_p50_s" or "rto_max_s" =>
                scope.StartsWith("region:", StringComparison.Ordinal) && summary.Get(row, "final").Length > 0,
            "nodes_crashed_total" => true,
            _ => false,
        };
    };

    /// <summary>
    /// Figures with mean and CI (<c>comparison.csv</c>, <c>point-figures.csv</c>): the columns before <c>figure</c> as keys,
    /// then figure, unit, replications, mean, 95 % CI, min, max, and the paired difference with its CI when present. The
    /// scenario column is left out (the page lists the files) and so are figures without a value (those that do not apply).
    /// </summary>
    public static string Figures(CsvTable table)
    {
        var columns = new List<Column>();
        foreach (string key in table.Header.TakeWhile(h => h != "figure").Where(h => h != "scenario"))
            columns.Add(new Column(key, r => table.Get(r, key), Numeric: false));
        columns.Add(new Column("figure", r => table.Get(r, "figure"), Numeric: false));
        columns.Add(new Column("unit", r => table.Get(r, "unit"), Numeric: false));
        columns.Add(new Column("replications", r => table.Get(r, "replications")));
        columns.Add(new Column("mean", r => Number(table.Get(r, "mean"))));
        columns.Add(new Column("95 % CI", r => Interval(table.Get(r, "ci95_low"), table.Get(r, "ci95_high"))));
        columns.Add(new Column("min", r => Number(table.Get(r, "min"))));
        columns.Add(new Column("max", r => Number(table.Get(r, "max"))));
        if (table.Has("diff_mean"))
        {
            columns.Add(new Column("difference from baseline", r => Number(table.Get(r, "diff_mean"))));
            columns.Add(new Column("difference 95 % CI", r => Interval(table.Get(r, "diff_ci95_low"), table.Get(r, "diff_ci95_high"))));
        }
        return Render(table, columns, keep: r => table.Get(r, "mean").Length > 0);
    }

    /// <summary><c>durability.csv</c> of a durability folder: each quantity by each method, its estimate and 95 % CI.</summary>
    public static string Durability(CsvTable durability)
    {
        var columns = new List<Column>();
        foreach (string key in durability.Header.TakeWhile(h => h != "estimate"))
            columns.Add(new Column(key, r => durability.Get(r, key), Numeric: false));
        columns.Add(new Column("estimate", r => Number(durability.Get(r, "estimate"))));
        columns.Add(new Column("95 % CI", r => Interval(durability.Get(r, "ci_low"), durability.Get(r, "ci_high"))));
        columns.Add(new Column("unit", r => durability.Get(r, "unit"), Numeric: false));
        return Render(durability, columns);
    }

    /// <summary><c>validation.csv</c>: each published figure, what was expected and what the run gave, and whether it passed.</summary>
    public static string Validation(CsvTable validation)
    {
        var columns = new List<Column>
        {
            new("figure", r => validation.Get(r, "figure"), Numeric: false),
            new("source", r => validation.Get(r, "source"), Numeric: false),
            new("expected", r => $"{Comparison(validation.Get(r, "comparison"))}{Number(validation.Get(r, "expected"))}" +
                                 (validation.Get(r, "tolerance") is { Length: > 0 } t && t != "0" ? $" (± {Number(t)})" : "")),
            new(validation.Has("mean") ? "run (mean)" : "run", r => Number(validation.Get(r, validation.Has("mean") ? "mean" : "actual"))),
        };
        if (validation.Has("ci95_low"))
            columns.Add(new Column("95 % CI", r => Interval(validation.Get(r, "ci95_low"), validation.Get(r, "ci95_high"))));
        columns.Add(new Column("ok", r => validation.Get(r, "ok") == "true" ? "yes" : "NO", Numeric: false));
        return Render(validation, columns, "figures validation");
    }

    /// <summary>A number shortened to four significant digits (whole numbers from 10 000 up); other text as it is.</summary>
    public static string Number(string field)
    {
        if (!double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
            return field;
        if (Math.Abs(value) >= 1e4) return value.ToString("F0", CultureInfo.InvariantCulture);
        return value.ToString("G4", CultureInfo.InvariantCulture);
    }

    /// <summary>"[low, high]", or "" when either end is missing.</summary>
    public static string Interval(string low, string high) =>
        low.Length == 0 || high.Length == 0 ? "" : $"[{Number(low)}, {Number(high)}]";

    /// <summary>
    /// HTML-encodes text for an element's content or a quoted attribute: &amp;, &lt;, &gt;, quotes. Other characters stay as
    /// they are (the page is UTF-8), so a scenario file's text reads the same in the page's source.
    /// </summary>
    public static string Encode(string text)
    {
        if (text.AsSpan().IndexOfAny("&<>\"'") < 0) return text;
        var encoded = new StringBuilder(text.Length + 16);
        foreach (char c in text)
            encoded.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => c.ToString(),
            });
        return encoded.ToString();
    }

    private static string Comparison(string comparison) => comparison switch
    {
        "at_least" => "≥ ",
        "at_most" => "≤ ",
        _ => "",
    };
}
