namespace Simulator.Scenarios;

/// <summary>
/// The count, rate or bandwidth keeps its value under <c>--scale</c>, for the reason given: it is per item (per
/// node, per volume, per call), not a total. Every such field of the model says <see cref="ScaledAttribute"/> or
/// this, so that a new one cannot be left unscaled by accident.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class UnscaledAttribute(string reason) : Attribute
{
    public string Reason { get; } = reason;
}
