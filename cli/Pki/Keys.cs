using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Uitpas.Edge.Cli.Pki;

/// <summary>Key pairs and certificate requests for either algorithm.</summary>
internal static class Keys
{
    public static AsymmetricAlgorithm Create(KeyAlgorithm algorithm) =>
        algorithm == KeyAlgorithm.Rsa ? RSA.Create(3072) : ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public static CertificateRequest Request(X500DistinguishedName subject, AsymmetricAlgorithm key) => key switch
    {
        RSA rsa => new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
        ECDsa ecdsa => new CertificateRequest(subject, ecdsa, HashAlgorithmName.SHA256),
        _ => throw new ArgumentException("unsupported key", nameof(key)),
    };

    public static string ExportPem(AsymmetricAlgorithm key) => key.ExportPkcs8PrivateKeyPem() + "\n";
}
