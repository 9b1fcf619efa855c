using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Uitpas.Edge.Agent.Devices;
using Uitpas.Edge.Agent.Reports;

namespace Uitpas.Edge.Agent.Api;

/// <summary>PUT /cost-sharing/{cs}[/events/{eventId}] body: the key "participant/organizer/municipality", e.g. "25/35/40".</summary>
public sealed record CostSharingRequest(string? Key);

/// <summary>One stored key; <see cref="EventId"/> null = every event of the card system. Shares in percent.</summary>
public sealed record CostSharingKeyView(long CardSystemId, string? EventId, string Key, decimal Participant, decimal Organizer, decimal Municipality, DateTimeOffset UpdatedAt);

/// <summary>GET /cost-sharing: the default, the stored keys, and the card systems keys may be set for.</summary>
public sealed record CostSharingOverview(string Default, IReadOnlyList<long> KnownCardSystems, IReadOnlyList<CostSharingKeyView> Keys);

/// <summary>
/// The cost-sharing keys of <c>/api/v1</c>: list, set and remove a card system's key or one event's. A key applies to
/// sales confirmed from then on (each sale keeps the key it was confirmed under).
/// </summary>
internal static class CostSharingEndpoints
{
    public static RouteGroupBuilder MapCostSharingEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/cost-sharing", new Func<HttpContext, Task<IResult>>(OverviewAsync));
        api.MapPut("/cost-sharing/{cardSystem}", (HttpContext context, string cardSystem) => SetAsync(context, cardSystem, null));
        api.MapDelete("/cost-sharing/{cardSystem}", (HttpContext context, string cardSystem) => RemoveAsync(context, cardSystem, null));
        api.MapPut("/cost-sharing/{cardSystem}/events/{eventId}", (HttpContext context, string cardSystem, string eventId) => SetAsync(context, cardSystem, eventId));
        api.MapDelete("/cost-sharing/{cardSystem}/events/{eventId}", (HttpContext context, string cardSystem, string eventId) => RemoveAsync(context, cardSystem, eventId));
        return api;
    }

    private static async Task<IResult> OverviewAsync(HttpContext context)
    {
        var store = Store(context);
        var keys = await store.CostSharingKeysAsync(context.RequestAborted).ConfigureAwait(false);
        var known = await store.KnownCardSystemsAsync(context.RequestAborted).ConfigureAwait(false);
        return Results.Json(new CostSharingOverview(store.DefaultKey.ToString(), known, keys.Select(View).ToArray()), Problems.Json);
    }

    private static async Task<IResult> SetAsync(HttpContext context, string cardSystemText, string? eventId)
    {
        var (cardSystem, problem) = await CheckAsync(context, cardSystemText, eventId).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }
        if (!context.Request.HasJsonContentType())
        {
            return Problems.BadRequest("The body must be JSON (Content-Type: application/json): {\"key\": \"20/40/40\"}.");
        }
        CostSharingRequest? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<CostSharingRequest>(context.Request.Body, Problems.Json, context.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            body = null;
        }
        if (body?.Key is null)
        {
            return Problems.BadRequest("The body must be {\"key\": \"participant/organizer/municipality\"}, e.g. {\"key\": \"20/40/40\"}.");
        }
        if (!CostSharingKey.TryParse(body.Key, out var key, out var error))
        {
            return Problems.BadRequest(error);
        }
        await Store(context).SetCostSharingAsync(cardSystem, eventId?.Trim(), key, context.RequestAborted).ConfigureAwait(false);
        return await OverviewAsync(context).ConfigureAwait(false);
    }

    private static async Task<IResult> RemoveAsync(HttpContext context, string cardSystemText, string? eventId)
    {
        var (cardSystem, problem) = await CheckAsync(context, cardSystemText, eventId).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }
        var store = Store(context);
        if (!await store.RemoveCostSharingAsync(cardSystem, eventId?.Trim(), context.RequestAborted).ConfigureAwait(false))
        {
            return Problems.NotFound(eventId is null
                ? $"card system {cardSystem} has no cost-sharing key of its own: the default {store.DefaultKey} applies."
                : $"card system {cardSystem} has no cost-sharing key for event {eventId.Trim()}: its card system's key or the default applies.");
        }
        return await OverviewAsync(context).ConfigureAwait(false);
    }

    /// <summary>The card system id when it is one the agent knows, else the problem.</summary>
    private static async Task<(long CardSystem, IResult? Problem)> CheckAsync(HttpContext context, string text, string? eventId)
    {
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var cardSystem) || cardSystem is <= 0 or > int.MaxValue)
        {
            return (0, Problems.BadRequest($"the card system must be a central card system id (a whole number above 0), not '{(text.Length > 20 ? text[..20] + "…" : text)}'."));
        }
        if (eventId is not null && (eventId.Trim().Length is 0 or > DeviceSeedOptionsValidator.MaxEventIdLength || eventId.Any(char.IsControl)))
        {
            return (0, Problems.BadRequest($"the event id must be 1 to {DeviceSeedOptionsValidator.MaxEventIdLength} characters (central's event id)."));
        }
        var known = await Store(context).KnownCardSystemsAsync(context.RequestAborted).ConfigureAwait(false);
        if (!known.Contains(cardSystem))
        {
            var list = known.Count == 0 ? "none" : string.Join(", ", known);
            return (0, Problems.NotFound($"card system {cardSystem} is not known to this agent (known: {list})."));
        }
        return (cardSystem, null);
    }

    private static CostSharingKeyView View(CostSharingEntry entry) => new(entry.CardSystemId, entry.EventId, entry.Key.ToString(),
        entry.Key.ParticipantBp / 100m, entry.Key.OrganizerBp / 100m, entry.Key.MunicipalityBp / 100m, entry.UpdatedAt);

    private static ReportStore Store(HttpContext context) => context.RequestServices.GetRequiredService<ReportStore>();
}
