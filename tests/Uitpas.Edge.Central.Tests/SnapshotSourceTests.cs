using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Uitpas.Edge.Simulator;

namespace Uitpas.Edge.Central.Tests;

/// <summary>The calls the agent's snapshot builder makes: social-tariff export, event settings, static tariffs.</summary>
public sealed class SnapshotSourceTests
{
    [Fact]
    public async Task Social_tariff_export_lists_exactly_the_active_social_tariff_cards_of_the_card_system()
    {
        await using var h = await CentralHarness.StartAsync();
        var expected = h.Sim.Seed.SocialTariffCards.Where(c => c.CardSystemId == 1).Select(c => c.UitpasNumber).Order().ToArray();

        var cs1 = await h.Client.GetActiveSocialTariffCardsAsync(1, h.Ct);
        var cs2 = await h.Client.GetActiveSocialTariffCardsAsync(2, h.Ct);

        Assert.True(cs1.IsOk, cs1.ToString());
        Assert.NotEmpty(expected);
        Assert.Equal(expected, cs1.Value.Select(c => c.UitpasNumber).Order().ToArray());
        Assert.All(cs1.Value, c => Assert.Equal(SocialTariffCardType.Regular, c.CardType));
        Assert.True(cs2.IsOk, cs2.ToString());
        Assert.Empty(cs2.Value);
    }

    [Fact]
    public async Task Social_tariff_switched_off_and_on_leaves_and_joins_the_export()
    {
        await using var h = await CentralHarness.StartAsync();
        var leaving = h.Sim.Seed.SocialTariffCards[0];
        var joining = h.Sim.Seed.GoodCards.First(c => c.CardSystemId == 1 && !h.Sim.Seed.SocialTariffCards.Contains(c));

        h.Sim.SetSocialTariff(leaving.UitpasNumber, active: false);
        h.Sim.SetSocialTariff(joining.UitpasNumber, active: true);
        var export = await h.Client.GetActiveSocialTariffCardsAsync(1, h.Ct);

        var numbers = export.Value!.Select(c => c.UitpasNumber).ToHashSet();
        Assert.DoesNotContain(leaving.UitpasNumber, numbers);
        Assert.Contains(joining.UitpasNumber, numbers);
    }

    [Fact]
    public async Task Blocked_cards_are_not_in_the_social_tariff_export()
    {
        await using var h = await CentralHarness.StartAsync();
        var blocked = h.Sim.Seed.BlockedCards.First(c => c.CardSystemId == 1);
        h.Sim.SetSocialTariff(blocked.UitpasNumber, active: true);

        var export = await h.Client.GetActiveSocialTariffCardsAsync(1, h.Ct);

        Assert.DoesNotContain(export.Value!, c => c.UitpasNumber == blocked.UitpasNumber);
    }

    [Fact]
    public async Task Event_settings_give_the_checkin_points_and_the_checkin_limit()
    {
        await using var h = await CentralHarness.StartAsync();
        var ev = h.Sim.Seed.Events[1];
        h.Sim.SetCheckinLimit(ev.Id, new CheckinLimitRule(2, CheckinLimitPeriod.Week));

        var settings = await h.Client.GetEventSettingsAsync(ev.Id, h.Ct);

        Assert.True(settings.IsOk, settings.ToString());
        Assert.Equal(ev.Id, settings.Value.EventId);
        Assert.Equal(ev.CheckinPoints, settings.Value.CheckinPoints);
        Assert.Equal(new PeriodLimit(2, LimitPeriodType.Week, "WEEK"), settings.Value.CheckinLimit);
        Assert.Null(settings.Value.PassholderTicketLimit);
    }

    [Fact]
    public async Task Settings_of_an_unknown_event_are_event_not_found()
    {
        await using var h = await CentralHarness.StartAsync();

        var settings = await h.Client.GetEventSettingsAsync("no-such-event", h.Ct);

        Assert.Equal(CentralOutcome.Problem, settings.Outcome);
        Assert.Equal(404, settings.HttpStatus);
        Assert.Equal(ProblemTypes.EventNotFound, settings.Problem!.Type);
    }

    [Fact]
    public async Task Static_tariffs_give_the_social_tariff_price_and_the_coupon_of_the_event()
    {
        await using var h = await CentralHarness.StartAsync();
        var withCoupon = h.Sim.Seed.Events.First(e => e.OrganizerId == h.Sim.Seed.Organizers[0].Id);
        var withoutCoupon = h.Sim.Seed.Events.First(e => e.OrganizerId != h.Sim.Seed.Organizers[0].Id);

        var a = await h.Client.GetStaticTariffsAsync(withCoupon.Id, 12.5m, h.Ct);
        var b = await h.Client.GetStaticTariffsAsync(withoutCoupon.Id, 8m, h.Ct);
        var unknown = await h.Client.GetStaticTariffsAsync("no-such-event", 8m, h.Ct);

        Assert.True(a.IsOk, a.ToString());
        Assert.Contains(a.Value.Available, t => t.Kind == TariffKind.SocialTariff && t.Price == 3.13m);
        Assert.Contains(a.Value.Available, t => t.Kind == TariffKind.Coupon && t.Price == 10.5m);
        Assert.Equal([new TariffOffer("SOCIALTARIFF-1", "Kansentarief", 2m, TariffKind.SocialTariff, 1)], b.Value!.Available);
        Assert.Equal(ProblemTypes.EventNotFound, unknown.Problem!.Type);
        Assert.Equal(400, unknown.HttpStatus);
    }

    [Fact]
    public async Task Snapshot_endpoints_answer_the_spec_schemas()
    {
        await using var h = await CentralHarness.StartAsync();
        using var http = await BearerClientAsync(h.Sim);
        var ev = h.Sim.Seed.Events[0];

        await ExpectAsync(http, "/cards/social-tariff/{cardSystemId}/active", "cards/social-tariff/1/active", 200);
        await ExpectAsync(http, "/events/{eventId}/settings", $"events/{ev.Id}/settings", 200);
        await ExpectAsync(http, "/events/{eventId}/settings", "events/nope/settings", 404);
        await ExpectAsync(http, "/tariffs/static", $"tariffs/static?eventId={ev.Id}&regularPrice=10", 200, FlattenedTariffsResponse());
        await ExpectAsync(http, "/tariffs/static", "tariffs/static?eventId=nope&regularPrice=10", 400);
    }

    [Fact]
    public async Task Snapshot_endpoints_want_a_bearer_token()
    {
        await using var h = await CentralHarness.StartAsync();
        using var http = new HttpClient { BaseAddress = h.Sim.BaseAddress };

        using var response = await http.GetAsync("cards/social-tariff/1/active", h.Ct);

        Assert.Equal(401, (int)response.StatusCode);
    }

    private static async Task<HttpClient> BearerClientAsync(CentralSimulator sim)
    {
        var http = new HttpClient { BaseAddress = sim.BaseAddress };
        using var form = new FormUrlEncodedContent([new("grant_type", "client_credentials"), new("client_id", sim.ClientId), new("client_secret", sim.ClientSecret)]);
        using var response = await http.PostAsync(sim.TokenEndpoint, form);
        using var token = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.RootElement.GetProperty("access_token").GetString());
        return http;
    }

    /// <summary>
    /// TariffsResponse with its items' allOf (Tariff + remaining) merged into one object schema:
    /// SpecSchema checks unknown properties per allOf part, which would call every property of a
    /// TariffAvailibility unknown to the other part.
    /// </summary>
    private static JsonElement FlattenedTariffsResponse()
    {
        var spec = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "spec", "uitpas.json")))!;
        var schemas = spec["components"]!["schemas"]!;
        var item = new JsonObject { ["type"] = "object", ["properties"] = new JsonObject(), ["required"] = new JsonArray() };
        foreach (var part in schemas["TariffAvailibility"]!["allOf"]!.AsArray())
        {
            var resolved = part!["$ref"] is { } reference ? schemas[reference.GetValue<string>().Split('/')[^1]]! : part;
            foreach (var (name, property) in resolved["properties"]!.AsObject())
            {
                item["properties"]![name] = property!.DeepClone();
            }
            foreach (var required in resolved["required"]?.AsArray() ?? [])
            {
                item["required"]!.AsArray().Add(required!.DeepClone());
            }
        }
        var response = schemas["TariffsResponse"]!.DeepClone();
        response["properties"]!["available"]!["items"] = item;
        return JsonDocument.Parse(response.ToJsonString()).RootElement.Clone();
    }

    private static async Task ExpectAsync(HttpClient http, string specPath, string request, int status, JsonElement? schemaOverride = null)
    {
        using var response = await http.GetAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == (int)response.StatusCode, $"{request}: expected {status}, got {(int)response.StatusCode}: {text}");
        var contentType = status < 300 ? "application/json" : "application/problem+json";
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        var schema = schemaOverride ?? SpecSchema.Shared.Response(specPath, "get", status).GetProperty("content").GetProperty(contentType).GetProperty("schema");
        using var json = JsonDocument.Parse(text);
        var errors = SpecSchema.Shared.Validate(schema, json.RootElement);
        Assert.True(errors.Count == 0, $"{request}: {string.Join("; ", errors)}\n{text}");
    }
}
