namespace Uitpas.Edge.Cli.Tests;

public sealed class ArgumentTests : CliTestBase
{
    [Theory]
    [InlineData(new string[0], "usage: uitpas-edge <command>")]
    [InlineData(new[] { "device", "list", "--state", "sleeping" }, "--state must be online, offline, unknown or retired")]
    [InlineData(new[] { "device", "create", "vt-1" }, "Option '--kiosk-token' is required")]
    [InlineData(new[] { "device", "create", "vt-1", "--kiosk-token", "k", "--language", "de" }, "--language must be nl, fr or en")]
    [InlineData(new[] { "device", "create", "vt-1", "--kiosk-token", "k", "--card-system", "0" }, "--card-system must be a card system id")]
    [InlineData(new[] { "device", "assign", "vt-1" }, "nothing to assign")]
    [InlineData(new[] { "device", "assign", "vt-1", "--event", "e1", "--from", "2025-06-01" }, "--event needs --until")]
    [InlineData(new[] { "device", "assign", "vt-1", "--event", "e1", "--from", "2025-06-02", "--until", "2025-06-01T10:00" }, "--until must be after --from")]
    [InlineData(new[] { "device", "assign", "vt-1", "--event", "e1", "--from", "tomorrow", "--until", "2025-06-01" }, "--from must be a date")]
    [InlineData(new[] { "device", "lend", "vt-1", "--association", "Chiro", "--from", "2025-06-01" }, "Option '--until' is required")]
    [InlineData(new[] { "device", "return", "vt-1", "--condition", "lost" }, "--condition must be ok, damaged or incomplete")]
    [InlineData(new[] { "device", "retire", "vt-1" }, "cannot be undone: add --yes")]
    [InlineData(new[] { "config", "push", "--set", "language=nl" }, "give exactly one of --device, --venue, --municipality or --region")]
    [InlineData(new[] { "config", "push", "--venue", "v", "--device", "vt-1", "--set", "language=nl" }, "give exactly one of")]
    [InlineData(new[] { "config", "push", "--venue", "v" }, "nothing to push")]
    [InlineData(new[] { "config", "push", "--venue", "v", "--set", "colour=red" }, "unknown setting 'colour'")]
    [InlineData(new[] { "config", "push", "--venue", "v", "--set", "resultTimeoutMs=5" }, "resultTimeoutMs must be a whole number of milliseconds from 100 to 60000")]
    [InlineData(new[] { "config", "push", "--venue", "v", "--set", "language" }, "--set 'language' is not key=value")]
    [InlineData(new[] { "config", "push", "--venue", "v", "--set", "language=nl", "--timeout", "soon" }, "--timeout must be a duration")]
    [InlineData(new[] { "config", "show", "country", "be" }, "scope must be region, municipality, venue or device")]
    [InlineData(new[] { "device", "provision", "vt-1", "--port", "p", "--wifi-ssid", "w", "--broker", "h:99999", "--credentials", "c" }, "--broker port must be a whole number from 1 to 65535")]
    [InlineData(new[] { "device", "provision", "vt-1", "--port", "p", "--wifi-ssid", "w", "--broker", "h", "--credentials", "c", "--ca-file", "ca" }, "--ca-file needs --tls")]
    [InlineData(new[] { "device", "provision", "vt-1", "--port", "p", "--wifi-ssid", "w", "--broker", "h", "--credentials", "c", "--card-system", "4" }, "--card-system and --snapshot-key-file go together")]
    [InlineData(new[] { "device", "flash" }, "Option '--port' is required")]
    [InlineData(new[] { "device", "flash", "--port", "p", "--target", "ESP32 REV3" }, "is not a nanoFramework target name")]
    [InlineData(new[] { "flash" }, "Unrecognized command or argument 'flash'")]
    [InlineData(new[] { "device" }, "Required command was not provided")]
    [InlineData(new[] { "device", "credentials", "--passwd", "p" }, "Required argument 'deviceId' missing")]
    [InlineData(new[] { "device", "credentials", "vt-1" }, "Option '--passwd' is required")]
    [InlineData(new[] { "device", "credentials", "vt-1", "--passwd" }, "Required argument missing for option: '--passwd'")]
    [InlineData(new[] { "device", "credentials", "vt-1", "--passwd", "p", "--colour", "red" }, "Unrecognized command or argument '--colour'")]
    [InlineData(new[] { "device", "credentials", "vt-1", "vt-2", "--passwd", "p" }, "Unrecognized command or argument 'vt-2'")]
    [InlineData(new[] { "device", "credentials", "vt-1", "--passwd", "p", "--passwd", "q" }, "Option '--passwd' expects a single argument but 2 were provided")]
    [InlineData(new[] { "device", "credentials", "VT_1", "--passwd", "p" }, "'VT_1' is not a device id")]
    [InlineData(new[] { "device", "revoke", "-vt", "--passwd", "p" }, "'-vt' is not a device id")]
    [InlineData(new[] { "agent", "credentials", "agent one", "--passwd", "p" }, "is not an agent name")]
    [InlineData(new[] { "ca", "init", "--dir", "d", "--algorithm", "dsa" }, "--algorithm must be ecdsa or rsa")]
    [InlineData(new[] { "ca", "init", "--dir", "d", "--years", "ten" }, "--years must be a whole number from 1 to 30")]
    [InlineData(new[] { "ca", "issue-server", "--dir", "d", "--name", "bad host!" }, "is not a DNS host name")]
    [InlineData(new[] { "ca", "issue-server", "--dir", "d", "--name", "h", "--ip", "300.1.1.1" }, "--ip '300.1.1.1' is not an IP address")]
    [InlineData(new[] { "broker", "mosquitto", "--passwd", "p", "--devices", "d", "--pki", "k", "--out", "o", "--port", "0" }, "--port must be a whole number from 1 to 65535")]
    [InlineData(new[] { "broker", "mosquitto", "--passwd", "p", "--devices", "d", "--pki", "k", "--out", "o", "--force" }, "Unrecognized command or argument '--force'")]
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
        Assert.Contains("uitpas-edge device credentials <deviceId> [options]", run.Output, StringComparison.Ordinal);
        Assert.Contains("--passwd <file> (REQUIRED)", run.Output, StringComparison.Ordinal);
        Assert.Contains("--out <file>", run.Output, StringComparison.Ordinal);
        Assert.Contains("--json", run.Output, StringComparison.Ordinal);
        Assert.Contains("data/admin.token relative to the working directory", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_of_a_group_lists_its_commands_only()
    {
        var run = CliRun.Of("ca", "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("init", run.Output, StringComparison.Ordinal);
        Assert.Contains("issue-server", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("credentials", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("device", "create")]
    [InlineData("device", "flash")]
    [InlineData("device", "provision")]
    [InlineData("device", "assign")]
    [InlineData("device", "lend")]
    [InlineData("device", "return")]
    [InlineData("device", "list")]
    [InlineData("device", "show")]
    [InlineData("device", "retire")]
    [InlineData("config", "push")]
    [InlineData("config", "show")]
    public void Every_command_has_help(string group, string command)
    {
        var run = CliRun.Of(group, command, "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"uitpas-edge {group} {command}", run.Output, StringComparison.Ordinal);
        Assert.Contains("Options:", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_group_without_its_command_lists_the_commands_on_stderr()
    {
        var run = CliRun.Of("device");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("provision", run.Error, StringComparison.Ordinal);
        Assert.Contains("retire", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void With_json_a_usage_error_is_also_a_json_object_on_stdout()
    {
        var run = CliRun.Of("device", "list", "--state", "sleeping", "--json");

        Assert.Equal(2, run.ExitCode);
        using var json = System.Text.Json.JsonDocument.Parse(run.Output);
        Assert.Contains("--state must be", json.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("error: --state must be", run.Error, StringComparison.Ordinal);
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
