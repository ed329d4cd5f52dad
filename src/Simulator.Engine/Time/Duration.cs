using System.Globalization;

namespace Simulator.Engine;

/// <summary>
/// A span of simulated time in integer ticks of one microsecond. The range (±292,000 years) covers any
/// horizon this project needs; arithmetic is checked so that an overflow is an error, not a wrap.
/// </summary>
public readonly record struct Duration(long Ticks) : IComparable<Duration>
{
    public const long TicksPerMicrosecond = 1;
    public const long TicksPerMillisecond = 1_000;
    public const long TicksPerSecond = 1_000_000;
    public const long TicksPerMinute = 60 * TicksPerSecond;
    public const long TicksPerHour = 60 * TicksPerMinute;
    public const long TicksPerDay = 24 * TicksPerHour;
    /// <summary>A year is 365 days here (no calendar in simulated time).</summary>
    public const long TicksPerYear = 365 * TicksPerDay;

    public static readonly Duration Zero = new(0);
    public static readonly Duration MaxValue = new(long.MaxValue);

    public static Duration FromMicroseconds(long us) => new(us);
    public static Duration FromMilliseconds(double ms) => FromUnits(ms, TicksPerMillisecond);
    public static Duration FromSeconds(double s) => FromUnits(s, TicksPerSecond);
    public static Duration FromMinutes(double m) => FromUnits(m, TicksPerMinute);
    public static Duration FromHours(double h) => FromUnits(h, TicksPerHour);
    public static Duration FromDays(double d) => FromUnits(d, TicksPerDay);

    private static Duration FromUnits(double value, long ticksPerUnit)
    {
        double ticks = Math.Round(value * ticksPerUnit);
        if (double.IsNaN(ticks) || ticks >= long.MaxValue || ticks <= long.MinValue)
            throw new OverflowException($"duration of {value.ToString(CultureInfo.InvariantCulture)} × {ticksPerUnit} µs is out of range");
        return new Duration((long)ticks);
    }

    public double TotalSeconds => (double)Ticks / TicksPerSecond;
    public double TotalMilliseconds => (double)Ticks / TicksPerMillisecond;
    public double TotalMinutes => (double)Ticks / TicksPerMinute;
    public double TotalHours => (double)Ticks / TicksPerHour;
    public double TotalDays => (double)Ticks / TicksPerDay;

    public static Duration operator +(Duration a, Duration b) => new(checked(a.Ticks + b.Ticks));
    public static Duration operator -(Duration a, Duration b) => new(checked(a.Ticks - b.Ticks));
    public static Duration operator -(Duration a) => new(checked(-a.Ticks));
    public static Duration operator *(Duration a, long k) => new(checked(a.Ticks * k));
    public static Duration operator *(Duration a, double k) => FromUnits(a.Ticks * k, 1);
    public static double operator /(Duration a, Duration b) => (double)a.Ticks / b.Ticks;
    public static Duration operator /(Duration a, long k) => new(a.Ticks / k);
    public static bool operator <(Duration a, Duration b) => a.Ticks < b.Ticks;
    public static bool operator >(Duration a, Duration b) => a.Ticks > b.Ticks;
    public static bool operator <=(Duration a, Duration b) => a.Ticks <= b.Ticks;
    public static bool operator >=(Duration a, Duration b) => a.Ticks >= b.Ticks;
    public int CompareTo(Duration other) => Ticks.CompareTo(other.Ticks);
    public static Duration Min(Duration a, Duration b) => a.Ticks <= b.Ticks ? a : b;
    public static Duration Max(Duration a, Duration b) => a.Ticks >= b.Ticks ? a : b;

    /// <summary>Prints in the largest unit that represents the value exactly ("90s", "15m", "96h", "250ms").</summary>
    public override string ToString() => DurationText.Format(this);

    /// <summary>Parses human units: "250ms", "90s", "15m", "96h", "7d", "1y", "1.5h", "10us".</summary>
    /// <exception cref="FormatException">with the text and what was expected.</exception>
    public static Duration Parse(string text) =>
        DurationText.TryParse(text, out var d, out var error) ? d : throw new FormatException(error);

    public static bool TryParse(string text, out Duration value, out string error) =>
        DurationText.TryParse(text, out value, out error);
}
