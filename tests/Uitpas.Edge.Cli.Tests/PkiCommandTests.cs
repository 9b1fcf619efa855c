using System.Security.Cryptography.X509Certificates;

namespace Uitpas.Edge.Cli.Tests;

public sealed class PkiCommandTests : CliTestBase
{
    [Theory]
    [InlineData("ecdsa", "1.2.840.10045.2.1")]
    [InlineData("rsa", "1.2.840.113549.1.1.1")]
    public void Ca_init_makes_a_ten_year_ca_with_an_owner_only_key(string algorithm, string keyOid)
    {
        var pki = PathOf("pki");

        var run = CliRun.Of("ca", "init", "--dir", pki, "--algorithm", algorithm);

        Assert.Equal(0, run.ExitCode);
        using var ca = X509Certificate2.CreateFromPemFile(Path.Combine(pki, "ca.crt"), Path.Combine(pki, "ca.key"));
        Assert.True(ca.HasPrivateKey);
        Assert.Equal(keyOid, ca.PublicKey.Oid.Value);
        Assert.True(ca.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
        Assert.InRange((ca.NotAfter - ca.NotBefore).TotalDays, 365 * 10, 365 * 10 + 4);
        if (algorithm == "rsa")
        {
            Assert.Equal(3072, ca.GetRSAPublicKey()!.KeySize);
        }
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(pki, "ca.key")));
        }
    }

    [Fact]
    public void Ca_init_refuses_to_overwrite_an_existing_ca()
    {
        var pki = PathOf("pki");
        CliRun.Of("ca", "init", "--dir", pki);
        var before = File.ReadAllText(Path.Combine(pki, "ca.key"));

        var run = CliRun.Of("ca", "init", "--dir", pki);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("exists already", run.Error, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(Path.Combine(pki, "ca.key")));
    }

    [Fact]
    public void Issue_server_signs_a_certificate_for_the_names_and_addresses_that_chains_to_the_ca_only()
    {
        var pki = PathOf("pki");
        CliRun.Of("ca", "init", "--dir", pki);

        var run = CliRun.Of("ca", "issue-server", "--dir", pki, "--name", "broker.venue.local", "--name", "localhost", "--ip", "127.0.0.1", "--ip", "::1");

        Assert.Equal(0, run.ExitCode);
        using var server = X509Certificate2.CreateFromPemFile(Path.Combine(pki, "server.crt"), Path.Combine(pki, "server.key"));
        using var ca = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(pki, "ca.crt"));
        Assert.True(server.MatchesHostname("broker.venue.local"));
        Assert.True(server.MatchesHostname("localhost"));
        Assert.True(server.MatchesHostname("127.0.0.1"));
        Assert.True(server.MatchesHostname("::1"));
        Assert.False(server.MatchesHostname("other.venue.local"));
        Assert.Contains(server.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>(),
            oid => oid.Value == "1.3.6.1.5.5.7.3.1");
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        Assert.True(chain.Build(server), string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation)));
    }

    [Fact]
    public void Issue_server_without_a_ca_fails_with_the_command_that_makes_one()
    {
        var run = CliRun.Of("ca", "issue-server", "--dir", PathOf("none"), "--name", "localhost");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("uitpas-edge ca init", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Issue_server_keeps_an_existing_certificate_unless_forced()
    {
        var pki = PathOf("pki");
        CliRun.Of("ca", "init", "--dir", pki);
        CliRun.Of("ca", "issue-server", "--dir", pki, "--name", "localhost");
        var first = File.ReadAllText(Path.Combine(pki, "server.crt"));

        var kept = CliRun.Of("ca", "issue-server", "--dir", pki, "--name", "localhost");
        var forced = CliRun.Of("ca", "issue-server", "--dir", pki, "--name", "localhost", "--force");

        Assert.Equal(1, kept.ExitCode);
        Assert.Equal(0, forced.ExitCode);
        Assert.NotEqual(first, File.ReadAllText(Path.Combine(pki, "server.crt")));
    }
}
