using System.Text.Json;
using System.Text.Json.Serialization;

namespace Uitpas.Edge.Cli.CommandLine;

/// <summary>The JSON conventions: the agent's API (camelCase, web defaults) and the CLI's --json output.</summary>
public static class CliJson
{
    /// <summary>Reading and writing the agent's API.</summary>
    public static JsonSerializerOptions Api { get; } = new(JsonSerializerDefaults.Web);

    /// <summary>--json output: camelCase, indented, nulls kept so property names are stable.</summary>
    public static JsonSerializerOptions Output { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };
}
