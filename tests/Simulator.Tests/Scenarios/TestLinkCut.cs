using System.ComponentModel;
using Simulator.Engine;
using Simulator.Scenarios;
using Simulator.Units;

namespace Simulator.Tests.Scenarios;

[ScenarioKind("link_cut"), Description("A network link is cut.")]
public sealed record TestLinkCut : TestFault
{
    [NotEmpty]
    public required string Link { get; init; }

    [Range("0%", "100%")]
    public Fraction Loss { get; init; } = Fraction.FromPercent(100);

    public Duration? RepairAfter { get; init; }
}
