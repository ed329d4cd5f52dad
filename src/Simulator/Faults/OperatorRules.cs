using Simulator.Metrics;
using Simulator.Scenarios;

namespace Simulator.Faults;

/// <summary>
/// The rules of the operators' list that its fields' constraints cannot say: each action is taken at a time (at), or in
/// reaction (when, after, or both: the condition watched once the other action is taken); delay goes with when or after; names are unique; after names an action of the list without a cycle; a trigger
/// watches a scope the scenario has.
/// </summary>
public static class OperatorRules
{

    /// <summary>Problems, each at a path relative to the scenario (<c>operators[3].after</c>).</summary>
    public static IEnumerable<(string Path, string Message)> Check(IReadOnlyList<OperatorActionSpec> actions, ValidationContext context,
        ScenarioNames names)
    {
        var named = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < actions.Count; i++)
        {
            if (actions[i] is not { } action) continue;
            string at = $"operators[{i}]";
            if (!context.IsBound($"{at}.at", $"{at}.when", $"{at}.after")) continue;
            var reactions = new[] { "when", "after" }.Where(f => context.IsGiven($"{at}.{f}")).ToList();
            bool clock = context.IsGiven($"{at}.at");
            if (!clock && reactions.Count == 0)
                yield return (at, "expected at (a time), or when (a condition on the model) and/or after (another action's name), found none of them");
            else if (clock && reactions.Count > 0)
                yield return ($"{at}.{reactions[0]}", $"expected either at (a time) or a reaction (when, after), found at and {string.Join(" and ", reactions)}");
            if (action.At is not null && context.IsGiven($"{at}.delay"))
                yield return ($"{at}.delay", "expected no delay with at (the action is taken at that time); delay goes with when or after");
            if (action.Name is { } name && context.IsBound($"{at}.name") && !named.TryAdd(name, i))
                yield return ($"{at}.name", $"action name \"{name}\" is already used by operators[{named[name]}]");
            if (action.When is { } when && context.IsBound($"{at}.when.scope") && UnknownScope(when.Scope, names) is { } problem)
                yield return ($"{at}.when.scope", problem);
        }
        for (int i = 0; i < actions.Count; i++)
        {
            if (actions[i]?.After is not { } leader || !context.IsBound($"operators[{i}].after")) continue;
            if (!named.ContainsKey(leader))
                yield return ($"operators[{i}].after", named.Count == 0
                    ? $"expected the name of another action, found \"{leader}\" (no action has a name)"
                    : ScenarioNames.Message("action", leader, [.. named.Keys]));
            else if (Cycle(actions, named, i) is { } cycle)
                yield return ($"operators[{i}].after", $"actions wait for each other in a cycle: {cycle}");
        }
    }

    /// <summary>The names around the cycle <paramref name="start"/> is on when following after, or null.</summary>
    private static string? Cycle(IReadOnlyList<OperatorActionSpec> actions, Dictionary<string, int> named, int start)
    {
        var path = new List<int> { start };
        int current = start;
        while (actions[current]?.After is { } next && named.TryGetValue(next, out int n))
        {
            if (n == start) return string.Join(" → ", path.Append(start).Select(i => actions[i].Name ?? $"operators[{i}]"));
            if (path.Contains(n)) return null; // a cycle further on, reported at its own members
            path.Add(n);
            current = n;
        }
        return null;
    }

    /// <summary>Why a scope names nothing in the scenario, or null (kinds without a checked list are let through).</summary>
    private static string? UnknownScope(string scope, ScenarioNames names)
    {
        var kind = MetricCatalog.KindOf(scope);
        if (kind is null) return null; // the trigger reports the kind
        string name = scope[kind.Prefix.Length..];
        if (kind == MetricCatalog.Zone) return names.UnknownZone(name);
        if (kind == MetricCatalog.Region) return names.UnknownRegion(name);
        if (kind == MetricCatalog.Cluster) return names.UnknownCluster(name);
        if (kind == MetricCatalog.Network)
        {
            int slash = name.LastIndexOf('/');
            string side = slash < 0 ? "" : name[(slash + 1)..];
            if (side is not ("primary" or "secondary"))
                return $"expected network:<cluster>/primary or network:<cluster>/secondary, found \"{scope}\"";
            return names.UnknownCluster(name[..slash]);
        }
        return null;
    }
}
