using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Uitpas.Edge.Agent.Broker;
using Uitpas.Edge.Cli.CommandLine;
using Uitpas.Edge.VirtualTerminal;

namespace Uitpas.Edge.EndToEnd.Tests;

/// <summary>
/// A virtual terminal set up as the docs say: credentials and CA from the CLI, given on its
/// command line (--credentials, --tls --ca-file), against the agent's TLS listener with a
/// password file; a tap checks in end to end.
/// </summary>
public sealed class SecureTerminalTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);
    private readonly string _directory = Directory.CreateTempSubdirectory("uitpas-e2e-secure-").FullName;
    private TapSystem _system = null!;

    public async Task InitializeAsync()
    {
        var pki = Path.Combine(_directory, "pki");
        var passwd = Path.Combine(_directory, "passwd");
        Cli("ca", "init", "--dir", pki);
        Cli("ca", "issue-server", "--dir", pki, "--name", "localhost", "--ip", "127.0.0.1");
        Cli("device", "credentials", TapSystem.DeviceIds[0], "--passwd", passwd, "--out", Path.Combine(_directory, "e2e-01.cred"));
        _system = await TapSystem.StartAsync();
        // TapSystem starts an open agent; this one starts again with a password file and TLS.
        await _system.StopAgentAsync();
        _system.ConfigureAgent = settings =>
        {
            settings["Agent:Broker:Authentication:PasswordFile"] = passwd;
            settings["Agent:Broker:Embedded:Tls:Enabled"] = "true";
            settings["Agent:Broker:Embedded:Tls:Port"] = "0";
            settings["Agent:Broker:Embedded:Tls:CertificateFile"] = Path.Combine(pki, "server.crt");
            settings["Agent:Broker:Embedded:Tls:KeyFile"] = Path.Combine(pki, "server.key");
        };
        await _system.StartAgentAsync();
    }

    public async Task DisposeAsync()
    {
        await _system.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task A_terminal_with_cli_credentials_over_tls_checks_a_card_in()
    {
        var tls = _system.Agent.Services.GetRequiredService<EmbeddedBroker>().TlsEndPoint!;
        var parsed = CommandLine.Parse(
        [
            "--device", TapSystem.DeviceIds[0],
            "--broker", "127.0.0.1:" + tls.Port.ToString(CultureInfo.InvariantCulture),
            "--credentials", Path.Combine(_directory, "e2e-01.cred"),
            "--tls", "--ca-file", Path.Combine(_directory, "pki", "ca.crt"),
            "--data", Path.Combine(_directory, "terminal"),
        ]);
        Assert.Null(parsed.Error);
        var terminal = await _system.StartTerminalAsync(parsed.Options!);
        var card = _system.Central.Seed.GoodCards[0];

        var seen = await terminal.TapAsync(card.ChipNumber, Timeout);

        Assert.Equal("Ingecheckt", seen.Screen.Title);
        Assert.Equal(1, _system.Central.State.CheckinCountForChip(card.ChipNumber));
    }

    [Theory]
    [InlineData("--ca-file", "ca.crt", "--ca-file goes with --tls")]
    [InlineData("--credentials", "missing.cred", "cannot be read")]
    public void Bad_access_arguments_of_the_virtual_terminal_are_named(string option, string file, string message)
    {
        var parsed = CommandLine.Parse(["--device", "e2e-01", "--broker", "localhost", option, Path.Combine(_directory, "pki", file)]);

        Assert.Null(parsed.Options);
        Assert.Contains(message, parsed.Error, StringComparison.Ordinal);
    }

    private static void Cli(params string[] args)
    {
        var error = new StringWriter();
        Assert.True(CliApp.Run(args, new StringWriter(), error) == 0, $"uitpas-edge {string.Join(' ', args)}: {error}");
    }
}
