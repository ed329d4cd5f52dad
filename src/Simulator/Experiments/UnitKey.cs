namespace Simulator.Experiments;

/// <summary>
/// One unit of work: replication <paramref name="Replication"/> of variant <paramref name="Variant"/> at point
/// <paramref name="Point"/>. <paramref name="Index"/> = ((variant × points) + point) × replications + replication.
/// </summary>
public readonly record struct UnitKey(int Index, int Variant, int Point, int Replication)
{
    /// <summary>"unit 7 (variant 0, point 1, replication 2)".</summary>
    public override string ToString() => $"unit {Index} (variant {Variant}, point {Point}, replication {Replication})";
}
