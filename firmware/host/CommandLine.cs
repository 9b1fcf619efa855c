using Uitpas.Edge.VirtualTerminal.Adapters;
using Uitpas.Edge.VirtualTerminal.Reader;

namespace Uitpas.Edge.VirtualTerminal;

/// <summary>The virtual terminal's arguments; every mistake gets a sentence, not a stack trace.</summary>
public static class CommandLine
{
    public const string Usage =
        "usage: uitpas-virtual-terminal --device ID --broker HOST[:PORT] [--data DIR] [--lang nl|fr|en] [--username U --password P]"
        + " [--reader sim|spi:/dev/spidevB.C[,reset=GPIO][,hz=CLOCK]]";

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
            if (name is not ("--device" or "--broker" or "--data" or "--lang" or "--username" or "--password" or "--reader"))
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
        var options = new VirtualTerminalOptions
        {
            Reader = reader,
            DeviceId = device,
            Broker = broker,
            DataDirectory = values.GetValueOrDefault("--data", Path.Combine(".terminal-data", device)),
            Language = values.GetValueOrDefault("--lang", "nl"),
        };
        string? problem = options.ToSettings().Validate();
        return problem is null ? new Result(options, null) : new Result(null, problem);
    }
}
