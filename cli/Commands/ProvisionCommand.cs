using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Uitpas.Edge.Cli.CommandLine;
using Uitpas.Edge.Cli.Provisioning;
using Uitpas.Edge.Core.Provisioning;
using static Uitpas.Edge.Cli.CommandLine.Options;

namespace Uitpas.Edge.Cli.Commands;

/// <summary>
/// <c>device provision</c>: the terminal's identity, WiFi, broker, credentials and keys to a board
/// (or a virtual terminal in --provision mode) over Improv Serial. Everything is read and checked
/// with the terminal's own DeviceConfig.Parse before the port is opened; the board writes
/// device.cfg only on commit.
/// </summary>
internal static class ProvisionCommand
{
    private sealed record Arguments(Argument<string> Id, Option<string> Port, Option<string> Ssid, Option<string> PasswordFile, Option<bool> PasswordStdin,
        Option<string> Broker, Option<bool> Tls, Option<string> CaFile, Option<string> Credentials, Option<string> CardSystem, Option<string> SnapshotKeyFile,
        Option<string> Language, Option<string> Timeout);

    public static Command Build(CliSession session)
    {
        var a = new Arguments(
            DeviceCommands.IdArgument(),
            Text("--port", "the board's serial port (/dev/ttyUSB0, COM5; a virtual terminal in --provision mode prints its /dev/pts/N)", "port", required: true),
            Text("--wifi-ssid", "the WiFi network the terminal joins", "ssid", required: true),
            Text("--wifi-password-file", "a file whose first line is the WiFi password (keeps it out of the shell history)", "file"),
            Flag("--wifi-password-stdin", "read the WiFi password from the first line of standard input"),
            Text("--broker", "the MQTT broker as the terminal reaches it: HOST or HOST:PORT (default port 1883, or 8883 with --tls)", "host[:port]", required: true),
            Flag("--tls", "connect to the broker over TLS"),
            Text("--ca-file", "the region CA certificate (PEM or DER) the broker's certificate must chain to (with --tls)", "file"),
            Text("--credentials", "the secrets file from device create --out (mqtt.username, mqtt.password, configKey)", "file", required: true),
            Text("--card-system", "the card system whose allowlist the terminal keeps for offline taps (with --snapshot-key-file)", "n"),
            Text("--snapshot-key-file", "a file with the card system's snapshot key (64 hex digits)", "file"),
            Text("--language", "the display language until a config push sets one: nl (default), fr or en", "nl|fr|en"),
            Text("--timeout", "how long to wait for each answer of the board (default 5s)", "duration"));
        var command = Command("provision",
            "Hands a terminal its settings over a serial port with Improv Serial: WiFi, device id, broker, MQTT credentials, config key "
            + "and card system; the board checks and stores them as device.cfg (nothing is written unless all are accepted).",
            a.Id, a.Port, a.Ssid, a.PasswordFile, a.PasswordStdin, a.Broker, a.Tls, a.CaFile, a.Credentials, a.CardSystem, a.SnapshotKeyFile, a.Language, a.Timeout);
        session.Handle(command, context => RunAsync(context, a));
        return command;
    }

    private static async Task<int> RunAsync(CommandContext context, Arguments a)
    {
        var deviceId = DeviceCommands.ValidId(context, a.Id);
        var port = context.Get(a.Port)!.Trim();
        var ssid = context.Get(a.Ssid)!;
        if (ssid.Length is 0 or > 32)
        {
            throw new UsageException("--wifi-ssid must be 1 to 32 characters");
        }
        var (host, brokerPort) = Broker(context.Get(a.Broker)!);
        var tls = context.Get(a.Tls);
        var caFile = context.Get(a.CaFile);
        if (caFile is not null && !tls)
        {
            throw new UsageException("--ca-file needs --tls");
        }
        var cardSystem = DeviceFleetCommands.CardSystem(context.Get(a.CardSystem));
        var snapshotKeyFile = context.Get(a.SnapshotKeyFile);
        if ((cardSystem is null) != (snapshotKeyFile is null))
        {
            throw new UsageException("--card-system and --snapshot-key-file go together");
        }
        if (context.Get(a.PasswordFile) is not null && context.Get(a.PasswordStdin))
        {
            throw new UsageException("give --wifi-password-file or --wifi-password-stdin, not both");
        }
        var language = DeviceFleetCommands.Language(context.Get(a.Language));
        var timeout = Numbers.Duration(context.Get(a.Timeout), "timeout", TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5));

        var password = WifiPassword(context, context.Get(a.PasswordFile), context.Get(a.PasswordStdin));
        var secrets = SecretsFile(context.Get(a.Credentials)!, deviceId, context);
        var settings = new List<KeyValuePair<string, string>> { new("device", deviceId), new("broker.host", host) };
        if (brokerPort is { } p)
        {
            settings.Add(new("broker.port", p.ToString(CultureInfo.InvariantCulture)));
        }
        if (tls)
        {
            settings.Add(new("broker.tls", "true"));
        }
        if (caFile is not null)
        {
            settings.Add(new("broker.ca", Convert.ToBase64String(CaCertificate(caFile))));
        }
        settings.Add(new("mqtt.username", secrets["mqtt.username"]));
        settings.Add(new("mqtt.password", secrets["mqtt.password"]));
        if (language is not null)
        {
            settings.Add(new("language", language));
        }
        if (cardSystem is { } cs)
        {
            settings.Add(new("cardSystem", cs.ToString(CultureInfo.InvariantCulture)));
            settings.Add(new("snapshotKey", Hex64(snapshotKeyFile!, "snapshot key")));
        }
        if (secrets.TryGetValue("configKey", out var configKey))
        {
            settings.Add(new("configKey", configKey));
        }
        var document = string.Concat(settings.Select(s => $"{s.Key}={s.Value}\n")) + $"wifi.ssid={ssid}\n" + (password.Length > 0 ? $"wifi.password={password}\n" : "");
        if (DeviceConfig.Parse(document, out var problem) is null)
        {
            throw new CommandFailedException($"the terminal would refuse these settings ({problem}); nothing was sent");
        }
        if (!OperatingSystem.IsWindows() && !File.Exists(port))
        {
            throw new CommandFailedException($"port {port} does not exist: is the board plugged in (ls /dev/ttyUSB* /dev/ttyACM*), or is the virtual terminal running with --provision?");
        }

        var request = new ProvisioningRequest(settings, ssid, password);
        context.Progress.WriteLine($"Provisioning {deviceId} on {port} ({settings.Count} settings and WiFi '{ssid}') …");
        var result = await Task.Run(() => BoardProvisioner.Provision(port, request, timeout, line => context.Progress.WriteLine("  " + line), context.Cancellation),
            context.Cancellation);
        if (!result.Ok)
        {
            throw new CommandFailedException(result.Error ?? $"the board on {port} did not accept the settings");
        }
        if (context.Json)
        {
            context.WriteJson(new { device = deviceId, port, provisioned = true, result.FirmwareName, result.FirmwareVersion, result.DeviceName,
                settings = settings.Select(s => s.Key).Append("wifi.ssid").ToArray() });
            return ExitCodes.Ok;
        }
        var board = result.FirmwareName is null ? "" : $" ({result.FirmwareName} {result.FirmwareVersion}{(result.DeviceName is null ? "" : ", " + result.DeviceName)})";
        context.Out.WriteLine($"{deviceId} provisioned on {port}{board}: it connects to {host}{(brokerPort is null ? "" : ":" + brokerPort)} as {secrets["mqtt.username"]}.");
        return ExitCodes.Ok;
    }

    /// <summary>HOST, HOST:PORT or [IPv6]:PORT.</summary>
    private static (string Host, int? Port) Broker(string text)
    {
        var value = text.Trim();
        string host;
        string? port = null;
        if (value.StartsWith('['))
        {
            var close = value.IndexOf(']', StringComparison.Ordinal);
            host = close > 1 ? value[1..close] : "";
            port = close > 0 && close + 1 < value.Length && value[close + 1] == ':' ? value[(close + 2)..] : null;
        }
        else if (value.Count(c => c == ':') == 1)
        {
            host = value[..value.IndexOf(':', StringComparison.Ordinal)];
            port = value[(value.IndexOf(':', StringComparison.Ordinal) + 1)..];
        }
        else
        {
            host = value;
        }
        if (host.Length == 0 || Uri.CheckHostName(host) == UriHostNameType.Unknown)
        {
            throw new UsageException($"--broker '{text}' is not HOST or HOST:PORT");
        }
        return (host, port is null ? null : Numbers.Parse(port, "broker port", 0, 1, 65535));
    }

    private static string WifiPassword(CommandContext context, string? file, bool stdin)
    {
        string? password = null;
        if (file is not null)
        {
            if (!File.Exists(file))
            {
                throw new CommandFailedException($"--wifi-password-file {file} does not exist");
            }
            password = File.ReadLines(file).FirstOrDefault() ?? "";
        }
        else if (stdin)
        {
            password = context.Environment.Input.ReadLine() ?? throw new CommandFailedException("--wifi-password-stdin: standard input is empty");
        }
        password = password?.TrimEnd('\r') ?? "";
        if (password.Length is > 0 and < 8 or > 63)
        {
            throw new CommandFailedException("the WiFi password must be 8 to 63 characters (WPA2), or none for an open network");
        }
        if (password.Length == 0)
        {
            context.Error.WriteLine("warning: no WiFi password (--wifi-password-file or --wifi-password-stdin): the terminal joins an open network");
        }
        return password;
    }

    /// <summary>The key=value lines of the secrets file; mqtt.username must be this device.</summary>
    private static Dictionary<string, string> SecretsFile(string path, string deviceId, CommandContext context)
    {
        if (!File.Exists(path))
        {
            throw new CommandFailedException($"--credentials {path} does not exist (device create {deviceId} --out {path} writes it)");
        }
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadAllLines(path).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                values[line[..equals].Trim()] = line[(equals + 1)..].Trim();
            }
        }
        if (!values.TryGetValue("mqtt.username", out var user) || !values.TryGetValue("mqtt.password", out var password) || password.Length == 0)
        {
            throw new CommandFailedException($"{path} has no mqtt.username and mqtt.password lines (is it the file from device create --out?)");
        }
        if (user != deviceId)
        {
            throw new CommandFailedException($"{path} holds the credentials of {user}, not {deviceId}");
        }
        if (!values.ContainsKey("configKey"))
        {
            context.Error.WriteLine($"warning: {path} has no configKey: the terminal will refuse pushed configs (nokey). device create writes one.");
        }
        return values;
    }

    private static byte[] CaCertificate(string path)
    {
        if (!File.Exists(path))
        {
            throw new CommandFailedException($"--ca-file {path} does not exist");
        }
        try
        {
            using var certificate = X509CertificateLoader.LoadCertificateFromFile(path);
            return certificate.RawData;
        }
        catch (CryptographicException exception)
        {
            throw new CommandFailedException($"--ca-file {path} is not a certificate (PEM or DER): {exception.Message}");
        }
    }

    private static string Hex64(string path, string what)
    {
        if (!File.Exists(path))
        {
            throw new CommandFailedException($"the {what} file {path} does not exist");
        }
        var text = File.ReadAllText(path).Trim().ToLowerInvariant();
        return text.Length == 64 && text.All(Uri.IsHexDigit)
            ? text
            : throw new CommandFailedException($"{path} must hold the {what}: 64 hex digits (32 bytes)");
    }
}
