using System.CommandLine;
using Simulator.Reporting.Plots;

namespace Simulator.Cli;

/// <summary>
/// <c>replsim plot</c>: a figure the run did not draw, from a finished folder: one metric over time (one line per scope,
/// or <c>--scope</c>), or a sweep's summary of it against <c>--vs PARAM</c>. Bad input exits 2 with nothing written.
/// </summary>
internal static class PlotCommand
{
    public static Command Build(CliContext context)
    {
        var input = new Argument<string>("folder")
        {
            Description = "A run folder (or its timeseries.csv), or a sweep folder with --vs",
        };
        var metric = new Option<string>("--metric")
        {
            Description = "The metric to plot, e.g. volumes_stuck_pct (its unit labels the axis)",
            Required = true,
        };
        var scope = new Option<string?>("--scope")
        {
            Description = "One scope, e.g. zone:us-east-1a (or us-east-1a); by default one line per scope that has the metric",
        };
        var vs = new Option<string?>("--vs")
        {
            Description = "Sweep folder: the metric's --stat at each point against this swept parameter (its path or short name)",
        };
        var stat = new Option<string>("--stat")
        {
            Description = "With --vs: peak (the default) or final, each replication's, summarised by median and 5–95 % per point",
            DefaultValueFactory = _ => "peak",
        };
        var output = new Option<string?>("--out")
        {
            Description = "The picture to write, FILE.png or FILE.svg; by default plots/<metric>….png in the folder",
        };
        var command = new Command("plot", "Plot a metric of a finished run (median and 5–95 % band across replications) or a sweep's summary of it against a parameter")
        {
            input, metric, scope, vs, stat, output,
        };
        command.SetAction(parse =>
        {
            var request = new CustomPlotRequest(parse.GetRequiredValue(input), parse.GetRequiredValue(metric), parse.GetValue(scope),
                parse.GetValue(vs), parse.GetValue(stat) ?? "peak", parse.GetValue(output));
            string written;
            try
            {
                written = CustomPlot.Write(request);
            }
            catch (PlotInputException e)
            {
                throw new BadInputException(e.Message);
            }
            context.Output.WriteLine($"plot: {written}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
