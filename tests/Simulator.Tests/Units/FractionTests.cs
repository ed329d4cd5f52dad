using NUnit.Framework;
using Simulator.Units;

namespace Simulator.Tests.Units;

public sealed class FractionTests
{
    [TestCase("13%", 0.13, "13%")]
    [TestCase("0.13", 0.13, "13%")]
    [TestCase("2.5%", 0.025, "2.5%")]
    [TestCase("100%", 1.0, "100%")]
    [TestCase("0", 0.0, "0%")]
    [TestCase("1e-3", 0.001, "0.1%")]
    public void ParsesPercentagesAndPlainNumbers(string text, double value, string printed)
    {
        var fraction = Fraction.Parse(text);
        Assert.That(fraction.Value, Is.EqualTo(value));
        Assert.That(fraction.ToString(), Is.EqualTo(printed));
        Assert.That(Fraction.Parse(fraction.ToString()), Is.EqualTo(fraction));
    }

    [Test]
    public void PercentIsExactForHumanValues()
    {
        Assert.That(Fraction.Parse("0.13").Percent, Is.EqualTo(13));
        Assert.That(Fraction.FromPercent(13), Is.EqualTo(Fraction.Parse("13%")));
        Assert.That(Fraction.FromPercent(0.7).Value, Is.EqualTo(0.007));
    }

    [TestCase("lots", "expected a fraction such as \"13%\" or \"0.13\", found \"lots\"")]
    [TestCase("13 percent", "expected a fraction such as \"13%\" or \"0.13\", found \"13 percent\"")]
    [TestCase("130%", "expected a fraction between 0% and 100%, found \"130%\"")]
    [TestCase("13", "expected a fraction between 0% and 100%, found \"13\"")]
    [TestCase("-1%", "expected a non-negative fraction, found \"-1%\"")]
    public void RefusesBadTextWithASentence(string text, string error)
    {
        Assert.That(Fraction.TryParse(text, out _, out string actual), Is.False);
        Assert.That(actual, Is.EqualTo(error));
    }

    [Test]
    public void AboveOneOnlyWhenTheCallerAllowsIt()
    {
        Assert.That(Fraction.TryParse("130%", allowAboveOne: true, out var value, out _), Is.True);
        Assert.That(value.Value, Is.EqualTo(1.3));
        Assert.That(value.ToString(), Is.EqualTo("130%"));
    }
}
