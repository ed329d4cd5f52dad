namespace Simulator.Engine;

/// <summary>Starting processes and letting them wait for simulated time.</summary>
/// <example><code>
/// sim.Start(async () =>
/// {
///     while (true)
///     {
///         await sim.Delay(Duration.FromHours(1));
///         if (await disk.RequestAsync(Duration.FromMinutes(5))) { await sim.Delay(scrubTime); disk.Release(); }
///     }
/// });
/// </code></example>
public static class SimulationProcesses
{
    /// <summary>Starts <paramref name="body"/> as a process at the current time, after the events already due.</summary>
    public static Process Start(this Simulation simulation, Func<ProcessTask> body)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        ArgumentNullException.ThrowIfNull(body);
        return new Process(simulation, body);
    }

    /// <summary>Awaited by a process: resumes <paramref name="delay"/> later in simulated time.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delay"/> is negative.</exception>
    public static DelayAwaitable Delay(this Simulation simulation, Duration delay)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        return new DelayAwaitable(simulation, delay);
    }
}
