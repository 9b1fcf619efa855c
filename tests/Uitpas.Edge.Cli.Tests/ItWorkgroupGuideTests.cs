using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Uitpas.Edge.Cli.Tests.Infrastructure;
using Uitpas.Edge.VirtualTerminal.Provisioning;

namespace Uitpas.Edge.Cli.Tests;

/// <summary>
/// The README's "IT workgroup" guide, step by step, with only the CLI against a running agent:
/// create → assign → a virtual terminal in --provision mode → provision → tap → list/show →
/// config push. The terminal is the real virtual terminal program, driven through its stdin.
/// </summary>
public sealed class ItWorkgroupGuideTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private CliSystem _system = null!;

    public async Task InitializeAsync() => _system = await CliSystem.StartAsync();

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task From_nothing_to_a_tapping_virtual_terminal_using_only_the_cli()
    {
        var secrets = _system.PathOf("vt-guide.secret");
        var data = _system.PathOf("vt-guide-data");
        var now = DateTimeOffset.UtcNow;
        var eventId = _system.Tap.Central.Seed.DefaultKiosk.CurrentEventId!;

        Ok(await _system.CliAsync("device", "create", "vt-guide", "--kiosk-token", _system.KioskToken, "--out", secrets));
        Ok(await _system.CliAsync("device", "assign", "vt-guide", "--region", "Oost-Vlaanderen", "--municipality", "Gent", "--venue", "Bib De Krook",
            "--counter", "onthaal", "--organizer", "Stad Gent", "--event", eventId, "--from", now.AddHours(-1).ToString("O"), "--until", now.AddHours(3).ToString("O")));
        using var terminal = GuideTerminal.Start("--data", data, "--provision");
        var port = terminal.WaitForLine(l => l.StartsWith("provisioning: waiting on ", StringComparison.Ordinal), Timeout)["provisioning: waiting on ".Length..];
        var provisioned = await CliRun.OfAsync(WithStdin("correct horse battery\n"), "device", "provision", "vt-guide", "--port", port,
            "--wifi-ssid", "Bib De Krook", "--wifi-password-stdin", "--broker", "127.0.0.1:" + _system.Tap.BrokerPort.ToString(CultureInfo.InvariantCulture),
            "--credentials", secrets);
        Ok(provisioned);
        Assert.Contains("vt-guide provisioned on " + port, provisioned.Output, StringComparison.Ordinal);
        await UntilAsync("vt-guide online", d => d.GetProperty("state").GetString() == "online");

        terminal.Type(_system.Tap.Central.Seed.GoodCards[0].ChipNumber);
        await UntilAsync("a tap of vt-guide", d => d.GetProperty("lastTap").ValueKind != JsonValueKind.Null);

        var list = await _system.CliAsync("device", "list");
        Ok(list);
        Assert.Contains("vt-guide", list.Output, StringComparison.Ordinal);
        Assert.Contains("Bib De Krook / onthaal", list.Output, StringComparison.Ordinal);
        var show = await _system.CliAsync("device", "show", "vt-guide", "--json");
        Assert.NotEmpty(show.Json().GetProperty("recentTaps").EnumerateArray());
        Assert.DoesNotContain(_system.Tap.Central.Seed.GoodCards[0].ChipNumber, show.Output, StringComparison.Ordinal);
        var pushed = await _system.CliAsync("config", "push", "--venue", "Bib De Krook", "--set", "language=en");
        Ok(pushed);
        Assert.Contains("Applied by all 1 device", pushed.Output, StringComparison.Ordinal);
        terminal.WaitForLine(l => l.Contains("Tap your UiTPAS", StringComparison.Ordinal), Timeout);
    }

    private CommandLine.CliEnvironment WithStdin(string input)
    {
        var environment = _system.Environment();
        return new CommandLine.CliEnvironment { Variable = environment.Variable, Input = new StringReader(input) };
    }

    private async Task UntilAsync(string what, Func<JsonElement, bool> condition)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            var run = await _system.CliAsync("device", "show", "vt-guide", "--json");
            Ok(run);
            if (condition(run.Json()))
            {
                return;
            }
            Assert.True(DateTime.UtcNow < deadline, $"no {what} within {Timeout.TotalSeconds} s: {run.Output}");
            await Task.Delay(100);
        }
    }

    private static void Ok(CliRun run) => Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.Error}{run.Output}");

    /// <summary>The virtual terminal program as a child process: lines it prints, chip numbers typed on its stdin.</summary>
    private sealed class GuideTerminal : IDisposable
    {
        private readonly Process _process;
        private readonly List<string> _lines = [];

        private GuideTerminal(Process process)
        {
            _process = process;
            _process.OutputDataReceived += (_, e) => Add(e.Data);
            _process.ErrorDataReceived += (_, e) => Add(e.Data);
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
        }

        public static GuideTerminal Start(params string[] arguments)
        {
            var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
            info.ArgumentList.Add(Path.Combine(Path.GetDirectoryName(typeof(PseudoTerminal).Assembly.Location)!, "uitpas-virtual-terminal.dll"));
            foreach (var argument in arguments)
            {
                info.ArgumentList.Add(argument);
            }
            return new GuideTerminal(Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start"));
        }

        public void Type(string line)
        {
            _process.StandardInput.WriteLine(line);
            _process.StandardInput.Flush();
        }

        public string WaitForLine(Func<string, bool> match, TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            lock (_lines)
            {
                while (true)
                {
                    if (_lines.FirstOrDefault(match) is { } found)
                    {
                        return found;
                    }
                    var left = deadline - DateTime.UtcNow;
                    Assert.True(left > TimeSpan.Zero, "not printed in time; the terminal printed:\n" + string.Join('\n', _lines));
                    Monitor.Wait(_lines, left);
                }
            }
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit();
            }
            _process.Dispose();
        }

        private void Add(string? line)
        {
            if (line is null)
            {
                return;
            }
            lock (_lines)
            {
                _lines.Add(line);
                Monitor.PulseAll(_lines);
            }
        }
    }
}
