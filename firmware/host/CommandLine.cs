using Uitpas.Edge.VirtualTerminal.Adapters;
using Uitpas.Edge.VirtualTerminal.Reader;

namespace Uitpas.Edge.VirtualTerminal;

/// <summary>The virtual terminal's arguments; every mistake gets a sentence, not a stack trace.</summary>
public static class CommandLine
{
    public const string Usage =
        "usage: uitpas-virtual-terminal --device ID --broker HOST[:PORT] [--data DIR] [--lang nl|fr|en] [--username U --password P | --credentials FILE] [--tls [--ca-file CA.PEM]]"
        + " [--reader sim|spi:/dev/spidevB.C[,reset=GPIO][,hz=CLOCK]] [--card-system N --snapshot-key HEX64 [--snapshot-http]] [--config-version N]";

    public sealed record Result(VirtualTerminalOptions? Options, string? Error);

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
            if (name is "--snapshot-http" or "--tls")
            {
                values[name] = "on";
                continue;
            }
            if (name is not ("--device" or "--broker" or "--data" or "--lang" or "--username" or "--password" or "--reader"
                or "--card-system" or "--snapshot-key" or "--config-version" or "--credentials" or "--ca-file"))
            {
                return new Result(null, $"unknown argument '{name}'");
            }
            if (i + 1 >= args.Length)
            {
                return new Result(null, $"{name} needs a value");
            }
            values[name] = args[++i];
        }
        if (!values.TryGetValue("--device", out var device))
        {
            return new Result(null, "--device is required");
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
        var reader = ReaderSpec.TryParse(values.GetValueOrDefault("--reader", "sim"), out var readerError);
        if (reader is null)
        {
            return new Result(null, readerError);
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
            snapshotKey = keyText.Length == 64 && keyText.All(Uri.IsHexDigit) ? Convert.FromHexString(keyText) : null;
            if (snapshotKey is null)
            {
                return new Result(null, "--snapshot-key must be 64 hex digits (the card system's 32-byte snapshot key)");
            }
        }
        uint configVersion = 0;
        if (values.TryGetValue("--config-version", out var configText) && !uint.TryParse(configText, out configVersion))
        {
            return new Result(null, "--config-version must be a number");
        }
        var options = new VirtualTerminalOptions
        {
            ConfigVersion = configVersion,
            CardSystem = cardSystem,
            SnapshotKey = snapshotKey,
            SnapshotHttp = values.ContainsKey("--snapshot-http"),
            Reader = reader,
            DeviceId = device,
            Broker = broker,
            DataDirectory = values.GetValueOrDefault("--data", Path.Combine(".terminal-data", device)),
            Language = values.GetValueOrDefault("--lang", "nl"),
        };
        string? problem = options.ToSettings().Validate() ?? options.ValidateSnapshots();
        return problem is null ? new Result(options, null) : new Result(null, problem);
    }

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
