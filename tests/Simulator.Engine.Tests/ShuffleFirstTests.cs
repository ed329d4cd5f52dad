using MathNet.Numerics.Distributions;
using NUnit.Framework;

namespace Simulator.Engine.Tests;

public sealed class ShuffleFirstTests
{
    [Test]
    public void EveryOrderedPairOfFirstTwoIsEquallyLikely()
    {
        // 5 items, first 2 places: 20 ordered pairs, each with probability 1/20. Chi-square with 19 degrees of freedom.
        const int n = 5, draws = 200_000;
        var counts = new int[n, n];
        var stream = new RandomStreams(7, 0).Get("shuffle-test");
        var items = new int[n];
        for (int d = 0; d < draws; d++)
        {
            for (int i = 0; i < n; i++) items[i] = i;
            stream.ShuffleFirst(items.AsSpan(), 2);
            counts[items[0], items[1]]++;
        }
        double expected = draws / 20.0, chi2 = 0;
        for (int a = 0; a < n; a++)
            for (int b = 0; b < n; b++)
            {
                if (a == b) { Assert.That(counts[a, b], Is.Zero, "an item twice"); continue; }
                chi2 += Math.Pow(counts[a, b] - expected, 2) / expected;
            }
        Assert.That(chi2, Is.LessThan(ChiSquared.InvCDF(19, 0.999)));
    }

    [Test]
    public void TheWholeSpanIsAPermutationAndTheSameStreamGivesTheSameOne()
    {
        int[] Shuffled() { var a = Enumerable.Range(0, 100).ToArray(); new RandomStreams(3, 1).Get("p").ShuffleFirst(a.AsSpan(), a.Length); return a; }
        var once = Shuffled();
        Assert.That(once, Is.EquivalentTo(Enumerable.Range(0, 100)));
        Assert.That(once, Is.Not.EqualTo(Enumerable.Range(0, 100)));
        Assert.That(Shuffled(), Is.EqualTo(once));
    }

    [Test]
    public void ACountOutsideTheSpanIsRefused()
    {
        var stream = new RandomStreams(1, 0).Get("p");
        Assert.That(() => stream.ShuffleFirst(new int[3].AsSpan(), 4), Throws.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(() => stream.ShuffleFirst(new int[3].AsSpan(), -1), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }
}
