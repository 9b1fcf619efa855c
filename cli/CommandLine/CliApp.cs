using Uitpas.Edge.Cli.Commands;

namespace Uitpas.Edge.Cli.CommandLine;

/// <summary>
/// The command table and its dispatch: the longest run of leading words that names a command
/// picks it; the rest are its arguments. <c>--help</c> anywhere prints the command's usage (or
/// the commands under the words given). Exit codes: <see cref="ExitCodes"/>.
/// </summary>
public static class CliApp
{
    /// <summary>Every command; one file per group under Commands/.</summary>
    public static IReadOnlyList<Command> Commands { get; } =
    [
        .. CaCommands.All,
        .. DeviceCommands.All,
        .. AgentCommands.All,
        .. BrokerCommands.All,
    ];

    /// <summary>Runs the command <paramref name="args"/> names; returns the exit code.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        var context = new CommandContext(output, error, clock ?? TimeProvider.System);
        var wantsHelp = args.Contains("--help") || args.Contains("-h");
        var words = args.TakeWhile(a => !a.StartsWith('-')).ToArray();
        var command = Find(words);
        if (command is null)
        {
            var prefix = words.TakeWhile((word, i) => Commands.Any(c => c.Words.Length > i && c.Words.Take(i + 1).SequenceEqual(words.Take(i + 1)))).ToArray();
            if (wantsHelp || args.Length == 0)
            {
                (args.Length == 0 ? error : output).Write(Overview(prefix));
                return args.Length == 0 ? ExitCodes.Usage : ExitCodes.Ok;
            }
            error.WriteLine(words.Length == prefix.Length
                ? $"uitpas-edge: '{string.Join(' ', words)}' needs a subcommand"
                : $"uitpas-edge: unknown command '{string.Join(' ', words.Take(prefix.Length + 1))}'");
            error.Write(Overview(prefix));
            return ExitCodes.Usage;
        }
        if (wantsHelp)
        {
            output.Write(command.Usage());
            return ExitCodes.Ok;
        }
        try
        {
            var parsed = ParsedArguments.Parse(command, args[command.Words.Length..]);
            return command.Run(parsed, context);
        }
        catch (UsageException exception)
        {
            error.WriteLine($"uitpas-edge {command.Name}: {exception.Message}");
            error.Write(command.Usage());
            return ExitCodes.Usage;
        }
        catch (CommandFailedException exception)
        {
            error.WriteLine($"uitpas-edge {command.Name}: {exception.Message}");
            return ExitCodes.Failed;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"uitpas-edge {command.Name}: {exception.Message}");
            return ExitCodes.Failed;
        }
    }

    private static Command? Find(string[] words) =>
        Commands.Where(c => c.Words.Length <= words.Length && c.Words.SequenceEqual(words.Take(c.Words.Length)))
            .OrderByDescending(c => c.Words.Length)
            .FirstOrDefault();

    private static string Overview(string[] prefix)
    {
        var text = new System.Text.StringBuilder("usage: uitpas-edge <command> [arguments] (--help after a command for its usage)\n\ncommands:\n");
        foreach (var command in Commands.Where(c => c.Words.Take(prefix.Length).SequenceEqual(prefix)))
        {
            var summary = command.Summary;
            var stops = new[] { summary.IndexOf(". ", StringComparison.Ordinal), summary.IndexOf(": ", StringComparison.Ordinal), summary.IndexOf(" (", StringComparison.Ordinal) };
            var stop = stops.Where(i => i > 0).DefaultIfEmpty(summary.Length).Min();
            text.AppendLine($"  {command.Name,-22} {summary[..stop].TrimEnd('.')}");
        }
        return text.ToString();
    }
}
