using System.Text.RegularExpressions;

namespace Simulator.Scenarios;

/// <summary>
/// Short excerpts of input for error messages: a scenario may hold anything (a key, a value, a file it extends), and
/// an error must not copy a long stretch of it into a console or a public log.
/// </summary>
public static partial class Excerpt
{
    /// <summary>Most characters of input an error quotes at once.</summary>
    public const int MaxQuoted = 60;

    /// <summary><paramref name="text"/> cut to <paramref name="max"/> characters, "…" marking the cut.</summary>
    public static string Of(string text, int max = MaxQuoted) => text.Length <= max ? text : text[..Math.Max(1, max - 1)] + "…";

    /// <summary>Every "quoted" stretch of <paramref name="message"/> cut to <see cref="MaxQuoted"/> characters, and the whole to <paramref name="max"/>.</summary>
    public static string Clamp(string message, int max = 400)
    {
        string clamped = Quoted().Replace(message, m => m.Groups[1].Length <= MaxQuoted ? m.Value : $"\"{Of(m.Groups[1].Value)}\"");
        return Of(clamped, max);
    }

    [GeneratedRegex("\"((?:[^\"\\\\]|\\\\.)*)\"")]
    private static partial Regex Quoted();
}
