using NUnit.Framework;
using Simulator.Units;

namespace Simulator.Tests.Units;

public sealed class ByteSizeTests
{
    [TestCase("500GiB", 500L << 30, "500GiB")]
    [TestCase("1TiB", 1L << 40, "1TiB")]
    [TestCase("1.5TiB", 3L << 39, "1536GiB")]
    [TestCase("10GB", 10_000_000_000L, "9765625KiB")]
    [TestCase("1.5kB", 1_500L, "1500B")]
    [TestCase("4096B", 4096L, "4KiB")]
    [TestCase("4095B", 4095L, "4095B")]
    [TestCase(" 2 MiB ", 2L << 20, "2MiB")]
    [TestCase("0B", 0L, "0B")]
    public void ParsesHumanUnitsAndPrintsTheLargestExactBinaryUnit(string text, long bytes, string printed)
    {
        var size = ByteSize.Parse(text);
        Assert.That(size.Bytes, Is.EqualTo(bytes));
        Assert.That(size.ToString(), Is.EqualTo(printed));
        Assert.That(ByteSize.Parse(size.ToString()), Is.EqualTo(size));
    }

    [TestCase("12 parsecs", "expected a size such as \"500GiB\" or \"1TiB\", found unknown unit \"parsecs\" in \"12 parsecs\" (units: B, KiB, MiB, GiB, TiB, PiB, kB, MB, GB, TB, PB)")]
    [TestCase("GiB", "expected a size such as \"500GiB\" or \"1TiB\", found \"GiB\"")]
    [TestCase("500", "expected a size such as \"500GiB\" or \"1TiB\", found \"500\" (no unit)")]
    [TestCase("", "expected a size such as \"500GiB\" or \"1TiB\", found an empty value")]
    [TestCase("-3GiB", "expected a non-negative size, found \"-3GiB\"")]
    [TestCase("9000PiB", "size \"9000PiB\" is out of range (at most 8191PiB)")]
    public void RefusesBadTextWithASentence(string text, string error)
    {
        Assert.That(ByteSize.TryParse(text, out _, out string actual), Is.False);
        Assert.That(actual, Is.EqualTo(error));
        Assert.That(() => ByteSize.Parse(text), Throws.TypeOf<FormatException>().With.Message.EqualTo(error));
    }

    [Test]
    public void ConvertsAndComputes()
    {
        Assert.That(ByteSize.FromGiB(500), Is.EqualTo(ByteSize.Parse("500GiB")));
        Assert.That(ByteSize.FromTiB(1.5).GiB, Is.EqualTo(1536));
        Assert.That(ByteSize.Parse("1TiB").TiB, Is.EqualTo(1));
        Assert.That(ByteSize.Parse("1TiB") - ByteSize.Parse("24GiB"), Is.EqualTo(ByteSize.Parse("1000GiB")));
        Assert.That(ByteSize.Parse("1TiB") + ByteSize.Parse("1TiB"), Is.EqualTo(ByteSize.Parse("2TiB")));
        Assert.That(ByteSize.Parse("1TiB") > ByteSize.Parse("1000GiB"), Is.True);
        Assert.That(ByteSize.Parse("1GB").CompareTo(ByteSize.Parse("1GiB")), Is.LessThan(0));
    }
}
