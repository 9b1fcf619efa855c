using System.Text.RegularExpressions;
using Uitpas.Edge.Cli.CommandLine;

namespace Uitpas.Edge.Cli.Commands;

/// <summary><c>agent credentials</c>: the agent's own user on a Mosquitto broker (one per agent instance).</summary>
public static partial class AgentCommands
{
    /// <summary>The commands of this group.</summary>
    public static IEnumerable<Command> All { get; } =
    [
        new Command(["agent", "credentials"],
            "Gives an agent instance its MQTT user on Mosquitto (read/write on uitpas/v1/#; name it in broker mosquitto --agent-user). "
            + "Set the printed values as Agent:Broker:External:UserName/Password (and ClientId = the name).",
            ["name"],
            [
                new OptionSpec("passwd", "the Mosquitto password file", Required: true, ValueName: "file"),
                new OptionSpec("out", "write the user name and password here (a new file, mode 0600) instead of printing", ValueName: "file"),
            ],
            Issue),
    ];

    /// <summary>An agent user name: what Agent:Broker:External:ClientId accepts.</summary>
    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    public static partial Regex AgentName();

    private static int Issue(ParsedArguments arguments, CommandContext context)
    {
        var name = arguments.Positionals[0];
        if (!AgentName().IsMatch(name))
        {
            throw new UsageException($"'{name}' is not an agent name: 1 to 64 characters of A-Z, a-z, 0-9, '_' and '-'");
        }
        var outFile = arguments.Value("out");
        if (outFile is not null && File.Exists(outFile))
        {
            throw new CommandFailedException($"{outFile} exists already; choose a new --out file");
        }
        var password = Credentials.Credentials.Issue(arguments.Required("passwd"), name, context);
        Credentials.Credentials.Hand(name, password, outFile, context);
        return ExitCodes.Ok;
    }
}
