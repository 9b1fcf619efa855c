using Microsoft.Extensions.Logging;

namespace Uitpas.Edge.Agent.Devices;

internal static partial class DeviceLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Device registry loaded: {Count} devices ({Seeded} from configuration)")]
    public static partial void Loaded(ILogger logger, int count, int seeded);
}
