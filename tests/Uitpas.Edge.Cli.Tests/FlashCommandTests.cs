namespace Uitpas.Edge.Cli.Tests;

/// <summary>
/// device flash around nanoff. The stand-in nanoff is a shell script on PATH that records its
/// arguments, prints progress lines and exits with a given code: it stands in for the external
/// flasher only; the deployment image, the order of the steps and the error handling are the CLI's.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class FlashCommandTests : CliTestBase
{
    private string Port => PathOf("ttyUSB0");

    private string Image => PathOf("image");

    private string Tools => PathOf("tools");

    private string Log => PathOf("nanoff.log");

    private string DeployFile => Path.Combine(Image, "uitpas-edge-deploy.bin");

    public FlashCommandTests()
    {
        File.WriteAllText(Port, "");
        System.IO.Directory.CreateDirectory(Image);
        System.IO.Directory.CreateDirectory(Tools);
        File.WriteAllBytes(Path.Combine(Image, "mscorlib.pe"), [1, 2, 3, 4, 5]);
        File.WriteAllBytes(Path.Combine(Image, "Uitpas.Edge.Firmware.pe"), [9, 9, 9, 9, 9, 9, 9, 9]);
    }

    [Fact]
    public void Dry_run_prints_the_exact_nanoff_commands_and_writes_nothing()
    {
        var run = Flash(nanoffExit: null, "--dry-run");

        Assert.Equal(0, run.ExitCode);
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains($"nanoff --target ESP32_REV3 --serialport {Port} --update", lines);
        Assert.Contains($"nanoff --nanodevice --serialport {Port} --deploy --image {DeployFile}", lines);
        Assert.Contains("nanoff is not installed", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(DeployFile));
    }

    [Fact]
    public void Dry_run_with_json_lists_the_commands_and_the_assemblies()
    {
        var run = Flash(nanoffExit: 0, "--dry-run", "--json", "--target", "ESP32_PSRAM_REV0", "--firmware-only");

        Assert.Equal(0, run.ExitCode);
        var json = run.Json();
        Assert.True(json.GetProperty("dryRun").GetBoolean());
        Assert.Equal([$"nanoff --target ESP32_PSRAM_REV0 --serialport {Port} --update"], json.GetProperty("commands").EnumerateArray().Select(c => c.GetString()!).ToArray());
        Assert.False(File.Exists(Log));
    }

    [Fact]
    public void Without_nanoff_on_path_the_install_hint_is_given_and_nothing_is_written()
    {
        var run = Flash(nanoffExit: null);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error: nanoff is not installed: dotnet tool install -g nanoff", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(DeployFile));
    }

    [Fact]
    public void Flash_writes_the_firmware_then_deploys_the_joined_image_showing_nanoffs_lines()
    {
        var run = Flash(nanoffExit: 0);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            [$"--target ESP32_REV3 --serialport {Port} --update", $"--nanodevice --serialport {Port} --deploy --image {DeployFile}"],
            File.ReadAllLines(Log));
        Assert.Contains("nanoff: Writing 50%", run.Output, StringComparison.Ordinal);
        // Each assembly padded to 4 bytes, in name order (ordinal: upper case first).
        Assert.Equal(new byte[] { 9, 9, 9, 9, 9, 9, 9, 9, 1, 2, 3, 4, 5, 0, 0, 0 }, File.ReadAllBytes(DeployFile));
        Assert.Contains("2 assemblies, 16 bytes", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failing_nanoff_stops_at_that_step_with_its_exit_code_and_last_lines()
    {
        var run = Flash(nanoffExit: 3);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("nanoff failed writing the ESP32_REV3 firmware", run.Error, StringComparison.Ordinal);
        Assert.Contains("exit code 3", run.Error, StringComparison.Ordinal);
        Assert.Contains("Writing 50%", run.Error, StringComparison.Ordinal);
        Assert.Single(File.ReadAllLines(Log));
        Assert.False(File.Exists(DeployFile));
    }

    [Fact]
    public void A_port_that_does_not_exist_is_refused_before_nanoff_runs()
    {
        var run = Flash(nanoffExit: 0, "--port", PathOf("ttyUSB9"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"port {PathOf("ttyUSB9")} does not exist", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Log));
    }

    [Fact]
    public void An_image_folder_without_assemblies_is_refused_before_nanoff_runs()
    {
        var run = Flash(nanoffExit: 0, "--image-dir", PathOf("empty"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("no .pe files in", run.Error, StringComparison.Ordinal);
        Assert.Contains("--firmware-only", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Log));
    }

    /// <summary>device flash with a stand-in nanoff exiting <paramref name="nanoffExit"/> on PATH (none when null); the defaults for --port and --image-dir unless given.</summary>
    private CliRun Flash(int? nanoffExit, params string[] extra)
    {
        if (nanoffExit is { } exit)
        {
            var script = Path.Combine(Tools, "nanoff");
            File.WriteAllText(script, $"#!/bin/sh\nprintf '%s\\n' \"$*\" >> '{Log}'\necho 'Connecting to nanoDevice...'\necho 'Writing 50%'\necho 'Writing 100%' 1>&2\nexit {exit}\n");
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        var args = new List<string> { "device", "flash" };
        args.AddRange(extra);
        if (!extra.Contains("--image-dir"))
        {
            args.AddRange(["--image-dir", Image]);
        }
        if (!extra.Contains("--port"))
        {
            args.AddRange(["--port", Port]);
        }
        return CliRun.Of(CliRun.Environment(new Dictionary<string, string> { ["PATH"] = Tools }), [.. args]);
    }
}
