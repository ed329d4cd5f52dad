using Simulator.Experiments;
using Simulator.Scenarios;

namespace Simulator.Tests.Faults;

/// <summary>
/// The April scenario (<c>aws-2011-us-east-1.yaml</c>) with its cluster ebs-1a spread over 4 power domains of 5 racks
/// (20 racks) and the faults given in YAML put first: what loading it from a file reports.
/// </summary>
internal static class FaultYaml
{
    /// <summary>The errors the file gets, each as printed (empty when it loads).</summary>
    public static List<string> Errors(string faults)
    {
        string dir = Path.Combine(Path.GetTempPath(), "replsim-fault-yaml-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            string path = Path.Combine(dir, "s.yaml");
            File.WriteAllText(path, File.ReadAllText(Replay.RepositoryPaths.Scenario("aws-2011-us-east-1.yaml"))
                .Replace("              free_capacity: 1%", "              power_domains: 4\n              racks_per_power_domain: 5\n              free_capacity: 1%", StringComparison.Ordinal)
                .Replace("faults:\n", "faults:\n" + faults, StringComparison.Ordinal));
            try
            {
                ScenarioRunner.Load(path);
                return [];
            }
            catch (ScenarioException e)
            {
                return e.Errors.Select(x => x.ToString()).ToList();
            }
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
