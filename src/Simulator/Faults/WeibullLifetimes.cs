using MathNet.Numerics;
using MathNet.Numerics.Distributions;
using Simulator.Engine;

namespace Simulator.Faults;

/// <summary>
/// Lifetimes of a failure generator: Weibull with a given shape (1: exponential) and mean. Weibull(k, λ) has mean
/// λ Γ(1 + 1/k), so the scale is the mean over Γ(1 + 1/k).
/// </summary>
internal readonly record struct WeibullLifetimes(double Shape, double ScaleSeconds)
{
    /// <summary>Lifetimes of mean <paramref name="meanSeconds"/> and shape <paramref name="shape"/>.</summary>
    public static WeibullLifetimes WithMean(double meanSeconds, double shape) => new(shape, meanSeconds / SpecialFunctions.Gamma(1 + 1 / shape));

    /// <summary>One lifetime, drawn from <paramref name="stream"/>.</summary>
    public Duration Sample(RandomStream stream) => Duration.FromSeconds(Weibull.Sample(stream, Shape, ScaleSeconds));
}
