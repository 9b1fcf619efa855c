using Microsoft.Extensions.Logging;
using Uitpas.Edge.Agent.Devices;
using Uitpas.Edge.Agent.Reports;
using Uitpas.Edge.Central;

namespace Uitpas.Edge.Agent.Sales;

/// <summary>A sale as the counter asks for it (POST /api/v1/sales), checked by the endpoint.</summary>
public sealed record SaleRequest(string SaleKey, string DeviceId, string Card, long RegularCents, string RegularLabel, string? EventId);

/// <summary>How a sale request ended, for the caller.</summary>
public enum SaleOutcomeKind
{
    /// <summary>Confirmed by central (<see cref="SaleOutcome.Fresh"/>: by this request).</summary>
    Done,

    /// <summary>Refused (final); the detail is the text for the counter.</summary>
    Refused,

    /// <summary>Central could not be reached and nothing was sold: try again with the same sale key.</summary>
    Unavailable,

    /// <summary>Sent, its confirmation follows (an answer was lost, or another request is sending it now).</summary>
    Accepted,

    /// <summary>The request cannot be served as given (no event, no organizer, an unknown device, a reused key).</summary>
    Invalid,

    /// <summary>No such device.</summary>
    NoDevice,

    /// <summary>The device or the sale key is in a state that does not allow it.</summary>
    Conflict,
}

/// <summary>The outcome, with the stored sale when there is one.</summary>
public sealed record SaleOutcome(SaleOutcomeKind Kind, StoredSale? Sale, string Detail, bool Fresh = false);

/// <summary>
/// Registers a social-tariff sale at a terminal's counter: the card is looked up (UiTPAS number, card system), the
/// sale stored with its context under the caller's key (a repeated request returns it: idempotent, although central
/// is not), the social tariff asked for, the sale marked in flight durably, then POST /ticket-sales. An answer is
/// final; no answer is pending (surely not counted: 429, 503, refused credentials) or unknown (the reconciler searches
/// central's sales before sending it again), as for taps (docs/protocol.md, "States of a tap's relay").
/// </summary>
public sealed class SaleService
{
    /// <summary>The counter's text while the confirmation follows.</summary>
    public const string ConfirmationFollows = "Verkoop doorgegeven, bevestiging volgt.";

    private const string NoSocialTariff = "Er is geen kansentarief beschikbaar voor deze pas en deze activiteit.";

    private readonly SaleStore _store;
    private readonly DeviceRegistry _devices;
    private readonly IUitpasCentral _central;
    private readonly ITicketSales _sales;
    private readonly Pseudonymizer _pseudonyms;
    private readonly ReportStore _reports;
    private readonly TimeProvider _time;
    private readonly ILogger<SaleService> _logger;

    public SaleService(SaleStore store, DeviceRegistry devices, IUitpasCentral central, ITicketSales sales, Pseudonymizer pseudonyms, ReportStore reports,
        TimeProvider time, ILogger<SaleService> logger)
    {
        _store = store;
        _devices = devices;
        _central = central;
        _sales = sales;
        _pseudonyms = pseudonyms;
        _reports = reports;
        _time = time;
        _logger = logger;
    }

    /// <summary>The sale with this key, or null.</summary>
    public StoredSale? Find(string saleKey) => _store.Find(saleKey);

    /// <summary>Registers <paramref name="request"/>, or answers for the sale stored under its key.</summary>
    public async Task<SaleOutcome> RegisterAsync(SaleRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (_store.Find(request.SaleKey) is { } existing)
        {
            return await AgainAsync(existing, request, cancellationToken).ConfigureAwait(false);
        }
        if (!_devices.TryGet(request.DeviceId, out var device))
        {
            return new(SaleOutcomeKind.NoDevice, null, $"There is no device {request.DeviceId}.");
        }
        if (device.Retired)
        {
            return new(SaleOutcomeKind.Conflict, null, $"Device {device.Id} is retired: it registers no sales.");
        }
        if (device.Site.Organizer.Length == 0)
        {
            return new(SaleOutcomeKind.Conflict, null, $"device {device.Id} has no organizer: set it with `device assign --organizer` first.");
        }
        var eventId = request.EventId ?? device.EventAt(_time.GetUtcNow())?.EventId;
        if (eventId is null)
        {
            return new(SaleOutcomeKind.Invalid, null, $"device {device.Id} is assigned to no event now: give eventId.");
        }
        var pass = await _central.GetPassAsync(request.Card, cancellationToken).ConfigureAwait(false);
        if (!pass.IsOk)
        {
            return pass.Outcome == CentralOutcome.Problem && pass.HttpStatus is not (401 or 403)
                ? new(SaleOutcomeKind.Refused, null, pass.Problem!.EndUserMessage("nl") ?? "Deze kaart kennen we niet als geldige UiTPAS.")
                : new(SaleOutcomeKind.Unavailable, null, "Central could not be reached to look the card up: nothing was sold. Try again with the same saleKey.");
        }
        var title = device.Events.FirstOrDefault(e => e.EventId == eventId)?.Title ?? "";
        var row = new NewSaleRow(request.SaleKey, device.Id, eventId, title, pass.Value.UitpasNumber, request.RegularCents, request.RegularLabel,
            device.Site, _devices.DomainOf(eventId), pass.Value.CardSystem.Id, _pseudonyms.OfNumber(pass.Value.UitpasNumber));
        var (sale, inserted) = await _store.InsertAsync(row, CancellationToken.None).ConfigureAwait(false);
        return inserted ? await SendAsync(sale, CancellationToken.None).ConfigureAwait(false) : await AgainAsync(sale, request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends a pending sale: its social tariff, then (marked in flight first) POST /ticket-sales. Runs to its end once
    /// begun (the answer is central's and will not come again), so callers pass no token.
    /// </summary>
    public async Task<SaleOutcome> SendAsync(StoredSale sale, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sale);
        var regular = sale.RegularCents / 100m;
        var tariffs = await _sales.GetTariffsAsync(new TariffQuery(sale.EventId, sale.UitpasNumber, regular) { Kind = TariffKind.SocialTariff }, cancellationToken)
            .ConfigureAwait(false);
        if (!tariffs.IsOk)
        {
            return tariffs.Outcome == CentralOutcome.Problem && tariffs.HttpStatus is not (401 or 403)
                ? await RefuseAsync(sale, tariffs.Problem!.ShortType, tariffs.Problem.EndUserMessage("nl") ?? NoSocialTariff, cancellationToken).ConfigureAwait(false)
                : Unavailable(sale, tariffs.FailureReason ?? tariffs.ToString());
        }
        var offer = tariffs.Value.Available.FirstOrDefault(t => t.Kind == TariffKind.SocialTariff && t.Remaining > 0);
        if (offer is null)
        {
            return await RefuseAsync(sale, "no-social-tariff", tariffs.Value.EndUserMessageNl ?? NoSocialTariff, cancellationToken).ConfigureAwait(false);
        }
        if (!await _store.TryStartCallAsync(sale.Id, SaleState.Pending, offer, CancellationToken.None).ConfigureAwait(false))
        {
            return Current(sale.SaleKey);
        }
        CentralResponse<TicketSaleRecord> response;
        try
        {
            response = await _sales.RegisterTicketSaleAsync(
                new NewTicketSale(offer.Id, sale.UitpasNumber, sale.EventId, regular) { RegularPriceLabel = sale.RegularLabel }, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            response = CentralResponse<TicketSaleRecord>.Unavailable("central client threw " + exception.GetType().Name);
        }
        return await SettleAsync(sale, response).ConfigureAwait(false);
    }

    /// <summary>Central confirmed <paramref name="record"/> for the sale (now in flight): done, or the stored state when it could not be claimed.</summary>
    internal async Task<SaleOutcome> ConfirmAsync(StoredSale sale, TicketSaleRecord record)
    {
        if (!await _store.CompleteAsync(sale.Id, record, _reports.DefaultKey, CancellationToken.None).ConfigureAwait(false))
        {
            return Current(sale.SaleKey);
        }
        var done = _store.Find(sale.SaleKey)!;
        SaleLog.Confirmed(_logger, sale.SaleKey, sale.DeviceId, sale.EventId, record.Id, done.PaidCents ?? 0, done.RegularCents, done.Key?.ToString() ?? "");
        return new(SaleOutcomeKind.Done, done, "", Fresh: true);
    }

    private async Task<SaleOutcome> SettleAsync(StoredSale sale, CentralResponse<TicketSaleRecord> response)
    {
        if (response.IsOk)
        {
            return await ConfirmAsync(sale, response.Value).ConfigureAwait(false);
        }
        if (response.Outcome == CentralOutcome.Problem && response.HttpStatus is not (401 or 403))
        {
            return await RefuseAsync(sale, response.Problem!.ShortType, response.Problem.EndUserMessage("nl") ?? response.Problem.Title ?? NoSocialTariff,
                CancellationToken.None).ConfigureAwait(false);
        }
        var failure = response.FailureReason ?? response.ToString();
        if (response.Outcome == CentralOutcome.Problem || response.HttpStatus is 429 or 503)
        {
            // Refused credentials, or central said so before doing anything: nothing was sold.
            await _store.ReleaseAsync(sale.Id, SaleState.Pending, followUp: false, CancellationToken.None).ConfigureAwait(false);
            return Unavailable(sale, failure);
        }
        SaleLog.OutcomeUnknown(_logger, sale.SaleKey, sale.DeviceId, failure);
        await _store.ReleaseAsync(sale.Id, SaleState.Unknown, followUp: true, CancellationToken.None).ConfigureAwait(false);
        return new(SaleOutcomeKind.Accepted, _store.Find(sale.SaleKey), ConfirmationFollows);
    }

    private async Task<SaleOutcome> RefuseAsync(StoredSale sale, string reason, string message, CancellationToken cancellationToken)
    {
        await _store.RefuseAsync(sale.Id, reason, message, cancellationToken).ConfigureAwait(false);
        if (sale.FollowUp)
        {
            SaleLog.RefusedAfterPromise(_logger, sale.SaleKey, sale.DeviceId, reason);
        }
        else
        {
            SaleLog.Refused(_logger, sale.SaleKey, sale.DeviceId, reason);
        }
        return new(SaleOutcomeKind.Refused, _store.Find(sale.SaleKey), message, Fresh: true);
    }

    private SaleOutcome Unavailable(StoredSale sale, string failure)
    {
        SaleLog.Unavailable(_logger, sale.SaleKey, sale.DeviceId, failure);
        return new(SaleOutcomeKind.Unavailable, _store.Find(sale.SaleKey), "Central could not be reached: nothing was sold. Try again with the same saleKey.");
    }

    /// <summary>A request whose key is stored: the same sale is answered from the store (a pending one is sent again); another one is refused.</summary>
    private async Task<SaleOutcome> AgainAsync(StoredSale sale, SaleRequest request, CancellationToken cancellationToken)
    {
        if (sale.DeviceId != request.DeviceId || sale.RegularCents != request.RegularCents || (request.EventId is not null && request.EventId != sale.EventId))
        {
            return new(SaleOutcomeKind.Conflict, null, $"saleKey {sale.SaleKey} was used for another sale (device, price or event differ): make a new saleKey for a new sale.");
        }
        return sale.State == SaleState.Pending && !sale.FollowUp ? await SendAsync(sale, cancellationToken).ConfigureAwait(false) : Current(sale.SaleKey);
    }

    /// <summary>The outcome the stored state stands for.</summary>
    private SaleOutcome Current(string saleKey)
    {
        var sale = _store.Find(saleKey)!;
        return sale.State switch
        {
            SaleState.Done => new(SaleOutcomeKind.Done, sale, ""),
            SaleState.Refused => new(SaleOutcomeKind.Refused, sale, sale.Message ?? NoSocialTariff),
            SaleState.Pending when !sale.FollowUp => new(SaleOutcomeKind.Unavailable, sale, "Central could not be reached: nothing was sold. Try again with the same saleKey."),
            _ => new(SaleOutcomeKind.Accepted, sale, ConfirmationFollows),
        };
    }
}
