using System.ComponentModel.DataAnnotations;

namespace Uitpas.Edge.Agent.Hosting;

/// <summary>Where the agent keeps its state. Bound from the configuration section "Agent".</summary>
public sealed class AgentOptions
{
    /// <summary>The configuration section of the agent.</summary>
    public const string SectionName = "Agent";

    /// <summary>Folder of the agent's files (the SQLite database); relative paths are taken from the working directory.</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    /// <summary>File name of the SQLite database inside <see cref="DataDirectory"/>.</summary>
    [Required]
    [RegularExpression(@"^[A-Za-z0-9][A-Za-z0-9._-]*$", ErrorMessage = "Agent:DatabaseFile must be a plain file name.")]
    public string DatabaseFile { get; set; } = "uitpas-edge.db";

    /// <summary>Full path of the database file.</summary>
    public string DatabasePath => Path.GetFullPath(Path.Combine(DataDirectory, DatabaseFile));
}
