using System.CommandLine;
using System.Text.Json;
using Spectre.Console;

namespace Uitpas.Edge.Cli.CommandLine;

/// <summary>
/// One invocation of the CLI: its writers, environment and global options, and the wrapper
/// that turns a command's exceptions into the one-sentence error and the exit code.
/// </summary>
internal sealed class CliSession
{
    public CliSession(TextWriter output, TextWriter error, CliEnvironment environment)
    {
        Output = output;
        Error = error;
        Environment = environment;
        Globals = new GlobalOptions(environment);
        var terminal = environment.Interactive;
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!terminal)
        {
            // Redirected output (a file, a pipe, a test): wide enough that a fleet table keeps one line per device.
            Console.Profile.Width = 220;
        }
    }

    public TextWriter Output { get; }

    public TextWriter Error { get; }

    public CliEnvironment Environment { get; }

    public GlobalOptions Globals { get; }

    public IAnsiConsole Console { get; }

    /// <summary>Sets <paramref name="command"/>'s action to <paramref name="handler"/> with the error handling of every command.</summary>
    public void Handle(Command command, Func<CommandContext, Task<int>> handler) =>
        command.SetAction(async (parse, cancellation) =>
        {
            var context = new CommandContext(parse, this, cancellation);
            try
            {
                return await handler(context);
            }
            catch (UsageException exception)
            {
                return UsageError(command, exception.Message, context.Json);
            }
            catch (CommandFailedException exception)
            {
                return Failure(exception.Message, context.Json);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                return Failure(exception.Message, context.Json);
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                return Failure("cancelled", context.Json);
            }
        });

    /// <summary>Synchronous handlers.</summary>
    public void Handle(Command command, Func<CommandContext, int> handler) => Handle(command, context => Task.FromResult(handler(context)));

    /// <summary>Prints <c>error: …</c> (and the JSON error), returns exit code 1.</summary>
    public int Failure(string message, bool json)
    {
        WriteError(message, json);
        return ExitCodes.Failed;
    }

    /// <summary>Prints <c>error: …</c>, the command's usage line (and the JSON error), returns exit code 2.</summary>
    public int UsageError(Command command, string message, bool json)
    {
        WriteError(message, json);
        Error.WriteLine(UsageLine(command));
        Error.WriteLine($"(uitpas-edge {Path(command)} --help for {(command.Subcommands.Count > 0 ? "its commands" : "the options")})".Replace("  ", " ", StringComparison.Ordinal));
        return ExitCodes.Usage;
    }

    /// <summary>"usage: uitpas-edge device credentials &lt;deviceId&gt; --passwd &lt;file&gt; [options]".</summary>
    public static string UsageLine(Command command)
    {
        var line = "usage: uitpas-edge " + Path(command);
        if (command.Subcommands.Count > 0 && command.Action is null)
        {
            return line.TrimEnd() + " <command> [options]";
        }
        foreach (var argument in command.Arguments)
        {
            line += $" <{argument.Name}>";
        }
        foreach (var option in command.Options.Where(o => o.Required))
        {
            line += $" {option.Name} <{option.HelpName ?? "value"}>";
        }
        return line.TrimEnd() + " [options]";
    }

    private void WriteError(string message, bool json)
    {
        Error.WriteLine($"error: {message}");
        if (json)
        {
            Output.WriteLine(JsonSerializer.Serialize(new { error = message }, CliJson.Output));
        }
    }

    private static string Path(Command command)
    {
        var names = new List<string>();
        for (Symbol? symbol = command; symbol is Command current && current is not RootCommand; symbol = current.Parents.FirstOrDefault())
        {
            names.Insert(0, current.Name);
        }
        return string.Join(' ', names);
    }
}
