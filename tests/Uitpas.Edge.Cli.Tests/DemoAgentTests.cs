using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Uitpas.Edge.Cli.Tests;

/// <summary>
/// The IT workgroup guide's first step: the demo without terminals (central simulator + agent +
/// embedded broker) as a child process, and the CLI reaching its agent with exactly the export
/// line and kiosk token the demo prints.
/// </summary>
public sealed partial class DemoAgentTests : CliTestBase
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task The_cli_reaches_the_demo_agent_with_the_exports_the_demo_prints()
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "uitpas-edge-demo.dll"));
        foreach (var argument in new[] { "--terminals", "0", "--broker-port", "0", "--admin-port", "0", "--data", PathOf("demo-data") })
        {
            info.ArgumentList.Add(argument);
        }
        using var demo = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        var lines = new List<string>();
        var printed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        demo.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (lines)
            {
                lines.Add(e.Data);
                if (e.Data.Contains("virtual terminals", StringComparison.Ordinal)) printed.TrySetResult();
            }
        };
        demo.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (lines) lines.Add(e.Data); };
        demo.BeginOutputReadLine();
        demo.BeginErrorReadLine();
        try
        {
            var finished = await Task.WhenAny(printed.Task, demo.WaitForExitAsync(), Task.Delay(Timeout));
            string banner;
            lock (lines) banner = string.Join('\n', lines);
            Assert.True(finished == printed.Task, "the demo printed no banner:\n" + banner);

            var exports = Exports().Match(banner);
            Assert.True(exports.Success, "no export line in:\n" + banner);
            var kiosk = Kiosk().Match(banner);
            Assert.True(kiosk.Success, "no kiosk token in:\n" + banner);
            Assert.Contains("none (--terminals 0)", banner, StringComparison.Ordinal);
            var environment = CliRun.Environment(new Dictionary<string, string>
            {
                ["UITPAS_EDGE_AGENT"] = exports.Groups["agent"].Value,
                ["UITPAS_EDGE_TOKEN_FILE"] = exports.Groups["token"].Value,
            });

            var created = await CliRun.OfAsync(environment, "device", "create", "vt-demo-guide", "--kiosk-token", kiosk.Groups["token"].Value, "--out", PathOf("vt.secret"));
            Assert.True(created.ExitCode == 0, created.Error + created.Output);
            Assert.Contains("configKey=", await File.ReadAllTextAsync(PathOf("vt.secret")), StringComparison.Ordinal);
            var list = await CliRun.OfAsync(environment, "device", "list", "--json");
            Assert.True(list.ExitCode == 0, list.Error);
            Assert.Contains(list.Json().EnumerateArray(), d => d.GetProperty("id").GetString() == "vt-demo-guide" && d.GetProperty("state").GetString() == "unknown");
        }
        finally
        {
            if (!demo.HasExited)
            {
                demo.Kill(entireProcessTree: true);
                await demo.WaitForExitAsync();
            }
        }
    }

    [GeneratedRegex(@"export UITPAS_EDGE_AGENT=(?<agent>\S+) UITPAS_EDGE_TOKEN_FILE=(?<token>\S+)")]
    private static partial Regex Exports();

    [GeneratedRegex(@"kiosk token\s+: (?<token>\S+)")]
    private static partial Regex Kiosk();
}
