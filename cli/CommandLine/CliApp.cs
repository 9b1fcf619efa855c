using System.CommandLine;
using System.CommandLine.Help;
using Uitpas.Edge.Cli.Commands;

namespace Uitpas.Edge.Cli.CommandLine;

/// <summary>
/// The entry point: builds the command tree (System.CommandLine), parses, runs the command.
/// Exit codes: <see cref="ExitCodes"/>; a parse error is exit 2 with System.CommandLine's own
/// message and the command's usage line; --help prints the command's help and exits 0.
/// </summary>
public static class CliApp
{
    /// <summary>Runs the command <paramref name="args"/> names; returns the exit code.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error, CliEnvironment? environment = null) =>
        Task.Run(() => RunAsync(args, output, error, environment)).GetAwaiter().GetResult();

    /// <summary>Runs the command <paramref name="args"/> names; returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CliEnvironment? environment = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var session = new CliSession(output, error, environment ?? new CliEnvironment());
        var root = Build(session);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0 && parse.Action is not HelpAction)
        {
            var json = args.Contains("--json", StringComparer.Ordinal);
            var command = parse.CommandResult.Command;
            // An unknown word says more than "Required command was not provided" that comes with it.
            var unmatched = parse.UnmatchedTokens.FirstOrDefault();
            var first = parse.Errors.FirstOrDefault(e => unmatched is not null && e.Message.Contains($"'{unmatched}'", StringComparison.Ordinal)) ?? parse.Errors[0];
            var code = session.UsageError(command, first.Message, json);
            if (command.Subcommands.Count > 0 && command.Action is null && unmatched is null)
            {
                // A group without its command ("uitpas-edge device"): list the commands it has.
                await Help(session, command, error, cancellationToken);
            }
            return code;
        }
        return await parse.InvokeAsync(Invocation(output, error), cancellationToken);
    }

    private static Task<int> Help(CliSession session, Command command, TextWriter writer, CancellationToken cancellationToken)
    {
        var words = new List<string>();
        for (var current = command; current is not RootCommand; current = (Command)current.Parents.First())
        {
            words.Insert(0, current.Name);
        }
        words.Add("--help");
        var root = Build(new CliSession(writer, writer, session.Environment));
        return root.Parse(words).InvokeAsync(Invocation(writer, writer), cancellationToken);
    }

    private static InvocationConfiguration Invocation(TextWriter output, TextWriter error) =>
        new() { Output = output, Error = error, EnableDefaultExceptionHandler = false };

    private static RootCommand Build(CliSession session)
    {
        var root = new RootCommand("uitpas-edge: the IT workgroup's tool for UiTPAS terminals: devices, assignments, loans, config, reports, social-tariff sales and cost-sharing keys, flashing, provisioning, the region's CA and broker.")
        {
            HelpName = "uitpas-edge",
        };
        root.Options.Add(session.Globals.Agent);
        root.Options.Add(session.Globals.TokenFile);
        root.Options.Add(session.Globals.Json);
        root.Subcommands.Add(DeviceCommands.Build(session));
        root.Subcommands.Add(ConfigCommands.Build(session));
        root.Subcommands.Add(CaCommands.Build(session));
        root.Subcommands.Add(AgentCommands.Build(session));
        root.Subcommands.Add(BrokerCommands.Build(session));
        root.Subcommands.Add(ReportCommands.Build(session));
        root.Subcommands.Add(SaleCommands.Build(session));
        root.Subcommands.Add(CostSharingCommands.Build(session));
        return root;
    }
}
