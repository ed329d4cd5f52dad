using Simulator.Engine;
using Simulator.Network;

namespace Simulator.Tests.Network;

/// <summary>A flow client that writes down which flow completed when, and can act on each completion.</summary>
internal sealed class FlowRecorder(Simulation sim) : IFlowClient
{
    /// <summary>Tokens in the order their flows completed, with the completion tick.</summary>
    public List<(long Token, long Ticks)> Done { get; } = [];

    /// <summary>Called after each completion is written down.</summary>
    public Action<long>? Then { get; set; }

    /// <summary>The tick the flow with <paramref name="token"/> completed at.</summary>
    public long TicksOf(long token) => Done.Single(d => d.Token == token).Ticks;

    public void OnFlowDone(long token)
    {
        Done.Add((token, sim.Now.Ticks));
        Then?.Invoke(token);
    }
}
