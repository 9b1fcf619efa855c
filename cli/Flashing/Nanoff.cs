using System.Diagnostics;

namespace Uitpas.Edge.Cli.Flashing;

/// <summary>
/// Runs the nanoFramework flasher <c>nanoff</c> (a .NET tool: <c>dotnet tool install -g nanoff</c>)
/// with its output lines handed to a callback as they come.
/// </summary>
public static class Nanoff
{
    /// <summary>The install hint printed when nanoff is not on PATH.</summary>
    public const string InstallHint = "nanoff is not installed: dotnet tool install -g nanoff (and make sure ~/.dotnet/tools is on PATH)";

    /// <summary>nanoff's full path from <paramref name="path"/> (the PATH variable), or null.</summary>
    public static string? Find(string? path)
    {
        var names = OperatingSystem.IsWindows() ? new[] { "nanoff.exe", "nanoff.cmd", "nanoff.bat" } : ["nanoff"];
        foreach (var directory in (path ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in names)
            {
                var candidate = Path.Combine(directory.Trim('"'), name);
                if (File.Exists(candidate) && (OperatingSystem.IsWindows() || (File.GetUnixFileMode(candidate) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0))
                {
                    return candidate;
                }
            }
        }
        return null;
    }

    /// <summary>The command line as a person would type it (for --dry-run and messages).</summary>
    public static string Display(IEnumerable<string> arguments) =>
        "nanoff " + string.Join(' ', arguments.Select(a => a.Length > 0 && a.All(c => char.IsLetterOrDigit(c) || "-_./:=,+@".Contains(c)) ? a : "\"" + a.Replace("\"", "\\\"", StringComparison.Ordinal) + "\""));

    /// <summary>Runs nanoff; returns its exit code. <paramref name="line"/> gets every line of its stdout and stderr.</summary>
    public static async Task<int> RunAsync(string executable, IReadOnlyList<string> arguments, string? path, Action<string> line, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        if (path is not null)
        {
            start.Environment["PATH"] = path;
        }
        using var process = new Process { StartInfo = start };
        var gate = new object();
        void Forward(string? text)
        {
            if (text is not null)
            {
                lock (gate)
                {
                    line(text);
                }
            }
        }
        process.OutputDataReceived += (_, e) => Forward(e.Data);
        process.ErrorDataReceived += (_, e) => Forward(e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        // The parameterless wait drains the redirected streams' last lines.
        process.WaitForExit();
        return process.ExitCode;
    }
}
