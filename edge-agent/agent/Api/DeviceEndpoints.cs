using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Uitpas.Edge.Agent.Devices;
using Uitpas.Edge.Agent.Fleet;
using Uitpas.Edge.Protocol;

namespace Uitpas.Edge.Agent.Api;

/// <summary>
/// The device endpoints of <c>/api/v1</c> (spec §2): list, create, show, site, events, loans,
/// return, retire, and the alerts. Bodies are JSON (camelCase); every refusal is a problem with
/// a sentence. Changes go through the registry (which reloads and raises Reloaded).
/// </summary>
internal static class DeviceEndpoints
{
    public static RouteGroupBuilder MapDeviceEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/devices", List);
        api.MapPost("/devices", new Func<HttpContext, Task<IResult>>(CreateAsync));
        api.MapGet("/devices/{id}", (HttpContext context, string id) => Show(context, id));
        api.MapPut("/devices/{id}/site", SetSiteAsync);
        api.MapPost("/devices/{id}/events", AddEventAsync);
        api.MapDelete("/devices/{id}/events/{eventId}", RemoveEventAsync);
        api.MapPost("/devices/{id}/loans", LendAsync);
        api.MapPost("/devices/{id}/loans/return", ReturnAsync);
        api.MapPost("/devices/{id}/retire", RetireAsync);
        api.MapGet("/alerts", (HttpContext context) => Results.Json(View(context).Alerts(), Problems.Json));
        return api;
    }

    private static IResult List(HttpContext context)
    {
        var query = context.Request.Query;
        string? Filter(string name) => query.TryGetValue(name, out var value) && value.ToString().Length > 0 ? value.ToString() : null;
        var state = Filter("state");
        if (state is not null && !FleetView.States.Contains(state))
        {
            return Problems.BadRequest($"state '{state}' is not one of {string.Join(", ", FleetView.States)}.");
        }
        var alerting = Filter("alerting");
        if (alerting is not null && alerting is not ("true" or "false"))
        {
            return Problems.BadRequest("alerting must be true or false.");
        }
        return Results.Json(View(context).List(Filter("region"), Filter("municipality"), Filter("venue"), state, alerting == "true"), Problems.Json);
    }

    private static async Task<IResult> CreateAsync(HttpContext context)
    {
        var (request, error) = await ReadAsync<CreateDeviceRequest>(context).ConfigureAwait(false);
        if (request is null)
        {
            return error!;
        }
        var id = request.Id?.Trim() ?? "";
        var language = string.IsNullOrWhiteSpace(request.Language) ? DeviceLanguages.Default : request.Language.Trim();
        var problem = !DeviceIds.IsValid(id) ? $"The device id '{Printable(id)}' is not valid: 1 to {DeviceIds.MaxLength} characters of a-z, 0-9 and '-', not starting or ending with '-'."
            : string.IsNullOrWhiteSpace(request.KioskToken) ? "kioskToken is required: the kiosk device's token at central."
            : request.KioskToken.Length > 500 || request.KioskToken.Any(char.IsControl) ? "kioskToken is too long or holds control characters."
            : !DeviceLanguages.IsSupported(language) ? $"language '{Printable(language)}' is not one of {string.Join(", ", DeviceLanguages.All)}."
            : request.CardSystemId is < 0 ? "cardSystemId must be a central card system id (> 0), or 0 for none."
            : null;
        if (problem is not null)
        {
            return Problems.BadRequest(problem);
        }
        var device = new Device(id, request.KioskToken!.Trim(), language) { CardSystemId = request.CardSystemId ?? 0 };
        var (result, secrets) = await context.RequestServices.GetRequiredService<FleetAdmin>().CreateAsync(device, context.RequestAborted).ConfigureAwait(false);
        if (result != DeviceChange.Done)
        {
            return Refusal(result, id, "");
        }
        var summary = View(context).Detail(id)!;
        var created = new CreatedDevice(summary, new DeviceCredentials(id, secrets!.Password, Convert.ToHexStringLower(secrets.ConfigKey)));
        return Results.Json(created, Problems.Json, statusCode: StatusCodes.Status201Created);
    }

    private static IResult Show(HttpContext context, string id) =>
        View(context).Detail(id) is { } detail ? Results.Json(detail, Problems.Json) : UnknownDevice(id);

    private static async Task<IResult> SetSiteAsync(HttpContext context, string id)
    {
        var (request, error) = await ReadAsync<SiteRequest>(context).ConfigureAwait(false);
        if (request is null)
        {
            return error!;
        }
        var fields = new[] { ("region", request.Region), ("municipality", request.Municipality), ("venue", request.Venue), ("counter", request.Counter), ("organizer", request.Organizer) };
        foreach (var (name, value) in fields)
        {
            if (value is { Length: > 100 } || (value?.Any(char.IsControl) ?? false))
            {
                return Problems.BadRequest($"{name} must be at most 100 characters without control characters.");
            }
        }
        var site = new DeviceSite(Clean(request.Region), Clean(request.Municipality), Clean(request.Venue), Clean(request.Counter), Clean(request.Organizer));
        var result = await Registry(context).SetSiteAsync(id, site, context.RequestAborted).ConfigureAwait(false);
        return Outcome(context, result, id, "");
    }

    private static async Task<IResult> AddEventAsync(HttpContext context, string id)
    {
        var (request, error) = await ReadAsync<EventRequest>(context).ConfigureAwait(false);
        if (request is null)
        {
            return error!;
        }
        var eventId = request.EventId?.Trim() ?? "";
        var prices = request.RegularPrices ?? [];
        var problem = eventId.Length is 0 or > DeviceSeedOptionsValidator.MaxEventIdLength || eventId.Any(char.IsControl)
                ? $"eventId is required: 1 to {DeviceSeedOptionsValidator.MaxEventIdLength} characters (central's event id)."
            : request.From is null || request.Until is null ? "from and until are required (ISO 8601 with an offset, e.g. 2026-12-01T19:00:00+01:00)."
            : request.Until <= request.From ? "until must be later than from."
            : (request.Title?.Length ?? 0) > 200 ? "title must be at most 200 characters."
            : prices.Any(p => p < 0 || p > 100_000) ? "regularPrices must be euro amounts from 0 to 100000."
            : null;
        var domain = Reports.PolicyDomain.Unknown;
        if (problem is null && !string.IsNullOrWhiteSpace(request.Domain) && !PolicyDomains.TryParse(request.Domain, out domain, out var domainError))
        {
            problem = domainError;
        }
        if (problem is not null)
        {
            return Problems.BadRequest(problem);
        }
        var assignment = new EventAssignment(eventId, request.From!.Value, request.Until!.Value)
        {
            Title = request.Title?.Trim() ?? "",
            RegularPrices = [.. prices],
            Domain = domain,
        };
        var result = await Registry(context).AddEventAsync(id, assignment, context.RequestAborted).ConfigureAwait(false);
        if (result == DeviceChange.DomainConflict)
        {
            var stored = PolicyDomains.Name(Registry(context).StoredDomainOf(eventId));
            return Problems.Conflict($"Event {eventId} is already in domain {stored}: one event has one domain.");
        }
        return Outcome(context, result, id, eventId);
    }

    private static async Task<IResult> RemoveEventAsync(HttpContext context, string id, string eventId)
    {
        var result = await Registry(context).RemoveEventAsync(id, eventId, context.RequestAborted).ConfigureAwait(false);
        return Outcome(context, result, id, eventId);
    }

    private static async Task<IResult> LendAsync(HttpContext context, string id)
    {
        var (request, error) = await ReadAsync<LoanRequest>(context).ConfigureAwait(false);
        if (request is null)
        {
            return error!;
        }
        var association = request.Association?.Trim() ?? "";
        var problem = association.Length is 0 or > 100 || association.Any(char.IsControl) ? "association is required: 1 to 100 characters."
            : request.From is null || request.Until is null ? "from and until are required (ISO 8601, e.g. 2026-12-01T00:00:00+01:00)."
            : request.Until <= request.From ? "until must be later than from."
            : null;
        if (problem is not null)
        {
            return Problems.BadRequest(problem);
        }
        var loan = new DeviceLoan(Guid.NewGuid().ToString("N"), association, request.From!.Value, request.Until!.Value);
        var result = await Registry(context).LendAsync(id, loan, context.RequestAborted).ConfigureAwait(false);
        return Outcome(context, result, id, "");
    }

    private static async Task<IResult> ReturnAsync(HttpContext context, string id)
    {
        var (request, error) = await ReadAsync<ReturnRequest>(context).ConfigureAwait(false);
        if (request is null)
        {
            return error!;
        }
        if (request.Condition is not ("ok" or "damaged" or "incomplete"))
        {
            return Problems.BadRequest($"condition must be ok, damaged or incomplete, not '{Printable(request.Condition ?? "")}'.");
        }
        if (request.Note is { Length: > 500 })
        {
            return Problems.BadRequest("note must be at most 500 characters.");
        }
        var result = await Registry(context).ReturnAsync(id, request.Condition, request.Note?.Trim() ?? "", context.RequestAborted).ConfigureAwait(false);
        return Outcome(context, result, id, "");
    }

    private static async Task<IResult> RetireAsync(HttpContext context, string id)
    {
        var result = await context.RequestServices.GetRequiredService<FleetAdmin>().RetireAsync(id, context.RequestAborted).ConfigureAwait(false);
        return Outcome(context, result, id, "");
    }

    /// <summary>The device's detail after a change, or the refusal.</summary>
    private static IResult Outcome(HttpContext context, DeviceChange result, string id, string eventId) =>
        result == DeviceChange.Done ? Show(context, id) : Refusal(result, id, eventId);

    private static IResult Refusal(DeviceChange result, string id, string eventId) => result switch
    {
        DeviceChange.NotFound => UnknownDevice(id),
        DeviceChange.Exists => Problems.Conflict($"Device {id} exists already (ids are never reused, also not after retirement)."),
        DeviceChange.Retired => Problems.Conflict($"Device {id} is retired: it takes no more changes."),
        DeviceChange.Overlaps => Problems.Conflict($"The assignment to {eventId} overlaps another event assignment of {id}: a device is at one event at a time."),
        DeviceChange.TooManyEvents => Problems.Conflict($"Device {id} has {DeviceSeedOptionsValidator.MaxEvents} event assignments already: remove one first."),
        DeviceChange.LoanOpen => Problems.Conflict($"Device {id} is lent and not returned yet: record the return first."),
        DeviceChange.NoOpenLoan => Problems.Conflict($"Device {id} is not lent: there is nothing to return."),
        DeviceChange.NoSuchEvent => Problems.NotFound($"Device {id} has no assignment to event {eventId}."),
        DeviceChange.AmbiguousSite => Problems.Conflict("That venue is already in another municipality, or that municipality in another region: config pushes name them, so each name has one parent. Give the venue (or municipality) a distinct name, e.g. 'Sporthal Ledeberg'."),
        _ => Problems.ServerError($"The change of {id} failed ({result})."),
    };

    private static IResult UnknownDevice(string id) => Problems.NotFound($"There is no device {Printable(id)}.");

    /// <summary>Reads a JSON body; on failure the problem to answer with. Never throws for bad input.</summary>
    private static async Task<(T? Body, IResult? Problem)> ReadAsync<T>(HttpContext context)
        where T : class
    {
        if (!context.Request.HasJsonContentType())
        {
            return (null, Problems.BadRequest("The body must be JSON (Content-Type: application/json)."));
        }
        try
        {
            var body = await JsonSerializer.DeserializeAsync<T>(context.Request.Body, Problems.Json, context.RequestAborted).ConfigureAwait(false);
            return body is null ? (null, Problems.BadRequest("The body is empty: a JSON object is expected.")) : (body, null);
        }
        catch (JsonException exception)
        {
            var where = exception.Path is { Length: > 1 } path ? $" at {path[2..]}" : "";
            return (null, Problems.BadRequest($"The body is not valid JSON for this request{where}: check names, types and ISO 8601 times."));
        }
    }

    private static FleetView View(HttpContext context) => context.RequestServices.GetRequiredService<FleetView>();

    private static DeviceRegistry Registry(HttpContext context) => context.RequestServices.GetRequiredService<DeviceRegistry>();

    private static string Clean(string? value) => value?.Trim() ?? "";

    private static string Printable(string value) =>
        value.Length > 40 || value.Any(char.IsControl) ? value[..Math.Min(40, value.Length)].Replace('\n', ' ') + "…" : value;
}
