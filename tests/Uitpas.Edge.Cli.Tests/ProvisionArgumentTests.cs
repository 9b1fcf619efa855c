namespace Uitpas.Edge.Cli.Tests;

/// <summary>device provision's checks that come before the serial port is opened: nothing reaches a board when they fail.</summary>
public sealed class ProvisionArgumentTests : CliTestBase
{
    [Fact]
    public void Credentials_of_another_device_are_refused()
    {
        var run = Provision("vt-001", Secrets("vt-002"), PathOf("port"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("holds the credentials of vt-002, not vt-001", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_port_that_does_not_exist_is_named()
    {
        var port = PathOf("ttyUSB9");

        var run = Provision("vt-001", Secrets("vt-001"), port);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"error: port {port} does not exist", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_short_wifi_password_from_stdin_is_refused()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var code = Cli.CommandLine.CliApp.Run(
            ["device", "provision", "vt-001", "--port", PathOf("port"), "--wifi-ssid", "venue", "--wifi-password-stdin", "--broker", "broker.local", "--credentials", Secrets("vt-001")],
            output, error, CliRun.Environment(input: "short\n"));

        Assert.Equal(1, code);
        Assert.Contains("the WiFi password must be 8 to 63 characters", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_ca_file_that_is_not_a_certificate_is_refused()
    {
        var ca = PathOf("ca.crt");
        File.WriteAllText(ca, "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n");

        var run = Provision("vt-001", Secrets("vt-001"), PathOf("port"), "--tls", "--ca-file", ca);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"--ca-file {ca} is not a certificate", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_snapshot_key_file_without_64_hex_digits_is_refused()
    {
        var key = PathOf("snapshot.key");
        File.WriteAllText(key, "abc\n");

        var run = Provision("vt-001", Secrets("vt-001"), PathOf("port"), "--card-system", "7", "--snapshot-key-file", key);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("must hold the snapshot key: 64 hex digits", run.Error, StringComparison.Ordinal);
    }

    private string Secrets(string user)
    {
        var path = PathOf(user + ".secret");
        File.WriteAllText(path, $"mqtt.username={user}\nmqtt.password=pw-{user}\nconfigKey={new string('a', 64)}\n");
        return path;
    }

    private static CliRun Provision(string id, string credentials, string port, params string[] extra) =>
        CliRun.Of(["device", "provision", id, "--port", port, "--wifi-ssid", "venue", "--broker", "broker.local:1883", "--credentials", credentials, .. extra]);
}
