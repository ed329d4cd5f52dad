using Simulator.Experiments;
using Simulator.Scenarios;
using Simulator.Scenarios.Model;

namespace Simulator.Swarm;

/// <summary>What one run of a scenario under every invariant came to.</summary>
/// <param name="Events">Events processed before the end or the violation.</param>
/// <param name="Violation">Null when every invariant held to the horizon; otherwise what broke (an invariant, or an exception of the model, or the scenario refused by the loader).</param>
/// <param name="AtHours">Simulated time of the violation (null: none, or before the run started).</param>
/// <param name="Detail">The exception with its stack, for <c>--replay</c> to show; null when none.</param>
public sealed record SwarmCheckResult(long Events, double HorizonHours, string? Violation, double? AtHours, string? Detail = null)
{
    public bool Passed => Violation is null;
}

/// <summary>
/// Runs one scenario file to its horizon with <see cref="SimulationRun.CheckInvariants"/> after every event: the
/// swarm's unit, and <c>replsim swarm --replay FILE</c>. The run seed is the file's own <c>seed:</c>.
/// </summary>
public static class SwarmRun
{
    /// <summary>
    /// Events after which a run counts as not progressing (an event storm or a loop at one instant), a violation of its
    /// own: a generated run takes tens of thousands at most.
    /// </summary>
    public const long MaxEvents = 500_000;

    /// <summary>
    /// Loads and runs <paramref name="path"/>. A scenario the loader refuses, an exception of the model while it is
    /// built or runs, and a broken invariant are all reported as the violation; only cancellation throws.
    /// </summary>
    /// <param name="extraInvariant">Checked after every event besides the model's invariants: the reason it is broken, or null.
    /// A seam for tests that plant a violation; null in the swarm.</param>
    public static SwarmCheckResult Check(string path, Func<SimulationRun, string?>? extraInvariant = null, CancellationToken cancellation = default)
    {
        Scenario model;
        try
        {
            model = ScenarioFile.Load<Scenario>(path);
        }
        catch (ScenarioException e)
        {
            return new SwarmCheckResult(0, 0, "the scenario was refused: " + string.Join("; ", e.Errors.Select(x => x.ToString())), null);
        }
        SimulationRun? run = null;
        try
        {
            run = new SimulationRun(model, (ulong)model.Seed, 0, 1.0)
            {
                FullInvariantCheckEvery = model.Horizon,
                AfterEveryEvent = r =>
                {
                    if (r.EventsProcessed > MaxEvents)
                        throw new InvalidOperationException($"more than {MaxEvents:N0} events by {r.Now.TotalHours:0.######} h of {model.Horizon.TotalHours:0.##} h: the run does not progress (a generated run takes tens of thousands)");
                    r.CheckInvariants();
                    if (extraInvariant?.Invoke(r) is { } broken) throw new InvalidOperationException(broken);
                },
            };
            run.CheckInvariants(); // the initial placement, before any event
            run.Run(model.SampleInterval, cancellation: cancellation);
            return new SwarmCheckResult(run.EventsProcessed, model.Horizon.TotalHours, null, null);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            string what = e is InvalidOperationException ? e.Message : $"{e.GetType().Name}: {e.Message}";
            return new SwarmCheckResult(run?.EventsProcessed ?? 0, model.Horizon.TotalHours, what, run?.Now.TotalHours, e.ToString());
        }
    }
}
