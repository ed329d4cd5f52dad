namespace Simulator.Scenarios.Model;

/// <summary>Which zones a control-plane worker pool serves.</summary>
public enum ControlPlaneScope
{
    /// <summary>One pool per region, serving every zone of that region.</summary>
    Regional,
    /// <summary>One pool per zone (a cell).</summary>
    PerZone,
}
