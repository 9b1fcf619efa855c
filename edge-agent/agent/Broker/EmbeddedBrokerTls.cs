using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using MQTTnet.Server;

namespace Uitpas.Edge.Agent.Broker;

/// <summary>The embedded broker's TLS listener: the PEM certificate and key made by <c>uitpas-edge ca issue-server</c>, TLS 1.2 or 1.3.</summary>
internal static class EmbeddedBrokerTls
{
    /// <summary>Turns the encrypted endpoint on when Tls:Enabled; returns its bind address, or null when TLS is off.</summary>
    public static IPAddress? Configure(MqttServerOptions serverOptions, EmbeddedBrokerOptions options)
    {
        var tls = options.Tls;
        if (!tls.Enabled)
        {
            return null;
        }
        var address = IPAddress.Parse(tls.EffectiveBindAddress(options.BindAddress));
        var endpoint = serverOptions.TlsEndpointOptions;
        endpoint.IsEnabled = true;
        endpoint.Port = tls.Port;
        var isV6 = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
        endpoint.BoundInterNetworkAddress = isV6 ? IPAddress.None : address;
        endpoint.BoundInterNetworkV6Address = isV6 ? address : IPAddress.None;
        endpoint.SslProtocol = SslProtocols.Tls12 | SslProtocols.Tls13;
        endpoint.CertificateProvider = new PemCertificate(Load(tls.CertificateFile, tls.KeyFile));
        return address;
    }

    /// <summary>
    /// Loads certificate and key; the PKCS#12 round trip gives the key a form every platform's
    /// TLS stack can use. Throws with the file names when they do not hold a matching pair.
    /// </summary>
    public static X509Certificate2 Load(string certificateFile, string keyFile)
    {
        try
        {
            using var pem = X509Certificate2.CreateFromPemFile(certificateFile, keyFile);
            return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        }
        catch (Exception exception) when (exception is System.Security.Cryptography.CryptographicException or IOException or ArgumentException)
        {
            throw new InvalidOperationException(
                $"Agent:Broker:Embedded:Tls: '{certificateFile}' and '{keyFile}' are not a PEM certificate with its private key: {exception.Message}", exception);
        }
    }

    private sealed class PemCertificate(X509Certificate2 certificate) : MQTTnet.Certificates.ICertificateProvider
    {
        public X509Certificate2 GetCertificate() => certificate;
    }
}
