using Uitpas.Edge.Agent.Access;

namespace Uitpas.Edge.Cli.Tests;

public sealed class CredentialsCommandTests : CliTestBase
{
    [Fact]
    public void Device_credentials_prints_a_random_password_once_and_stores_only_its_hash()
    {
        var passwd = PathOf("passwd");

        var first = CliRun.Of("device", "credentials", "vt-001", "--passwd", passwd);
        var second = CliRun.Of("device", "credentials", "vt-002", "--passwd", passwd);

        Assert.Equal(0, first.ExitCode);
        Assert.Equal("vt-001", first.Line("mqtt.username"));
        var password = first.Line("mqtt.password");
        Assert.Matches("^[A-Za-z0-9_-]{24}$", password);
        Assert.NotEqual(password, second.Line("mqtt.password"));
        var text = File.ReadAllText(passwd);
        Assert.DoesNotContain(password, text, StringComparison.Ordinal);
        var file = PasswordFile.Parse(text);
        Assert.Empty(file.Errors);
        Assert.True(PasswordHash.Verify(password, file.Users["vt-001"]));
        Assert.True(PasswordHash.Verify(second.Line("mqtt.password"), file.Users["vt-002"]));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, ModeOf(passwd));
        Assert.Single(System.IO.Directory.GetFiles(Directory));
    }

    [Fact]
    public void Device_credentials_again_replaces_the_old_password()
    {
        var passwd = PathOf("passwd");
        var old = CliRun.Of("device", "credentials", "vt-001", "--passwd", passwd).Line("mqtt.password");

        var renewed = CliRun.Of("device", "credentials", "vt-001", "--passwd", passwd).Line("mqtt.password");

        var file = PasswordFile.Load(passwd);
        Assert.Single(file.Users);
        Assert.False(PasswordHash.Verify(old, file.Users["vt-001"]));
        Assert.True(PasswordHash.Verify(renewed, file.Users["vt-001"]));
    }

    [Fact]
    public void Device_credentials_with_out_writes_the_provisioning_secret_owner_only_and_prints_no_password()
    {
        var passwd = PathOf("passwd");
        var secret = PathOf("vt-001.cred");

        var run = CliRun.Of("device", "credentials", "vt-001", "--passwd", passwd, "--out", secret);

        Assert.Equal(0, run.ExitCode);
        var lines = File.ReadAllLines(secret);
        Assert.Equal("mqtt.username=vt-001", lines[0]);
        var password = lines[1]["mqtt.password=".Length..];
        Assert.DoesNotContain(password, run.Output, StringComparison.Ordinal);
        Assert.True(PasswordHash.Verify(password, PasswordFile.Load(passwd).Users["vt-001"]));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, ModeOf(secret));
    }

    [Fact]
    public void An_existing_out_file_is_not_overwritten_and_the_password_file_is_left_alone()
    {
        var passwd = PathOf("passwd");
        var secret = PathOf("vt-001.cred");
        File.WriteAllText(secret, "keep");

        var run = CliRun.Of("device", "credentials", "vt-001", "--passwd", passwd, "--out", secret);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("exists already", run.Error, StringComparison.Ordinal);
        Assert.Equal("keep", File.ReadAllText(secret));
        Assert.False(File.Exists(passwd));
    }

    [Fact]
    public void Revoke_removes_the_device_and_keeps_the_others_and_their_lines()
    {
        var passwd = PathOf("passwd");
        File.WriteAllText(passwd, "# region\nbroken\n");
        CliRun.Of("device", "credentials", "vt-001", "--passwd", passwd);
        var keep = CliRun.Of("device", "credentials", "vt-002", "--passwd", passwd).Line("mqtt.password");

        var run = CliRun.Of("device", "revoke", "vt-001", "--passwd", passwd);
        var again = CliRun.Of("device", "revoke", "vt-001", "--passwd", passwd);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("line 2", run.Error, StringComparison.Ordinal);
        var file = PasswordFile.Load(passwd);
        Assert.Equal(["vt-002"], file.Users.Keys.ToArray());
        Assert.True(PasswordHash.Verify(keep, file.Users["vt-002"]));
        Assert.StartsWith("# region\nbroken\n", File.ReadAllText(passwd), StringComparison.Ordinal);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("vt-001 has no password", again.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Agent_credentials_accepts_agent_names_that_are_not_device_ids()
    {
        var passwd = PathOf("passwd");

        var run = CliRun.Of("agent", "credentials", "Agent_1", "--passwd", passwd);

        Assert.Equal(0, run.ExitCode);
        Assert.True(PasswordHash.Verify(run.Line("mqtt.password"), PasswordFile.Load(passwd).Users["Agent_1"]));
    }

    private static UnixFileMode ModeOf(string path) =>
        OperatingSystem.IsWindows() ? UnixFileMode.UserRead | UnixFileMode.UserWrite : File.GetUnixFileMode(path);
}
