using System.Globalization;
using Simulator.Experiments;
using Simulator.Reporting;
using Spectre.Console;

namespace Simulator.Cli;

/// <summary>The tables printed after a run: headline figures and validation against published figures.</summary>
internal static class ReportTables
{
    public static Table Headlines(IReadOnlyList<Headline> headlines)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("headline figures");
        table.AddColumn("figure");
        table.AddColumn("scope");
        table.AddColumn(new TableColumn("value").RightAligned());
        table.AddColumn(new TableColumn("at").RightAligned());
        foreach (var h in headlines)
            table.AddRow(Cell(h.Figure), Cell(h.Scope), Cell(Value(h)), Cell(h.AtHours is { } at ? Hours(at) : ""));
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
        {
            string tolerance = row.Comparison switch
            {
                ValidationComparison.AtLeast => "at least",
                ValidationComparison.AtMost => "at most",
                _ => "± " + Number(row.Tolerance),
            };
            table.AddRow(Cell(row.Figure), Cell(row.Source), Cell(row.When),
                Cell(Number(row.Expected)), Cell(Number(row.Simulated)), Cell(tolerance),
                row.Ok ? new Markup("[green]yes[/]") : new Markup("[red bold]NO[/]"));
        }
        return table;
    }

    private static Text Cell(string text) => new(text);

    private static string Value(Headline h) => h.Unit switch
    {
        "%" => Number(h.Value) + " %",
        "s" => h.Value.ToString("0.0", CultureInfo.InvariantCulture) + " s",
        "events" => h.Value.ToString("N0", CultureInfo.InvariantCulture),
        "nodes" => h.Value.ToString("0.#", CultureInfo.InvariantCulture),
        _ => Number(h.Value) + " " + h.Unit,
    };

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Hours(double hours) => hours.ToString("0.0#", CultureInfo.InvariantCulture) + " h";
}
