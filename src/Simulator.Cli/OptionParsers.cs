using System.CommandLine.Parsing;
using System.Globalization;
using Simulator.Experiments;

namespace Simulator.Cli;

/// <summary>Parsers of the option values several commands share; each adds a located error and returns a placeholder.</summary>
internal static class OptionParsers
{
    /// <summary>A whole number of at least 1 (<c>--replications</c>, <c>--threads</c>, <c>--runs</c>).</summary>
    public static int Positive(ArgumentResult result, string name)
    {
        string text = Text(result);
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n >= 1) return n;
        result.AddError($"{name} expects a whole number of at least 1, found \"{text}\"");
        return 1;
    }

    /// <summary>A non-negative integer seed; null after an error.</summary>
    public static ulong? Seed(ArgumentResult result)
    {
        string text = Text(result);
        if (ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out ulong seed)) return seed;
        result.AddError($"--seed expects a non-negative integer, found \"{text}\"");
        return null;
    }

    /// <summary><c>i/n</c>.</summary>
    public static Shard Shard(ArgumentResult result)
    {
        if (Experiments.Shard.TryParse(Text(result), out var shard, out string error)) return shard;
        result.AddError($"--shard {error}");
        return Experiments.Shard.All;
    }

    private static string Text(ArgumentResult result) => result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
}
