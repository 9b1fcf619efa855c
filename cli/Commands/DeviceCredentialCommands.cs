using System.CommandLine;
using Uitpas.Edge.Cli.CommandLine;
using static Uitpas.Edge.Cli.CommandLine.Options;
using static Uitpas.Edge.Cli.Credentials.Credentials;

namespace Uitpas.Edge.Cli.Commands;

/// <summary>
/// <c>device credentials</c> and <c>device revoke</c>: a terminal's MQTT password in a Mosquitto
/// password file (user name = client id = device id), without the agent. With the agent's
/// embedded broker, <c>device create</c> and <c>device retire</c> do this for you.
/// </summary>
internal static class DeviceCredentialCommands
{
    public static IEnumerable<Command> Build(CliSession session)
    {
        var id = DeviceCommands.IdArgument();
        var passwd = Text("--passwd", "the Mosquitto password file (Agent:Broker:Authentication:PasswordFile)", "file", required: true);
        var outFile = Text("--out", "write mqtt.username/mqtt.password here (a new file, mode 0600) instead of printing", "file");
        var credentials = Command("credentials",
            "Gives a terminal a new random MQTT password (user name = device id): its hash goes into the password file (created if missing, "
            + "written atomically), the password is printed once or written to --out (mode 0600) as the provisioning secret.",
            id, passwd, outFile);
        session.Handle(credentials, context =>
        {
            var deviceId = DeviceCommands.ValidId(context, id);
            var file = context.Get(outFile);
            if (file is not null && File.Exists(file))
            {
                throw new CommandFailedException($"{file} exists already; choose a new --out file");
            }
            var password = Issue(context.Get(passwd)!, deviceId, context);
            Hand(deviceId, password, file, context);
            return ExitCodes.Ok;
        });
        yield return credentials;

        var revokeId = DeviceCommands.IdArgument();
        var revokePasswd = Text("--passwd", "the Mosquitto password file", "file", required: true);
        var revoke = Command("revoke", "Removes a terminal's password from the password file: it cannot connect any more (the next CONNECT is refused).",
            revokeId, revokePasswd);
        session.Handle(revoke, context =>
        {
            var deviceId = DeviceCommands.ValidId(context, revokeId);
            var passwordFile = context.Get(revokePasswd)!;
            if (!Revoke(passwordFile, deviceId, context))
            {
                throw new CommandFailedException($"{deviceId} has no password in {passwordFile}");
            }
            if (context.Json)
            {
                context.WriteJson(new { device = deviceId, passwordFile, revoked = true });
            }
            else
            {
                context.Out.WriteLine($"{deviceId} removed from {passwordFile}.");
            }
            return ExitCodes.Ok;
        });
        yield return revoke;
    }
}
