using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Primitives;

namespace Uitpas.Edge.Simulator;

/// <summary>The ticket-sale endpoints: GET /tariffs, POST and GET /ticket-sales, DELETE /ticket-sales/{id}.</summary>
internal static class TicketSaleEndpoints
{
    private const string TariffsPath = "/tariffs";
    private const string TicketSalesPath = "/ticket-sales";
    private const int MaxBodyBytes = 64 * 1024;
    private const int MaxSales = 50;

    /// <summary>Which of these endpoints a path addresses; <see cref="SimEndpoint.None"/> for others.</summary>
    public static SimEndpoint Classify(string path, string method)
    {
        var lower = path.ToLowerInvariant();
        if (lower == TariffsPath)
        {
            return HttpMethods.IsGet(method) ? SimEndpoint.Tariffs : SimEndpoint.None;
        }
        if (lower == TicketSalesPath)
        {
            return HttpMethods.IsPost(method) ? SimEndpoint.TicketSales : HttpMethods.IsGet(method) ? SimEndpoint.SearchTicketSales : SimEndpoint.None;
        }
        var isOne = lower.StartsWith(TicketSalesPath + "/", StringComparison.Ordinal) && lower.Length > TicketSalesPath.Length + 1
            && !lower[(TicketSalesPath.Length + 1)..].Contains('/', StringComparison.Ordinal);
        return isOne && HttpMethods.IsDelete(method) ? SimEndpoint.CancelTicketSale : SimEndpoint.None;
    }

    public static void Map(WebApplication app, SimulatorContext sim)
    {
        var rules = new TicketSaleRules(sim.Seed, sim.State, sim.Options.TimeProvider);
        app.MapGet(TariffsPath, (HttpContext context) =>
        {
            var query = context.Request.Query;
            return SimJson.WriteAsync(context, rules.Tariffs(query["eventId"].ToString(), query["uitpasNumber"].ToString(),
                query["regularPrice"].ToString(), query["type"].ToString()));
        });
        app.MapPost(TicketSalesPath, async (HttpContext context) =>
        {
            var (sales, problem) = await ReadSalesAsync(context.Request, context.RequestAborted);
            await SimJson.WriteAsync(context, problem ?? rules.Register(sales!));
        });
        app.MapGet(TicketSalesPath, (HttpContext context) => SimJson.WriteAsync(context, Search(context.Request.Query, rules)));
        app.MapDelete(TicketSalesPath + "/{id}", async (HttpContext context, string id) =>
        {
            var result = rules.Cancel(id);
            if (result.Status == StatusCodes.Status204NoContent)
            {
                context.Response.StatusCode = result.Status;
                return;
            }
            await SimJson.WriteAsync(context, result);
        });
    }

    private static SimResult Search(IQueryCollection query, TicketSaleRules rules)
    {
        var organizerIds = query["organizerId"].Where(o => !string.IsNullOrWhiteSpace(o)).Select(o => o!).ToArray();
        if (!TryNonNegative(query["start"], 0, out var start) || !TryNonNegative(query["limit"], 20, out var limit))
        {
            return Problems.InvalidQuery("start and limit must be non-negative integers.");
        }
        return limit > 500 ? Problems.QueryLimitExceeded() : rules.Search(query["eventId"].ToString(), query["passholderId"].ToString(), organizerIds, start, limit);
    }

    /// <summary>The body of POST /ticket-sales (an array of TicketSale), or the body problem to answer.</summary>
    private static async Task<(IReadOnlyList<TicketSaleRequest>? Sales, SimResult? Problem)> ReadSalesAsync(HttpRequest request, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        if (buffer.Length == 0)
        {
            return (null, Problems.BodyMissing());
        }
        if (buffer.Length > MaxBodyBytes)
        {
            return (null, Problems.BodyInvalidData([new SchemaError("", $"the body may be at most {MaxBodyBytes} bytes")]));
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(buffer.ToArray());
        }
        catch (JsonException ex)
        {
            return (null, Problems.BodyInvalidSyntax(ex.Message));
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Array || root.GetArrayLength() is 0 or > MaxSales)
            {
                return (null, Problems.BodyInvalidData([new SchemaError("", $"the body must be an array of 1 to {MaxSales} ticket sales")]));
            }
            var sales = new List<TicketSaleRequest>();
            var errors = new List<SchemaError>();
            var index = 0;
            foreach (var element in root.EnumerateArray())
            {
                if (ReadSale(element, index, errors) is { } sale)
                {
                    sales.Add(sale);
                }
                index++;
            }
            return errors.Count > 0 ? (null, Problems.BodyInvalidData(errors)) : (sales, null);
        }
    }

    private static TicketSaleRequest? ReadSale(JsonElement element, int index, List<SchemaError> errors)
    {
        var at = "/" + index.ToString(CultureInfo.InvariantCulture);
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new SchemaError(at, "a ticket sale must be an object"));
            return null;
        }
        var before = errors.Count;
        var tariffId = element.TryGetProperty("tariff", out var tariff) && tariff.ValueKind == JsonValueKind.Object ? Text(tariff, "id", at + "/tariff", errors, true) : null;
        if (tariffId is null && errors.Count == before)
        {
            errors.Add(new SchemaError(at + "/tariff", "the property is required: an object with an id"));
        }
        var uitpasNumber = Text(element, "uitpasNumber", at, errors, true);
        var eventId = Text(element, "eventId", at, errors, true);
        var label = Text(element, "regularPriceLabel", at, errors, false);
        decimal regular = 0;
        if (!element.TryGetProperty("regularPrice", out var price) || price.ValueKind != JsonValueKind.Number || !price.TryGetDecimal(out regular) || regular < 0)
        {
            errors.Add(new SchemaError(at + "/regularPrice", "the property is required: a non-negative number"));
        }
        return errors.Count > before ? null : new TicketSaleRequest(index, tariffId!, uitpasNumber!, eventId!, regular, label);
    }

    private static string? Text(JsonElement element, string name, string at, List<SchemaError> errors, bool required)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                errors.Add(new SchemaError($"{at}/{name}", "the property is required"));
            }
            return null;
        }
        if (value.ValueKind != JsonValueKind.String || (required && string.IsNullOrEmpty(value.GetString())))
        {
            errors.Add(new SchemaError($"{at}/{name}", "the value must be a non-empty string"));
            return null;
        }
        return value.GetString();
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
