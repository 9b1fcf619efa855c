using Uitpas.Edge.Core.Provisioning;

namespace Uitpas.Edge.Core.Tests;

public sealed class DeviceConfigTests
{
    private const string Good = "# provisioned\ndevice=vt-001\nwifi.ssid=Bib Gent\nwifi.password=s3cret\nbroker.host=10.0.0.5\nbroker.port=8883\nlanguage=fr\n";

    [Fact]
    public void Provisioned_file_is_read_with_defaults_for_what_it_omits()
    {
        var config = DeviceConfig.Parse(Good, out var error);
        Assert.Null(error);
        Assert.Equal(("vt-001", "Bib Gent", "10.0.0.5", 8883, "fr"),
            (config.DeviceId, config.WifiSsid, config.BrokerHost, config.BrokerPort, config.Language));

        var minimal = DeviceConfig.Parse("device=a\r\nwifi.ssid=x\r\nbroker.host=h", out _);
        Assert.Equal((1883, "nl"), (minimal.BrokerPort, minimal.Language));
    }

    [Theory]
    [InlineData("device=a\nwifi.ssid=x\nbroker.host=h\nbroker.port=70000", "line 4: broker.port")]
    [InlineData("device=A/B\n", "line 1: device id")]
    [InlineData("device=a\nwhat\n", "line 2: expected key=value")]
    [InlineData("device=a\ncolour=red\n", "line 2: unknown key 'colour'")]
    [InlineData("device=a\nbroker.host=h\n", "wifi.ssid is missing")]
    [InlineData("", "device is missing")]
    public void Unusable_file_is_refused_naming_the_line(string text, string expected)
    {
        Assert.Null(DeviceConfig.Parse(text, out var error));
        Assert.StartsWith(expected, error);
    }
}
