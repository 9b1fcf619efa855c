using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using MQTTnet;

namespace Uitpas.Edge.Agent.Broker;

/// <summary>
/// TLS of the agent's connection to an external broker. Without Agent:Broker:External:CaFile the
/// system's trust store decides (UseTls alone). With it, the region's local CA
/// (<c>uitpas-edge ca init</c>'s ca.crt) is the only trust anchor: the broker's certificate must
/// chain to it (custom root trust, not the system store) and name the host the agent dials
/// (Agent:Broker:External:Host, a DNS name or an IP address in the certificate's SAN). A refusal
/// is logged with its reason and kept for /health.
/// </summary>
internal sealed class ExternalBrokerTls
{
    private readonly string _host;
    private readonly X509Certificate2Collection? _anchors;
    private readonly ILogger _logger;
    private volatile string? _lastRefusal;

    private ExternalBrokerTls(string host, X509Certificate2Collection? anchors, ILogger logger)
    {
        _host = host;
        _anchors = anchors;
        _logger = logger;
    }

    /// <summary>Why this side refused the current attempt's handshake (null when it did not).</summary>
    public string? LastRefusal => _lastRefusal;

    /// <summary>Loads the CA file when one is set (validated at start, see <see cref="BrokerOptionsValidator"/>).</summary>
    public static ExternalBrokerTls Create(ExternalBrokerOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var anchors = string.IsNullOrWhiteSpace(options.CaFile) ? null : LoadCa(options.CaFile);
        return new ExternalBrokerTls(options.Host, anchors, logger);
    }

    /// <summary>
    /// The CA certificates in <paramref name="path"/> (PEM, one or more); throws
    /// <see cref="InvalidOperationException"/> naming the file and the setting when it holds none.
    /// </summary>
    public static X509Certificate2Collection LoadCa(string path)
    {
        var certificates = new X509Certificate2Collection();
        try
        {
            certificates.ImportFromPemFile(path);
        }
        catch (Exception exception) when (exception is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new InvalidOperationException($"Agent:Broker:External:CaFile '{path}' is not a readable PEM certificate: {exception.Message}", exception);
        }
        if (certificates.Count == 0)
        {
            throw new InvalidOperationException($"Agent:Broker:External:CaFile '{path}' holds no PEM certificate (expected the region CA's ca.crt from uitpas-edge ca init).");
        }
        return certificates;
    }

    /// <summary>Applies TLS to the client options when <paramref name="useTls"/>.</summary>
    public MqttClientOptionsBuilder Apply(MqttClientOptionsBuilder builder, bool useTls)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!useTls)
        {
            return builder;
        }
        return builder.WithTlsOptions(tls =>
        {
            tls.UseTls().WithSslProtocols(SslProtocols.Tls12 | SslProtocols.Tls13).WithTargetHost(_host);
            if (_anchors is not null)
            {
                tls.WithCertificateValidationHandler(e => Accept(e.Certificate, e.Chain, e.SslPolicyErrors));
            }
        });
    }

    /// <summary>Forgets the last refusal: called before each connection attempt.</summary>
    public void BeginAttempt() => _lastRefusal = null;

    /// <summary>True when the broker's certificate names the host and chains to the CA file's certificates alone.</summary>
    internal bool Accept(X509Certificate? certificate, X509Chain? presented, SslPolicyErrors errors)
    {
        var refusal = Check(certificate, presented, errors);
        if (refusal is null)
        {
            return true;
        }
        _lastRefusal = refusal;
        BrokerLog.ExternalCertificateRefused(_logger, _host, refusal);
        return false;
    }

    private string? Check(X509Certificate? certificate, X509Chain? presented, SslPolicyErrors errors)
    {
        if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0)
        {
            return "the broker sent no certificate";
        }
        if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            return $"the broker's certificate does not name '{_host}' (Agent:Broker:External:Host must be one of its names or addresses)";
        }
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_anchors!);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (presented is not null)
        {
            // Intermediates the broker sent may help build the path; they are never trusted as roots.
            foreach (var element in presented.ChainElements)
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }
        using var server = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        if (chain.Build(server))
        {
            return null;
        }
        var statuses = string.Join("; ", chain.ChainStatus.Select(s => s.Status.ToString()).Distinct(StringComparer.Ordinal));
        return $"the broker's certificate (issued by '{server.Issuer}') does not chain to Agent:Broker:External:CaFile ({statuses})";
    }
}
