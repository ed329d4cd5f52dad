using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Simulator.Scenarios;

/// <summary>
/// The resolved scenario: the document a run binds — the file merged with its <c>extends</c> chain, its own <c>set:</c>
/// and the <c>--set</c> overrides applied, and the seed the run used — written back as YAML, keys in the merged file's
/// order, each scalar as it was written (quoted ones quoted), comments left out. Loaded again with no overrides and the
/// same seed, it is the same scenario: a results folder keeps it (<c>scenario.yaml</c>) so that the folder alone
/// repeats its run. Its SHA-256 is the manifest's <c>scenario_sha256</c>.
/// </summary>
public static class ResolvedScenario
{
    /// <summary>The top-level key of the seed, which the resolved document sets to the seed the run used.</summary>
    public const string SeedKey = "seed";

    /// <summary>The resolved text (UTF-8, LF line ends) of <paramref name="path"/> with <paramref name="overrides"/>.</summary>
    /// <param name="path">The scenario file.</param>
    /// <param name="overrides"><c>--set path=value</c> texts, applied in order after the file's <c>set:</c>.</param>
    /// <param name="seed">The seed the run uses (from <c>--seed</c> or the file); null leaves the file's.</param>
    /// <exception cref="ScenarioException">when a file cannot be read or an override is malformed.</exception>
    public static string Text(string path, IReadOnlyList<string>? overrides, ulong? seed)
    {
        var errors = new List<ScenarioError>();
        var root = ScenarioSources.Load(path, errors) ?? throw new ScenarioException(errors);
        if (root.Remove(ScenarioFile.SetKey) is { } set) ScenarioOverrides.ApplyMapping(root, set.Value, shape: null, errors);
        ScenarioOverrides.Apply(root, overrides ?? [], shape: null, errors);
        if (errors.Count > 0) throw new ScenarioException(errors);
        if (seed is { } s)
        {
            var value = SourceNode.Scalar(root.File, 0, 0, s.ToString(CultureInfo.InvariantCulture), isPlain: true);
            if (root.Find(SeedKey) is { } entry) entry.Value = value;
            else root.Entries.Insert(0, new SourceEntry(SeedKey, value, value));
        }
        var stream = new YamlStream(new YamlDocument(ToYaml(root)));
        var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        stream.Save(text, assignAnchors: false);
        string yaml = text.ToString().Replace("\r\n", "\n", StringComparison.Ordinal);
        // YamlDotNet ends a document with "...": a lone document needs no end marker.
        if (yaml.EndsWith("...\n", StringComparison.Ordinal)) yaml = yaml[..^4];
        return yaml;
    }

    /// <summary>Lower-case hex SHA-256 of the UTF-8 bytes of a resolved text: what <c>sha256sum scenario.yaml</c> prints.</summary>
    public static string Sha256(string resolvedText) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(resolvedText)));

    private static YamlNode ToYaml(SourceNode node)
    {
        switch (node.Kind)
        {
            case SourceNodeKind.Mapping:
                var mapping = new YamlMappingNode();
                foreach (var entry in node.Entries) mapping.Add(new YamlScalarNode(entry.Key), ToYaml(entry.Value));
                if (node.Entries.Count == 0) mapping.Style = YamlDotNet.Core.Events.MappingStyle.Flow;
                return mapping;
            case SourceNodeKind.Sequence:
                var sequence = new YamlSequenceNode();
                foreach (var item in node.Items) sequence.Add(ToYaml(item));
                if (node.Items.Count == 0) sequence.Style = YamlDotNet.Core.Events.SequenceStyle.Flow;
                return sequence;
            default:
                // Plain stays plain (its type resolved on reading as before); anything quoted is written quoted.
                return node.IsNull ? new YamlScalarNode("null") { Style = ScalarStyle.Plain }
                    : new YamlScalarNode(node.Text) { Style = node.IsPlain ? ScalarStyle.Plain : ScalarStyle.DoubleQuoted };
        }
    }
}
