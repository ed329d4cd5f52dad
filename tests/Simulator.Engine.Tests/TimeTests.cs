using NUnit.Framework;

namespace Simulator.Engine.Tests;

public sealed class TimeTests
{
    [TestCase("250ms", 250_000L)]
    [TestCase("90s", 90_000_000L)]
    [TestCase("15m", 900_000_000L)]
    [TestCase("96h", 96L * 3_600_000_000)]
    [TestCase("7d", 7L * 86_400_000_000)]
    [TestCase("1y", 365L * 86_400_000_000)]
    [TestCase("1.5h", 5_400_000_000L)]
    [TestCase("10us", 10L)]
    [TestCase("10µs", 10L)]
    [TestCase(" 2 hours ", 7_200_000_000L)]
    [TestCase("0s", 0L)]
    public void HumanUnitsParseToMicroseconds(string text, long ticks) =>
        Assert.That(Duration.Parse(text), Is.EqualTo(new Duration(ticks)));

    [TestCase(0L, "0s")]
    [TestCase(250_000L, "250ms")]
    [TestCase(5_400_000_000L, "90m")]
    [TestCase(1_500L, "1500us")]
    [TestCase(86_400_000_000L, "1d")]
    public void DurationsPrintInTheLargestExactUnit(long ticks, string text) =>
        Assert.That(new Duration(ticks).ToString(), Is.EqualTo(text));

    [Test]
    public void PrintingThenParsingGivesTheSameDuration()
    {
        var rng = new RandomStream(11);
        long[] fixedCases = [0, 1, 999, 1000, 60_000_000, Duration.TicksPerYear, long.MaxValue, long.MaxValue / 7];
        foreach (long ticks in fixedCases.Concat(Enumerable.Range(0, 1000).Select(_ => rng.NextInt64(long.MaxValue >> rng.Next(64)))))
        {
            var d = new Duration(ticks);
            Assert.That(Duration.Parse(d.ToString()), Is.EqualTo(d), $"round trip of {ticks} µs via \"{d}\"");
        }
    }

    [TestCase("12 parsecs", "unknown unit \"parsecs\"")]
    [TestCase("-5s", "non-negative")]
    [TestCase("", "empty")]
    [TestCase("   ", "empty")]
    [TestCase("5", "no unit")]
    [TestCase("h", "found \"h\"")]
    [TestCase("1.2.3s", "found \"1.2.3s\"")]
    [TestCase("300000y", "out of range")]
    [TestCase("99999999999999999999999999999y", "out of range")]
    public void BadTextIsRefusedWithWhatWasExpectedAndFound(string text, string detail)
    {
        Assert.That(Duration.TryParse(text, out _, out string error), Is.False);
        Assert.That(error, Does.Contain(detail));
        var ex = Assert.Throws<FormatException>(() => Duration.Parse(text));
        Assert.That(ex!.Message, Is.EqualTo(error));
    }

    [Test]
    public void DurationArithmeticOverflowIsAnErrorNotAWrap()
    {
        Assert.Throws<OverflowException>(() => _ = Duration.MaxValue + new Duration(1));
        Assert.Throws<OverflowException>(() => _ = SimTime.MaxValue + new Duration(1));
        Assert.Throws<OverflowException>(() => Duration.FromDays(1e300));
        Assert.Throws<OverflowException>(() => Duration.FromSeconds(double.NaN));
    }

    [Test]
    public void ConversionsBetweenUnitsAgree()
    {
        Assert.That(Duration.FromHours(1.5), Is.EqualTo(Duration.FromMinutes(90)));
        Assert.That(Duration.FromMilliseconds(0.0004), Is.EqualTo(Duration.Zero), "rounds to the nearest microsecond");
        Assert.That(Duration.FromDays(2).TotalHours, Is.EqualTo(48));
        Assert.That(SimTime.FromHours(2) - SimTime.FromSeconds(1), Is.EqualTo(Duration.FromSeconds(7199)));
        Assert.That(SimTime.FromSeconds(90).ToString(), Is.EqualTo("t+90s"));
    }
}
