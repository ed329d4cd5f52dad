using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Simulator.Tests.Scenarios;

/// <summary>
/// Just enough of JSON Schema 2020-12 to check documents against the generated scenario schema: $ref to $defs,
/// if/then/else, anyOf, oneOf, const, type, enum, pattern, minimum/maximum/exclusiveMinimum, minLength/minItems/minProperties,
/// properties, required, additionalProperties and items. Returns where each failure is.
/// </summary>
internal sealed class MiniSchemaValidator(JsonObject root)
{
    public List<string> Validate(JsonNode? instance)
    {
        var failures = new List<string>();
        Check(instance, root, "$", failures);
        return failures;
    }

    private bool Check(JsonNode? instance, JsonObject schema, string at, List<string> failures)
    {
        int before = failures.Count;
        if (schema["$ref"] is JsonValue reference)
        {
            string name = reference.GetValue<string>()["#/$defs/".Length..];
            Check(instance, root["$defs"]![name]!.AsObject(), at, failures);
        }
        if (schema["if"] is JsonObject condition)
        {
            bool holds = Check(instance, condition, at, []);
            if (holds && schema["then"] is JsonObject then) Check(instance, then, at, failures);
            if (!holds && schema["else"] is JsonObject otherwise) Check(instance, otherwise, at, failures);
        }
        if (schema["anyOf"] is JsonArray anyOf && !anyOf.Any(s => Check(instance, s!.AsObject(), at, [])))
            failures.Add($"{at}: matches none of anyOf");
        if (schema["oneOf"] is JsonArray oneOf && oneOf.Count(s => Check(instance, s!.AsObject(), at, [])) is var matches && matches != 1)
            failures.Add($"{at}: matches {matches} of oneOf");
        if (schema["const"] is JsonNode constant && !JsonNode.DeepEquals(constant, instance))
            failures.Add($"{at}: not the const");
        if (schema["type"] is JsonNode type)
        {
            var types = type is JsonArray array ? array.Select(t => t!.GetValue<string>()).ToList() : [type.GetValue<string>()];
            if (!types.Any(t => IsType(instance, t))) failures.Add($"{at}: not {string.Join(" or ", types)}");
        }
        if (schema["enum"] is JsonArray values && !values.Any(v => JsonNode.DeepEquals(v, instance)))
            failures.Add($"{at}: not in enum");
        if (instance is JsonValue value && value.TryGetValue(out string? text))
        {
            if (schema["pattern"] is JsonValue pattern && !Regex.IsMatch(text, pattern.GetValue<string>()))
                failures.Add($"{at}: \"{text}\" does not match the pattern");
            if (schema["minLength"] is JsonValue minLength && text.Length < minLength.GetValue<int>())
                failures.Add($"{at}: too short");
        }
        if (instance is JsonValue number && number.TryGetValue(out double x))
        {
            if (schema["minimum"] is JsonValue min && x < min.GetValue<double>()) failures.Add($"{at}: below minimum");
            if (schema["maximum"] is JsonValue max && x > max.GetValue<double>()) failures.Add($"{at}: above maximum");
            if (schema["exclusiveMinimum"] is JsonValue xmin && x <= xmin.GetValue<double>()) failures.Add($"{at}: not above exclusiveMinimum");
        }
        if (instance is JsonArray items)
        {
            if (schema["minItems"] is JsonValue minItems && items.Count < minItems.GetValue<int>()) failures.Add($"{at}: too few items");
            if (schema["items"] is JsonObject itemSchema)
                for (int i = 0; i < items.Count; i++) Check(items[i], itemSchema, $"{at}[{i}]", failures);
        }
        if (instance is JsonObject obj)
        {
            if (schema["minProperties"] is JsonValue minProperties && obj.Count < minProperties.GetValue<int>()) failures.Add($"{at}: too few properties");
            if (schema["required"] is JsonArray required)
                foreach (var name in required.Select(r => r!.GetValue<string>()))
                    if (!obj.ContainsKey(name)) failures.Add($"{at}: missing {name}");
            var properties = schema["properties"] as JsonObject;
            foreach (var (name, child) in obj)
            {
                if (properties?[name] is JsonObject propertySchema) Check(child, propertySchema, $"{at}.{name}", failures);
                else if (schema["additionalProperties"] is JsonValue allowed && !allowed.GetValue<bool>()) failures.Add($"{at}: unknown {name}");
                else if (schema["additionalProperties"] is JsonObject additional) Check(child, additional, $"{at}.{name}", failures);
            }
        }
        return failures.Count == before;
    }

    private static bool IsType(JsonNode? instance, string type) => type switch
    {
        "null" => instance is null,
        "object" => instance is JsonObject,
        "array" => instance is JsonArray,
        "string" => instance is JsonValue v && v.TryGetValue(out string? _),
        "boolean" => instance is JsonValue v && v.TryGetValue(out bool _),
        "number" => instance is JsonValue v && v.TryGetValue(out double _),
        "integer" => instance is JsonValue v && v.TryGetValue(out double d) && Math.Floor(d) == d,
        _ => false,
    };
}
