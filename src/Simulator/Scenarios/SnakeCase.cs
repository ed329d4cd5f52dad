using System.Text;

namespace Simulator.Scenarios;

/// <summary>C# names to YAML names: <c>NodeCapacity</c> → <c>node_capacity</c>, <c>PerZone</c> → <c>per_zone</c>.</summary>
internal static class SnakeCase
{
    /// <summary>
    /// An underscore goes before an upper-case letter that follows a lower-case letter or digit, or that starts a
    /// word after an acronym (<c>APIRate</c> → <c>api_rate</c>). Binary unit suffixes stay whole:
    /// <c>SizeGiB</c> → <c>size_gib</c>, <c>Ec2Api</c> → <c>ec2_api</c>.
    /// </summary>
    public static string From(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (char.IsUpper(c) && i > 0)
            {
                char previous = name[i - 1];
                bool afterWord = char.IsLower(previous) || char.IsDigit(previous);
                bool startsWordAfterAcronym = char.IsUpper(previous) && i + 1 < name.Length && char.IsLower(name[i + 1]);
                bool binaryUnit = c == 'B' && previous == 'i' && i >= 2 && name[i - 2] is 'K' or 'M' or 'G' or 'T' or 'P';
                if ((afterWord || startsWordAfterAcronym) && !binaryUnit && name[i - 1] != '_') sb.Append('_');
            }
            sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }
}
