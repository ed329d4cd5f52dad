namespace Simulator.Scenarios;

/// <summary>The bounds of reading a scenario's YAML (a scenario is a few hundred values in a few kilobytes).</summary>
public static class YamlLimits
{
    /// <summary>Deepest nesting of lists and mappings.</summary>
    public const int MaxDepth = 64;
    /// <summary>Most values in a document, every alias counted as the values it stands for.</summary>
    public const int MaxValues = 200_000;
    /// <summary>Most items in one list.</summary>
    public const int MaxListItems = 20_000;
    /// <summary>Longest value, in characters.</summary>
    public const int MaxScalarLength = 65_536;
}
