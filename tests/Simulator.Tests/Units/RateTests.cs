using NUnit.Framework;
using Simulator.Units;

namespace Simulator.Tests.Units;

public sealed class RateTests
{
    [TestCase("20/s", 20.0, "20/s")]
    [TestCase("1200/min", 20.0, "20/s")]
    [TestCase("3/h", 3.0 / 3600, "3/h")]
    [TestCase("0.5/d", 0.5 / 86400, "0.5/d")]
    [TestCase("1.5/s", 1.5, "90/min")]
    [TestCase("6 / m", 0.1, "6/min")]
    [TestCase("0/s", 0.0, "0/s")]
    public void ParsesCountPerUnitAndPrintsAWholeCountWhenItCan(string text, double perSecond, string printed)
    {
        var rate = Rate.Parse(text);
        Assert.That(rate.PerSecond, Is.EqualTo(perSecond));
        Assert.That(rate.ToString(), Is.EqualTo(printed));
        Assert.That(Rate.Parse(rate.ToString()), Is.EqualTo(rate));
    }

    [Test]
    public void ConvertsToAndFromHours()
    {
        Assert.That(Rate.FromPerHour(3), Is.EqualTo(Rate.Parse("3/h")));
        Assert.That(Rate.FromPerSecond(2).PerHour, Is.EqualTo(7200));
    }

    [TestCase("often", "expected a rate such as \"20/s\", \"1200/min\", \"3/h\" or \"0.5/d\", found \"often\"")]
    [TestCase("20", "expected a rate such as \"20/s\", \"1200/min\", \"3/h\" or \"0.5/d\", found \"20\" (no \"/unit\")")]
    [TestCase("20/fortnight", "expected a rate such as \"20/s\", \"1200/min\", \"3/h\" or \"0.5/d\", found unknown unit \"fortnight\" in \"20/fortnight\" (units: s, min, h, d)")]
    [TestCase("-2/s", "expected a non-negative rate, found \"-2/s\"")]
    public void RefusesBadTextWithASentence(string text, string error)
    {
        Assert.That(Rate.TryParse(text, out _, out string actual), Is.False);
        Assert.That(actual, Is.EqualTo(error));
    }
}
