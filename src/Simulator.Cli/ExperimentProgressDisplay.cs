using System.Diagnostics;
using System.Globalization;
using Simulator.Experiments;
using Spectre.Console;

namespace Simulator.Cli;

/// <summary>
/// One overall progress display across an experiment's units: a Spectre bar with ETA on a terminal, otherwise a plain
/// line every 10 % ("  30% 6/20 units, 12.3 s, about 28 s left"; for a single unit, the simulated hours as <c>run</c>
/// always printed them).
/// </summary>
internal static class ExperimentProgressDisplay
{
    private const int PlainStepPct = 10;

    public static T Run<T>(CliContext context, Func<IProgress<ExperimentProgress>, T> run) =>
        context.Interactive ? RunWithBar(context, run) : RunWithLines(context, run);

    private static T RunWithBar<T>(CliContext context, Func<IProgress<ExperimentProgress>, T> run) =>
        context.Console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask("simulating", maxValue: 1000);
                var result = run(new CallbackProgress<ExperimentProgress>(p =>
                {
                    task.Value = Math.Min(1000, 1000 * p.Fraction);
                    task.Description = Describe(p);
                }));
                task.StopTask();
                return result;
            });

    private static T RunWithLines<T>(CliContext context, Func<IProgress<ExperimentProgress>, T> run)
    {
        var clock = Stopwatch.StartNew();
        int nextPct = PlainStepPct;
        return run(new CallbackProgress<ExperimentProgress>(p =>
        {
            double fraction = p.UnitsTotal <= 1 && p.HorizonHours > 0 ? p.SimulatedHours / p.HorizonHours : p.Fraction;
            int pct = (int)Math.Floor(100 * Math.Min(1, fraction));
            if (p.UnitsTotal > 1 && p.UnitsDone < p.UnitsTotal) pct = Math.Min(pct, 99); // 100 % once the last unit is written
            if (pct < nextPct) return;
            double elapsed = clock.Elapsed.TotalSeconds;
            if (p.UnitsTotal <= 1)
                context.Output.WriteLine(Invariant($"{pct,5}% simulated {p.SimulatedHours:0.0}h of {p.HorizonHours:0.#}h, {elapsed:0.0} s"));
            else
            {
                string eta = fraction > 0 && fraction < 1 ? $", about {Seconds(elapsed * (1 - fraction) / fraction)} left" : "";
                context.Output.WriteLine(Invariant($"{pct,5}% {p.UnitsDone}/{p.UnitsTotal} units, {elapsed:0.0} s{eta}"));
            }
            nextPct = (pct / PlainStepPct + 1) * PlainStepPct;
        }));
    }

    private static string Describe(ExperimentProgress p) => p.UnitsTotal <= 1
        ? Invariant($"simulated {p.SimulatedHours:0.0}h / {p.HorizonHours:0.#}h")
        : Invariant($"{p.UnitsDone}/{p.UnitsTotal} units, {p.UnitsRunning} running");

    private static string Seconds(double s) => s < 90 ? Invariant($"{s:0} s") : Invariant($"{s / 60:0.#} min");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
