using System.CommandLine;
using System.Text.RegularExpressions;
using Uitpas.Edge.Cli.CommandLine;
using static Uitpas.Edge.Cli.CommandLine.Options;

namespace Uitpas.Edge.Cli.Commands;

/// <summary><c>agent credentials</c>: the agent's own user on a Mosquitto broker (one per agent instance).</summary>
internal static partial class AgentCommands
{
    public static Command Build(CliSession session)
    {
        var name = Positional("name", "the agent instance's user name (1 to 64 characters of A-Z, a-z, 0-9, '_' and '-')");
        var passwd = Text("--passwd", "the Mosquitto password file", "file", required: true);
        var outFile = Text("--out", "write the user name and password here (a new file, mode 0600) instead of printing", "file");
        var credentials = Command("credentials",
            "Gives an agent instance its MQTT user on Mosquitto (read/write on uitpas/v1/#; name it in broker mosquitto --agent-user). "
            + "Set the printed values as Agent:Broker:External:UserName/Password (and ClientId = the name).",
            name, passwd, outFile);
        session.Handle(credentials, context => Issue(context, name, passwd, outFile));
        return Command("agent", "The agent's own credentials on an external broker.", credentials);
    }

    /// <summary>An agent user name: what Agent:Broker:External:ClientId accepts.</summary>
    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    public static partial Regex AgentName();

    private static int Issue(CommandContext context, Argument<string> nameArgument, Option<string> passwdOption, Option<string> outOption)
    {
        var name = context.Get(nameArgument)!;
        if (!AgentName().IsMatch(name))
        {
            throw new UsageException($"'{name}' is not an agent name: 1 to 64 characters of A-Z, a-z, 0-9, '_' and '-'");
        }
        var outFile = context.Get(outOption);
        if (outFile is not null && File.Exists(outFile))
        {
            throw new CommandFailedException($"{outFile} exists already; choose a new --out file");
        }
        var password = Credentials.Credentials.Issue(context.Get(passwdOption)!, name, context);
        Credentials.Credentials.Hand(name, password, outFile, context);
        return ExitCodes.Ok;
    }
}
