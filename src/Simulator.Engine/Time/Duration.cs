using System.Globalization;

namespace Simulator.Engine;

/// <summary>
/// A span of simulated time in integer ticks of one microsecond. The range (±292,000 years) covers any
/// horizon this project needs; arithmetic is checked so that an overflow is an error, not a wrap.
/// </summary>
public readonly record struct Duration(long Ticks) : IComparable<Duration>
{
    /// <summary>Ticks in a microsecond: the tick is one microsecond.</summary>
    public const long TicksPerMicrosecond = 1;
    /// <summary>Ticks in a millisecond.</summary>
    public const long TicksPerMillisecond = 1_000;
    /// <summary>Ticks in a second.</summary>
    public const long TicksPerSecond = 1_000_000;
    /// <summary>Ticks in a minute.</summary>
    public const long TicksPerMinute = 60 * TicksPerSecond;
    /// <summary>Ticks in an hour.</summary>
    public const long TicksPerHour = 60 * TicksPerMinute;
    /// <summary>Ticks in a day.</summary>
    public const long TicksPerDay = 24 * TicksPerHour;
    /// <summary>A year is 365 days here (no calendar in simulated time).</summary>
    public const long TicksPerYear = 365 * TicksPerDay;

    /// <summary>No time.</summary>
    public static readonly Duration Zero = new(0);
    /// <summary>The longest duration (about 292,000 years); also "for ever" where an API says so.</summary>
    public static readonly Duration MaxValue = new(long.MaxValue);

    /// <summary>A duration of whole microseconds.</summary>
    public static Duration FromMicroseconds(long us) => new(us);
    /// <summary>A duration in milliseconds, rounded to the nearest microsecond.</summary>
    /// <exception cref="OverflowException">out of range or NaN.</exception>
    public static Duration FromMilliseconds(double ms) => FromUnits(ms, TicksPerMillisecond);
    /// <summary>A duration in seconds, rounded to the nearest microsecond.</summary>
    /// <exception cref="OverflowException">out of range or NaN.</exception>
    public static Duration FromSeconds(double s) => FromUnits(s, TicksPerSecond);
    /// <summary>A duration in minutes, rounded to the nearest microsecond.</summary>
    /// <exception cref="OverflowException">out of range or NaN.</exception>
    public static Duration FromMinutes(double m) => FromUnits(m, TicksPerMinute);
    /// <summary>A duration in hours, rounded to the nearest microsecond.</summary>
    /// <exception cref="OverflowException">out of range or NaN.</exception>
    public static Duration FromHours(double h) => FromUnits(h, TicksPerHour);
    /// <summary>A duration in days, rounded to the nearest microsecond.</summary>
    /// <exception cref="OverflowException">out of range or NaN.</exception>
    public static Duration FromDays(double d) => FromUnits(d, TicksPerDay);

    private static Duration FromUnits(double value, long ticksPerUnit)
    {
        double ticks = Math.Round(value * ticksPerUnit);
        if (double.IsNaN(ticks) || ticks >= long.MaxValue || ticks <= long.MinValue)
            throw new OverflowException($"duration of {value.ToString(CultureInfo.InvariantCulture)} × {ticksPerUnit} µs is out of range");
        return new Duration((long)ticks);
    }

    /// <summary>The duration in seconds.</summary>
    public double TotalSeconds => (double)Ticks / TicksPerSecond;
    /// <summary>The duration in milliseconds.</summary>
    public double TotalMilliseconds => (double)Ticks / TicksPerMillisecond;
    /// <summary>The duration in minutes.</summary>
    public double TotalMinutes => (double)Ticks / TicksPerMinute;
    /// <summary>The duration in hours.</summary>
    public double TotalHours => (double)Ticks / TicksPerHour;
    /// <summary>The duration in days.</summary>
    public double TotalDays => (double)Ticks / TicksPerDay;

    /// <summary>Checked sum.</summary>
    public static Duration operator +(Duration a, Duration b) => new(checked(a.Ticks + b.Ticks));
    /// <summary>Checked difference.</summary>
    public static Duration operator -(Duration a, Duration b) => new(checked(a.Ticks - b.Ticks));
    /// <summary>Checked negation.</summary>
    public static Duration operator -(Duration a) => new(checked(-a.Ticks));
    /// <summary>Checked multiple.</summary>
    public static Duration operator *(Duration a, long k) => new(checked(a.Ticks * k));
    /// <summary>Scaled, rounded to the nearest microsecond.</summary>
    public static Duration operator *(Duration a, double k) => FromUnits(a.Ticks * k, 1);
    /// <summary>The ratio of two durations.</summary>
    public static double operator /(Duration a, Duration b) => (double)a.Ticks / b.Ticks;
    /// <summary>A fraction, truncated to whole microseconds.</summary>
    public static Duration operator /(Duration a, long k) => new(a.Ticks / k);
    /// <summary>Shorter than.</summary>
    public static bool operator <(Duration a, Duration b) => a.Ticks < b.Ticks;
    /// <summary>Longer than.</summary>
    public static bool operator >(Duration a, Duration b) => a.Ticks > b.Ticks;
    /// <summary>At most as long as.</summary>
    public static bool operator <=(Duration a, Duration b) => a.Ticks <= b.Ticks;
    /// <summary>At least as long as.</summary>
    public static bool operator >=(Duration a, Duration b) => a.Ticks >= b.Ticks;
    /// <inheritdoc/>
    public int CompareTo(Duration other) => Ticks.CompareTo(other.Ticks);
    /// <summary>The shorter of two durations.</summary>
    public static Duration Min(Duration a, Duration b) => a.Ticks <= b.Ticks ? a : b;
    /// <summary>The longer of two durations.</summary>
    public static Duration Max(Duration a, Duration b) => a.Ticks >= b.Ticks ? a : b;

    /// <summary>Prints in the largest unit that represents the value exactly ("90s", "15m", "96h", "250ms").</summary>
    public override string ToString() => DurationText.Format(this);

    /// <summary>Parses human units: "250ms", "90s", "15m", "96h", "7d", "1y", "1.5h", "10us".</summary>
    /// <exception cref="FormatException">with the text and what was expected.</exception>
    public static Duration Parse(string text) =>
        DurationText.TryParse(text, out var d, out var error) ? d : throw new FormatException(error);

    /// <summary>Parses human units; on failure <paramref name="error"/> says what was expected and what was found.</summary>
    public static bool TryParse(string text, out Duration value, out string error) =>
        DurationText.TryParse(text, out value, out error);
}
