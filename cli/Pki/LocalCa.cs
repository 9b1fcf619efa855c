using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Uitpas.Edge.Agent.Access;
using Uitpas.Edge.Cli.CommandLine;

namespace Uitpas.Edge.Cli.Pki;

/// <summary>
/// The region's local certificate authority, in a folder: <c>ca.crt</c> (PEM, given to every
/// terminal and client as their trust anchor) and <c>ca.key</c> (PEM PKCS#8, mode 0600, stays on
/// the IT workgroup's machine). It signs the broker's server certificates.
/// </summary>
public sealed class LocalCa
{
    /// <summary>File name of the CA certificate in the PKI folder.</summary>
    public const string CertificateFileName = "ca.crt";

    /// <summary>File name of the CA key in the PKI folder.</summary>
    public const string KeyFileName = "ca.key";

    private LocalCa(X509Certificate2 certificate) => Certificate = certificate;

    /// <summary>The CA certificate with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>Creates a CA (ECDSA P-256 or RSA 3072) valid for <paramref name="years"/> years and writes it to <paramref name="directory"/>; refuses to overwrite.</summary>
    public static LocalCa Create(string directory, string commonName, KeyAlgorithm algorithm, int years, DateTimeOffset now)
    {
        var certificatePath = Path.Combine(directory, CertificateFileName);
        var keyPath = Path.Combine(directory, KeyFileName);
        foreach (var path in new[] { certificatePath, keyPath })
        {
            if (File.Exists(path))
            {
                throw new CommandFailedException($"{path} exists already; a CA is made once (remove the folder's CA files on purpose to start over)");
            }
        }
        Directory.CreateDirectory(directory);
        using var key = Keys.Create(algorithm);
        var request = Keys.Request(new X500DistinguishedName($"CN={Escape(commonName)}, O=UiTPAS Edge"), key);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(years));
        SecretFiles.WriteNew(keyPath, Keys.ExportPem(key));
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem() + "\n");
        return new LocalCa(certificate);
    }

    /// <summary>Reads the CA of <paramref name="directory"/>.</summary>
    public static LocalCa Load(string directory)
    {
        var certificatePath = Path.Combine(directory, CertificateFileName);
        var keyPath = Path.Combine(directory, KeyFileName);
        if (!File.Exists(certificatePath) || !File.Exists(keyPath))
        {
            throw new CommandFailedException($"no CA in {directory} (expected {CertificateFileName} and {KeyFileName}; make one with: uitpas-edge ca init --dir {directory})");
        }
        try
        {
            return new LocalCa(X509Certificate2.CreateFromPemFile(certificatePath, keyPath));
        }
        catch (CryptographicException exception)
        {
            throw new CommandFailedException($"{certificatePath} and {keyPath} are not a PEM certificate with its key: {exception.Message}");
        }
    }

    /// <summary>
    /// Issues a TLS server certificate (the CA's key type, <paramref name="days"/> days) for the DNS
    /// names and IP addresses given; the first DNS name is its subject. Writes
    /// <c>{fileName}.crt</c> and <c>{fileName}.key</c> (0600).
    /// </summary>
    public X509Certificate2 IssueServer(string directory, string fileName, IReadOnlyList<string> dnsNames, IReadOnlyList<IPAddress> addresses,
        int days, bool overwrite, DateTimeOffset now)
    {
        var certificatePath = Path.Combine(directory, fileName + ".crt");
        var keyPath = Path.Combine(directory, fileName + ".key");
        if (!overwrite && (File.Exists(certificatePath) || File.Exists(keyPath)))
        {
            throw new CommandFailedException($"{certificatePath} or {keyPath} exists already (--force replaces them)");
        }
        var algorithm = Certificate.GetRSAPublicKey() is null ? KeyAlgorithm.Ecdsa : KeyAlgorithm.Rsa;
        using var key = Keys.Create(algorithm);
        var subject = dnsNames.Count > 0 ? dnsNames[0] : addresses[0].ToString();
        var request = Keys.Request(new X500DistinguishedName($"CN={Escape(subject)}, O=UiTPAS Edge"), key);
        var names = new SubjectAlternativeNameBuilder();
        foreach (var name in dnsNames)
        {
            names.AddDnsName(name);
        }
        foreach (var address in addresses)
        {
            names.AddIpAddress(address);
        }
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature
            | (algorithm == KeyAlgorithm.Rsa ? X509KeyUsageFlags.KeyEncipherment : X509KeyUsageFlags.KeyAgreement), true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1", "serverAuth")], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, true, false));
        var notAfter = now.AddDays(days) < Certificate.NotAfter ? now.AddDays(days) : new DateTimeOffset(Certificate.NotAfter.ToUniversalTime());
        using var issued = request.Create(Certificate, now.AddMinutes(-5), notAfter, RandomNumberGenerator.GetBytes(16).Select((b, i) => i == 0 ? (byte)(b & 0x7F) : b).ToArray());
        SecretFiles.WriteAtomically(keyPath, Keys.ExportPem(key));
        File.WriteAllText(certificatePath, issued.ExportCertificatePem() + "\n");
        return X509CertificateLoader.LoadCertificate(issued.RawData);
    }

    private static string Escape(string value) => value.Replace("\"", "", StringComparison.Ordinal).Replace(",", " ", StringComparison.Ordinal).Replace("=", " ", StringComparison.Ordinal);
}

/// <summary>The CA's key type.</summary>
public enum KeyAlgorithm
{
    /// <summary>ECDSA on P-256 (default: small, fast on the ESP32's mbedTLS).</summary>
    Ecdsa,

    /// <summary>RSA 3072.</summary>
    Rsa,
}
