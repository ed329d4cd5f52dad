using NUnit.Framework;
using Simulator.Reporting;
using Simulator.Tests.ExperimentLayer;

namespace Simulator.Tests.Reporting;

/// <summary>Numbers without float dust, exact seconds, intervals of non-negative quantities cut at 0, swept values in SI units.</summary>
public sealed class TidyOutputTests
{
    [Test]
    public void NumbersLoseTheirFloatDustButNotTheirDigits()
    {
        Assert.That(CsvText.Number(0.1 + 0.2), Is.EqualTo("0.3"), "0.30000000000000004 in round-trip text");
        Assert.That(CsvText.Number(456.00000000000006), Is.EqualTo("456"));
        Assert.That(CsvText.Number(635 - 1e-13), Is.EqualTo("635"), "minutes summed in hours came out as 634.9999999999999");
        Assert.That(CsvText.Number(2.0 / 3), Is.EqualTo("0.666666666667"), "12 significant digits");
        Assert.That(CsvText.Number(9007199254740991), Is.EqualTo("9007199254740991"), "whole numbers below 2^53 exactly");
        Assert.That(CsvText.Number(1e-7), Is.EqualTo("1E-07"));
        Assert.That(CsvText.Number(51.2120000000001), Is.EqualTo("51.212"), "a utilisation summed over busy times");
        Assert.That(CsvText.Number(1234567890123.4567), Is.EqualTo("1234567890120"), "large numbers: 12 digits, in the same notation");
    }

    [Test]
    public void SecondsAreTheExactTicksOfTheClock()
    {
        // Sample k of a 1-minute interval is at k × 60 s; its hours are ticks ÷ 3.6e9, which 6 decimals cannot hold.
        for (int k = 0; k < 10_000; k++)
        {
            double hours = k * 60_000_000L / 3_600_000_000.0;
            Assert.That(CsvText.Seconds(hours), Is.EqualTo((k * 60).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        Assert.That(CsvText.Seconds(372_500_000 / 3_600_000_000.0), Is.EqualTo("372.5"));
        Assert.That(CsvText.Seconds(1 / 3_600_000_000.0), Is.EqualTo("0.000001"));
    }

    [Test]
    public void AnIntervalOfANonNegativeQuantityIsCutAtZeroAndFlagged()
    {
        // mean 10/3, sd √(100/3), t(0.975, 2) = 4.302653: the t interval reaches −11.0.
        double[] values = [0, 0, 10];
        var signed = SummaryStatistics.OfSigned(values);
        Assert.That(signed.Ci95Low, Is.EqualTo(10.0 / 3 - 4.302652730 * Math.Sqrt(100.0 / 3) / Math.Sqrt(3)).Within(1e-6));
        Assert.That(signed.Ci95Truncated, Is.False);
        var bounded = SummaryStatistics.Of(values);
        Assert.That((bounded.Ci95Low, bounded.Ci95High, bounded.Ci95Truncated), Is.EqualTo((0.0, signed.Ci95High, true)));
        var narrow = SummaryStatistics.Of([10, 11, 12]);
        Assert.That(narrow.Ci95Truncated, Is.False);
        Assert.That(narrow.Ci95Low, Is.GreaterThan(0));
    }

    [TestCase("replication.retry.interval", "5s", "_s", 5.0)]
    [TestCase("replication.retry.interval", "2m", "_s", 120.0)]
    [TestCase(TinyExperiments.FreeCapacityPath, "1%", "_ratio", 0.01)]
    [TestCase("topology.regions[0].zones[0].clusters[0].nodes", "800", "_number", 800.0)]
    public void SweptValuesAreWrittenInSiUnitsBesideTheText(string path, string text, string suffix, double si)
    {
        Assert.That(SweepParameterValues.Suffix(path), Is.EqualTo(suffix));
        Assert.That(SweepParameterValues.Si(path, text), Is.EqualTo(si).Within(1e-15));
    }
}
