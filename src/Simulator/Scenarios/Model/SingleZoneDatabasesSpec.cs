using Simulator.Scenarios;
using System.ComponentModel;

namespace Simulator.Scenarios.Model;

/// <summary>Databases striped over several volumes of one zone: impacted when any of them is stuck.</summary>
public sealed record SingleZoneDatabasesSpec
{
    [Description("Databases (multiplied by --scale).")]
    [NonNegative]
    [Scaled]
    public required int Count { get; init; }
    [Description("Volumes each database is striped over.")]
    [Positive]
    [Unscaled("per database")]
    public required int StripeVolumes { get; init; }
}
