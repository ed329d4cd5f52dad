using System.CommandLine;
using System.CommandLine.Invocation;

namespace Simulator.Cli;

/// <summary>
/// Prints replsim's informational version. Replaces System.CommandLine's own, which reads the entry assembly
/// (the test host, when the command runs in-process).
/// </summary>
internal sealed class VersionAction : SynchronousCommandLineAction
{
    public override bool ClearsParseErrors => true;

    public override int Invoke(ParseResult parseResult)
    {
        parseResult.InvocationConfiguration.Output.WriteLine(CliApp.Version);
        return ExitCodes.Ok;
    }
}
