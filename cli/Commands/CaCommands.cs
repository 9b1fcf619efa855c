using System.Net;
using Uitpas.Edge.Cli.CommandLine;
using Uitpas.Edge.Cli.Pki;

namespace Uitpas.Edge.Cli.Commands;

/// <summary><c>ca init</c> and <c>ca issue-server</c>: the region's local CA and the broker's server certificate.</summary>
public static class CaCommands
{
    /// <summary>The commands of this group.</summary>
    public static IEnumerable<Command> All { get; } =
    [
        new Command(["ca", "init"],
            "Makes the region's local CA in <dir>: ca.crt (give it to terminals and clients) and ca.key (mode 0600, keep it here). Refuses to overwrite.",
            [],
            [
                new OptionSpec("dir", "folder of the PKI (created if missing)", Required: true, ValueName: "pki"),
                new OptionSpec("name", "the CA's common name (default: UiTPAS Edge local CA)", ValueName: "text"),
                new OptionSpec("algorithm", "ecdsa (P-256, default) or rsa (3072 bits)", ValueName: "ecdsa|rsa"),
                new OptionSpec("years", "validity in years (default 10)", ValueName: "n"),
            ],
            Init),
        new Command(["ca", "issue-server"],
            "Issues the broker's TLS server certificate, signed by the CA in <dir>: server.crt and server.key (0600) there.",
            [],
            [
                new OptionSpec("dir", "folder of the PKI (from ca init)", Required: true, ValueName: "pki"),
                new OptionSpec("name", "a DNS name the terminals use for the broker (the first is the subject)", Required: true, Repeatable: true, ValueName: "host"),
                new OptionSpec("ip", "an IP address the terminals use for the broker", Repeatable: true, ValueName: "addr"),
                new OptionSpec("days", "validity in days (default 825)", ValueName: "n"),
                new OptionSpec("out-name", "file names <name>.crt and <name>.key (default server)", ValueName: "name"),
                new OptionSpec("force", "replace an existing certificate and key", TakesValue: false),
            ],
            IssueServer),
    ];

    private static int Init(ParsedArguments arguments, CommandContext context)
    {
        var directory = arguments.Required("dir");
        var algorithm = (arguments.Value("algorithm") ?? "ecdsa") switch
        {
            "ecdsa" => KeyAlgorithm.Ecdsa,
            "rsa" => KeyAlgorithm.Rsa,
            var other => throw new UsageException($"--algorithm must be ecdsa or rsa, not '{other}'"),
        };
        var years = Numbers.Parse(arguments.Value("years"), "years", 10, 1, 30);
        var name = arguments.Value("name") ?? "UiTPAS Edge local CA";
        var ca = LocalCa.Create(directory, name, algorithm, years, context.Clock.GetUtcNow());
        context.Out.WriteLine($"CA '{name}' ({algorithm}, valid until {ca.Certificate.NotAfter:yyyy-MM-dd}) written:");
        context.Out.WriteLine($"  {Path.Combine(directory, LocalCa.CertificateFileName)}  (trust anchor for terminals, Mosquitto cafile)");
        context.Out.WriteLine($"  {Path.Combine(directory, LocalCa.KeyFileName)}  (secret, mode 0600)");
        return ExitCodes.Ok;
    }

    private static int IssueServer(ParsedArguments arguments, CommandContext context)
    {
        var directory = arguments.Required("dir");
        var names = arguments.Values("name");
        foreach (var name in names)
        {
            if (Uri.CheckHostName(name) != UriHostNameType.Dns)
            {
                throw new UsageException($"--name '{name}' is not a DNS host name (use --ip for addresses)");
            }
        }
        var addresses = new List<IPAddress>();
        foreach (var ip in arguments.Values("ip"))
        {
            addresses.Add(IPAddress.TryParse(ip, out var address) ? address : throw new UsageException($"--ip '{ip}' is not an IP address"));
        }
        var days = Numbers.Parse(arguments.Value("days"), "days", 825, 1, 3650);
        var fileName = arguments.Value("out-name") ?? "server";
        if (fileName.Length == 0 || fileName.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || fileName.Contains('.'))
        {
            throw new UsageException($"--out-name '{fileName}' is not a plain file name");
        }
        var ca = LocalCa.Load(directory);
        var issued = ca.IssueServer(directory, fileName, names, addresses, days, arguments.Flag("force"), context.Clock.GetUtcNow());
        context.Out.WriteLine($"Server certificate for {string.Join(", ", names.Concat(addresses.Select(a => a.ToString())))} (valid until {issued.NotAfter:yyyy-MM-dd}) written:");
        context.Out.WriteLine($"  {Path.Combine(directory, fileName + ".crt")}");
        context.Out.WriteLine($"  {Path.Combine(directory, fileName + ".key")}  (secret, mode 0600)");
        return ExitCodes.Ok;
    }
}
