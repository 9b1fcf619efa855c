using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Uitpas.Edge.Agent.Access;

namespace Uitpas.Edge.Agent.Tests;

/// <summary>The Mosquitto password-file format: what mosquitto_passwd writes verifies here, and bad lines are named and skipped.</summary>
public sealed class CredentialFileTests : IDisposable
{
    private const string MosquittoPasswd = "/usr/bin/mosquitto_passwd";
    private readonly string _directory = Directory.CreateTempSubdirectory("uitpas-credentials-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void A_file_written_by_the_real_mosquitto_passwd_verifies_each_users_password_and_nothing_else()
    {
        if (!File.Exists(MosquittoPasswd))
        {
            Assert.True(Environment.GetEnvironmentVariable("UITPAS_EDGE_REQUIRE_SERVERS") != "1", $"{MosquittoPasswd} is missing and UITPAS_EDGE_REQUIRE_SERVERS=1");
            return;
        }
        var path = Path.Combine(_directory, "passwd");
        RunMosquittoPasswd("-c", "-b", path, "vt-001", "first secret");
        RunMosquittoPasswd("-b", path, "vt-002", "p@ss:wörd$7$");

        var file = PasswordFile.Load(path);

        Assert.Empty(file.Errors);
        Assert.StartsWith("$7$101$", file.Users["vt-001"], StringComparison.Ordinal);
        Assert.True(PasswordHash.Verify("first secret", file.Users["vt-001"]));
        Assert.True(PasswordHash.Verify("p@ss:wörd$7$", file.Users["vt-002"]));
        Assert.False(PasswordHash.Verify("first secret", file.Users["vt-002"]));
        Assert.False(PasswordHash.Verify("first secreT", file.Users["vt-001"]));
    }

    [Fact]
    public void A_hash_written_here_verifies_with_the_real_mosquitto_passwd_file_layout()
    {
        var hash = PasswordHash.Create("s3cret");
        var parts = hash.Split('$');

        Assert.Equal(["", "7", "101"], parts[..3]);
        Assert.Equal(12, Convert.FromBase64String(parts[3]).Length);
        Assert.Equal(64, Convert.FromBase64String(parts[4]).Length);
        Assert.True(PasswordHash.Verify("s3cret", hash));
        Assert.False(PasswordHash.Verify("s3cre", hash));
        Assert.NotEqual(hash, PasswordHash.Create("s3cret"));
    }

    [Fact]
    public void Bad_lines_are_named_by_number_and_do_not_stop_the_other_users()
    {
        var good = PasswordHash.Create("good");
        var text = string.Join('\n',
            "# region passwords",
            "vt-001:" + good,
            "no-colon-here",
            "vt-002:$7$abc$c2FsdA==$aGFzaA==",
            "",
            "vt-003:$7$101$c2FsdHNhbHRzYWx0$dG9vLXNob3J0",
            "vt-004:$5$plain",
            "vt-001:" + PasswordHash.Create("other"),
            ":" + good,
            "vt-005:" + good) + "\n";

        var file = PasswordFile.Parse(text);

        Assert.Equal(["vt-001", "vt-005"], file.Users.Keys.Order().ToArray());
        Assert.Equal([3, 4, 6, 7, 8, 9], file.Errors.Select(e => e.Line).ToArray());
        Assert.Contains("iteration count", file.Errors[1].Message, StringComparison.Ordinal);
        Assert.Contains("64 bytes", file.Errors[2].Message, StringComparison.Ordinal);
        Assert.Contains("earlier line", file.Errors[4].Message, StringComparison.Ordinal);
        Assert.True(PasswordHash.Verify("good", file.Users["vt-001"]), "the first line of a user named twice wins");
    }

    [Fact]
    public void Garbage_bytes_give_errors_and_never_throw()
    {
        var random = new Random(5);
        for (var i = 0; i < 200; i++)
        {
            var bytes = new byte[random.Next(0, 200)];
            random.NextBytes(bytes);
            var text = System.Text.Encoding.Latin1.GetString(bytes);

            var file = PasswordFile.Parse(text);

            Assert.Empty(file.Users);
            Assert.False(PasswordHash.Verify("x", text));
        }
    }

    [Fact]
    public void Setting_and_removing_a_user_keeps_every_other_line_and_writes_owner_only()
    {
        var path = Path.Combine(_directory, "passwd");
        var other = "vt-001:" + PasswordHash.Create("one");
        File.WriteAllText(path, "# keep me\n" + other + "\nbroken line\n");

        PasswordFile.Load(path).WithUser("vt-002", PasswordHash.Create("two")).Save(path);
        PasswordFile.Load(path).WithUser("vt-001", PasswordHash.Create("uno")).Save(path);
        var afterAdd = PasswordFile.Load(path);
        PasswordFile.Load(path).WithoutUser("vt-002").Save(path);
        var lines = File.ReadAllLines(path);

        Assert.True(PasswordHash.Verify("two", afterAdd.Users["vt-002"]));
        Assert.True(PasswordHash.Verify("uno", afterAdd.Users["vt-001"]));
        Assert.Equal("# keep me", lines[0]);
        Assert.StartsWith("vt-001:", lines[1], StringComparison.Ordinal);
        Assert.Equal("broken line", lines[2]);
        Assert.Equal(3, lines.Length);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
        Assert.Single(Directory.GetFiles(_directory));
    }

    [Fact]
    public void The_store_reads_the_file_again_when_it_changes()
    {
        var path = Path.Combine(_directory, "passwd");
        PasswordFile.Empty.WithUser("vt-001", PasswordHash.Create("one")).Save(path);
        var store = new CredentialStore(path, NullLogger<CredentialStore>.Instance);

        Assert.Equal(CredentialCheck.Valid, store.Check("vt-001", "one"));
        Assert.Equal(CredentialCheck.WrongPassword, store.Check("vt-001", "two"));
        Assert.Equal(CredentialCheck.UnknownUser, store.Check("vt-002", "two"));

        PasswordFile.Load(path).WithUser("vt-002", PasswordHash.Create("two")).Save(path);

        Assert.Equal(CredentialCheck.Valid, store.Check("vt-002", "two"));

        PasswordFile.Load(path).WithoutUser("vt-001").Save(path);

        Assert.Equal(CredentialCheck.UnknownUser, store.Check("vt-001", "one"));
    }

    private static void RunMosquittoPasswd(params string[] arguments)
    {
        var start = new ProcessStartInfo(MosquittoPasswd) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(30)), "mosquitto_passwd did not finish");
        Assert.True(process.ExitCode == 0, $"mosquitto_passwd {string.Join(' ', arguments)} failed: {error}");
    }
}
