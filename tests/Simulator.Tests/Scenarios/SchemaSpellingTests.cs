using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using NUnit.Framework;
using Simulator.Scenarios;
using Simulator.Scenarios.Model;

namespace Simulator.Tests.Scenarios;

/// <summary>
/// The schema says what the loader says, for every spelling of a bounded value: each unit-typed field of the scenario
/// model that carries a constraint ([Positive], [Range], a fraction's 100 %), written plain and in quotes in many
/// spellings around its bounds, is accepted by its fragment of the generated schema (evaluated by JsonSchema.Net) exactly
/// when the loader reads it and its constraints hold.
/// </summary>
[TestFixture]
public sealed class SchemaSpellingTests
{
    private static readonly string[] Amounts =
    [
        "0", "00", "0.0", ".0", "0.", "-0", "-1", "+1", ".5", "5.", "1", "01", "1.0", "1.0001", "0.9", "0.90", "0.8999", "0.9000001",
        "0.91", "0.01", "0.010", "0.0099", "0.00999", "0.011", "9", "10", "89", "89.999", "90", "090", "90.0", "90.00001", "90.1",
        "99.99", "100", "100.0", "0100.000", "100.01", "101", "150", "1000", "1e-2", "5e-1", "1e2", "0e1", "2.5", "0.05",
    ];

    private static readonly Dictionary<ValueKind, string[]> Units = new()
    {
        [ValueKind.Fraction] = ["", "%", " %"],
        [ValueKind.Duration] = ["s", "ms", " h", "sec", "years"],
        [ValueKind.ByteSize] = ["GiB", "B"],
        [ValueKind.Bandwidth] = ["Gbps", "MB/s"],
        [ValueKind.Rate] = ["/s", "/sec", " / h"],
    };

    private static IEnumerable<(string Where, ValueShape Shape, JsonObject Fragment)> ConstrainedUnitFields(Type root)
    {
        var schema = JsonNode.Parse(ScenarioSchema.Generate(root))!["$defs"]!.AsObject();
        var seen = new HashSet<Type>();
        var records = new Stack<RecordShape>([ModelShapes.ForRoot(root).Record!]);
        while (records.TryPop(out var record))
        {
            if (!seen.Add(record.Type)) continue;
            foreach (var property in record.Properties)
            {
                for (var shape = property.Shape; shape is not null; shape = shape.Element)
                {
                    if (shape.Record is { } inner) records.Push(inner);
                    foreach (var (_, kind) in shape.Union?.Kinds ?? []) records.Push(kind);
                }
                var leaf = property.Shape;
                if (!Units.ContainsKey(leaf.Kind)) continue;
                if (leaf.Kind != ValueKind.Fraction && leaf.Constraints.Count == 0) continue;
                var definition = schema[record.Type.Name] ?? schema[(record.Type.FullName ?? "").Replace('+', '.')];
                Assert.That(definition, Is.Not.Null, record.Type.Name);
                yield return ($"{record.Type.Name}.{property.Name}", leaf, definition!["properties"]![property.Name]!.AsObject());
            }
        }
    }

    [TestCase(typeof(Scenario), 20)]
    [TestCase(typeof(Simulator.Durability.DurabilityScenario), 1)]
    public void EveryBoundedUnitFieldsSchemaAcceptsExactlyWhatTheLoaderAccepts(Type root, int atLeast)
    {
        var random = new Random(20110421);
        var randomAmounts = Enumerable.Range(0, 60).Select(_ => Math.Round(random.NextDouble() * Math.Pow(10, random.Next(-2, 4)), random.Next(0, 5))
            .ToString("0.#####", CultureInfo.InvariantCulture)).ToArray();
        var mismatches = new List<string>();
        int fields = 0, checkedValues = 0;
        foreach (var (where, shape, fragment) in ConstrainedUnitFields(root))
        {
            fields++;
            var json = JsonSchema.FromText(fragment.ToJsonString());
            foreach (string unit in Units[shape.Kind])
                foreach (string amount in Amounts.Concat(randomAmounts))
                    foreach (bool plain in new[] { true, false })
                    {
                        string text = amount + unit;
                        var node = SourceNode.Scalar("x.yaml", 1, 1, text, isPlain: plain);
                        bool loads = LeafValues.TryRead(node, shape, out object? value, out _)
                            && shape.Constraints.All(c => c.IsSatisfied(value!, shape));
                        JsonNode? instance = LeafValues.PlainType(node) == "number"
                            ? JsonValue.Create(double.Parse(text, CultureInfo.InvariantCulture)) : JsonValue.Create(text);
                        using var document = JsonDocument.Parse(instance!.ToJsonString());
                        bool valid = json.Evaluate(document.RootElement).IsValid;
                        checkedValues++;
                        if (valid != loads)
                            mismatches.Add($"{where}: {(plain ? text : $"\"{text}\"")}: loader {(loads ? "accepts" : "refuses")}, schema {(valid ? "accepts" : "refuses")}");
                    }
        }
        Assert.That(fields, Is.GreaterThanOrEqualTo(atLeast), "the model's bounded unit fields");
        Assert.That(mismatches, Is.Empty, $"{mismatches.Count} of {checkedValues}:\n" + string.Join("\n", mismatches.Take(30)));
    }

    [TestCase("95%", false)]
    [TestCase("90%", true)]
    [TestCase("90.0001%", false)]
    [TestCase("0.9", true)]
    [TestCase("0.95", false)]
    public void FreeCapacityIsBoundedInEverySpelling(string text, bool accepted)
    {
        var free = ConstrainedUnitFields(typeof(Scenario)).Single(f => f.Where == "ClusterSpec.free_capacity");
        var pattern = new System.Text.RegularExpressions.Regex(free.Fragment["pattern"]!.GetValue<string>());

        Assert.That(pattern.IsMatch(text), Is.EqualTo(accepted));
    }
}
