using System.Runtime.CompilerServices;

namespace Simulator.Network;

/// <summary>The links a flow crosses (or its positions in their flow lists), stored inline in the flow.</summary>
[InlineArray(FlowNetwork.MaxLinksPerFlow)]
internal struct LinkSet
{
    private int _element0;
}
