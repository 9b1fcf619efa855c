namespace Uitpas.Edge.Cli.Tests;

public sealed class MosquittoCommandTests : CliTestBase
{
    [Fact]
    public void Broker_mosquitto_writes_a_tls_config_and_an_acl_binding_each_device_to_its_topics_and_card_system()
    {
        var (passwd, devices, pki) = Region("""{"Agent":{"Devices":[{"Id":"vt-001","CardSystemId":42},{"Id":"vt-002"},{"Id":"vt-003","CardSystemId":"7"}]}}""");
        var output = PathOf("mosquitto");

        var run = CliRun.Of("broker", "mosquitto", "--passwd", passwd, "--devices", devices, "--pki", pki, "--out", output,
            "--agent-user", "agent-1", "--agent-user", "agent-2", "--port", "18883", "--local-port", "0");

        Assert.Equal(0, run.ExitCode);
        var config = File.ReadAllLines(Path.Combine(output, "mosquitto.conf"));
        Assert.Contains("allow_anonymous false", config);
        Assert.Contains($"password_file {passwd}", config);
        Assert.Contains($"acl_file {Path.Combine(output, "acl")}", config);
        Assert.Contains("listener 18883", config);
        Assert.Contains($"cafile {Path.Combine(pki, "ca.crt")}", config);
        Assert.Contains($"certfile {Path.Combine(pki, "server.crt")}", config);
        Assert.Contains($"keyfile {Path.Combine(pki, "server.key")}", config);
        Assert.Contains("use_username_as_clientid true", config);
        Assert.DoesNotContain(config, l => l.StartsWith("listener 1883", StringComparison.Ordinal));
        var acl = File.ReadAllText(Path.Combine(output, "acl"));
        Assert.Contains("pattern write uitpas/v1/t/%u/tap\n", acl, StringComparison.Ordinal);
        Assert.Contains("pattern read uitpas/v1/t/%u/result\n", acl, StringComparison.Ordinal);
        Assert.Contains("pattern read uitpas/v1/t/%u/config\n", acl, StringComparison.Ordinal);
        Assert.Contains("user vt-001\ntopic read uitpas/v1/cs/42/allowlist\n", acl, StringComparison.Ordinal);
        Assert.Contains("user vt-003\ntopic read uitpas/v1/cs/7/allowlist\n", acl, StringComparison.Ordinal);
        Assert.DoesNotContain("user vt-002", acl, StringComparison.Ordinal);
        Assert.Contains("user agent-2\ntopic readwrite uitpas/v1/#\n", acl, StringComparison.Ordinal);
        Assert.DoesNotContain("pattern read uitpas/v1/t/%u/tap", acl, StringComparison.Ordinal);
        Assert.Contains("agent-1 has no password", run.Error, StringComparison.Ordinal);
        Assert.Contains("vt-003 has no password", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("vt-001 has no password", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"Agent":{"Devices":[{"Id":"VT 1"}]}}""", "Agent:Devices:0:Id is missing or not a device id")]
    [InlineData("""{"Agent":{"Devices":[{"Id":"vt-1"},{"Id":"vt-1"}]}}""", "Agent:Devices:1:Id 'vt-1' is listed twice")]
    [InlineData("""{"Agent":{"Devices":[{"Id":"vt-1","CardSystemId":-3}]}}""", "Agent:Devices:0:CardSystemId must be")]
    [InlineData("""{"Agent":{}}""", "has no Agent:Devices list")]
    [InlineData("""{"Agent": [""", "is not JSON")]
    public void A_bad_devices_file_fails_with_the_entry_named_and_writes_nothing(string json, string message)
    {
        var (passwd, devices, pki) = Region(json);
        var output = PathOf("mosquitto");

        var run = CliRun.Of("broker", "mosquitto", "--passwd", passwd, "--devices", devices, "--pki", pki, "--out", output);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.False(System.IO.Directory.Exists(output));
    }

    [Fact]
    public void A_missing_server_certificate_is_named_with_the_command_that_makes_it()
    {
        var (passwd, devices, pki) = Region("""{"Devices":[{"Id":"vt-1"}]}""");
        File.Delete(Path.Combine(pki, "server.crt"));

        var run = CliRun.Of("broker", "mosquitto", "--passwd", passwd, "--devices", devices, "--pki", pki, "--out", PathOf("m"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("server.crt does not exist", run.Error, StringComparison.Ordinal);
        Assert.Contains("ca issue-server", run.Error, StringComparison.Ordinal);
    }

    private (string Passwd, string Devices, string Pki) Region(string devicesJson)
    {
        var passwd = PathOf("passwd");
        var devices = PathOf("devices.json");
        var pki = PathOf("pki");
        File.WriteAllText(devices, devicesJson);
        Assert.Equal(0, CliRun.Of("device", "credentials", "vt-001", "--passwd", passwd).ExitCode);
        Assert.Equal(0, CliRun.Of("agent", "credentials", "agent-2", "--passwd", passwd).ExitCode);
        Assert.Equal(0, CliRun.Of("ca", "init", "--dir", pki).ExitCode);
        Assert.Equal(0, CliRun.Of("ca", "issue-server", "--dir", pki, "--name", "localhost").ExitCode);
        return (passwd, devices, pki);
    }
}
