using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Uitpas.Edge.Agent.Api;
using Uitpas.Edge.Cli.CommandLine;
using Uitpas.Edge.EndToEnd.Tests;
using Uitpas.Edge.VirtualTerminal.Adapters;
using Terminal = Uitpas.Edge.VirtualTerminal.VirtualTerminal;
using TerminalOptions = Uitpas.Edge.VirtualTerminal.VirtualTerminalOptions;

namespace Uitpas.Edge.Cli.Tests.Infrastructure;

/// <summary>
/// A real agent for the CLI: the end-to-end suite's <see cref="TapSystem"/> (central simulator,
/// agent with its embedded broker) with a password file and the admin API on a free loopback
/// port. <see cref="CliAsync"/> runs the CLI with UITPAS_EDGE_AGENT and UITPAS_EDGE_TOKEN_FILE
/// pointing at it, as the IT workgroup's shell would.
/// </summary>
public sealed class CliSystem : IAsyncDisposable
{
    private CliSystem(TapSystem tap, string agentUrl, string tokenFile, string passwordFile)
    {
        Tap = tap;
        AgentUrl = agentUrl;
        TokenFile = tokenFile;
        PasswordFile = passwordFile;
    }

    public TapSystem Tap { get; }

    /// <summary>http://127.0.0.1:PORT of the admin API.</summary>
    public string AgentUrl { get; }

    public string TokenFile { get; }

    /// <summary>The broker's password file (Agent:Broker:Authentication:PasswordFile).</summary>
    public string PasswordFile { get; }

    /// <summary>A folder for the test's files (secrets, keys).</summary>
    public string Files => Path.Combine(Tap.DataDirectory, "files");

    public string KioskToken => Tap.Central.Seed.DefaultKiosk.Token;

    public static async Task<CliSystem> StartAsync()
    {
        var tap = await TapSystem.StartAsync();
        try
        {
            var endPoint = await tap.RestartWithAdminAsync();
            var server = tap.Agent.Services.GetRequiredService<AdminServer>();
            Directory.CreateDirectory(Path.Combine(tap.DataDirectory, "files"));
            return new CliSystem(tap, $"http://127.0.0.1:{endPoint.Port.ToString(CultureInfo.InvariantCulture)}", server.TokenPath, tap.PasswordFile!);
        }
        catch
        {
            await tap.DisposeAsync();
            throw;
        }
    }

    /// <summary>The CLI against this agent.</summary>
    public Task<CliRun> CliAsync(params string[] args) => CliRun.OfAsync(Environment(), args);

    public CliEnvironment Environment(IReadOnlyDictionary<string, string>? more = null)
    {
        var variables = new Dictionary<string, string> { ["UITPAS_EDGE_AGENT"] = AgentUrl, ["UITPAS_EDGE_TOKEN_FILE"] = TokenFile };
        foreach (var (key, value) in more ?? new Dictionary<string, string>())
        {
            variables[key] = value;
        }
        return CliRun.Environment(variables);
    }

    public string PathOf(string name) => Path.Combine(Files, name);

    /// <summary>A virtual terminal started with the secrets file <c>device create --out</c> wrote.</summary>
    public Task<Terminal> StartTerminalAsync(string id, string secretsFile)
    {
        var values = File.ReadAllLines(secretsFile).Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        return Tap.StartTerminalAsync(new TerminalOptions
        {
            DeviceId = id,
            Broker = new BrokerEndpoint("127.0.0.1", Tap.BrokerPort, values["mqtt.username"], values["mqtt.password"]),
            DataDirectory = Path.Combine(Tap.DataDirectory, id),
            RetapWindowMs = 0,
            ConfigKey = Convert.FromHexString(values["configKey"]),
            StatusRoutineIntervalMs = 1000,
        });
    }

    public ValueTask DisposeAsync() => Tap.DisposeAsync();
}
