using System.CommandLine;

namespace Uitpas.Edge.Cli.CommandLine;

/// <summary>The options every command takes: where the agent is, its admin token, and JSON output.</summary>
public sealed class GlobalOptions
{
    /// <summary>Default agent admin URL when neither --agent nor UITPAS_EDGE_AGENT is given.</summary>
    public const string DefaultAgent = "http://127.0.0.1:8090";

    /// <summary>Default token file (relative to the working directory) when neither --token-file nor UITPAS_EDGE_TOKEN_FILE is given.</summary>
    public const string DefaultTokenFile = "data/admin.token";

    public GlobalOptions(CliEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        Agent = new Option<string>("--agent")
        {
            Description = "the agent's admin API (env UITPAS_EDGE_AGENT)",
            HelpName = "url",
            Recursive = true,
            DefaultValueFactory = _ => NonEmpty(environment.Variable("UITPAS_EDGE_AGENT")) ?? DefaultAgent,
        };
        TokenFile = new Option<string>("--token-file")
        {
            Description = "the agent's admin token (env UITPAS_EDGE_TOKEN_FILE; default data/admin.token relative to the working directory). "
                + "The agent writes it to {Agent:DataDirectory}/admin.token; the demo prints the path to export",
            HelpName = "file",
            Recursive = true,
            DefaultValueFactory = _ => NonEmpty(environment.Variable("UITPAS_EDGE_TOKEN_FILE")) ?? DefaultTokenFile,
        };
        Json = new Option<bool>("--json")
        {
            Description = "print the result as JSON on stdout (errors as {\"error\": …})",
            Recursive = true,
        };
    }

    public Option<string> Agent { get; }

    public Option<string> TokenFile { get; }

    public Option<bool> Json { get; }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
