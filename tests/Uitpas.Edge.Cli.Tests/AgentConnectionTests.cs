using System.Net;
using System.Net.Sockets;

namespace Uitpas.Edge.Cli.Tests;

/// <summary>The agent commands when the agent cannot be asked: no token file, nobody listening, and the checks that come before either.</summary>
public sealed class AgentConnectionTests : CliTestBase
{
    [Fact]
    public void An_unreachable_agent_is_named_with_the_hint_and_exit_1()
    {
        var agent = NobodyListening();
        var token = Token();

        var run = CliRun.Of("device", "list", "--agent", agent, "--token-file", token);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"error: cannot reach the agent at {agent}: ", run.Error, StringComparison.Ordinal);
        Assert.Contains("(is it running? --agent)", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_agent_and_token_file_come_from_the_environment_when_not_given()
    {
        var agent = NobodyListening();
        var environment = CliRun.Environment(new Dictionary<string, string> { ["UITPAS_EDGE_AGENT"] = agent, ["UITPAS_EDGE_TOKEN_FILE"] = Token() });

        var run = CliRun.Of(environment, "device", "show", "vt-001", "--json");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"cannot reach the agent at {agent}", run.Json().GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_token_file_is_named_with_where_the_agent_writes_it()
    {
        var missing = PathOf("admin.token");

        var run = CliRun.Of("config", "show", "venue", "Vooruit", "--agent", NobodyListening(), "--token-file", missing);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"the admin token file {missing} does not exist", run.Error, StringComparison.Ordinal);
        Assert.Contains("{Agent:DataDirectory}/admin.token", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_agent_url_is_a_usage_error()
    {
        var run = CliRun.Of("device", "list", "--agent", "ftp://agent", "--token-file", Token());

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--agent 'ftp://agent' is not an http:// or https:// URL", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_with_an_existing_out_file_refuses_before_asking_the_agent()
    {
        var secret = PathOf("vt-001.secret");
        File.WriteAllText(secret, "keep");

        var run = CliRun.Of("device", "create", "vt-001", "--kiosk-token", "k", "--out", secret, "--agent", NobodyListening(), "--token-file", Token());

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("exists already; nothing was created", run.Error, StringComparison.Ordinal);
        Assert.Equal("keep", File.ReadAllText(secret));
    }

    private string Token()
    {
        var path = PathOf("token");
        File.WriteAllText(path, "not-used\n");
        return path;
    }

    /// <summary>A loopback URL on a port that was free a moment ago.</summary>
    private static string NobodyListening()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"http://127.0.0.1:{port}";
    }
}
