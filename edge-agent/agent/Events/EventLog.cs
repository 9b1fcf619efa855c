using Microsoft.Extensions.Logging;

namespace Uitpas.Edge.Agent.Events;

internal static partial class EventLog
{
    [LoggerMessage(EventId = 6001, Level = LogLevel.Warning, Message = "A handler of the {Event} event failed")]
    public static partial void HandlerFailed(ILogger logger, string @event, Exception exception);
}
