using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Uitpas.Edge.Core.Provisioning;

namespace Uitpas.Edge.Core.Tests;

/// <summary>The broker TLS keys of device.cfg: broker.tls and the region CA as base64 DER.</summary>
public sealed class DeviceConfigTlsTests
{
    private const string Base = "device=vt-001\nwifi.ssid=Bib\nbroker.host=broker.venue.local\nmqtt.username=vt-001\nmqtt.password=pw\n";

    [Fact]
    public void Tls_with_the_region_ca_defaults_to_port_8883_and_gives_the_ca_back_as_pem()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var ca = new CertificateRequest("CN=test CA", key, HashAlgorithmName.SHA256).CreateSelfSigned(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddYears(1));
        var base64 = Convert.ToBase64String(ca.RawData);

        var config = DeviceConfig.Parse(Base + "broker.tls=true\nbroker.ca=" + base64 + "\n", out var error);

        Assert.Null(error);
        Assert.True(config.BrokerTls);
        Assert.Equal(8883, config.BrokerPort);
        Assert.Equal(ca.RawData, config.BrokerCaCertificate);
        using var fromPem = X509Certificate2.CreateFromPem(config.BrokerCaPem);
        Assert.Equal(ca.Thumbprint, fromPem.Thumbprint);
    }

    [Fact]
    public void An_explicit_port_wins_and_tls_is_off_by_default()
    {
        var tls = DeviceConfig.Parse(Base + "broker.port=18883\nbroker.tls=true\n", out _);
        var plain = DeviceConfig.Parse(Base, out _);

        Assert.Equal(18883, tls.BrokerPort);
        Assert.Null(tls.BrokerCaPem);
        Assert.False(plain.BrokerTls);
        Assert.Equal(1883, plain.BrokerPort);
    }

    [Theory]
    [InlineData("broker.tls=yes\n", "line 6: broker.tls must be true or false")]
    [InlineData("broker.tls=true\nbroker.ca=not base64!\n", "line 7: broker.ca must be")]
    [InlineData("broker.tls=true\nbroker.ca=AA=A\n", "line 7: broker.ca must be")]
    [InlineData("broker.tls=true\nbroker.ca=QUJD\n", "line 7: broker.ca must be")]
    [InlineData("broker.ca=MIIBkTCB+wIJAKHHIG8Z0zTBMA0GCSqGSIb3DQEBCwUAMBExDzANBgNVBAMMBnRlc3RDQTAeFw0yNjAxMDEwMDAwMDBaFw0zNjAxMDEwMDAwMDBa\n", "broker.tls is not true")]
    public void Bad_tls_keys_are_named_and_refused(string extra, string message)
    {
        var config = DeviceConfig.Parse(Base + extra, out var error);

        Assert.Null(config);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }
}
