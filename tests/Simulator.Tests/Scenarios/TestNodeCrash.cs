using System.ComponentModel;
using Simulator.Engine;
using Simulator.Scenarios;

namespace Simulator.Tests.Scenarios;

[ScenarioKind("node_crash"), Description("Nodes crash and restart.")]
public sealed record TestNodeCrash : TestFault, IValidatable
{
    [Positive]
    public required int Nodes { get; init; }

    [NonNegative]
    public int Restarts { get; init; }

    public Duration? RestartAfter { get; init; }

    public IEnumerable<(string RelativePath, string Message)> Validate(ValidationContext context)
    {
        if (context.IsBound("restarts") && Restarts > 0 && RestartAfter is null)
            yield return ("restart_after", "restarts need restart_after");
    }
}
