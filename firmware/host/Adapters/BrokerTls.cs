using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using MQTTnet;

namespace Uitpas.Edge.VirtualTerminal.Adapters;

/// <summary>
/// The terminal's TLS settings for MQTTnet: TLS 1.2 or 1.3, the broker's host name checked
/// against its certificate, and, with a CA file, that CA as the only trust anchor (the region's
/// local CA made by <c>uitpas-edge ca init</c>); without one, the system's trust store.
/// </summary>
public static class BrokerTls
{
    /// <summary>Loads the CA file; null with <paramref name="error"/> when it is not a PEM or DER certificate.</summary>
    public static X509Certificate2? TryLoadCa(string path, out string? error)
    {
        error = null;
        try
        {
            return X509CertificateLoader.LoadCertificateFromFile(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            error = $"--ca-file '{path}' is not a readable certificate: {exception.Message}";
            return null;
        }
    }

    /// <summary>Applies TLS to the client options when the endpoint asks for it.</summary>
    public static MqttClientOptionsBuilder Apply(MqttClientOptionsBuilder options, BrokerEndpoint broker)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(broker);
        if (!broker.UseTls)
        {
            return options;
        }
        var ca = broker.CaFile is null ? null : TryLoadCa(broker.CaFile, out _);
        return options.WithTlsOptions(tls =>
        {
            tls.UseTls().WithSslProtocols(SslProtocols.Tls12 | SslProtocols.Tls13).WithTargetHost(broker.Host);
            if (broker.CaFile is not null)
            {
                tls.WithCertificateValidationHandler(e => ca is not null && IsTrusted(ca, e.Certificate, e.SslPolicyErrors));
            }
        });
    }

    /// <summary>True when <paramref name="certificate"/> names the host and chains to <paramref name="ca"/> alone.</summary>
    public static bool IsTrusted(X509Certificate2 ca, X509Certificate certificate, SslPolicyErrors errors)
    {
        ArgumentNullException.ThrowIfNull(ca);
        if (certificate is null || (errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) != 0)
        {
            return false;
        }
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var server = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return chain.Build(server);
    }
}
