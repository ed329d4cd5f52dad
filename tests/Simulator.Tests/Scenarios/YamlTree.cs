using System.Globalization;
using System.Text;

namespace Simulator.Tests.Scenarios;

/// <summary>
/// A YAML document small enough to mutate: mappings (which may hold a key twice, as a hostile file may), lists and
/// scalars, any node with an anchor or standing as an alias. <see cref="Write"/> emits block style, scalars plain when
/// YAML would read them back as written and double-quoted (escaped) otherwise.
/// </summary>
internal sealed class YamlTree
{
    private YamlTree(List<(string Key, YamlTree Value)>? entries, List<YamlTree>? items, string? scalar)
    {
        Entries = entries;
        Items = items;
        Scalar = scalar;
    }

    public List<(string Key, YamlTree Value)>? Entries { get; }
    public List<YamlTree>? Items { get; }
    public string? Scalar { get; private set; }
    public string? Anchor { get; set; }
    /// <summary>Written as <c>*Alias</c> instead of its content.</summary>
    public string? Alias { get; set; }

    public static YamlTree Map(params (string Key, YamlTree Value)[] entries) => new([.. entries], null, null);
    public static YamlTree List(params YamlTree[] items) => new(null, [.. items], null);
    public static YamlTree Text(string value) => new(null, null, value);
    public static YamlTree Number(double value) => Text(value.ToString("R", CultureInfo.InvariantCulture));
    public static implicit operator YamlTree(string value) => Text(value);
    public static implicit operator YamlTree(int value) => Text(value.ToString(CultureInfo.InvariantCulture));

    public YamlTree Clone()
    {
        var copy = new YamlTree(Entries?.Select(e => (e.Key, e.Value.Clone())).ToList(), Items?.Select(i => i.Clone()).ToList(), Scalar)
        {
            Anchor = Anchor,
            Alias = Alias,
        };
        return copy;
    }

    /// <summary>Every node with the path to it, the root first, depth first in document order.</summary>
    public IEnumerable<(string Path, YamlTree Node)> Walk(string path = "")
    {
        yield return (path, this);
        if (Entries is not null)
            foreach (var (key, value) in Entries)
                foreach (var inner in value.Walk(path.Length == 0 ? key : $"{path}.{key}")) yield return inner;
        if (Items is not null)
            for (int i = 0; i < Items.Count; i++)
                foreach (var inner in Items[i].Walk($"{path}[{i}]")) yield return inner;
    }

    public void SetScalar(string value) => Scalar = value;

    public string Write()
    {
        var text = new StringBuilder();
        WriteBlock(text, 0);
        return text.ToString();
    }

    private void WriteBlock(StringBuilder text, int indent)
    {
        string pad = new(' ', indent);
        if (Entries is not null)
            foreach (var (key, value) in Entries)
            {
                text.Append(pad).Append(Quote(key)).Append(':');
                value.WriteValue(text, indent);
            }
        else if (Items is not null)
            foreach (var item in Items)
            {
                text.Append(pad).Append('-');
                item.WriteValue(text, indent + 2, inList: true);
            }
    }

    /// <summary>After "key:" or "-": the value inline (a scalar, an alias, an empty collection) or as an indented block.</summary>
    private void WriteValue(StringBuilder text, int indent, bool inList = false)
    {
        string anchor = Anchor is null ? "" : $" &{Anchor}";
        if (Alias is not null)
        {
            text.Append(" *").Append(Alias).Append('\n');
            return;
        }
        if (Scalar is not null)
        {
            text.Append(anchor).Append(' ').Append(Quote(Scalar)).Append('\n');
            return;
        }
        if ((Entries?.Count ?? Items!.Count) == 0)
        {
            text.Append(anchor).Append(Entries is not null ? " {}\n" : " []\n");
            return;
        }
        text.Append(anchor).Append('\n');
        WriteBlock(text, inList ? indent : indent + 2);
    }

    /// <summary>Plain when safe, else a double-quoted scalar with every character YAML might misread escaped.</summary>
    private static string Quote(string value)
    {
        bool plain = value.Length > 0 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '%' or '/' or '-' or '+')
            && (value[0] != '-' || value.Length > 1 && (char.IsAsciiDigit(value[1]) || value[1] == '.'))
            && value is not ("null" or "true" or "false" or "~");
        if (plain) return value;
        var quoted = new StringBuilder("\"");
        foreach (char c in value)
            quoted.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\t' => "\\t",
                _ when char.IsControl(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        return quoted.Append('"').ToString();
    }
}
