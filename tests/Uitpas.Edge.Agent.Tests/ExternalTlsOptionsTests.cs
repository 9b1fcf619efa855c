using Uitpas.Edge.Agent.Broker;

namespace Uitpas.Edge.Agent.Tests;

/// <summary>Agent:Broker:External:CaFile is checked at start: it must exist, hold a PEM certificate and go with UseTls.</summary>
public sealed class ExternalTlsOptionsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("uitpas-external-tls-options-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void A_missing_ca_file_is_refused_at_start_with_its_name()
    {
        var missing = Path.Combine(_directory, "nowhere.crt");

        var failures = Validate(missing, useTls: true);

        Assert.Contains(failures, f => f.StartsWith($"Agent:Broker:External:CaFile '{missing}' does not exist", StringComparison.Ordinal));
    }

    [Fact]
    public void A_ca_file_without_a_pem_certificate_is_refused_at_start()
    {
        var garbage = Path.Combine(_directory, "garbage.crt");
        File.WriteAllText(garbage, "not a certificate\n");

        var failures = Validate(garbage, useTls: true);

        Assert.Contains(failures, f => f.StartsWith($"Agent:Broker:External:CaFile '{garbage}'", StringComparison.Ordinal) && f.Contains("PEM certificate", StringComparison.Ordinal));
    }

    [Fact]
    public void A_ca_file_without_tls_is_refused_at_start()
    {
        var failures = Validate(WriteCa(), useTls: false);

        Assert.Equal(["Agent:Broker:External:CaFile is set but Agent:Broker:External:UseTls is not true: the connection would not be encrypted."], failures);
    }

    [Fact]
    public void A_pem_ca_file_with_tls_is_accepted()
    {
        Assert.Empty(Validate(WriteCa(), useTls: true));
    }

    private string WriteCa()
    {
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=test CA", key, System.Security.Cryptography.HashAlgorithmName.SHA256);
        using var ca = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var path = Path.Combine(_directory, "ca.crt");
        File.WriteAllText(path, ca.ExportCertificatePem());
        return path;
    }

    private static IReadOnlyList<string> Validate(string caFile, bool useTls)
    {
        var options = new BrokerOptions
        {
            Mode = BrokerMode.External,
            External = new ExternalBrokerOptions { Host = "broker.venue.local", Port = 8883, UseTls = useTls, CaFile = caFile },
        };
        var result = new BrokerOptionsValidator().Validate(null, options);
        return result.Failed ? [.. result.Failures] : [];
    }
}
