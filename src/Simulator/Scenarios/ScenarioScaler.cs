using System.Collections;
using System.Collections.ObjectModel;
using System.Reflection;
using Simulator.Units;

namespace Simulator.Scenarios;

/// <summary>
/// <c>--scale F</c> in one step: a scenario in, the scaled scenario out. Every field marked
/// <see cref="ScaledAttribute"/> anywhere in the model (records, lists of records, kinds) is multiplied by F; nothing
/// else changes. The model is immutable, so records on the way to a scaled field are copied; the rest is shared.
/// </summary>
public static class ScenarioScaler
{
    /// <summary>The scenario with every scaled field multiplied by <paramref name="factor"/> (the same object for 1).</summary>
    public static T Scale<T>(T scenario, double factor) where T : class
    {
        if (!(factor > 0) || double.IsInfinity(factor)) throw new ArgumentOutOfRangeException(nameof(factor), factor, "a scale must be positive and finite");
        if (factor == 1) return scenario;
        return (T)ScaleRecord(scenario, factor);
    }

    /// <summary>The model paths of the scaled fields (<c>topology.regions[].zones[].clusters[].nodes</c>), for documentation and tests.</summary>
    public static IReadOnlyList<(string Path, ScaledAttribute Scaled)> ScaledFields(Type root)
    {
        var found = new List<(string Path, ScaledAttribute Scaled)>();
        Walk(root, "", found, []);
        return found.DistinctBy(f => f.Path).ToList();
    }

    private static void Walk(Type type, string path, List<(string Path, ScaledAttribute Scaled)> found, HashSet<Type> seen)
    {
        if (!seen.Add(type)) return;
        foreach (var concrete in ConcreteTypes(type))
            foreach (var p in Settable(concrete))
            {
                if (p.DeclaringType != concrete) continue; // each field once, at the record that declares it
                string here = (path.Length == 0 ? "" : path + ".") + SnakeCase.From(p.Name);
                if (p.GetCustomAttribute<ScaledAttribute>() is { } scaled) { found.Add((here, scaled)); continue; }
                var (inner, isList) = RecordTypeOf(p.PropertyType);
                if (inner is not null) Walk(inner, isList ? here + "[]" : here, found, seen);
            }
        seen.Remove(type);
    }

    /// <summary>Every record type a scenario of <paramref name="root"/> can hold: the fields' records, and every kind of a union.</summary>
    public static IReadOnlyList<Type> ModelTypes(Type root)
    {
        var found = new List<Type>();
        var pending = new Stack<Type>([root]);
        while (pending.Count > 0)
        {
            var type = pending.Pop();
            if (found.Contains(type)) continue;
            found.Add(type);
            foreach (var concrete in ConcreteTypes(type))
            {
                if (concrete != type) pending.Push(concrete);
                foreach (var p in Settable(concrete))
                    if (RecordTypeOf(p.PropertyType).Record is { } inner) pending.Push(inner);
            }
        }
        return found;
    }

    /// <summary>The type, and for an abstract one every record deriving from it (a union's kinds and the records between).</summary>
    private static IEnumerable<Type> ConcreteTypes(Type type) =>
        type.IsAbstract ? [type, .. type.Assembly.GetTypes().Where(t => t.IsSubclassOf(type)).OrderBy(t => t.Name, StringComparer.Ordinal)] : [type];

    private static object ScaleRecord(object record, double factor)
    {
        object? copy = null;
        foreach (var p in Settable(record.GetType()))
        {
            var value = p.GetValue(record);
            if (value is null) continue;
            object? scaled = p.GetCustomAttribute<ScaledAttribute>() is { } attribute
                ? ScaleLeaf(value, factor, attribute, p)
                : ScaleInner(value, p.PropertyType, factor);
            if (ReferenceEquals(scaled, value) || scaled is null) continue;
            copy ??= Clone(record);
            p.SetValue(copy, scaled);
        }
        return copy ?? record;
    }

    private static object? ScaleInner(object value, Type declared, double factor)
    {
        var (inner, isList) = RecordTypeOf(declared);
        if (inner is null) return null;
        if (!isList) return ScaleRecord(value, factor);
        var items = ((IEnumerable)value).Cast<object>().ToList();
        var scaled = items.Select(i => ScaleRecord(i, factor)).ToList();
        if (scaled.SequenceEqual(items, ReferenceEqualityComparer.Instance)) return value;
        var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(inner))!;
        foreach (var item in scaled) list.Add(item);
        return declared.IsArray
            ? ToArray(list, inner)
            : Activator.CreateInstance(typeof(ReadOnlyCollection<>).MakeGenericType(inner), list);
    }

    private static Array ToArray(IList list, Type element)
    {
        var array = Array.CreateInstance(element, list.Count);
        list.CopyTo(array, 0);
        return array;
    }

    private static object ScaleLeaf(object value, double factor, ScaledAttribute attribute, PropertyInfo p) => value switch
    {
        // Saturating: a count scaled past what its type holds stays at the type's largest, for the limits to refuse.
        int count => Math.Max(attribute.Minimum, (int)Math.Min(Math.Round(count * factor), int.MaxValue)),
        long count => Math.Max(attribute.Minimum, (long)Math.Min(Math.Round(count * factor), long.MaxValue)),
        Rate rate => Rate.FromPerSecond(rate.PerSecond * factor),
        Bandwidth bandwidth => new Bandwidth(bandwidth.BitsPerSecond * factor),
        _ => throw new InvalidOperationException($"{p.DeclaringType!.Name}.{p.Name}: [Scaled] applies to counts, rates and bandwidths, not {value.GetType().Name}"),
    };

    /// <summary>The record type of a property (itself, or the element of a list), or null for leaves.</summary>
    internal static (Type? Record, bool IsList) RecordTypeOf(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t.IsArray) return IsRecord(t.GetElementType()!) ? (t.GetElementType(), true) : (null, false);
        if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
            return IsRecord(t.GenericTypeArguments[0]) ? (t.GenericTypeArguments[0], true) : (null, false);
        return IsRecord(t) ? (t, false) : (null, false);
    }

    private static bool IsRecord(Type t) => t.IsClass && t != typeof(string) && !typeof(IEnumerable).IsAssignableFrom(t)
        && t.Namespace is { } ns && ns.StartsWith("Simulator", StringComparison.Ordinal);

    private static IEnumerable<PropertyInfo> Settable(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0 && p.SetMethod is { IsPublic: true });

    private static object Clone(object record) =>
        record.GetType().GetMethod("<Clone>$")?.Invoke(record, null)
        ?? throw new InvalidOperationException($"{record.GetType().Name} is not a record");
}
