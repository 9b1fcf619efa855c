using System.CommandLine;
using System.Text.Json;
using Spectre.Console;
using Uitpas.Edge.Cli.Agent;

namespace Uitpas.Edge.Cli.CommandLine;

/// <summary>
/// One command's run: its parsed arguments, where it writes (plain writers and a Spectre
/// console over the same output), its environment and the global options.
/// </summary>
public sealed class CommandContext
{
    internal CommandContext(ParseResult parse, CliSession session, CancellationToken cancellation)
    {
        Parse = parse;
        Session = session;
        Cancellation = cancellation;
        Json = parse.GetValue(session.Globals.Json);
    }

    internal CliSession Session { get; }

    /// <summary>The parsed command line.</summary>
    public ParseResult Parse { get; }

    /// <summary>Cancelled on Ctrl+C.</summary>
    public CancellationToken Cancellation { get; }

    /// <summary>True with --json: the result goes to stdout as JSON, progress to stderr.</summary>
    public bool Json { get; }

    public TextWriter Out => Session.Output;

    public TextWriter Error => Session.Error;

    /// <summary>Tables and progress (no colours when the output is not a terminal).</summary>
    public IAnsiConsole Console => Session.Console;

    public TimeProvider Clock => Session.Environment.Clock;

    public CliEnvironment Environment => Session.Environment;

    /// <summary>Where progress lines go: stderr with --json (stdout is for the JSON), stdout otherwise.</summary>
    public TextWriter Progress => Json ? Error : Out;

    /// <summary>The value of an option or argument.</summary>
    public T? Get<T>(Option<T> option) => Parse.GetValue(option);

    /// <summary>The value of an argument.</summary>
    public T? Get<T>(Argument<T> argument) => Parse.GetValue(argument);

    /// <summary>A client of the agent's admin API named by --agent and --token-file (reads the token now).</summary>
    public AgentApiClient Agent() =>
        AgentApiClient.Create(Parse.GetValue(Session.Globals.Agent)!, Parse.GetValue(Session.Globals.TokenFile)!);

    /// <summary>Writes <paramref name="value"/> as indented camelCase JSON on stdout.</summary>
    public void WriteJson(object value) => Out.WriteLine(JsonSerializer.Serialize(value, CliJson.Output));
}
