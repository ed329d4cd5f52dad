using System.ComponentModel;
using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Simulator.Scenarios;

/// <summary>
/// Writes the JSON Schema (draft 2020-12) of scenario files for a model type, with the conventions
/// <see cref="ScenarioFile.Load{T}"/> reads by: snake_case keys, <c>required</c> fields, no unknown fields
/// (<c>additionalProperties: false</c>), enum names in snake_case, unit types as strings with the pattern their
/// parser accepts, constraint attributes as keywords where JSON Schema can say them, <c>[Description]</c> texts, and
/// unions (<see cref="ScenarioUnionAttribute"/>) as <c>oneOf</c> their kinds, each with its key as a <c>const</c>.
/// <para>
/// A file with a top-level <c>extends</c> may leave fields to its base, and its mappings merge with the base's; so
/// the schema checks such a file against "partial" definitions with no required fields (except inside lists, which
/// replace the base's whole). The output is deterministic: definitions sorted by name, properties in declaration
/// order, two-space indentation, LF newlines.
/// </para>
/// </summary>
public static class ScenarioSchema
{
    private const string PartialSuffix = ".partial";

    /// <summary>The schema text for scenario files bound to <paramref name="root"/>.</summary>
    /// <exception cref="InvalidOperationException">when <paramref name="root"/> does not follow the model conventions.</exception>
    public static string Generate(Type root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var shape = ModelShapes.ForRoot(root);
        var writer = new Writer(shape.Record!);
        string full = writer.Reference(shape.Record!, partial: false);
        string partial = writer.Reference(shape.Record!, partial: true);

        var schema = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["title"] = root.Name,
            ["description"] = root.GetCustomAttribute<DescriptionAttribute>()?.Description
                ?? $"A replsim scenario file ({root.Name}). Generated from the C# model; do not edit.",
            ["if"] = new JsonObject { ["required"] = new JsonArray(ScenarioSources.ExtendsKey) },
            ["then"] = new JsonObject { ["$ref"] = partial },
            ["else"] = new JsonObject { ["$ref"] = full },
            ["$defs"] = writer.Definitions(),
        };
        var options = new JsonSerializerOptions
        {
            WriteIndented = true,
            IndentSize = 2,
            NewLine = "\n",
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        return schema.ToJsonString(options) + "\n";
    }

    private sealed class Writer(RecordShape root)
    {
        private readonly SortedDictionary<string, JsonObject> definitions = new(StringComparer.Ordinal);
        private readonly Dictionary<Type, string> names = [];

        public JsonObject Definitions()
        {
            var result = new JsonObject();
            foreach (var (name, definition) in definitions) result[name] = definition;
            return result;
        }

        /// <param name="record">The record.</param>
        /// <param name="partial">Whether the definition is the one for files that extend another (no required fields).</param>
        /// <param name="kind">When the record is a kind of a union: the union's key and the kind's name.</param>
        public string Reference(RecordShape record, bool partial, (string Key, string Name)? kind = null)
        {
            string name = Name(record.Type) + (partial ? PartialSuffix : "");
            if (!definitions.ContainsKey(name))
            {
                var definition = new JsonObject();
                definitions[name] = definition; // before the properties, so that recursive types end
                Fill(definition, record, partial, kind);
            }
            return "#/$defs/" + name;
        }

        /// <summary>
        /// A union: <c>oneOf</c> its kinds, each a closed object whose key is a <c>const</c> (so exactly one matches). A
        /// partial union is <c>anyOf</c> partial kinds, whose key may be left to the base file.
        /// </summary>
        private string Reference(UnionShape union, bool partial)
        {
            string name = Name(union.Type) + (partial ? PartialSuffix : "");
            if (!definitions.ContainsKey(name))
            {
                var definition = new JsonObject();
                definitions[name] = definition;
                if (union.Type.GetCustomAttribute<DescriptionAttribute>()?.Description is { } description)
                    definition["description"] = description;
                var kinds = union.Kinds.Select(k => (JsonNode)new JsonObject { ["$ref"] = Reference(k.Record, partial, (union.Key, k.Name)) });
                definition[partial ? "anyOf" : "oneOf"] = new JsonArray(kinds.ToArray());
            }
            return "#/$defs/" + name;
        }

        private string Name(Type type)
        {
            if (names.TryGetValue(type, out string? known)) return known;
            string name = names.ContainsValue(type.Name) ? (type.FullName ?? type.Name).Replace('+', '.') : type.Name;
            names[type] = name;
            return name;
        }

        private void Fill(JsonObject definition, RecordShape record, bool partial, (string Key, string Name)? kind)
        {
            definition["type"] = "object";
            if (record.Type.GetCustomAttribute<DescriptionAttribute>()?.Description is { } description)
                definition["description"] = description;
            var properties = new JsonObject();
            if (record == root)
            {
                properties[ScenarioSources.SchemaKey] = new JsonObject
                {
                    ["type"] = "string",
                    ["description"] = "The JSON Schema of this file, for editors; ignored by replsim.",
                };
                properties[ScenarioSources.ExtendsKey] = new JsonObject
                {
                    ["type"] = "string",
                    ["minLength"] = 1,
                    ["description"] = "Path of a base scenario file, relative to this file. Mappings merge key by key; values and lists here replace the base's.",
                };
                properties[ScenarioFile.SetKey] = new JsonObject
                {
                    ["type"] = "object",
                    ["description"] = "Overrides applied after extends, each a field path and its value: {topology.regions[0].zones[0].clusters[0].free_capacity: 25%}.",
                };
            }
            if (kind is { } chosen)
                properties[chosen.Key] = new JsonObject { ["type"] = "string", ["const"] = chosen.Name };
            var defaults = Activator.CreateInstance(record.Type);
            foreach (var property in record.Properties)
            {
                var schema = Value(property.Shape, partial);
                if (property.Description is { } text) schema["description"] = text;
                if (!property.IsRequired && Default(property.Property.GetValue(defaults), property.Shape) is { } value)
                    schema["default"] = value;
                properties[property.Name] = schema;
            }
            definition["properties"] = properties;
            var required = (kind is { } k ? [k.Key] : Array.Empty<string>())
                .Concat(record.Properties.Where(p => p.IsRequired).Select(p => p.Name))
                .Select(n => (JsonNode)n).ToArray();
            if (!partial && required.Length > 0) definition["required"] = new JsonArray(required);
            definition["additionalProperties"] = false;
        }

        /// <summary>The schema of one value. In a partial document mappings may be partial; list items never are.</summary>
        private JsonObject Value(ValueShape shape, bool partial)
        {
            JsonObject schema = shape.Kind switch
            {
                ValueKind.String => new JsonObject { ["type"] = "string" },
                ValueKind.Int32 or ValueKind.Int64 => new JsonObject { ["type"] = "integer" },
                ValueKind.Double => new JsonObject { ["type"] = "number" },
                ValueKind.Boolean => new JsonObject { ["type"] = "boolean" },
                ValueKind.Enum => new JsonObject
                {
                    ["type"] = "string",
                    ["enum"] = new JsonArray(shape.EnumMembers.Select(m => (JsonNode)m.Name).ToArray()),
                },
                ValueKind.List => new JsonObject { ["type"] = "array", ["items"] = Value(shape.Element!, partial: false) },
                ValueKind.Dictionary => new JsonObject { ["type"] = "object", ["additionalProperties"] = Value(shape.Element!, partial) },
                ValueKind.Record => new JsonObject { ["$ref"] = Reference(shape.Record!, partial) },
                ValueKind.Union => new JsonObject { ["$ref"] = Reference(shape.Union!, partial) },
                _ => UnitSchemas.For(shape.Kind),
            };
            foreach (var constraint in shape.Constraints) constraint.AddTo(schema, shape);
            UnitSchemas.Constrain(schema, shape);
            return shape.IsNullable ? Nullable(schema) : schema;
        }

        /// <summary>A leaf's initializer as it would be written in YAML (collections and records have none here).</summary>
        private static JsonNode? Default(object? value, ValueShape shape) => value switch
        {
            null => null,
            string text => JsonValue.Create(text),
            int or long => JsonValue.Create(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)),
            double d => JsonValue.Create(d),
            bool b => JsonValue.Create(b),
            Enum => JsonValue.Create(shape.EnumMembers.FirstOrDefault(m => m.Value.Equals(value)).Name),
            DateTimeOffset moment => JsonValue.Create(moment.ToString("yyyy-MM-dd'T'HH:mm:ssK", System.Globalization.CultureInfo.InvariantCulture)),
            _ when UnitSchemas.Handles(shape.Kind) => JsonValue.Create(value.ToString()),
            _ => null,
        };

        private static JsonObject Nullable(JsonObject schema)
        {
            if (schema["$ref"] is not null)
                return new JsonObject { ["anyOf"] = new JsonArray(schema, new JsonObject { ["type"] = "null" }) };
            var types = schema["type"] switch
            {
                JsonArray array => array.Select(t => t!.GetValue<string>()).ToList(),
                JsonNode node => [node.GetValue<string>()],
                null => [],
            };
            types.Add("null");
            schema["type"] = new JsonArray(types.Select(t => (JsonNode)t).ToArray());
            if (schema["enum"] is JsonArray values) values.Add(null);
            return schema;
        }
    }
}
