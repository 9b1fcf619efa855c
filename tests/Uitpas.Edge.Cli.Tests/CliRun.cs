using System.Text.Json;
using Uitpas.Edge.Cli.CommandLine;

namespace Uitpas.Edge.Cli.Tests;

/// <summary>One run of the CLI: exit code and what it printed.</summary>
public sealed record CliRun(int ExitCode, string Output, string Error)
{
    /// <summary>A run with no environment variables (so the defaults apply), no stdin and no terminal.</summary>
    public static CliRun Of(params string[] args) => Of(Environment(), args);

    public static CliRun Of(CliEnvironment environment, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = CliApp.Run(args, output, error, environment);
        return new CliRun(code, output.ToString(), error.ToString());
    }

    public static async Task<CliRun> OfAsync(CliEnvironment environment, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await Task.Run(() => CliApp.RunAsync(args, output, error, environment));
        return new CliRun(code, output.ToString(), error.ToString());
    }

    /// <summary>An environment with just these variables and this stdin.</summary>
    public static CliEnvironment Environment(IReadOnlyDictionary<string, string>? variables = null, string? input = null) => new()
    {
        Variable = name => variables is not null && variables.TryGetValue(name, out var value) ? value : null,
        Input = new StringReader(input ?? ""),
    };

    /// <summary>The value of a <c>key=value</c> line of the output.</summary>
    public string Line(string key) =>
        Output.Split('\n').Single(l => l.StartsWith(key + "=", StringComparison.Ordinal))[(key.Length + 1)..];

    /// <summary>The --json output.</summary>
    public JsonElement Json()
    {
        using var document = JsonDocument.Parse(Output);
        return document.RootElement.Clone();
    }
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
