using Uitpas.Edge.Cli.CommandLine;
using Uitpas.Edge.Protocol;
using static Uitpas.Edge.Cli.Credentials.Credentials;

namespace Uitpas.Edge.Cli.Commands;

/// <summary><c>device credentials</c> and <c>device revoke</c>: a terminal's MQTT password (user name = client id = device id).</summary>
public static class DeviceCommands
{
    /// <summary>The commands of this group.</summary>
    public static IEnumerable<Command> All { get; } =
    [
        new Command(["device", "credentials"],
            "Gives a terminal a new random MQTT password (user name = device id): its hash goes into the password file (created if missing, "
            + "written atomically), the password is printed once or written to --out (mode 0600) as the provisioning secret.",
            ["deviceId"],
            [
                new OptionSpec("passwd", "the Mosquitto password file (Agent:Broker:Authentication:PasswordFile)", Required: true, ValueName: "file"),
                new OptionSpec("out", "write mqtt.username/mqtt.password here (a new file, mode 0600) instead of printing", ValueName: "file"),
            ],
            Issue),
        new Command(["device", "revoke"],
            "Removes a terminal's password from the password file: it cannot connect any more (the next CONNECT is refused).",
            ["deviceId"],
            [new OptionSpec("passwd", "the Mosquitto password file", Required: true, ValueName: "file")],
            Remove),
    ];

    private static int Issue(ParsedArguments arguments, CommandContext context)
    {
        var deviceId = DeviceId(arguments);
        var passwordFile = arguments.Required("passwd");
        var outFile = arguments.Value("out");
        if (outFile is not null && File.Exists(outFile))
        {
            throw new CommandFailedException($"{outFile} exists already; choose a new --out file");
        }
        var password = Credentials.Credentials.Issue(passwordFile, deviceId, context);
        Hand(deviceId, password, outFile, context);
        return ExitCodes.Ok;
    }

    private static int Remove(ParsedArguments arguments, CommandContext context)
    {
        var deviceId = DeviceId(arguments);
        var passwordFile = arguments.Required("passwd");
        if (!Revoke(passwordFile, deviceId, context))
        {
            throw new CommandFailedException($"{deviceId} has no password in {passwordFile}");
        }
        context.Out.WriteLine($"{deviceId} removed from {passwordFile}.");
        return ExitCodes.Ok;
    }

    private static string DeviceId(ParsedArguments arguments)
    {
        var deviceId = arguments.Positionals[0];
        return DeviceIds.IsValid(deviceId)
            ? deviceId
            : throw new UsageException($"'{deviceId}' is not a device id: 1 to {DeviceIds.MaxLength} characters of a-z, 0-9 and '-', not starting or ending with '-'");
    }
}
