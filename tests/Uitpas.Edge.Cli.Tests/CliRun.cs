using Uitpas.Edge.Cli.CommandLine;

namespace Uitpas.Edge.Cli.Tests;

/// <summary>One run of the CLI: exit code and what it printed.</summary>
public sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static CliRun Of(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = CliApp.Run(args, output, error);
        return new CliRun(code, output.ToString(), error.ToString());
    }

    /// <summary>The value of a <c>key=value</c> line of the output.</summary>
    public string Line(string key) =>
        Output.Split('\n').Single(l => l.StartsWith(key + "=", StringComparison.Ordinal))[(key.Length + 1)..];
}

/// <summary>A temp folder per test.</summary>
public abstract class CliTestBase : IDisposable
{
    protected string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("uitpas-cli-").FullName;

    protected string PathOf(string name) => System.IO.Path.Combine(Directory, name);

    public void Dispose()
    {
        System.IO.Directory.Delete(Directory, recursive: true);
        GC.SuppressFinalize(this);
    }
}
