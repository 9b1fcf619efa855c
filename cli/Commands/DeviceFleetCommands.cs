using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Uitpas.Edge.Agent.Access;
using Uitpas.Edge.Cli.Agent;
using Uitpas.Edge.Cli.CommandLine;
using Uitpas.Edge.Cli.Display;
using static Uitpas.Edge.Cli.CommandLine.Options;

namespace Uitpas.Edge.Cli.Commands;

/// <summary><c>device create|list|show|retire</c> through the agent's admin API.</summary>
internal static class DeviceFleetCommands
{
    private static readonly string[] States = ["online", "offline", "unknown", "retired"];

    public static IEnumerable<Command> Build(CliSession session)
    {
        yield return Create(session);
        yield return List(session);
        yield return Show(session);
        yield return Retire(session);
    }

    private static Command Create(CliSession session)
    {
        var id = DeviceCommands.IdArgument();
        var kiosk = Text("--kiosk-token", "the UiTPAS kiosk token of the counter the terminal serves", "token", required: true);
        var language = Text("--language", "the terminal's display language: nl (default), fr or en", "nl|fr|en");
        var cardSystem = Text("--card-system", "the card system whose allowlist the terminal keeps for offline taps", "n");
        var outFile = Text("--out", "write the secrets (mqtt.username, mqtt.password, configKey) to this new file, mode 0600, instead of printing them", "file");
        var command = Command("create",
            "Registers a terminal with the agent: it generates the MQTT password and the per-device config key and hands them out this once "
            + "(printed, or written to --out for device provision --credentials).",
            id, kiosk, language, cardSystem, outFile);
        session.Handle(command, async context =>
        {
            var deviceId = DeviceCommands.ValidId(context, id);
            var token = context.Get(kiosk)!.Trim();
            if (token.Length == 0)
            {
                throw new UsageException("--kiosk-token is empty");
            }
            var lang = Language(context.Get(language));
            var cardSystemId = CardSystem(context.Get(cardSystem));
            var file = context.Get(outFile);
            if (file is not null)
            {
                file = Path.GetFullPath(file);
                if (File.Exists(file))
                {
                    throw new CommandFailedException($"{file} exists already; nothing was created (choose a new --out file)");
                }
                if (!Directory.Exists(Path.GetDirectoryName(file)))
                {
                    throw new CommandFailedException($"the folder of {file} does not exist; nothing was created");
                }
            }
            using var agent = context.Agent();
            var created = await agent.CreateDeviceAsync(new NewDevice(deviceId, token, lang, cardSystemId), context.Cancellation);
            var secrets = $"mqtt.username={created.Credentials.Username}\nmqtt.password={created.Credentials.Password}\nconfigKey={created.Credentials.ConfigKey}\n";
            if (file is not null)
            {
                try
                {
                    SecretFiles.WriteNew(file, secrets);
                }
                catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
                {
                    // The agent has the device now and hands the secrets out only once: show them rather than lose them.
                    context.Out.Write(secrets);
                    throw new CommandFailedException($"{deviceId} was created but {file} could not be written ({exception.Message}); its secrets are printed above, this once");
                }
            }
            if (context.Json)
            {
                context.WriteJson(new { device = created.Device, credentials = file is null ? created.Credentials : null, credentialsFile = file });
                return ExitCodes.Ok;
            }
            if (file is null)
            {
                context.Out.Write(secrets);
                context.Error.WriteLine($"{deviceId} created. Its secrets are shown this once; keep them for device provision --credentials.");
            }
            else
            {
                context.Out.WriteLine($"{deviceId} created; its secrets are in {file} (mode 0600): device provision {deviceId} --credentials {file} …");
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command List(CliSession session)
    {
        var region = Text("--region", "only devices in this region", "region");
        var municipality = Text("--municipality", "only devices in this municipality", "name");
        var venue = Text("--venue", "only devices at this venue", "name");
        var state = Text("--state", "only devices in this state", "online|offline|unknown|retired");
        var alerting = Flag("--alerting", "only devices with an alert");
        var command = Command("list",
            "The fleet: state, last seen, last tap, reader, journal depth, firmware, config (applied/pending/refused), venue, event, alerts.",
            region, municipality, venue, state, alerting);
        session.Handle(command, async context =>
        {
            var filters = new Dictionary<string, string>();
            foreach (var (name, option) in new[] { ("region", region), ("municipality", municipality), ("venue", venue) })
            {
                if (context.Get(option) is { } value)
                {
                    filters[name] = value;
                }
            }
            if (context.Get(state) is { } wanted)
            {
                filters["state"] = States.Contains(wanted) ? wanted : throw new UsageException($"--state must be online, offline, unknown or retired, not '{wanted}'");
            }
            if (context.Get(alerting))
            {
                filters["alerting"] = "true";
            }
            using var agent = context.Agent();
            var devices = await agent.ListDevicesAsync(filters, context.Cancellation);
            if (context.Json)
            {
                context.WriteJson(devices);
                return ExitCodes.Ok;
            }
            DeviceViews.WriteTable(context.Console, devices, context.Clock);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Show(CliSession session)
    {
        var id = DeviceCommands.IdArgument();
        var command = Command("show", "One terminal: health, config state (a refusal with its reason), site, events, loans, effective settings, recent taps.", id);
        session.Handle(command, async context =>
        {
            var deviceId = DeviceCommands.ValidId(context, id);
            using var agent = context.Agent();
            var device = await agent.DeviceAsync(deviceId, context.Cancellation);
            if (context.Json)
            {
                context.WriteJson(device);
                return ExitCodes.Ok;
            }
            DeviceViews.WriteDetail(context.Console, device, context.Clock);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Retire(CliSession session)
    {
        var id = DeviceCommands.IdArgument();
        var yes = Flag("--yes", "do not ask (required when not at a terminal)");
        var command = Command("retire",
            "Retires a terminal for good: its MQTT password and config key are removed (it is disconnected), it gets no config and no snapshots; "
            + "its assignments and taps stay as history.",
            id, yes);
        session.Handle(command, async context =>
        {
            var deviceId = DeviceCommands.ValidId(context, id);
            if (!context.Get(yes))
            {
                if (!context.Environment.Interactive)
                {
                    throw new UsageException($"retiring {deviceId} cannot be undone: add --yes");
                }
                if (!context.Console.Confirm($"Retire {deviceId}? Its credentials are revoked for good.", defaultValue: false))
                {
                    return context.Session.Failure($"{deviceId} was not retired", context.Json);
                }
            }
            using var agent = context.Agent();
            var device = await agent.RetireAsync(deviceId, context.Cancellation);
            if (context.Json)
            {
                context.WriteJson(device);
                return ExitCodes.Ok;
            }
            context.Out.WriteLine($"{deviceId} retired: credentials and config key removed, history kept.");
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>nl, fr or en (null when not given).</summary>
    public static string? Language(string? text) => text switch
    {
        null => null,
        "nl" or "fr" or "en" => text,
        _ => throw new UsageException($"--language must be nl, fr or en, not '{text}'"),
    };

    /// <summary>A card system id (a positive whole number; null when not given).</summary>
    public static long? CardSystem(string? text) =>
        text is null ? null
        : uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value
        : throw new UsageException($"--card-system must be a card system id (a whole number from 1), not '{text}'");
}
