using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using TerminalCommandLine = Uitpas.Edge.VirtualTerminal.CommandLine;

namespace Uitpas.Edge.Cli.Tests.Provisioning;

/// <summary>The virtual terminal's command line for provisioning: running from DIR/device.cfg, --provision, --config-key.</summary>
public sealed class VirtualTerminalCommandLineTests : IDisposable
{
    private const string KeyHex = "8f3a1c5e7b9d2f4a6c8e0b1d3f5a7c9e2b4d6f8a0c1e3b5d7f9a2c4e6b8d0f1a";
    private readonly string _data = Path.Combine(Path.GetTempPath(), "uitpas-vtcl-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void Data_folder_with_device_cfg_runs_the_terminal_from_it()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var ca = new CertificateRequest("CN=Test Region CA", key, HashAlgorithmName.SHA256)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        Directory.CreateDirectory(_data);
        File.WriteAllText(Path.Combine(_data, "device.cfg"),
            "device=vt-cfg-01\nwifi.ssid=net\nbroker.host=broker.venue.local\nbroker.tls=true\nbroker.ca=" + Convert.ToBase64String(ca.RawData)
            + "\nmqtt.username=vt-cfg-01\nmqtt.password=pw\nlanguage=en\ncardSystem=12\nsnapshotKey=" + KeyHex + "\nconfigKey=" + KeyHex.ToUpperInvariant() + "\n");

        var parsed = TerminalCommandLine.Parse(["--data", _data, "--reader", "sim"]);

        Assert.Null(parsed.Error);
        var options = parsed.Options!;
        Assert.Equal(("vt-cfg-01", "en", _data), (options.DeviceId, options.Language, options.DataDirectory));
        Assert.Equal(("broker.venue.local", 8883, true, "vt-cfg-01", "pw"),
            (options.Broker.Host, options.Broker.Port, options.Broker.UseTls, options.Broker.Username, options.Broker.Password));
        using var loaded = X509CertificateLoader.LoadCertificateFromFile(options.Broker.CaFile!);
        Assert.Equal(ca.Thumbprint, loaded.Thumbprint);
        Assert.Equal(12u, options.CardSystem);
        Assert.Equal(Convert.FromHexString(KeyHex), options.SnapshotKey);
        Assert.Equal(Convert.FromHexString(KeyHex), options.ConfigKey);
    }

    [Fact]
    public void Data_folder_without_device_cfg_says_how_to_get_one()
    {
        var parsed = TerminalCommandLine.Parse(["--data", _data]);

        Assert.Null(parsed.Options);
        Assert.Contains("device.cfg does not exist", parsed.Error, StringComparison.Ordinal);
        Assert.Contains("--provision", parsed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Unusable_device_cfg_is_refused_naming_the_file_and_line()
    {
        Directory.CreateDirectory(_data);
        File.WriteAllText(Path.Combine(_data, "device.cfg"), "device=vt-1\nwifi.ssid=x\nbroker.host=h\nlanguage=de\n");

        var parsed = TerminalCommandLine.Parse(["--data", _data]);

        Assert.Equal(Path.Combine(_data, "device.cfg") + ", line 4: language must be nl, fr or en", parsed.Error);
    }

    [Fact]
    public void Provision_needs_a_data_folder_and_takes_no_device_settings()
    {
        Assert.Equal("--provision needs --data DIR (where device.cfg is written)", TerminalCommandLine.Parse(["--provision"]).Error);
        Assert.Contains("--broker cannot be given", TerminalCommandLine.Parse(["--data", _data, "--provision", "--broker", "h"]).Error, StringComparison.Ordinal);
        Assert.Contains("exclude each other", TerminalCommandLine.Parse(["--data", _data, "--provision", "--device", "vt-1"]).Error, StringComparison.Ordinal);

        var parsed = TerminalCommandLine.Parse(["--data", _data, "--provision"]);
        Assert.Equal((true, _data, null), (parsed.Provision, parsed.DataDirectory, parsed.Error));
    }

    [Fact]
    public void Config_key_on_the_command_line_is_64_hex_digits()
    {
        var parsed = TerminalCommandLine.Parse(["--device", "vt-1", "--broker", "localhost", "--config-key", KeyHex]);
        Assert.Equal(Convert.FromHexString(KeyHex), parsed.Options!.ConfigKey);

        Assert.Equal("--config-key must be 64 hex digits (the device's 32-byte config key)",
            TerminalCommandLine.Parse(["--device", "vt-1", "--broker", "localhost", "--config-key", "abc"]).Error);
        Assert.Null(TerminalCommandLine.Parse(["--device", "vt-1", "--broker", "localhost"]).Options!.ConfigKey);
    }

    public void Dispose()
    {
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }
}
