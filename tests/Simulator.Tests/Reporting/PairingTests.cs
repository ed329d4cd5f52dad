using NUnit.Framework;
using Simulator.Reporting;

namespace Simulator.Tests.Reporting;

/// <summary>compare says what pairing achieved: the correlation it rests on and the ratio of the two half-widths.</summary>
public sealed class PairingTests
{
    private static IReadOnlyList<ComparisonRow> Compare(double[] baseline, double[] variant)
    {
        int figures = ExperimentFigures.All.Count;
        IReadOnlyList<double[]> Rows(double[] first) => [.. first.Select(x => Enumerable.Repeat(x, figures).ToArray())];
        return Comparison.Compute([("base", "a.yaml"), ("variant", "b.yaml")], [Rows(baseline), Rows(variant)]);
    }

    [Test]
    public void AVariantThatMovesWithTheBaselinePairsPerfectly()
    {
        double[] baseline = [3, 9, 4, 12, 7, 1, 8, 5, 10, 6];
        var row = Compare(baseline, [.. baseline.Select(x => x + 2)]).First(r => r.Variant == "variant");

        Assert.That(row.Correlation, Is.EqualTo(1).Within(1e-12));
        Assert.That(row.PairedToUnpaired, Is.EqualTo(0), "a constant difference: the paired interval has no width");
        Assert.That(row.UnpairedHalfWidth, Is.GreaterThan(1));
    }

    /// <summary>
    /// Uncorrelated replications: the paired and unpaired intervals estimate the same variance, Var(a) + Var(b), the
    /// first with n − 1 degrees of freedom and the second with about 2n − 2, so their ratio is near the ratio of the
    /// t quantiles, not far below 1. With ρ = −1 pairing doubles the variance of the difference: the ratio is about √2.
    /// </summary>
    [Test]
    public void UncorrelatedOrOpposedReplicationsGainNothingFromPairing()
    {
        var random = new Random(7);
        double[] a = [.. Enumerable.Range(0, 400).Select(_ => random.NextDouble())];
        double[] b = [.. Enumerable.Range(0, 400).Select(_ => random.NextDouble())];

        var independent = Compare(a, b).First(r => r.Variant == "variant");
        var opposed = Compare(a, [.. a.Select(x => -x)]).First(r => r.Variant == "variant");

        Assert.That(independent.Correlation, Is.EqualTo(0).Within(0.15));
        Assert.That(independent.PairedToUnpaired, Is.EqualTo(1).Within(0.1));
        Assert.That(opposed.Correlation, Is.EqualTo(-1).Within(1e-12));
        Assert.That(opposed.PairedToUnpaired, Is.EqualTo(Math.Sqrt(2)).Within(0.02));
    }
}
