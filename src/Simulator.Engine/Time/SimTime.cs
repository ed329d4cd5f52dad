namespace Simulator.Engine;

/// <summary>
/// An instant of simulated time: integer microseconds since the start of the run (time 0).
/// Never a wall-clock date; a scenario maps time 0 to a real instant only for labels.
/// </summary>
public readonly record struct SimTime(long Ticks) : IComparable<SimTime>
{
    /// <summary>The start of the run.</summary>
    public static readonly SimTime Zero = new(0);
    /// <summary>The end of time: later than any event.</summary>
    public static readonly SimTime MaxValue = new(long.MaxValue);

    /// <summary>The instant <paramref name="h"/> hours after the start, to the nearest microsecond.</summary>
    public static SimTime FromHours(double h) => new(Duration.FromHours(h).Ticks);
    /// <summary>The instant <paramref name="s"/> seconds after the start, to the nearest microsecond.</summary>
    public static SimTime FromSeconds(double s) => new(Duration.FromSeconds(s).Ticks);
    /// <summary>The instant <paramref name="sinceStart"/> after the start.</summary>
    public static SimTime At(Duration sinceStart) => new(sinceStart.Ticks);

    /// <summary>Time elapsed since the start.</summary>
    public Duration SinceStart => new(Ticks);
    /// <summary>Seconds since the start.</summary>
    public double TotalSeconds => (double)Ticks / Duration.TicksPerSecond;
    /// <summary>Hours since the start.</summary>
    public double TotalHours => (double)Ticks / Duration.TicksPerHour;

    /// <summary>Later by <paramref name="d"/> (checked).</summary>
    public static SimTime operator +(SimTime t, Duration d) => new(checked(t.Ticks + d.Ticks));
    /// <summary>Earlier by <paramref name="d"/> (checked).</summary>
    public static SimTime operator -(SimTime t, Duration d) => new(checked(t.Ticks - d.Ticks));
    /// <summary>Time from <paramref name="b"/> to <paramref name="a"/> (checked).</summary>
    public static Duration operator -(SimTime a, SimTime b) => new(checked(a.Ticks - b.Ticks));
    /// <summary>Earlier than.</summary>
    public static bool operator <(SimTime a, SimTime b) => a.Ticks < b.Ticks;
    /// <summary>Later than.</summary>
    public static bool operator >(SimTime a, SimTime b) => a.Ticks > b.Ticks;
    /// <summary>Not later than.</summary>
    public static bool operator <=(SimTime a, SimTime b) => a.Ticks <= b.Ticks;
    /// <summary>Not earlier than.</summary>
    public static bool operator >=(SimTime a, SimTime b) => a.Ticks >= b.Ticks;
    /// <inheritdoc/>
    public int CompareTo(SimTime other) => Ticks.CompareTo(other.Ticks);
    /// <summary>The earlier of two instants.</summary>
    public static SimTime Min(SimTime a, SimTime b) => a.Ticks <= b.Ticks ? a : b;
    /// <summary>The later of two instants.</summary>
    public static SimTime Max(SimTime a, SimTime b) => a.Ticks >= b.Ticks ? a : b;

    /// <summary>"t+90m"-style text: the time since the start in the largest exact unit.</summary>
    public override string ToString() => "t+" + SinceStart;
}
