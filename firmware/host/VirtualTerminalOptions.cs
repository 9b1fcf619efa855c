using System.Reflection;
using Uitpas.Edge.Core.Offline;
using Uitpas.Edge.Core.Presence;
using Uitpas.Edge.Core.Flow;
using Uitpas.Edge.Core.Snapshots;
using Uitpas.Edge.VirtualTerminal.Adapters;
using Uitpas.Edge.VirtualTerminal.Reader;

namespace Uitpas.Edge.VirtualTerminal;

public sealed class VirtualTerminalOptions
{
    public required string DeviceId { get; init; }
    public required BrokerEndpoint Broker { get; init; }

    /// <summary>Folder for the journal and the boot epoch (the terminal's "flash").</summary>
    public required string DataDirectory { get; init; }

    public string Language { get; init; } = "nl";

    /// <summary>The card reader: the simulated MFRC522 (default) or a real RC522 on SPI (<c>--reader spi:/dev/spidev0.0</c>).</summary>
    public ReaderSpec Reader { get; init; } = ReaderSpec.Simulator;

    /// <summary>How often the loop steps the core (the device polls every 10-20 ms).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(10);

    public int ResultTimeoutMs { get; init; } = 3000;
    public int ResultShownMs { get; init; } = 4000;
    public int RetapWindowMs { get; init; } = 3000;
    public int ReplayIntervalMs { get; init; } = 30000;

    /// <summary>Calendar time of the terminal (SNTP on the device); tests move it through a simulated day.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>What the terminal knows from its snapshots when it must decide alone; none by default (or the snapshots', below).</summary>
    public IOfflineRules? OfflineRules { get; init; }

    /// <summary>The terminal's card system; with <see cref="SnapshotKey"/> it follows and installs snapshots.</summary>
    public uint? CardSystem { get; init; }

    /// <summary>The card system's 32-byte snapshot key (provisioned <c>snapshotKey</c>).</summary>
    public byte[]? SnapshotKey { get; init; }

    /// <summary>Download snapshots over HTTP when the manifest gives a URL (MQTT chunks otherwise, and as fallback).</summary>
    public bool SnapshotHttp { get; init; }

    /// <summary>Bytes per chunk request (256-4096).</summary>
    public int SnapshotChunkSize { get; init; } = 2048;

    public bool HasSnapshots => CardSystem is not null;

    /// <summary>The per-device 32-byte key that signs pushed configurations (provisioned <c>configKey</c>); null = pushed configurations are refused (<c>nokey</c>).</summary>
    public byte[]? ConfigKey { get; init; }

    /// <summary>The firmware version the terminal reports in its status; default the virtual terminal's informational version.</summary>
    public string FirmwareVersion { get; init; } = DefaultFirmwareVersion();

    /// <summary>The version reported in the status before any pushed configuration is applied (one stored in the data directory replaces it at start); 0 = as provisioned.</summary>
    public uint ConfigVersion { get; init; }

    /// <summary>Least time between two statuses when only the journal depth, the last tap or a counter changed.</summary>
    public int StatusRoutineIntervalMs { get; init; } = 30000;

    internal PresenceSettings ToPresenceSettings() => new(FirmwareVersion, ConfigVersion)
    {
        RoutineIntervalMs = StatusRoutineIntervalMs,
    };

    private static string DefaultFirmwareVersion() =>
        typeof(VirtualTerminalOptions).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    /// <summary>Null when the config key is absent or 32 bytes, otherwise what is wrong.</summary>
    public string? ValidateConfigKey() => ConfigKey is null || ConfigKey.Length == 32 ? null : "the config key must be 32 bytes";

    /// <summary>Null when the snapshot options are usable (or absent), otherwise what is wrong.</summary>
    public string? ValidateSnapshots()
    {
        if (CardSystem is null && SnapshotKey is null)
        {
            return null;
        }
        if (CardSystem is null || SnapshotKey is null)
        {
            return "the card system and the snapshot key go together";
        }
        if (OfflineRules is not null)
        {
            return "offline rules come from the snapshots when a card system is set";
        }
        return ToSnapshotSettings().Validate();
    }

    internal SnapshotSettings ToSnapshotSettings() => new(DeviceId, CardSystem ?? 0, SnapshotKey)
    {
        ChunkSize = SnapshotChunkSize,
    };

    internal TerminalSettings ToSettings() => new(DeviceId)
    {
        Language = Language,
        ResultTimeoutMs = ResultTimeoutMs,
        ResultShownMs = ResultShownMs,
        RetapWindowMs = RetapWindowMs,
        ReplayIntervalMs = ReplayIntervalMs,
    };
}
