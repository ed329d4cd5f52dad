namespace Simulator.Scenarios;

/// <summary>One key of a YAML mapping with its value; the key node keeps where the key was written.</summary>
internal sealed class SourceEntry(string key, SourceNode keyNode, SourceNode value)
{
    public string Key { get; } = key;
    public SourceNode KeyNode { get; } = keyNode;
    public SourceNode Value { get; set; } = value;
}
