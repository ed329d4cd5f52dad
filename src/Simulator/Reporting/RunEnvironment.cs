using System.Runtime.InteropServices;

namespace Simulator.Reporting;

/// <summary>
/// Where and how a folder was computed, so that its <c>wall_seconds</c> means something: the command line, the threads,
/// the .NET runtime, the operating system and the processor. None of it changes a CSV byte.
/// </summary>
/// <param name="CommandLine">The arguments of the command, the program's file name first (<c>replsim.dll run scenarios/… --seed 7</c>).</param>
/// <param name="Threads">Units computed at once; null for a merge, whose units were computed elsewhere.</param>
/// <param name="Runtime">The .NET runtime (<c>.NET 10.0.0</c>).</param>
/// <param name="Os">The operating system (<c>Ubuntu 24.04 LTS</c>, <c>Linux 6.8.0 …</c>).</param>
/// <param name="Architecture">The process's architecture (<c>x64</c>, <c>arm64</c>).</param>
/// <param name="Cpu">The processor's model name where the system says it (Linux: <c>/proc/cpuinfo</c>), else empty.</param>
/// <param name="LogicalProcessors">Logical processors the process may use.</param>
public sealed record RunEnvironment(IReadOnlyList<string> CommandLine, int? Threads, string Runtime, string Os, string Architecture,
    string Cpu, int LogicalProcessors)
{
    /// <summary>This process, computing with <paramref name="threads"/> threads.</summary>
    public static RunEnvironment Current(int? threads)
    {
        string[] args = Environment.GetCommandLineArgs();
        IReadOnlyList<string> commandLine = args.Length == 0 ? [] : [Path.GetFileName(args[0]), .. args.Skip(1)];
        return new RunEnvironment(commandLine, threads, RuntimeInformation.FrameworkDescription, RuntimeInformation.OSDescription,
            RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant(), CpuModel(), Environment.ProcessorCount);
    }

    private static string CpuModel()
    {
        try
        {
            if (File.Exists("/proc/cpuinfo"))
                foreach (string line in File.ReadLines("/proc/cpuinfo"))
                    if (line.StartsWith("model name", StringComparison.Ordinal) && line.IndexOf(':') is var colon and >= 0)
                        return line[(colon + 1)..].Trim();
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return "";
    }
}
