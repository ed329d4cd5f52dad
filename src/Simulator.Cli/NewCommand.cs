using System.CommandLine;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Simulator.Cli;

/// <summary>
/// <c>replsim new NAME [--from TEMPLATE] [--dir DIR]</c>: writes <c>DIR/NAME.yaml</c>, a scenario of one's own started
/// from a neutral template (scenarios/templates/, built into the tool), its name set to NAME. It never overwrites a file.
/// </summary>
internal static partial class NewCommand
{
    private const string ResourcePrefix = "templates/";

    /// <summary>The templates built into the tool, by name (the file name without <c>.yaml</c>).</summary>
    public static IReadOnlyList<string> Templates { get; } =
        [.. typeof(NewCommand).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".yaml", StringComparison.Ordinal))
            .Select(n => n[ResourcePrefix.Length..^".yaml".Length]).Order(StringComparer.Ordinal)];

    public static Command Build(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "Name of the new scenario: letters, digits, '.', '_' or '-'; the file is NAME.yaml" };
        var from = new Option<string>("--from")
        {
            Description = $"Template to start from: {string.Join(", ", Templates)}",
            DefaultValueFactory = _ => "cluster",
        };
        var dir = new Option<string>("--dir") { Description = "Folder to write into (default: the current folder; created if missing)" };
        var command = new Command("new", "Write NAME.yaml, a scenario of your own started from a neutral template (one cluster, one fault, " +
            "no operator actions, no validation figures)") { name, from, dir };
        command.SetAction(parse => Execute(context, parse.GetRequiredValue(name), parse.GetValue(from)!, parse.GetValue(dir) ?? "."));
        return command;
    }

    internal static int Execute(CliContext context, string name, string template, string dir)
    {
        if (!ValidName().IsMatch(name))
            throw new BadInputException($"new: the name must be letters, digits, '.', '_' or '-' (at most 100), found \"{Clamp(name)}\"");
        if (!Templates.Contains(template))
            throw new BadInputException($"new: --from: expected a template ({string.Join(", ", Templates)}), found \"{Clamp(template)}\"");
        string path = Path.GetFullPath(Path.Combine(dir, name + ".yaml"));
        if (File.Exists(path) || Directory.Exists(path))
            throw new BadInputException($"new: {Path.Combine(dir, name + ".yaml")} exists; it is left as it is (choose another name or --dir)");

        string text = Text(template);
        text = TemplateName().Replace(text, "name: " + name, 1);
        string? schema = SchemaNear(Path.GetDirectoryName(path)!);
        text = SchemaLine().Replace(text, schema is null ? "" : "# yaml-language-server: $schema=" + schema + "\n", 1);

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        string temporary = path + ".tmp-" + Environment.ProcessId;
        File.WriteAllText(temporary, text);
        try { File.Move(temporary, path, overwrite: false); }
        catch (IOException) { File.Delete(temporary); throw new BadInputException($"new: {path} appeared meanwhile; it is left as it is"); }

        string shown = Path.GetRelativePath(Directory.GetCurrentDirectory(), path);
        context.Output.WriteLine($"wrote {shown} (from the template {template}: one cluster, one fault; every number marked assumed)");
        context.Output.WriteLine($"run it: replsim run {shown}");
        if (schema is null)
            context.Output.WriteLine("for completion in an editor: replsim schema > scenario.schema.json beside it, and a first line " +
                "'# yaml-language-server: $schema=scenario.schema.json'");
        return ExitCodes.Ok;
    }

    /// <summary>The template's text as shipped.</summary>
    internal static string Text(string template)
    {
        using var stream = typeof(NewCommand).Assembly.GetManifestResourceStream(ResourcePrefix + template + ".yaml")
            ?? throw new InvalidOperationException($"template {template} is not built in");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The scenario schema nearest above <paramref name="folder"/> (scenario.schema.json, or scenarios/scenario.schema.json), as a relative path.</summary>
    private static string? SchemaNear(string folder)
    {
        for (var d = new DirectoryInfo(folder); d is not null; d = d.Parent)
            foreach (string candidate in new[] { "scenario.schema.json", Path.Combine("scenarios", "scenario.schema.json") })
                if (File.Exists(Path.Combine(d.FullName, candidate)))
                    return Path.GetRelativePath(folder, Path.Combine(d.FullName, candidate)).Replace('\\', '/');
        return null;
    }

    private static string Clamp(string text) => text.Length <= 60 ? text : text[..60] + "…";

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")]
    private static partial Regex ValidName();

    [GeneratedRegex(@"^name: \S+$", RegexOptions.Multiline)]
    private static partial Regex TemplateName();

    [GeneratedRegex(@"^# yaml-language-server: \$schema=\S+\n", RegexOptions.Multiline)]
    private static partial Regex SchemaLine();
}
