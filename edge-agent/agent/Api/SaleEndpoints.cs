using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Uitpas.Edge.Agent.Devices;
using Uitpas.Edge.Agent.Sales;
using Uitpas.Edge.Central;
using Uitpas.Edge.Protocol;

namespace Uitpas.Edge.Agent.Api;

/// <summary>POST /sales {saleKey, deviceId, card, regularPrice, regularPriceLabel?, eventId?}.</summary>
public sealed record SaleRegistration(string? SaleKey, string? DeviceId, string? Card, decimal? RegularPrice, string? RegularPriceLabel, string? EventId);

/// <summary>A sale as the API shows it: never the card or the UiTPAS number. Prices in euro; <see cref="Message"/> is the counter's text (Dutch).</summary>
public sealed record SaleView(
    string SaleKey,
    string State,
    string DeviceId,
    string EventId,
    string EventTitle,
    decimal RegularPrice,
    string RegularPriceLabel,
    decimal? PaidPrice,
    string? TariffId,
    string? TariffName,
    string? CentralSaleId,
    DateTimeOffset? SoldAt,
    string? CostSharingKey,
    string Organizer,
    string Message);

/// <summary>
/// The sale endpoints of <c>/api/v1</c>: register a social-tariff sale at a terminal's counter, and show one. Answers:
/// 201 confirmed (200 when the key's sale was confirmed before), 202 sent with its confirmation following, 422 refused
/// (the detail is the text for the counter), 503 central unreachable (nothing sold: send the same saleKey again).
/// </summary>
internal static class SaleEndpoints
{
    private const int MaxKey = 64;

    public static RouteGroupBuilder MapSaleEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/sales", new Func<HttpContext, Task<IResult>>(RegisterAsync));
        api.MapGet("/sales/{saleKey}", (HttpContext context, string saleKey) =>
            Service(context).Find(saleKey) is { } sale ? Results.Json(View(sale), Problems.Json) : Problems.NotFound($"There is no sale with saleKey {Printable(saleKey)}."));
        return api;
    }

    private static async Task<IResult> RegisterAsync(HttpContext context)
    {
        if (!context.Request.HasJsonContentType())
        {
            return Problems.BadRequest("The body must be JSON (Content-Type: application/json).");
        }
        SaleRegistration? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<SaleRegistration>(context.Request.Body, Problems.Json, context.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            return Problems.BadRequest("The body is not valid JSON for a sale: saleKey, deviceId, card, regularPrice, regularPriceLabel?, eventId?.");
        }
        if (body is null)
        {
            return Problems.BadRequest("The body is empty: a JSON object is expected.");
        }
        if (Check(body) is { } problem)
        {
            return Problems.BadRequest(problem);
        }
        var request = new SaleRequest(body.SaleKey!.Trim(), body.DeviceId!.Trim(), body.Card!.Trim().ToUpperInvariant(), SaleStore.Cents(body.RegularPrice!.Value),
            body.RegularPriceLabel?.Trim() ?? "", string.IsNullOrWhiteSpace(body.EventId) ? null : body.EventId.Trim());
        var outcome = await Service(context).RegisterAsync(request, context.RequestAborted).ConfigureAwait(false);
        return outcome.Kind switch
        {
            SaleOutcomeKind.Done => Results.Json(View(outcome.Sale!), Problems.Json, statusCode: outcome.Fresh ? StatusCodes.Status201Created : StatusCodes.Status200OK),
            SaleOutcomeKind.Accepted => Results.Json(View(outcome.Sale!), Problems.Json, statusCode: StatusCodes.Status202Accepted),
            SaleOutcomeKind.Refused => Problems.Problem(StatusCodes.Status422UnprocessableEntity, "sale-refused", "Sale refused", outcome.Detail),
            SaleOutcomeKind.Unavailable => Problems.Problem(StatusCodes.Status503ServiceUnavailable, "central-unavailable", "Central unavailable", outcome.Detail),
            SaleOutcomeKind.NoDevice => Problems.NotFound(outcome.Detail),
            SaleOutcomeKind.Conflict => Problems.Conflict(outcome.Detail),
            _ => Problems.BadRequest(outcome.Detail),
        };
    }

    /// <summary>The first problem of the body, or null.</summary>
    private static string? Check(SaleRegistration body)
    {
        var key = body.SaleKey?.Trim() ?? "";
        var card = body.Card?.Trim() ?? "";
        var price = body.RegularPrice;
        return key.Length is 0 or > MaxKey || !key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
                ? $"saleKey is required: 1 to {MaxKey} letters, digits, '-', '_' or '.' (e.g. a UUID), the same for every retry of one sale."
            : !DeviceIds.IsValid(body.DeviceId?.Trim() ?? "") ? "deviceId is required: the terminal at whose counter the ticket is sold."
            : !(Luhn.IsValidUitpasNumber(card) || (!card.All(char.IsAsciiDigit) && ChipUid.TryParseHex(card) is { } uid && ChipUid.IsValidLength(uid.Length)))
                ? "card must be a chip number (hex, e.g. 04A1B2C3D4E5F6) or a 13-digit UiTPAS number."
            : price is null || price <= 0 || price > 100_000 || decimal.Round(price.Value, 2) != price.Value
                ? "regularPrice must be a euro amount above 0 and at most 100000, with at most two decimals."
            : body.RegularPriceLabel is { Length: > 100 } || (body.RegularPriceLabel?.Any(char.IsControl) ?? false)
                ? "regularPriceLabel must be at most 100 characters without control characters."
            : body.EventId is { } eventId && (eventId.Trim().Length > DeviceSeedOptionsValidator.MaxEventIdLength || eventId.Any(char.IsControl))
                ? $"eventId must be at most {DeviceSeedOptionsValidator.MaxEventIdLength} characters (central's event id)."
            : null;
    }

    internal static SaleView View(StoredSale sale) => new(
        sale.SaleKey,
        sale.State switch
        {
            SaleState.Pending => "pending",
            SaleState.InFlight => "inFlight",
            SaleState.Done => "done",
            SaleState.Unknown => "unknown",
            _ => "refused",
        },
        sale.DeviceId,
        sale.EventId,
        sale.EventTitle,
        sale.RegularCents / 100m,
        sale.RegularLabel,
        sale.State == SaleState.Done ? sale.PaidCents / 100m : null,
        sale.TariffId,
        sale.TariffName,
        sale.CentralSaleId,
        sale.SoldAt,
        sale.Key?.ToString(),
        sale.Organizer,
        sale.State switch
        {
            SaleState.Done => "Verkocht aan kansentarief.",
            SaleState.Refused => sale.Message ?? "Geweigerd.",
            SaleState.Pending when !sale.FollowUp => "Niet verkocht: UiTPAS was niet bereikbaar. Probeer opnieuw.",
            _ => SaleService.ConfirmationFollows,
        });

    private static SaleService Service(HttpContext context) => context.RequestServices.GetRequiredService<SaleService>();

    private static string Printable(string value) =>
        value.Length > 64 || value.Any(char.IsControl) ? value[..Math.Min(64, value.Length)].Replace('\n', ' ') + "…" : value;
}
