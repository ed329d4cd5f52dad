namespace Simulator.Engine;

/// <summary>
/// An instant of simulated time: integer microseconds since the start of the run (time 0).
/// Never a wall-clock date; a scenario maps time 0 to a real instant only for labels.
/// </summary>
public readonly record struct SimTime(long Ticks) : IComparable<SimTime>
{
    public static readonly SimTime Zero = new(0);
    public static readonly SimTime MaxValue = new(long.MaxValue);

    public static SimTime FromHours(double h) => new(Duration.FromHours(h).Ticks);
    public static SimTime FromSeconds(double s) => new(Duration.FromSeconds(s).Ticks);
    public static SimTime At(Duration sinceStart) => new(sinceStart.Ticks);

    public Duration SinceStart => new(Ticks);
    public double TotalSeconds => (double)Ticks / Duration.TicksPerSecond;
    public double TotalHours => (double)Ticks / Duration.TicksPerHour;

    public static SimTime operator +(SimTime t, Duration d) => new(checked(t.Ticks + d.Ticks));
    public static SimTime operator -(SimTime t, Duration d) => new(checked(t.Ticks - d.Ticks));
    public static Duration operator -(SimTime a, SimTime b) => new(checked(a.Ticks - b.Ticks));
    public static bool operator <(SimTime a, SimTime b) => a.Ticks < b.Ticks;
    public static bool operator >(SimTime a, SimTime b) => a.Ticks > b.Ticks;
    public static bool operator <=(SimTime a, SimTime b) => a.Ticks <= b.Ticks;
    public static bool operator >=(SimTime a, SimTime b) => a.Ticks >= b.Ticks;
    public int CompareTo(SimTime other) => Ticks.CompareTo(other.Ticks);
    public static SimTime Min(SimTime a, SimTime b) => a.Ticks <= b.Ticks ? a : b;
    public static SimTime Max(SimTime a, SimTime b) => a.Ticks >= b.Ticks ? a : b;

    /// <summary>"t=+2.5h"-style text, in the duration's human units.</summary>
    public override string ToString() => "t+" + SinceStart;
}
