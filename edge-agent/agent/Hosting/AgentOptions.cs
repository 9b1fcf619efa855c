using System.ComponentModel.DataAnnotations;

namespace Uitpas.Edge.Agent.Hosting;

/// <summary>Where the agent keeps its state, and which instance it is. Bound from the configuration section "Agent".</summary>
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

    /// <summary>
    /// This running instance's name, unique among the instances sharing one database (the owner
    /// of its relay leases). Default: machine name and process id, so a restart is a new instance;
    /// a fixed name lets a restarted instance take its own leases back at once.
    /// </summary>
    [Required]
    [StringLength(200, MinimumLength = 1)]
    [RegularExpression(@"^\S+$", ErrorMessage = "Agent:InstanceId may not contain white space.")]
    public string InstanceId { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}";

    /// <summary>Full path of the database file.</summary>
    public string DatabasePath => Path.GetFullPath(Path.Combine(DataDirectory, DatabaseFile));
}
