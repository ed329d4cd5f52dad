using NUnit.Framework;
using Simulator.Units;

namespace Simulator.Tests.Units;

public sealed class BandwidthTests
{
    [TestCase("10Gbps", 10e9, "10Gbps")]
    [TestCase("400Mbps", 400e6, "400Mbps")]
    [TestCase("1.25GB/s", 10e9, "10Gbps")]
    [TestCase("100MiB/s", 838_860_800.0, "838.8608Mbps")]
    [TestCase("1Gbit/s", 1e9, "1Gbps")]
    [TestCase("2.5 Tbps", 2.5e12, "2.5Tbps")]
    [TestCase("0bps", 0.0, "0bps")]
    [TestCase("0.5bps", 0.5, "0.5bps")]
    public void ParsesBitAndByteUnitsAndPrintsInBits(string text, double bits, string printed)
    {
        var bandwidth = Bandwidth.Parse(text);
        Assert.That(bandwidth.BitsPerSecond, Is.EqualTo(bits));
        Assert.That(bandwidth.ToString(), Is.EqualTo(printed));
        Assert.That(Bandwidth.Parse(bandwidth.ToString()), Is.EqualTo(bandwidth));
    }

    [TestCase("fast", "expected a bandwidth such as \"10Gbps\", \"400Mbps\" or \"1.25GB/s\", found \"fast\"")]
    [TestCase("10", "expected a bandwidth such as \"10Gbps\", \"400Mbps\" or \"1.25GB/s\", found \"10\" (no unit)")]
    [TestCase("10Gbs", "expected a bandwidth such as \"10Gbps\", \"400Mbps\" or \"1.25GB/s\", found unknown unit \"Gbs\" in \"10Gbs\" (units: bps, Kbps, Mbps, Gbps, Tbps, B/s, KB/s, MB/s, GB/s, KiB/s, MiB/s, GiB/s)")]
    [TestCase("-1Gbps", "expected a non-negative bandwidth, found \"-1Gbps\"")]
    public void RefusesBadTextWithASentence(string text, string error)
    {
        Assert.That(Bandwidth.TryParse(text, out _, out string actual), Is.False);
        Assert.That(actual, Is.EqualTo(error));
    }

    [Test]
    public void ConvertsBetweenBitsAndBytes()
    {
        var bandwidth = Bandwidth.FromGbps(10);
        Assert.That(bandwidth.Gbps, Is.EqualTo(10));
        Assert.That(bandwidth.BytesPerSecond, Is.EqualTo(1.25e9));
        Assert.That(Bandwidth.Parse("1Gbps") < Bandwidth.Parse("1GB/s"), Is.True);
    }
}
