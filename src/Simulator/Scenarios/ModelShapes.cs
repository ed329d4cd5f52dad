using System.Collections.Concurrent;
using System.ComponentModel;
using System.Reflection;
using Simulator.Engine;
using Simulator.Units;

namespace Simulator.Scenarios;

/// <summary>
/// Reads the conventions off model types by reflection: <c>sealed record</c> classes with <c>{ get; init; }</c>
/// properties, <c>required</c> for mandatory fields, snake_case names, leaf types, lists, dictionaries and
/// constraint attributes, unions of records chosen by a key. A model that breaks the conventions is a programming
/// error (<see cref="InvalidOperationException"/>), not a scenario error.
/// </summary>
internal static class ModelShapes
{
    public static ValueShape ForRoot(Type root)
    {
        var shape = new Builder().Build(root, null, [], root.Name);
        if (shape.Kind != ValueKind.Record)
            throw new InvalidOperationException($"a scenario model must be a record class, not {root.Name}");
        return shape;
    }

    private static readonly Dictionary<Type, ValueKind> LeafKinds = new()
    {
        [typeof(string)] = ValueKind.String,
        [typeof(int)] = ValueKind.Int32,
        [typeof(long)] = ValueKind.Int64,
        [typeof(double)] = ValueKind.Double,
        [typeof(bool)] = ValueKind.Boolean,
        [typeof(Duration)] = ValueKind.Duration,
        [typeof(ByteSize)] = ValueKind.ByteSize,
        [typeof(Bandwidth)] = ValueKind.Bandwidth,
        [typeof(Fraction)] = ValueKind.Fraction,
        [typeof(Rate)] = ValueKind.Rate,
        [typeof(DateTimeOffset)] = ValueKind.DateTimeOffset,
    };

    private static readonly Type[] ListInterfaces =
        [typeof(IReadOnlyList<>), typeof(IReadOnlyCollection<>), typeof(IEnumerable<>), typeof(IList<>), typeof(ICollection<>)];

    private static readonly Type[] DictionaryInterfaces = [typeof(IReadOnlyDictionary<,>), typeof(IDictionary<,>)];

    private static readonly ConcurrentDictionary<Type, IReadOnlyList<(string Name, Type Type)>> UnionKinds = new();

    /// <summary>
    /// The kinds of a union: the non-abstract classes deriving from <paramref name="union"/> in its assembly that
    /// carry <see cref="ScenarioKindAttribute"/>, by kind name in ordinal order. Found once per union type.
    /// </summary>
    public static IReadOnlyList<(string Name, Type Type)> KindsOf(Type union) => UnionKinds.GetOrAdd(union, static u =>
        u.Assembly.GetTypes()
            .Where(t => t.IsClass && !t.IsAbstract && t.IsSubclassOf(u))
            .Select(t => (Name: t.GetCustomAttribute<ScenarioKindAttribute>(inherit: false)?.Name, Type: t))
            .Where(k => k.Name is not null)
            .Select(k => (k.Name!, k.Type))
            .OrderBy(k => k.Item1, StringComparer.Ordinal)
            .ToList());

    private sealed class Builder
    {
        private readonly Dictionary<Type, RecordShape> records = [];
        private readonly Dictionary<Type, UnionShape> unions = [];
        private readonly NullabilityInfoContext nullability = new();

        public ValueShape Build(Type type, NullabilityInfo? info, List<ScenarioConstraintAttribute> constraints, string where)
        {
            var underlying = Nullable.GetUnderlyingType(type);
            bool isNullable = underlying is not null || (!type.IsValueType && info?.ReadState == NullabilityState.Nullable);
            var t = underlying ?? type;

            ValueShape? element = null;
            RecordShape? record = null;
            UnionShape? union = null;
            IReadOnlyList<(string, object)> members = [];
            ValueKind kind;
            (Type Type, NullabilityInfo? Info)? elementType = null;
            if (LeafKinds.TryGetValue(t, out var leaf))
                kind = leaf;
            else if (t.IsEnum)
            {
                kind = ValueKind.Enum;
                members = t.GetFields(BindingFlags.Public | BindingFlags.Static)
                    .OrderBy(f => f.MetadataToken)
                    .Select(f => (SnakeCase.From(f.Name), f.GetValue(null)!))
                    .ToList();
            }
            else if (t.IsArray && t.GetArrayRank() == 1)
            {
                kind = ValueKind.List;
                elementType = (t.GetElementType()!, info?.ElementType);
            }
            else if (t.IsInterface && t.IsGenericType && ListInterfaces.Contains(t.GetGenericTypeDefinition()))
            {
                kind = ValueKind.List;
                elementType = (t.GenericTypeArguments[0], info?.GenericTypeArguments.ElementAtOrDefault(0));
            }
            else if (t.IsInterface && t.IsGenericType && DictionaryInterfaces.Contains(t.GetGenericTypeDefinition())
                     && t.GenericTypeArguments[0] == typeof(string))
            {
                kind = ValueKind.Dictionary;
                elementType = (t.GenericTypeArguments[1], info?.GenericTypeArguments.ElementAtOrDefault(1));
            }
            else if (t.IsClass && t.GetCustomAttribute<ScenarioUnionAttribute>(inherit: false) is { } unionAttribute)
            {
                kind = ValueKind.Union;
                union = Union(t, unionAttribute.Key, where);
            }
            else if (t.IsClass && !t.IsAbstract && !typeof(System.Collections.IEnumerable).IsAssignableFrom(t))
            {
                kind = ValueKind.Record;
                record = Record(t);
            }
            else
                throw new InvalidOperationException($"{where}: type {t.Name} is not supported in scenario models " +
                    "(use string, int, long, double, bool, an enum, Duration, ByteSize, Bandwidth, Fraction, Rate, DateTimeOffset, " +
                    "IReadOnlyList<T>, IReadOnlyDictionary<string, T>, a record or an abstract record with [ScenarioUnion])");

            var here = constraints.Where(c => c.AppliesTo(kind)).ToList();
            var below = constraints.Except(here).ToList();
            if (elementType is { } e)
                element = Build(e.Type, e.Info, below, $"{where}[]");
            else if (below.Count > 0)
                throw new InvalidOperationException($"{where}: [{below[0].Name}] does not apply to {t.Name}");

            var shape = new ValueShape
            {
                Kind = kind, ClrType = type, Type = t, IsNullable = isNullable, Element = element, Record = record, Union = union,
                EnumMembers = members, Constraints = here,
            };
            foreach (var c in here) c.CheckModel(shape, where);
            return shape;
        }

        private UnionShape Union(Type type, string key, string where)
        {
            if (unions.TryGetValue(type, out var known)) return known;
            if (!type.IsAbstract)
                throw new InvalidOperationException($"{where}: [ScenarioUnion] {type.Name} must be abstract (its kinds are the records deriving from it)");
            if (string.IsNullOrWhiteSpace(key))
                throw new InvalidOperationException($"{where}: [ScenarioUnion] on {type.Name} needs the name of the key that chooses the kind");
            var kinds = KindsOf(type);
            if (kinds.Count == 0)
                throw new InvalidOperationException($"{where}: union {type.Name} has no kinds: mark the records deriving from it [ScenarioKind(\"...\")]");
            if (kinds.GroupBy(k => k.Name).FirstOrDefault(g => g.Count() > 1) is { } twice)
                throw new InvalidOperationException($"{where}: union {type.Name}: {string.Join(" and ", twice.Select(k => k.Type.Name))} are both kind \"{twice.Key}\"");
            var shape = new UnionShape(type, key);
            unions[type] = shape;
            foreach (var (name, kindType) in kinds)
            {
                var record = Record(kindType);
                if (record.Find(key) is not null)
                    throw new InvalidOperationException($"{kindType.Name}: a field named \"{key}\" would clash with the key that chooses the kind of {type.Name}");
                shape.Kinds.Add((name, record));
            }
            return shape;
        }

        private RecordShape Record(Type type)
        {
            if (records.TryGetValue(type, out var known)) return known;
            if (type.GetConstructor(Type.EmptyTypes) is null)
                throw new InvalidOperationException($"scenario model {type.Name} needs a public parameterless constructor " +
                    "(write a record with { get; init; } properties, not a positional record)");
            var shape = new RecordShape(type);
            records[type] = shape;
            var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.GetIndexParameters().Length == 0 && p.SetMethod is { IsPublic: true })
                .OrderBy(p => Depth(p.DeclaringType!))
                .ThenBy(p => p.MetadataToken);
            foreach (var p in properties)
            {
                string name = SnakeCase.From(p.Name);
                string where = $"{type.Name}.{p.Name}";
                if (name is ScenarioSources.ExtendsKey or ScenarioSources.SchemaKey)
                    throw new InvalidOperationException($"{where}: \"{name}\" is reserved in scenario files");
                if (shape.Find(name) is not null)
                    throw new InvalidOperationException($"{where}: two properties of {type.Name} have the YAML name \"{name}\"");
                shape.Properties.Add(new PropertyShape
                {
                    Property = p,
                    Name = name,
                    IsRequired = IsRequired(p),
                    Description = p.GetCustomAttribute<DescriptionAttribute>()?.Description,
                    Shape = Build(p.PropertyType, nullability.Create(p), p.GetCustomAttributes<ScenarioConstraintAttribute>(inherit: true).ToList(), where),
                });
            }
            return shape;
        }

        /// <summary>C# <c>required</c> compiles to RequiredMemberAttribute (matched by name: ScottPlot ships a polyfill of it).</summary>
        private static bool IsRequired(PropertyInfo p) =>
            p.CustomAttributes.Any(a => a.AttributeType.FullName == "System.Runtime.CompilerServices.RequiredMemberAttribute");

        private static int Depth(Type t)
        {
            int depth = 0;
            for (var b = t.BaseType; b is not null; b = b.BaseType) depth++;
            return depth;
        }
    }
}
