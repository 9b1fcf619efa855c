using System.Diagnostics;
using Uitpas.Edge.Cli.Provisioning;
using Uitpas.Edge.VirtualTerminal.Provisioning;

namespace Uitpas.Edge.Cli.Tests.Provisioning;

/// <summary>
/// BoardProvisioner against the real virtual terminal in <c>--provision</c> mode, over the
/// pseudo-terminal it opens: the same Improv bytes a board gets on /dev/ttyUSB0.
/// </summary>
public sealed class BoardProvisionerTests : IDisposable
{
    private static readonly TimeSpan Answer = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Startup = TimeSpan.FromSeconds(60);
    private readonly string _data = Path.Combine(Path.GetTempPath(), "uitpas-improv-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void Virtual_terminal_is_provisioned_over_its_pty_writes_device_cfg_and_starts()
    {
        using var terminal = TerminalProcess.Start("--data", _data, "--provision");
        string port = WaitForPort(terminal);
        var progress = new List<string>();

        var result = BoardProvisioner.Provision(port, Request("vt-prov-01", ("language", "fr")), Answer, progress.Add, CancellationToken.None);

        Assert.True(result.Ok, result.Error);
        Assert.Equal(("Uitpas.Edge", "vt-prov-01"), (result.FirmwareName, result.DeviceName));
        Assert.False(string.IsNullOrEmpty(result.FirmwareVersion));
        Assert.Contains(progress, p => p.Contains("found Uitpas.Edge", StringComparison.Ordinal));
        Assert.DoesNotContain(progress, p => p.Contains("s3cret", StringComparison.Ordinal));
        string written = File.ReadAllText(Path.Combine(_data, "device.cfg"));
        Assert.Contains("device=vt-prov-01\n", written, StringComparison.Ordinal);
        Assert.Contains("configKey=" + ConfigKeyHex + "\n", written, StringComparison.Ordinal);
        Assert.Contains("wifi.ssid=Bib Gent\nwifi.password=s3cret\n", written, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_data, "device.cfg")));
        }
        // It runs from device.cfg now: the idle screen of the provisioned device, in the provisioned language.
        terminal.WaitForLine(l => l == "[vt-prov-01] Présentez votre UiTPAS", Startup);
        // And it still answers on the same port.
        var again = BoardProvisioner.Identify(port, Answer, CancellationToken.None);
        Assert.Equal((true, "vt-prov-01"), (again.Ok, again.DeviceName));
    }

    [Fact]
    public void Refused_settings_write_nothing_and_the_terminal_keeps_waiting()
    {
        using var terminal = TerminalProcess.Start("--data", _data, "--provision");
        string port = WaitForPort(terminal);

        var result = BoardProvisioner.Provision(port, Request("vt-prov-02", ("language", "de")), Answer, _ => { }, CancellationToken.None);

        Assert.False(result.Ok);
        Assert.Equal("the board refused the settings: line 6: language must be nl, fr or en", result.Error);
        Assert.False(File.Exists(Path.Combine(_data, "device.cfg")));
        Assert.False(terminal.HasExited);
        var good = BoardProvisioner.Provision(port, Request("vt-prov-02"), Answer, _ => { }, CancellationToken.None);
        Assert.True(good.Ok, good.Error);
        Assert.DoesNotContain("language=de", File.ReadAllText(Path.Combine(_data, "device.cfg")), StringComparison.Ordinal);
    }

    [Fact]
    public void Port_that_does_not_exist_is_a_clear_error()
    {
        var result = BoardProvisioner.Provision("/dev/ttyUSB-uitpas-missing", Request("vt-x"), Answer, _ => { }, CancellationToken.None);

        Assert.Equal((false, "port /dev/ttyUSB-uitpas-missing does not exist"), (result.Ok, result.Error));
    }

    [Fact]
    public void Port_where_nothing_answers_fails_with_did_not_answer_within_the_timeout()
    {
        using var silent = PseudoTerminal.Open();
        var watch = Stopwatch.StartNew();

        var result = BoardProvisioner.Identify(silent.Path, TimeSpan.FromSeconds(1), CancellationToken.None);

        Assert.Equal((false, $"the board on {silent.Path} did not answer within 1 s"), (result.Ok, result.Error));
        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Setting_that_is_not_one_line_is_refused_before_the_port_is_touched()
    {
        var result = BoardProvisioner.Provision("/dev/ttyUSB-uitpas-missing",
            new ProvisioningRequest([new("device", "vt-1\nbroker.host=evil")], "", ""), Answer, _ => { }, CancellationToken.None);

        Assert.Equal("setting 'device' must be one line", result.Error);
    }

    public void Dispose()
    {
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    private const string ConfigKeyHex = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    private string WaitForPort(TerminalProcess terminal)
    {
        string line = terminal.WaitForLine(l => l.StartsWith("provisioning: waiting on ", StringComparison.Ordinal), Startup);
        string port = line["provisioning: waiting on ".Length..];
        Assert.Equal(port, File.ReadAllText(Path.Combine(_data, "serial-port")).Trim());
        return port;
    }

    /// <summary>A request as <c>device provision</c> makes it, plus extra settings (lines 6 and on).</summary>
    private static ProvisioningRequest Request(string device, params (string Key, string Value)[] extra)
    {
        List<KeyValuePair<string, string>> settings =
        [
            new("device", device),
            new("broker.host", "127.0.0.1"),
            // Nothing listens on port 1: the terminal starts, shows its screen and keeps retrying the broker.
            new("broker.port", "1"),
            new("mqtt.username", device),
            new("configKey", ConfigKeyHex),
        ];
        settings.AddRange(extra.Select(e => new KeyValuePair<string, string>(e.Key, e.Value)));
        return new ProvisioningRequest(settings, "Bib Gent", "s3cret");
    }
}
