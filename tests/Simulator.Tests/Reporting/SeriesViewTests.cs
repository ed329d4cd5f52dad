using NUnit.Framework;
using Simulator.Reporting;

namespace Simulator.Tests.Reporting;

public sealed class SeriesViewTests
{
    [Test]
    public void DenseCurvesAreAveragedOverTheSmallestNiceBinThatFits()
    {
        // 96 h sampled every minute: 5761 points; at most 500 allowed → 15-minute bins (384 of them, plus the last sample).
        double[] times = Enumerable.Range(0, 96 * 60 + 1).Select(m => m / 60.0).ToArray();
        double[] values = times.Select((_, i) => i % 2 == 0 ? 0.0 : 10.0).ToArray();

        var (binTimes, binValues, minutes) = SeriesView.BinMeans(times, values, 500);

        Assert.That(minutes, Is.EqualTo(15));
        Assert.That(binTimes, Has.Length.EqualTo(385));
        Assert.That(binTimes[1], Is.EqualTo(0.25).Within(1e-12));
        Assert.That(binValues[0], Is.EqualTo(5 * 14.0 / 15).Within(1e-12), "minutes 0..14: seven of fifteen at 10");
    }

    [Test]
    public void SparseCurvesAreLeftAlone()
    {
        double[] times = [0, 1, 2];
        double[] values = [1, 2, 3];
        var (binTimes, binValues, minutes) = SeriesView.BinMeans(times, values, 500);
        Assert.That((binTimes, binValues, minutes), Is.EqualTo((times, values, 0)));
    }
}
