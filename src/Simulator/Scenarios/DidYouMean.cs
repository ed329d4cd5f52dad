namespace Simulator.Scenarios;

/// <summary>Suggests the closest known name for a misspelt one, by edit distance, only when it is close.</summary>
internal static class DidYouMean
{
    /// <summary>"; did you mean \"node_capacity\"?" or "" when nothing is close.</summary>
    public static string Hint(string given, IEnumerable<string> candidates)
    {
        string? best = Closest(given, candidates);
        return best is null ? "" : $"; did you mean \"{best}\"?";
    }

    /// <summary>
    /// The candidate with the fewest edits (insert, delete, substitute, swap neighbours), accepted when the edits
    /// are at most a third of the candidate's length (and at least one is allowed); the C# spelling of a name
    /// (<c>NodeCapacity</c>) always finds its snake_case form.
    /// </summary>
    public static string? Closest(string given, IEnumerable<string> candidates)
    {
        string snake = SnakeCase.From(given);
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (string candidate in candidates)
        {
            if (candidate == snake) return candidate;
            int distance = Distance(given.ToLowerInvariant(), candidate);
            int allowed = Math.Max(1, candidate.Length / 3);
            if (distance <= allowed && distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }

    /// <summary>Optimal string alignment distance.</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        return d[a.Length, b.Length];
    }
}
