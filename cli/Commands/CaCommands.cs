using System.CommandLine;
using System.Net;
using Uitpas.Edge.Cli.CommandLine;
using Uitpas.Edge.Cli.Pki;
using static Uitpas.Edge.Cli.CommandLine.Options;

namespace Uitpas.Edge.Cli.Commands;

/// <summary><c>ca init</c> and <c>ca issue-server</c>: the region's local CA and the broker's server certificate.</summary>
internal static class CaCommands
{
    public static Command Build(CliSession session)
    {
        var dir = Text("--dir", "folder of the PKI (created if missing)", "pki", required: true);
        var name = Text("--name", "the CA's common name (default: UiTPAS Edge local CA)", "text");
        var algorithm = Text("--algorithm", "ecdsa (P-256, default) or rsa (3072 bits)", "ecdsa|rsa");
        var years = Text("--years", "validity in years (default 10)", "n");
        var init = Command("init", "Makes the region's local CA in --dir: ca.crt (give it to terminals and clients) and ca.key (mode 0600, keep it here). Refuses to overwrite.",
            dir, name, algorithm, years);
        session.Handle(init, context => Init(context, dir, name, algorithm, years));

        var serverDir = Text("--dir", "folder of the PKI (from ca init)", "pki", required: true);
        var names = Many("--name", "a DNS name the terminals use for the broker (repeatable; the first is the subject)", "host", required: true);
        var ips = Many("--ip", "an IP address the terminals use for the broker (repeatable)", "addr");
        var days = Text("--days", "validity in days (default 825)", "n");
        var outName = Text("--out-name", "file names <name>.crt and <name>.key (default server)", "name");
        var force = Flag("--force", "replace an existing certificate and key");
        var issue = Command("issue-server", "Issues the broker's TLS server certificate, signed by the CA in --dir: server.crt and server.key (0600) there.",
            serverDir, names, ips, days, outName, force);
        session.Handle(issue, context => IssueServer(context, serverDir, names, ips, days, outName, force));

        return Command("ca", "The region's local CA and the broker's TLS certificate.", init, issue);
    }

    private static int Init(CommandContext context, Option<string> dirOption, Option<string> nameOption, Option<string> algorithmOption, Option<string> yearsOption)
    {
        var directory = context.Get(dirOption)!;
        var algorithm = (context.Get(algorithmOption) ?? "ecdsa") switch
        {
            "ecdsa" => KeyAlgorithm.Ecdsa,
            "rsa" => KeyAlgorithm.Rsa,
            var other => throw new UsageException($"--algorithm must be ecdsa or rsa, not '{other}'"),
        };
        var years = Numbers.Parse(context.Get(yearsOption), "years", 10, 1, 30);
        var name = context.Get(nameOption) ?? "UiTPAS Edge local CA";
        var ca = LocalCa.Create(directory, name, algorithm, years, context.Clock.GetUtcNow());
        var certificate = Path.Combine(directory, LocalCa.CertificateFileName);
        var key = Path.Combine(directory, LocalCa.KeyFileName);
        if (context.Json)
        {
            context.WriteJson(new { name, algorithm = algorithm.ToString().ToLowerInvariant(), notAfter = ca.Certificate.NotAfter.ToUniversalTime(), certificate, key });
            return ExitCodes.Ok;
        }
        context.Out.WriteLine($"CA '{name}' ({algorithm}, valid until {ca.Certificate.NotAfter:yyyy-MM-dd}) written:");
        context.Out.WriteLine($"  {certificate}  (trust anchor for terminals, Mosquitto cafile)");
        context.Out.WriteLine($"  {key}  (secret, mode 0600)");
        return ExitCodes.Ok;
    }

    private static int IssueServer(CommandContext context, Option<string> dirOption, Option<string[]> namesOption, Option<string[]> ipsOption,
        Option<string> daysOption, Option<string> outNameOption, Option<bool> forceOption)
    {
        var directory = context.Get(dirOption)!;
        var names = context.Get(namesOption) ?? [];
        foreach (var name in names)
        {
            if (Uri.CheckHostName(name) != UriHostNameType.Dns)
            {
                throw new UsageException($"--name '{name}' is not a DNS host name (use --ip for addresses)");
            }
        }
        var addresses = new List<IPAddress>();
        foreach (var ip in context.Get(ipsOption) ?? [])
        {
            addresses.Add(IPAddress.TryParse(ip, out var address) ? address : throw new UsageException($"--ip '{ip}' is not an IP address"));
        }
        var days = Numbers.Parse(context.Get(daysOption), "days", 825, 1, 3650);
        var fileName = context.Get(outNameOption) ?? "server";
        if (fileName.Length == 0 || fileName.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || fileName.Contains('.'))
        {
            throw new UsageException($"--out-name '{fileName}' is not a plain file name");
        }
        var ca = LocalCa.Load(directory);
        var issued = ca.IssueServer(directory, fileName, names, addresses, days, context.Get(forceOption), context.Clock.GetUtcNow());
        var certificate = Path.Combine(directory, fileName + ".crt");
        var key = Path.Combine(directory, fileName + ".key");
        if (context.Json)
        {
            context.WriteJson(new { names, addresses = addresses.Select(a => a.ToString()).ToArray(), notAfter = issued.NotAfter.ToUniversalTime(), certificate, key });
            return ExitCodes.Ok;
        }
        context.Out.WriteLine($"Server certificate for {string.Join(", ", names.Concat(addresses.Select(a => a.ToString())))} (valid until {issued.NotAfter:yyyy-MM-dd}) written:");
        context.Out.WriteLine($"  {certificate}");
        context.Out.WriteLine($"  {key}  (secret, mode 0600)");
        return ExitCodes.Ok;
    }
}
