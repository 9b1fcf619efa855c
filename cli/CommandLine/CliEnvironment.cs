namespace Uitpas.Edge.Cli.CommandLine;

/// <summary>
/// What a run may read from its surroundings: the clock, environment variables (PATH,
/// UITPAS_EDGE_AGENT, …), standard input and whether a person sits at a terminal. Tests give
/// their own; <see cref="FromConsole"/> is the real process.
/// </summary>
public sealed class CliEnvironment
{
    /// <summary>The clock.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>An environment variable, or null.</summary>
    public Func<string, string?> Variable { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>Standard input (for --wifi-password-stdin).</summary>
    public TextReader Input { get; init; } = TextReader.Null;

    /// <summary>True when standard input and output are a terminal (questions may be asked, colours used).</summary>
    public bool Interactive { get; init; }

    /// <summary>The current process: its clock, variables, stdin and terminal.</summary>
    public static CliEnvironment FromConsole() => new()
    {
        Input = Console.In,
        Interactive = !Console.IsInputRedirected && !Console.IsOutputRedirected,
    };
}
