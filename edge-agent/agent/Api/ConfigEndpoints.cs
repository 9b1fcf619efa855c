using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Uitpas.Edge.Agent.Configuration;

namespace Uitpas.Edge.Agent.Api;

/// <summary>
/// <c>GET /config/{scope}/{scopeId}</c> → <c>{scope, scopeId, settings}</c> (one layer) and
/// <c>PUT /config/{scope}/{scopeId}</c> with <c>{settings: {key: value|null}}</c> (null removes the
/// key from the layer) → the layer and <c>devices: [{id, desiredVersion}]</c>, the devices whose
/// document changed. Errors are RFC 7807 problems: 400 for a bad body, key or value (the
/// ConfigSettings sentence), 404 for an unknown scope or device, 409 for a retired device.
/// </summary>
public static class ConfigEndpoints
{
    /// <summary>Maps the config routes on the (authorised) API group.</summary>
    public static RouteGroupBuilder MapConfigEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/config/{scope}/{scopeId}", GetLayer);
        api.MapPut("/config/{scope}/{scopeId}", PutLayerAsync);
        return api;
    }

    private static IResult GetLayer(string scope, string scopeId, HttpContext context)
    {
        var result = context.RequestServices.GetRequiredService<ConfigService>().GetLayer(scope, scopeId);
        return result.Outcome == ConfigPushOutcome.Done
            ? Results.Json(new LayerView(scope, scopeId, result.Settings), Problems.Json)
            : Problem(result);
    }

    private static async Task<IResult> PutLayerAsync(string scope, string scopeId, HttpContext context)
    {
        var (changes, error) = await ReadChangesAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        if (changes is null)
        {
            return Problems.BadRequest(error);
        }
        var service = context.RequestServices.GetRequiredService<ConfigService>();
        var result = await service.SetLayerAsync(scope, scopeId, changes, context.RequestAborted).ConfigureAwait(false);
        return result.Outcome == ConfigPushOutcome.Done
            ? Results.Json(new PushView(scope, scopeId, result.Settings, result.Devices.Select(d => new DeviceVersionView(d.Id, d.Version)).ToArray()), Problems.Json)
            : Problem(result);
    }

    /// <summary>Reads <c>{"settings": {…}}</c>; a value may be a string, a whole number or null. Never throws for bad input.</summary>
    private static async Task<(Dictionary<string, string?>? Changes, string Error)> ReadChangesAsync(HttpRequest request, CancellationToken ct)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, default, ct).ConfigureAwait(false);
        }
        catch (JsonException exception)
        {
            return (null, $"the body is not JSON: {exception.Message}");
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("settings", out var settings) || settings.ValueKind != JsonValueKind.Object)
            {
                return (null, "the body must be {\"settings\": {\"key\": value or null}}");
            }
            var changes = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var property in settings.EnumerateObject())
            {
                string? value;
                switch (property.Value.ValueKind)
                {
                    case JsonValueKind.Null:
                        value = null;
                        break;
                    case JsonValueKind.String:
                        value = property.Value.GetString();
                        break;
                    case JsonValueKind.Number when property.Value.TryGetInt64(out var number):
                        value = number.ToString(System.Globalization.CultureInfo.InvariantCulture);
                        break;
                    default:
                        return (null, $"the value of {property.Name} must be a string, a whole number or null");
                }
                if (!changes.TryAdd(property.Name, value))
                {
                    return (null, $"{property.Name} is given twice");
                }
            }
            return (changes, "");
        }
    }

    private static IResult Problem(ConfigPushResult result) => result.Outcome switch
    {
        ConfigPushOutcome.NotFound => Problems.NotFound(result.Error ?? "not found"),
        ConfigPushOutcome.Conflict => Problems.Conflict(result.Error ?? "conflict"),
        _ => Problems.Problem(StatusCodes.Status400BadRequest, "invalid-config", "Invalid configuration", result.Error ?? "invalid configuration"),
    };

    private sealed record LayerView(string Scope, string ScopeId, IReadOnlyDictionary<string, string> Settings);

    private sealed record PushView(string Scope, string ScopeId, IReadOnlyDictionary<string, string> Settings, IReadOnlyList<DeviceVersionView> Devices);

    private sealed record DeviceVersionView(string Id, uint DesiredVersion);
}
