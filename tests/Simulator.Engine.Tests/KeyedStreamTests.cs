using NUnit.Framework;

namespace Simulator.Engine.Tests;

/// <summary>Keyed draws depend on their key alone: the property that keeps variants paired when their trajectories differ.</summary>
public sealed class KeyedStreamTests
{
    private const int Entities = 40, Counters = 25;

    /// <summary>
    /// Every key drawn in order, then every key again in a shuffled order with draws of other keys and of another
    /// purpose in between (and a different number of draws per key): each key gives the same draws. The same
    /// experiment with one sequential stream shared by the keys shifts every draw after the first extra one.
    /// </summary>
    [Test]
    public void AKeyedDrawDoesNotDependOnTheOrderOfOtherDraws()
    {
        var streams = new RandomStreams(2011, 3);
        var inOrder = new Dictionary<(int, int), (double, double)>();
        var keyed = streams.Keyed("attempt-crash:ebs-1a");
        for (int e = 0; e < Entities; e++)
            for (int c = 0; c < Counters; c++)
            {
                var s = keyed.At(e, c);
                inOrder[(e, c)] = (s.NextDouble(), s.NextExponential(2.0));
            }

        var shuffle = new Random(5);
        var keys = inOrder.Keys.OrderBy(_ => shuffle.Next()).ToList();
        var again = new RandomStreams(2011, 3).Keyed("attempt-crash:ebs-1a");
        var other = new RandomStreams(2011, 3).Keyed("retry:ebs-1a");
        foreach (var (e, c) in keys)
        {
            other.At(e + 1, c).NextDouble(); // another purpose's draw in between
            again.At(shuffle.Next(Entities), shuffle.Next(Counters)).NextDouble(); // another key of the same purpose, half used
            var s = again.At(e, c);
            Assert.That((s.NextDouble(), s.NextExponential(2.0)), Is.EqualTo(inOrder[(e, c)]), $"key ({e}, {c})");
        }

        // The sequential alternative fails the same check: one extra draw moves every later one.
        var shared = new RandomStreams(2011, 3).Get("attempt-crash:ebs-1a");
        double[] plain = [.. Enumerable.Range(0, 100).Select(_ => shared.NextDouble())];
        var shifted = new RandomStreams(2011, 3).Get("attempt-crash:ebs-1a");
        shifted.NextDouble();
        Assert.That(Enumerable.Range(0, 99).Count(i => shifted.NextDouble() == plain[i]), Is.Zero);
    }

    /// <summary>
    /// The first draws of neighbouring keys behave as independent uniforms: mean 1/2, equal bins (χ² with 15 degrees of
    /// freedom below its 0.1 % point, 37.7), no correlation between counter c and c + 1 nor between entity e and e + 1
    /// (|ρ| under 4/√n).
    /// </summary>
    [Test]
    public void NeighbouringKeysGiveIndependentUniforms()
    {
        const int n = 200;
        var keyed = new RandomStreams(7, 0).Keyed("detect:ebs-1a");
        var u = new double[n, n];
        for (int e = 0; e < n; e++)
            for (int c = 0; c < n; c++)
                u[e, c] = keyed.At(e, c).NextDouble();
        var all = u.Cast<double>().ToArray();

        Assert.That(all.Average(), Is.EqualTo(0.5).Within(4 * Math.Sqrt(1.0 / 12 / all.Length)));
        var bins = new int[16];
        foreach (double x in all) bins[(int)(x * 16)]++;
        double expected = all.Length / 16.0;
        Assert.That(bins.Sum(b => (b - expected) * (b - expected) / expected), Is.LessThan(37.7));

        var (a1, b1, a2, b2) = (new List<double>(), new List<double>(), new List<double>(), new List<double>());
        for (int e = 0; e < n - 1; e++)
            for (int c = 0; c < n - 1; c++)
            {
                a1.Add(u[e, c]); b1.Add(u[e, c + 1]);
                a2.Add(u[e, c]); b2.Add(u[e + 1, c]);
            }
        double limit = 4 / Math.Sqrt(a1.Count);
        Assert.That(Math.Abs(MathNet.Numerics.Statistics.Correlation.Pearson(a1, b1)), Is.LessThan(limit), "counter c and c + 1");
        Assert.That(Math.Abs(MathNet.Numerics.Statistics.Correlation.Pearson(a2, b2)), Is.LessThan(limit), "entity e and e + 1");
    }

    [Test]
    public void ReseedingAStreamRestartsItsSequence()
    {
        var s = new RandomStream(99);
        ulong[] first = [s.NextUInt64(), s.NextUInt64(), s.NextUInt64()];
        s.Reseed(99);
        Assert.That(new[] { s.NextUInt64(), s.NextUInt64(), s.NextUInt64() }, Is.EqualTo(first));
    }
}
