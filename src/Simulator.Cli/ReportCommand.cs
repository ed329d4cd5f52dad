using System.Text.Json;
using Simulator.Reporting.Html;

namespace Simulator.Cli;

/// <summary>
/// <c>replsim report &lt;folder&gt;</c>: writes <c>report.html</c> beside the results, one self-contained page (inline SVG
/// plots, no network) to open by double-click. Also what <c>run</c>, <c>compare</c> and <c>sweep</c> do with <c>--report</c>.
/// </summary>
internal static class ReportCommand
{
    public static int Execute(CliContext context, string folder)
    {
        context.Output.WriteLine($"report: {Write(folder)}");
        return ExitCodes.Ok;
    }

    /// <summary>Writes the report of <paramref name="folder"/> and returns its path; bad input is a <see cref="BadInputException"/>.</summary>
    public static string Write(string folder)
    {
        if (!Directory.Exists(folder))
            throw new BadInputException($"report: {folder} is not a folder");
        if (!HtmlReport.IsRunFolder(folder))
            throw new BadInputException($"report: {folder} is not a results folder of run, compare or sweep (it has no manifest.json)");
        try
        {
            return HtmlReport.Write(folder);
        }
        catch (JsonException e)
        {
            throw new BadInputException($"report: the manifest.json of {folder} is not valid JSON: {e.Message}");
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new BadInputException($"report: cannot write the report into {folder}: {e.Message}");
        }
    }
}
