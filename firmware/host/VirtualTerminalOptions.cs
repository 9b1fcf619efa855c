using Uitpas.Edge.Core.Offline;
using Uitpas.Edge.Core.Flow;
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

    /// <summary>What the terminal knows from its snapshots when it must decide alone; none by default.</summary>
    public IOfflineRules? OfflineRules { get; init; }

    internal TerminalSettings ToSettings() => new(DeviceId)
    {
        Language = Language,
        ResultTimeoutMs = ResultTimeoutMs,
        ResultShownMs = ResultShownMs,
        RetapWindowMs = RetapWindowMs,
        ReplayIntervalMs = ReplayIntervalMs,
    };
}
