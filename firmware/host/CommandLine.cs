using Uitpas.Edge.VirtualTerminal.Adapters;
using Uitpas.Edge.VirtualTerminal.Provisioning;
using Uitpas.Edge.VirtualTerminal.Reader;

namespace Uitpas.Edge.VirtualTerminal;

/// <summary>The virtual terminal's arguments; every mistake gets a sentence, not a stack trace.</summary>
public static class CommandLine
{
    public const string Usage =
        "usage: uitpas-virtual-terminal --device ID --broker HOST[:PORT] [--data DIR] [--lang nl|fr|en] [--username U --password P | --credentials FILE] [--tls [--ca-file CA.PEM]]"
        + " [--reader sim|spi:/dev/spidevB.C[,reset=GPIO][,hz=CLOCK]] [--card-system N --snapshot-key HEX64 [--snapshot-http]] [--config-key HEX64] [--config-version N] [--display ascii]\n"
        + "   or: uitpas-virtual-terminal --data DIR [--provision] [--reader …] [--snapshot-http] [--config-version N]\n"
        + "       runs from DIR/device.cfg; --provision first serves Improv on a pseudo-terminal (its path is printed and written to DIR/serial-port) until a commit writes DIR/device.cfg";

    /// <summary>
    /// Options to run with, or an error, or neither (help). <see cref="Provision"/>: serve Improv
    /// for <see cref="DataDirectory"/> first, then parse again (device.cfg then exists).
    /// </summary>
    public sealed record Result(VirtualTerminalOptions? Options, string? Error, bool Provision = false, string? DataDirectory = null);

    /// <summary>What device.cfg provides: not on the command line when running from it.</summary>
    private static readonly string[] ProvisionedArguments =
        ["--broker", "--lang", "--username", "--password", "--credentials", "--tls", "--ca-file", "--card-system", "--snapshot-key", "--config-key"];

    public static Result Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < args.Length; i++)
        {
            string name = args[i];
            if (name is "-h" or "--help")
            {
                return new Result(null, null);
            }
            if (name is "--snapshot-http" or "--tls" or "--provision")
            {
                values[name] = "on";
                continue;
            }
            if (name is not ("--device" or "--broker" or "--data" or "--lang" or "--username" or "--password" or "--reader"
                or "--card-system" or "--snapshot-key" or "--config-key" or "--config-version" or "--credentials" or "--ca-file"))
            {
                return new Result(null, $"unknown argument '{name}'");
            }
            if (i + 1 >= args.Length)
            {
                return new Result(null, $"{name} needs a value");
            }
            values[name] = args[++i];
        }
        if (values.ContainsKey("--provision") || (!values.ContainsKey("--device") && values.ContainsKey("--data")))
        {
            return ParseProvisioned(values);
        }
        if (!values.TryGetValue("--device", out var device))
        {
            return new Result(null, "--device is required (or --data DIR with a DIR/device.cfg, or --data DIR --provision)");
        }
        if (!values.TryGetValue("--broker", out var brokerText))
        {
            return new Result(null, "--broker is required");
        }
        var broker = BrokerEndpoint.TryParse(brokerText, out var brokerError);
        if (broker is null)
        {
            return new Result(null, brokerError);
        }
        if (values.TryGetValue("--username", out var user))
        {
            broker = broker with { Username = user, Password = values.GetValueOrDefault("--password", string.Empty) };
        }
        var access = ParseAccess(values, broker, brokerText);
        if (access.Error is not null)
        {
            return new Result(null, access.Error);
        }
        broker = access.Broker!;
        var common = ParseCommon(values);
        if (common.Error is not null)
        {
            return new Result(null, common.Error);
        }
        uint? cardSystem = null;
        if (values.TryGetValue("--card-system", out var cardSystemText))
        {
            if (!uint.TryParse(cardSystemText, out uint cs) || cs == 0)
            {
                return new Result(null, "--card-system must be a positive number");
            }
            cardSystem = cs;
        }
        byte[]? snapshotKey = null;
        if (values.TryGetValue("--snapshot-key", out var keyText))
        {
            snapshotKey = ParseKey(keyText);
            if (snapshotKey is null)
            {
                return new Result(null, "--snapshot-key must be 64 hex digits (the card system's 32-byte snapshot key)");
            }
        }
        byte[]? configKey = null;
        if (values.TryGetValue("--config-key", out var configKeyText))
        {
            configKey = ParseKey(configKeyText);
            if (configKey is null)
            {
                return new Result(null, "--config-key must be 64 hex digits (the device's 32-byte config key)");
            }
        }
        var options = new VirtualTerminalOptions
        {
            ConfigVersion = common.ConfigVersion,
            CardSystem = cardSystem,
            SnapshotKey = snapshotKey,
            ConfigKey = configKey,
            SnapshotHttp = values.ContainsKey("--snapshot-http"),
            Reader = common.Reader!,
            DeviceId = device,
            Broker = broker,
            DataDirectory = values.GetValueOrDefault("--data", Path.Combine(".terminal-data", device)),
            Language = values.GetValueOrDefault("--lang", "nl"),
        };
        return Checked(options);
    }

    /// <summary>--data DIR without --device: run from DIR/device.cfg (after serving Improv with --provision).</summary>
    private static Result ParseProvisioned(Dictionary<string, string> values)
    {
        if (!values.TryGetValue("--data", out var directory))
        {
            return new Result(null, "--provision needs --data DIR (where device.cfg is written)");
        }
        if (values.ContainsKey("--device"))
        {
            return new Result(null, "--provision and --device exclude each other: the device id comes from device.cfg");
        }
        string? given = ProvisionedArguments.FirstOrDefault(values.ContainsKey);
        if (given is not null)
        {
            return new Result(null, $"{given} cannot be given when running from {Path.Combine(directory, ProvisioningDevice.FileName)}: it is a device.cfg setting");
        }
        var common = ParseCommon(values);
        if (common.Error is not null)
        {
            return new Result(null, common.Error);
        }
        if (values.ContainsKey("--provision"))
        {
            return new Result(null, null, Provision: true, DataDirectory: directory);
        }
        if (!DeviceConfigOptions.Exists(directory))
        {
            return new Result(null, $"{Path.Combine(directory, ProvisioningDevice.FileName)} does not exist: give --device and --broker, or provision it with --provision");
        }
        var config = DeviceConfigOptions.Read(directory, out var error);
        if (config is null)
        {
            return new Result(null, error);
        }
        return Checked(DeviceConfigOptions.ToOptions(config, directory, common.Reader!, values.ContainsKey("--snapshot-http"), common.ConfigVersion));
    }

    private static (ReaderSpec? Reader, uint ConfigVersion, string? Error) ParseCommon(Dictionary<string, string> values)
    {
        var reader = ReaderSpec.TryParse(values.GetValueOrDefault("--reader", "sim"), out var readerError);
        if (reader is null)
        {
            return (null, 0, readerError);
        }
        uint configVersion = 0;
        if (values.TryGetValue("--config-version", out var configText) && !uint.TryParse(configText, out configVersion))
        {
            return (null, 0, "--config-version must be a number");
        }
        return (reader, configVersion, null);
    }

    private static Result Checked(VirtualTerminalOptions options)
    {
        string? problem = options.ToSettings().Validate() ?? options.ValidateSnapshots() ?? options.ValidateConfigKey();
        return problem is null ? new Result(options, null) : new Result(null, problem);
    }

    private static byte[]? ParseKey(string text) => text.Length == 64 && text.All(Uri.IsHexDigit) ? Convert.FromHexString(text) : null;

    /// <summary>--credentials FILE (from uitpas-edge device credentials --out), --tls and --ca-file; TLS without a port means 8883.</summary>
    private static (BrokerEndpoint? Broker, string? Error) ParseAccess(Dictionary<string, string> values, BrokerEndpoint broker, string brokerText)
    {
        if (values.TryGetValue("--credentials", out var credentialsFile))
        {
            if (values.ContainsKey("--username") || values.ContainsKey("--password"))
            {
                return (null, "--credentials and --username/--password exclude each other");
            }
            var credentials = BrokerEndpoint.TryReadCredentials(credentialsFile, out var error);
            if (credentials is null)
            {
                return (null, error);
            }
            broker = broker with { Username = credentials.Value.User, Password = credentials.Value.Password };
        }
        var tls = values.ContainsKey("--tls");
        if (values.TryGetValue("--ca-file", out var caFile))
        {
            if (!tls)
            {
                return (null, "--ca-file goes with --tls");
            }
            using var ca = BrokerTls.TryLoadCa(caFile, out var error);
            if (ca is null)
            {
                return (null, error);
            }
        }
        if (tls)
        {
            broker = broker with { UseTls = true, CaFile = caFile, Port = brokerText.Contains(':', StringComparison.Ordinal) ? broker.Port : 8883 };
        }
        return (broker, null);
    }
}
