namespace Uitpas.Edge.Cli.Tests;

public sealed class ArgumentTests : CliTestBase
{
    [Theory]
    [InlineData(new string[0], "usage: uitpas-edge <command>")]
    [InlineData(new[] { "flash" }, "unknown command 'flash'")]
    [InlineData(new[] { "device" }, "'device' needs a subcommand")]
    [InlineData(new[] { "device", "credentials", "--passwd", "p" }, "<deviceId> is missing")]
    [InlineData(new[] { "device", "credentials", "vt-1" }, "--passwd is required")]
    [InlineData(new[] { "device", "credentials", "vt-1", "--passwd" }, "--passwd needs a value")]
    [InlineData(new[] { "device", "credentials", "vt-1", "--passwd", "p", "--colour", "red" }, "unknown option --colour")]
    [InlineData(new[] { "device", "credentials", "vt-1", "vt-2", "--passwd", "p" }, "unexpected argument 'vt-2'")]
    [InlineData(new[] { "device", "credentials", "vt-1", "--passwd", "p", "--passwd", "q" }, "--passwd is given twice")]
    [InlineData(new[] { "device", "credentials", "VT_1", "--passwd", "p" }, "'VT_1' is not a device id")]
    [InlineData(new[] { "device", "revoke", "-vt", "--passwd", "p" }, "'-vt' is not a device id")]
    [InlineData(new[] { "agent", "credentials", "agent one", "--passwd", "p" }, "is not an agent name")]
    [InlineData(new[] { "ca", "init", "--dir", "d", "--algorithm", "dsa" }, "--algorithm must be ecdsa or rsa")]
    [InlineData(new[] { "ca", "init", "--dir", "d", "--years", "ten" }, "--years must be a whole number from 1 to 30")]
    [InlineData(new[] { "ca", "issue-server", "--dir", "d", "--name", "bad host!" }, "is not a DNS host name")]
    [InlineData(new[] { "ca", "issue-server", "--dir", "d", "--name", "h", "--ip", "300.1.1.1" }, "--ip '300.1.1.1' is not an IP address")]
    [InlineData(new[] { "broker", "mosquitto", "--passwd", "p", "--devices", "d", "--pki", "k", "--out", "o", "--port", "0" }, "--port must be a whole number from 1 to 65535")]
    [InlineData(new[] { "broker", "mosquitto", "--passwd", "p", "--devices", "d", "--pki", "k", "--out", "o", "--force" }, "unknown option --force")]
    public void Bad_arguments_exit_with_2_and_say_what_is_wrong(string[] args, string message)
    {
        var run = CliRun.Of(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.Contains("usage: uitpas-edge", run.Error, StringComparison.Ordinal);
        Assert.Empty(System.IO.Directory.GetFileSystemEntries(Directory));
    }

    [Fact]
    public void Help_of_a_command_lists_its_options_and_exits_0()
    {
        var run = CliRun.Of("device", "credentials", "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("usage: uitpas-edge device credentials <deviceId> --passwd <file> [--out <file>]", run.Output, StringComparison.Ordinal);
        Assert.Contains("--out <file>", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_of_a_group_lists_its_commands_only()
    {
        var run = CliRun.Of("ca", "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("ca init", run.Output, StringComparison.Ordinal);
        Assert.Contains("ca issue-server", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("device credentials", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_take_the_name_equals_value_form_too()
    {
        var passwd = PathOf("passwd");

        var run = CliRun.Of("device", "credentials", "vt-1", $"--passwd={passwd}");

        Assert.Equal(0, run.ExitCode);
        Assert.True(File.Exists(passwd));
    }
}
