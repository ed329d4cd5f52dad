using System.Diagnostics;
using System.Globalization;
using Simulator.Experiments;
using Spectre.Console;

namespace Simulator.Cli;

/// <summary>
/// Shows how far a run has got: a Spectre progress bar (simulated hours of the horizon, ETA) on a terminal,
/// otherwise a plain line every 10 % ("  25% simulated 24.0h of 96h, 1.2 s").
/// </summary>
internal static class RunProgressDisplay
{
    private const int PlainStepPct = 10;

    /// <summary>Runs <paramref name="run"/>, giving it a progress sink that displays on <paramref name="context"/>.</summary>
    public static T Run<T>(CliContext context, Func<IProgress<RunProgress>, T> run) =>
        context.Interactive ? RunWithBar(context, run) : RunWithLines(context, run);

    private static T RunWithBar<T>(CliContext context, Func<IProgress<RunProgress>, T> run) =>
        context.Console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask("simulating", maxValue: 1);
                var result = run(new CallbackProgress<RunProgress>(p =>
                {
                    if (p.HorizonHours > 0) task.MaxValue = p.HorizonHours;
                    task.Value = Math.Min(p.SimulatedHours, task.MaxValue);
                    task.Description = Invariant($"simulated {p.SimulatedHours:0.0}h / {p.HorizonHours:0.#}h");
                }));
                task.Value = task.MaxValue;
                task.StopTask();
                return result;
            });

    private static T RunWithLines<T>(CliContext context, Func<IProgress<RunProgress>, T> run)
    {
        var clock = Stopwatch.StartNew();
        int nextPct = PlainStepPct;
        return run(new CallbackProgress<RunProgress>(p =>
        {
            if (p.HorizonHours <= 0) return;
            int pct = (int)Math.Floor(100 * Math.Min(1, p.SimulatedHours / p.HorizonHours));
            if (pct < nextPct) return;
            context.Output.WriteLine(Invariant(
                $"{pct,5}% simulated {p.SimulatedHours:0.0}h of {p.HorizonHours:0.#}h, {clock.Elapsed.TotalSeconds:0.0} s"));
            nextPct = (pct / PlainStepPct + 1) * PlainStepPct;
        }));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
