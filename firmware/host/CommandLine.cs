using Uitpas.Edge.VirtualTerminal.Adapters;
using Uitpas.Edge.VirtualTerminal.Reader;

namespace Uitpas.Edge.VirtualTerminal;

/// <summary>The virtual terminal's arguments; every mistake gets a sentence, not a stack trace.</summary>
public static class CommandLine
{
    public const string Usage =
        "usage: uitpas-virtual-terminal --device ID --broker HOST[:PORT] [--data DIR] [--lang nl|fr|en] [--username U --password P]"
        + " [--reader sim|spi:/dev/spidevB.C[,reset=GPIO][,hz=CLOCK]] [--card-system N --snapshot-key HEX64 [--snapshot-http]]";

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
            if (name is "--snapshot-http")
            {
                values[name] = "on";
                continue;
            }
            if (name is not ("--device" or "--broker" or "--data" or "--lang" or "--username" or "--password" or "--reader"
                or "--card-system" or "--snapshot-key"))
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
        var options = new VirtualTerminalOptions
        {
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
}
