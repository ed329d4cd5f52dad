namespace Simulator.Engine;

/// <summary>
/// A level that holds its value between changes (queue length, volumes stuck, busy workers), averaged over
/// simulated time: mean, minimum, maximum and time spent above a threshold.
/// </summary>
/// <example><code>
/// var stuck = new TimeWeightedLevel(sim.Now, threshold: 0);
/// stuck.Add(sim.Now, +1);                 // a volume gets stuck
/// double mean = stuck.Mean(sim.Now);      // average stuck volumes so far
/// Duration anyStuck = stuck.TimeAbove(sim.Now);
/// </code></example>
public sealed class TimeWeightedLevel
{
    private long _lastTicks;
    private double _area;          // ∫ level dt from the start to _lastTicks, in level × µs
    private long _aboveTicks;      // time with level > threshold up to _lastTicks

    /// <summary>Starts observing at <paramref name="start"/> with <paramref name="initial"/> as the level.</summary>
    /// <param name="threshold">Time strictly above this level is accumulated by <see cref="TimeAbove"/>.</param>
    public TimeWeightedLevel(SimTime start = default, double initial = 0, double threshold = double.PositiveInfinity)
    {
        if (double.IsNaN(initial)) throw new ArgumentOutOfRangeException(nameof(initial), "a level cannot be NaN");
        Start = start;
        _lastTicks = start.Ticks;
        Current = initial;
        Min = initial;
        Max = initial;
        Threshold = threshold;
    }

    /// <summary>When observation began.</summary>
    public SimTime Start { get; }

    /// <summary>The level now.</summary>
    public double Current { get; private set; }

    /// <summary>The lowest level held so far.</summary>
    public double Min { get; private set; }

    /// <summary>The highest level held so far.</summary>
    public double Max { get; private set; }

    /// <summary>The level above which <see cref="TimeAbove"/> counts.</summary>
    public double Threshold { get; }

    /// <summary>The level becomes <paramref name="level"/> at <paramref name="now"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="now"/> is before the last change.</exception>
    public void Set(SimTime now, double level)
    {
        if (double.IsNaN(level)) throw new ArgumentOutOfRangeException(nameof(level), "a level cannot be NaN");
        Advance(now);
        Current = level;
        if (level < Min) Min = level;
        if (level > Max) Max = level;
    }

    /// <summary>The level changes by <paramref name="delta"/> at <paramref name="now"/>.</summary>
    public void Add(SimTime now, double delta) => Set(now, Current + delta);

    /// <summary>Time-weighted mean from <see cref="Start"/> to <paramref name="now"/> (the current level if no time has passed).</summary>
    public double Mean(SimTime now)
    {
        CheckTime(now);
        long span = now.Ticks - Start.Ticks;
        if (span == 0) return Current;
        return (_area + Current * (now.Ticks - _lastTicks)) / span;
    }

    /// <summary>Integral of the level over time from <see cref="Start"/> to <paramref name="now"/>, in level × hours.</summary>
    public double AreaHours(SimTime now)
    {
        CheckTime(now);
        return (_area + Current * (now.Ticks - _lastTicks)) / Duration.TicksPerHour;
    }

    /// <summary>Simulated time from <see cref="Start"/> to <paramref name="now"/> with the level strictly above <see cref="Threshold"/>.</summary>
    public Duration TimeAbove(SimTime now)
    {
        CheckTime(now);
        return new Duration(_aboveTicks + (Current > Threshold ? now.Ticks - _lastTicks : 0));
    }

    private void Advance(SimTime now)
    {
        CheckTime(now);
        long dt = now.Ticks - _lastTicks;
        _area += Current * dt;
        if (Current > Threshold) _aboveTicks += dt;
        _lastTicks = now.Ticks;
    }

    private void CheckTime(SimTime now)
    {
        if (now.Ticks < _lastTicks)
            throw new ArgumentOutOfRangeException(nameof(now), now, $"time went backwards: the level last changed at {new SimTime(_lastTicks)}");
    }
}
