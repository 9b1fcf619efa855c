using Microsoft.Extensions.Logging;

namespace Uitpas.Edge.Simulator;

/// <summary>The simulator's log messages; no tokens, secrets or card numbers.</summary>
internal static partial class SimulatorLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Central simulator listening on {BaseAddress} (seed {SeedNumber}, {CardCount} cards, {KioskCount} kiosks)")]
    public static partial void Started(ILogger logger, Uri baseAddress, int seedNumber, int cardCount, int kioskCount);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Fault {Kind} applied to {Endpoint}")]
    public static partial void FaultApplied(ILogger logger, FaultKind kind, SimEndpoint endpoint);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "Central simulator stopped")]
    public static partial void Stopped(ILogger logger);
}
