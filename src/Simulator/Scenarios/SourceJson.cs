using System.Text.Json;

namespace Simulator.Scenarios;

/// <summary>
/// The canonical text of an effective scenario, which <see cref="ScenarioFile.Sha256"/> hashes: compact JSON
/// (UTF-8, no whitespace) of the merged document after overrides, mapping keys sorted by ordinal order,
/// every scalar as a JSON string of its YAML text exactly as written (so "13%" and "0.13" differ) except plain
/// nulls, which are JSON null. Comments, formatting, quoting style, anchors, <c>extends</c> and
/// <c>$schema</c> are not part of it.
/// </summary>
internal static class SourceJson
{
    public static byte[] Write(SourceNode root)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false }))
            Write(writer, root);
        return stream.ToArray();
    }

    private static void Write(Utf8JsonWriter writer, SourceNode node)
    {
        switch (node.Kind)
        {
            case SourceNodeKind.Mapping:
                writer.WriteStartObject();
                foreach (var entry in node.Entries.OrderBy(e => e.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(entry.Key);
                    Write(writer, entry.Value);
                }
                writer.WriteEndObject();
                break;
            case SourceNodeKind.Sequence:
                writer.WriteStartArray();
                foreach (var item in node.Items) Write(writer, item);
                writer.WriteEndArray();
                break;
            default:
                if (node.IsNull) writer.WriteNullValue();
                else writer.WriteStringValue(node.Text);
                break;
        }
    }
}
