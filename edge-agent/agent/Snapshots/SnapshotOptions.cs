using System.ComponentModel.DataAnnotations;

namespace Uitpas.Edge.Agent.Snapshots;

/// <summary>Offline snapshots: building, storing and distributing them. Bound from "Agent:Snapshots".</summary>
public sealed class SnapshotOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Agent:Snapshots";

    /// <summary>Build and distribute snapshots (default off: terminals then decide nothing offline).</summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// Base64 of at least 32 random bytes; required when enabled. Each card system's snapshot key
    /// is derived from it (<see cref="SnapshotKeys"/>), so it must stay the same for the fleet's
    /// provisioned keys to remain valid. A secret: never logged.
    /// </summary>
    public string MasterSecret { get; set; } = "";

    /// <summary>Folder of the snapshot files, relative to Agent:DataDirectory unless rooted.</summary>
    [Required]
    public string Directory { get; set; } = "snapshots";

    /// <summary>How often the allowlists and events snapshots are rebuilt from central (also after every input change).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan RebuildInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Shortest time between two rebuilds caused by input changes (lookups, imports).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan RebuildDebounce { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Deltas kept per card system (a chain of consecutive versions); at most a manifest's 8.</summary>
    [Range(0, 8)]
    public int KeepDeltas { get; set; } = 6;

    /// <summary>Full allowlists kept per card system (the newest and, for downloads under way, older ones).</summary>
    [Range(1, 10)]
    public int KeepFullVersions { get; set; } = 2;

    /// <summary>Pause between two rounds of card lookups (chips seen in taps that the map lacks, blocked cards to check again).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan LookupInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Most lookups per round.</summary>
    [Range(1, 10000)]
    public int LookupBatch { get; set; } = 50;

    /// <summary>A blocked or unknown chip is looked up again after this long (a card can be unblocked).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan RecheckAfter { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// Optional path of a card supplier CSV ("chip";"uitpasNumber" rows) imported into the card map
    /// at start; a file with any bad line is refused whole (logged). Relative to the working directory.
    /// </summary>
    public string SupplierCsv { get; set; } = "";

    /// <summary>Download over HTTP (GET /snapshots/{file} with Range), beside the chunks over MQTT.</summary>
    public SnapshotHttpOptions Http { get; set; } = new();
}

/// <summary>The agent's small HTTP listener for snapshot downloads.</summary>
public sealed class SnapshotHttpOptions
{
    /// <summary>Serve snapshots over HTTP.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>IP address to listen on: 127.0.0.1 (default), 0.0.0.0, ::1 or ::.</summary>
    [Required]
    public string BindAddress { get; set; } = "127.0.0.1";

    /// <summary>TCP port; 0 picks a free one.</summary>
    [Range(0, 65535)]
    public int Port { get; set; } = 8089;

    /// <summary>
    /// The base URL put in manifests (ending in /snapshots/), as terminals reach the agent; empty:
    /// http://{BindAddress}:{port}/snapshots/ (fine for one machine only).
    /// </summary>
    public string PublicUrl { get; set; } = "";
}
