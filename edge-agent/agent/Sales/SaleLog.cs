using Microsoft.Extensions.Logging;

namespace Uitpas.Edge.Agent.Sales;

// Sale logs name the sale by its key and device, never by card or UiTPAS number.
internal static partial class SaleLog
{
    [LoggerMessage(EventId = 9601, Level = LogLevel.Information, Message = "Sale {SaleKey} at {DeviceId} (event {EventId}) confirmed by central as {CentralSaleId}: paid {PaidCents} of {RegularCents} cents, key {Key}")]
    public static partial void Confirmed(ILogger logger, string saleKey, string deviceId, string eventId, string centralSaleId, long paidCents, long regularCents, string key);

    [LoggerMessage(EventId = 9602, Level = LogLevel.Information, Message = "Sale {SaleKey} at {DeviceId} refused: {Reason}")]
    public static partial void Refused(ILogger logger, string saleKey, string deviceId, string reason);

    [LoggerMessage(EventId = 9603, Level = LogLevel.Warning, Message = "Sale {SaleKey} at {DeviceId}: central unavailable ({Failure}); nothing was sold, the caller may try again")]
    public static partial void Unavailable(ILogger logger, string saleKey, string deviceId, string failure);

    [LoggerMessage(EventId = 9604, Level = LogLevel.Warning, Message = "Sale {SaleKey} at {DeviceId}: central's answer was lost ({Failure}); its registered sales are searched before it is sent again")]
    public static partial void OutcomeUnknown(ILogger logger, string saleKey, string deviceId, string failure);

    [LoggerMessage(EventId = 9605, Level = LogLevel.Information, Message = "Sale {SaleKey}: found in central's sales as {CentralSaleId}; confirmed without registering again")]
    public static partial void FoundAtCentral(ILogger logger, string saleKey, string centralSaleId);

    [LoggerMessage(EventId = 9606, Level = LogLevel.Information, Message = "Sale {SaleKey}: not among central's sales; it is registered again")]
    public static partial void NotFoundAtCentral(ILogger logger, string saleKey);

    [LoggerMessage(EventId = 9607, Level = LogLevel.Warning, Message = "{Count} sales were in flight longer than {After}: their outcome is unknown until central's sales are searched")]
    public static partial void Interrupted(ILogger logger, int count, TimeSpan after);

    [LoggerMessage(EventId = 9608, Level = LogLevel.Error, Message = "Reconciling sales with central failed; trying again in {Delay}")]
    public static partial void ReconcileFailed(ILogger logger, TimeSpan delay, Exception exception);

    [LoggerMessage(EventId = 9609, Level = LogLevel.Warning, Message = "Sale {SaleKey} at {DeviceId}: central refused it after the counter was told the confirmation follows ({Reason})")]
    public static partial void RefusedAfterPromise(ILogger logger, string saleKey, string deviceId, string reason);
}
