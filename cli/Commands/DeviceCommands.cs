using System.CommandLine;
using Uitpas.Edge.Cli.CommandLine;
using Uitpas.Edge.Protocol;
using static Uitpas.Edge.Cli.CommandLine.Options;

namespace Uitpas.Edge.Cli.Commands;

/// <summary>The <c>device</c> group: one file per kind of subcommand.</summary>
internal static class DeviceCommands
{
    public static Command Build(CliSession session)
    {
        var device = Command("device", "Terminals: create, flash, provision, assign, lend, list, show, retire; MQTT passwords for a Mosquitto broker.");
        foreach (var command in DeviceFleetCommands.Build(session)
            .Concat(DeviceAssignmentCommands.Build(session))
            .Append(FlashCommand.Build(session))
            .Append(ProvisionCommand.Build(session))
            .Concat(DeviceCredentialCommands.Build(session)))
        {
            device.Subcommands.Add(command);
        }
        return device;
    }

    /// <summary>The device id argument.</summary>
    public static Argument<string> IdArgument() => Positional("deviceId", "the terminal's id (1 to 32 characters of a-z, 0-9 and '-')");

    /// <summary>The id, or a <see cref="UsageException"/> saying what a device id is.</summary>
    public static string ValidId(CommandContext context, Argument<string> argument)
    {
        var deviceId = context.Get(argument)!;
        return DeviceIds.IsValid(deviceId)
            ? deviceId
            : throw new UsageException($"'{deviceId}' is not a device id: 1 to {DeviceIds.MaxLength} characters of a-z, 0-9 and '-', not starting or ending with '-'");
    }
}
