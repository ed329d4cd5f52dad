using System.Collections;
using System.Globalization;
using System.Reflection;
using Simulator.Scenarios;

namespace Simulator.Faults;

/// <summary>A fault's or an operator action's fields as one line of text, in the scenario's own names and units.</summary>
internal static class SpecText
{
    /// <summary>
    /// <c>cluster=ebs-1a rate=850/h</c>: every field but <c>at</c> and <c>label</c> that has a value other than its
    /// default (<c>delay=0s</c> says nothing), in declaration order (the base record's fields first); a nested record as
    /// <c>name=(field=value …)</c>, a list as <c>a,b</c>.
    /// </summary>
    public static string Parameters(object spec) => string.Join(" ", Fields(spec, skipTimeAndLabel: true));

    private static IEnumerable<string> Fields(object record, bool skipTimeAndLabel)
    {
        object? defaults = record.GetType().GetConstructor(Type.EmptyTypes) is null ? null : Activator.CreateInstance(record.GetType());
        foreach (var property in Properties(record.GetType()))
        {
            if (skipTimeAndLabel && property.Name is "At" or "Label") continue;
            if (property.GetValue(record) is not { } value) continue;
            if (defaults is not null && IsDefault(value, property.GetValue(defaults))) continue;
            yield return $"{SnakeCase.From(property.Name)}={Value(value)}";
        }
    }

    private static bool IsDefault(object value, object? initial) =>
        value.Equals(initial) || (value is IEnumerable list and not string && initial is IEnumerable empty and not string
                                  && !list.Cast<object>().Any() && !empty.Cast<object>().Any());

    /// <summary>Public instance properties, the base type's first (as the scenario's schema lists them).</summary>
    private static IEnumerable<PropertyInfo> Properties(Type type)
    {
        var chain = new Stack<Type>();
        for (var t = type; t is not null && t != typeof(object); t = t.BaseType) chain.Push(t);
        foreach (var t in chain)
            foreach (var p in t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
                if (p.GetIndexParameters().Length == 0 && p.GetMethod is { IsPublic: true } && p.Name != "EqualityContract"
                    && p.GetCustomAttribute<System.ComponentModel.DescriptionAttribute>() is not null)
                    yield return p;
    }

    private static string Value(object value) => value switch
    {
        string s => s,
        bool b => b ? "true" : "false",
        Enum e => SnakeCase.From(e.ToString()),
        IFormattable f when value.GetType().IsPrimitive || value is decimal => f.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable list => string.Join(",", list.Cast<object>().Select(Value)),
        _ when IsRecord(value.GetType()) => "(" + string.Join(" ", Fields(value, skipTimeAndLabel: false)) + ")",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>A C# record (it has the compiler's clone method): its fields are written out, not its type name.</summary>
    private static bool IsRecord(Type type) => type.GetMethod("<Clone>$") is not null;
}
