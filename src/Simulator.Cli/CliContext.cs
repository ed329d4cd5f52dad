using Spectre.Console;

namespace Simulator.Cli;

/// <summary>Where a command writes: plain writers for errors and lines, a Spectre console for tables and progress.</summary>
internal sealed class CliContext
{
    /// <summary>Width of tables when the output is not a terminal (a file, a pipe, a test).</summary>
    private const int RedirectedWidth = 160;

    public CliContext(TextWriter output, TextWriter error, bool interactive, CancellationToken stop = default)
    {
        Stop = stop;
        Output = output;
        Error = error;
        Interactive = interactive;
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Yes : InteractionSupport.No,
        });
        if (!interactive) Console.Profile.Width = RedirectedWidth;
    }

    public TextWriter Output { get; }
    public TextWriter Error { get; }
    /// <summary>True when the output is a terminal: progress bar and colours; false: plain progress lines.</summary>
    public bool Interactive { get; }
    public IAnsiConsole Console { get; }
    /// <summary>Set by Ctrl-C: experiments finish the units in flight, start no more, and keep an incomplete folder.</summary>
    public CancellationToken Stop { get; }
}
