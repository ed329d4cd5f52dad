using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Simulator.Reporting;

/// <summary>The JSON dialect of manifests and unit files: indented snake_case, enums as snake_case names, LF line ends.</summary>
internal static class ManifestJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        NewLine = "\n",
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        // A file for people and tools, never embedded in HTML: keep '+' and non-ASCII as they are.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options) + "\n";

    public static T Deserialize<T>(string json, string what) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"{what} is empty");

    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/> through a temporary file and a rename, so readers see all or nothing.</summary>
    public static void WriteAtomically(string path, string text)
    {
        string temp = path + ".tmp";
        File.WriteAllText(temp, text, CsvText.Utf8NoBom);
        File.Move(temp, path, overwrite: true);
    }
}
