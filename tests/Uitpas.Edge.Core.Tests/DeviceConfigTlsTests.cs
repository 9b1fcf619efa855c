using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Uitpas.Edge.Core.Provisioning;

namespace Uitpas.Edge.Core.Tests;

/// <summary>
/// The region CA of device.cfg (broker.ca, base64 DER) checked with a real certificate: host-only, it
/// makes a CA with .NET's ECDsa and reads the PEM back with X509Certificate2. The other broker TLS
/// keys are device cases (firmware/device-tests/Cases/Provisioning/DeviceConfigCases.cs).
/// </summary>
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
}
