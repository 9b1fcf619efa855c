using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Primitives;

namespace Uitpas.Edge.Simulator;

/// <summary>The served contract: token endpoint, kiosk check-ins, passes, check-ins (snapshot and ticket-sale endpoints beside).</summary>
internal static class Endpoints
{
    public const string TokenPath = "/realms/uitid/protocol/openid-connect/token";
    private const string KioskPath = "/kiosk-devices/checkins";
    private const string PassesPath = "/passes";
    private const string CheckinsPath = "/checkins";

    /// <summary>Which endpoint a request addresses (for counts and faults).</summary>
    public static SimEndpoint Classify(HttpRequest request)
    {
        var path = (request.Path.Value ?? "").TrimEnd('/');
        var get = HttpMethods.IsGet(request.Method);
        var post = HttpMethods.IsPost(request.Method);
        return path.ToLowerInvariant() switch
        {
            TokenPath when post => SimEndpoint.Token,
            KioskPath when post => SimEndpoint.KioskCheckin,
            KioskPath when get => SimEndpoint.KioskCurrentEvent,
            PassesPath when get => SimEndpoint.Passes,
            CheckinsPath when post => SimEndpoint.Checkin,
            CheckinsPath when get => SimEndpoint.SearchCheckins,
            _ => SnapshotEndpoints.Classify(path, get) is var snapshot and not SimEndpoint.None
                ? snapshot
                : TicketSaleEndpoints.Classify(path, request.Method),
        };
    }

    public static void Map(WebApplication app, SimulatorContext sim)
    {
        app.MapPost(TokenPath, context => Token(context, sim));
        app.MapPost(KioskPath, context => KioskCheckin(context, sim));
        app.MapGet(KioskPath, context => KioskCurrentEvent(context, sim));
        app.MapGet(PassesPath, context => Pass(context, sim));
        app.MapPost(CheckinsPath, context => Checkin(context, sim));
        app.MapGet(CheckinsPath, context => SearchCheckins(context, sim));
        SnapshotEndpoints.Map(app, sim);
        TicketSaleEndpoints.Map(app, sim);
        app.MapFallback(context => SimJson.WriteAsync(context, Problems.NotFound()));
    }

    private static async Task Token(HttpContext context, SimulatorContext sim)
    {
        if (!context.Request.HasFormContentType)
        {
            await SimJson.WriteAsync(context, Problems.BodyInvalidData([new SchemaError("", "expected application/x-www-form-urlencoded")]));
            return;
        }
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (form["grant_type"] != "client_credentials")
        {
            await SimJson.WriteAsync(context, Problems.BodyInvalidData([new SchemaError("/grant_type", "only client_credentials is supported")]));
            return;
        }
        var (clientId, clientSecret) = Credentials(context.Request, form["client_id"], form["client_secret"]);
        if (clientId != sim.Options.ClientId || clientSecret != sim.Options.ClientSecret)
        {
            await SimJson.WriteAsync(context, Problems.Unauthorized("Invalid client credentials."));
            return;
        }
        var token = sim.Tokens.Issue();
        sim.State.CountTokenIssued();
        context.Response.Headers.CacheControl = "no-store";
        var lifetime = (int)Math.Ceiling(sim.Tokens.Lifetime.TotalSeconds);
        await SimJson.WriteAsync(context, new SimResult(200, new TokenResponse(token, lifetime, 0, "Bearer", 0, "profile email")));
    }

    private static async Task KioskCheckin(HttpContext context, SimulatorContext sim)
    {
        var kiosk = Kiosk(context, sim, out var refusal);
        if (kiosk is null)
        {
            await SimJson.WriteAsync(context, refusal);
            return;
        }
        var (fields, problem) = await JsonBody.ReadStringsAsync(context.Request, ["chipNumber"], context.RequestAborted);
        await SimJson.WriteAsync(context, problem ?? sim.Rules.KioskCheckin(kiosk, fields!["chipNumber"]));
    }

    private static Task KioskCurrentEvent(HttpContext context, SimulatorContext sim)
    {
        var kiosk = Kiosk(context, sim, out var refusal);
        return SimJson.WriteAsync(context, kiosk is null ? refusal : sim.Rules.KioskCurrentEvent(kiosk));
    }

    private static Task Pass(HttpContext context, SimulatorContext sim)
    {
        var identifier = context.Request.Query["identifier"].ToString();
        return SimJson.WriteAsync(context, string.IsNullOrWhiteSpace(identifier)
            ? Problems.InvalidQuery("The query parameter identifier is required.")
            : sim.Rules.Pass(identifier));
    }

    private static async Task Checkin(HttpContext context, SimulatorContext sim)
    {
        var (fields, problem) = await JsonBody.ReadStringsAsync(context.Request, ["eventId", "uitpasNumber"], context.RequestAborted);
        await SimJson.WriteAsync(context, problem ?? sim.Rules.Checkin(fields!["uitpasNumber"], fields["eventId"]));
    }

    private static Task SearchCheckins(HttpContext context, SimulatorContext sim)
    {
        var query = context.Request.Query;
        var passholderId = query["passholderId"].ToString();
        var organizerIds = query["organizerId"].Where(o => !string.IsNullOrWhiteSpace(o)).Select(o => o!).ToArray();
        SimResult result;
        if (string.IsNullOrWhiteSpace(passholderId) || organizerIds.Length == 0)
        {
            result = Problems.InvalidQuery("The query parameters passholderId and organizerId are required.");
        }
        else if (!TryNonNegative(query["start"], 0, out var start) || !TryNonNegative(query["limit"], 20, out var limit))
        {
            result = Problems.InvalidQuery("start and limit must be non-negative integers.");
        }
        else if (limit > 500)
        {
            result = Problems.QueryLimitExceeded();
        }
        else
        {
            result = sim.Rules.SearchCheckins(passholderId, organizerIds, query["eventTitle"].ToString(), start, limit);
        }
        return SimJson.WriteAsync(context, result);
    }

    /// <summary>The kiosk named by x-custom-token: missing → 401; unknown → 403 (the bearer token did authenticate).</summary>
    private static SeedKiosk? Kiosk(HttpContext context, SimulatorContext sim, out SimResult refusal)
    {
        var token = context.Request.Headers["x-custom-token"].ToString();
        if (string.IsNullOrWhiteSpace(token))
        {
            refusal = Problems.Unauthorized("The x-custom-token header with the kiosk's device id is missing.");
            return null;
        }
        var kiosk = sim.Seed.KioskByToken(token.Trim());
        refusal = kiosk is null ? Problems.Forbidden("The x-custom-token does not identify a configured kiosk device.") : default;
        return kiosk;
    }

    private static (string? Id, string? Secret) Credentials(HttpRequest request, StringValues formId, StringValues formSecret)
    {
        if (AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header)
            && string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
            && header.Parameter is { } parameter)
        {
            try
            {
                var pair = Encoding.UTF8.GetString(Convert.FromBase64String(parameter));
                var colon = pair.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                {
                    return (Uri.UnescapeDataString(pair[..colon]), Uri.UnescapeDataString(pair[(colon + 1)..]));
                }
            }
            catch (FormatException)
            {
                return (null, null);
            }
        }
        return (formId.ToString(), formSecret.ToString());
    }

    private static bool TryNonNegative(StringValues text, int fallback, out int value)
    {
        if (StringValues.IsNullOrEmpty(text))
        {
            value = fallback;
            return true;
        }
        return int.TryParse(text.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
