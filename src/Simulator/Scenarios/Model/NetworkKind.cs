namespace Simulator.Scenarios.Model;

/// <summary>The two networks of a storage cluster.</summary>
public enum NetworkKind
{
    Primary,
    Secondary,
}
