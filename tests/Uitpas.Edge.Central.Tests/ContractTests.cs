using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Uitpas.Edge.Simulator;

namespace Uitpas.Edge.Central.Tests;

/// <summary>The simulator's raw answers, checked against the published spec's schemas and listed problem types.</summary>
public sealed class ContractTests
{
    [Fact]
    public async Task Kiosk_endpoints_answer_the_spec_schemas_and_problem_types()
    {
        await using var h = await CentralHarness.StartAsync();
        await using var raw = await RawClient.CreateAsync(h.Sim);
        var seed = h.Sim.Seed;
        HttpContent Good() => JsonBody(new { chipNumber = seed.GoodCards[0].ChipNumber });

        await raw.Expect("/kiosk-devices/checkins", "get", 200, h.Kiosk.Token);
        await raw.Expect("/kiosk-devices/checkins", "get", 404, seed.KioskWithoutEvent.Token);
        await raw.Expect("/kiosk-devices/checkins", "post", 200, h.Kiosk.Token, Good());
        await raw.Expect("/kiosk-devices/checkins", "post", 400, h.Kiosk.Token, Good(), "maximum-reached");
        await raw.Expect("/kiosk-devices/checkins", "post", 400, h.Kiosk.Token, JsonBody(new { chipNumber = seed.BlockedCards[0].ChipNumber }), "card-blocked");
        await raw.Expect("/kiosk-devices/checkins", "post", 400, h.Kiosk.Token, JsonBody(new { chipNumber = seed.UnknownChipNumbers[0] }), "passholder-not-found");
        await raw.Expect("/kiosk-devices/checkins", "post", 400, seed.KioskWithClosedEvent.Token, Good(), "checkin-not-allowed");
        await raw.Expect("/kiosk-devices/checkins", "post", 400, seed.KioskWithoutEvent.Token, Good(), "event-not-found");
        await raw.Expect("/kiosk-devices/checkins", "post", 400, h.Kiosk.Token, Body(""), "body/missing");
        await raw.Expect("/kiosk-devices/checkins", "post", 400, h.Kiosk.Token, Body("{\"chipNumber\":"), "invalid-syntax");
        await raw.Expect("/kiosk-devices/checkins", "post", 400, h.Kiosk.Token, Body("{\"chip\":\"04\"}"), "invalid-data");
        await raw.Expect("/kiosk-devices/checkins", "post", 403, "unknown-kiosk", Good(), "auth/forbidden");
    }

    [Fact]
    public async Task Pass_and_checkin_endpoints_answer_the_spec_schemas_and_problem_types()
    {
        await using var h = await CentralHarness.StartAsync();
        await using var raw = await RawClient.CreateAsync(h.Sim);
        var seed = h.Sim.Seed;
        var card = seed.ExpiredSocialTariffCards[0];
        var ev = h.EventOf(h.Kiosk);
        string Passes(string identifier) => "/passes?identifier=" + identifier;

        await raw.Expect("/passes", "get", 200, pathAndQuery: Passes(card.ChipNumber));
        await raw.Expect("/passes", "get", 200, pathAndQuery: Passes(seed.SocialTariffCards[0].UitpasNumber));
        await raw.Expect("/passes", "get", 400, pathAndQuery: Passes(seed.BlockedCards[0].ChipNumber), problemType: "invalid-card-status");
        await raw.Expect("/passes", "get", 404, pathAndQuery: Passes(seed.UnknownChipNumbers[0]), problemType: "pass-not-found");
        await raw.Expect("/checkins", "post", 201, body: JsonBody(new { eventId = ev.Id, uitpasNumber = card.UitpasNumber }));
        await raw.Expect("/checkins", "post", 400, body: JsonBody(new { eventId = ev.Id, uitpasNumber = card.UitpasNumber }), problemType: "checkin-not-allowed");
        await raw.Expect("/checkins", "post", 400, body: JsonBody(new { eventId = ev.Id, uitpasNumber = "0900000095903" }), problemType: "invalid-uitpasnumber");
        await raw.Expect("/checkins", "post", 400, body: JsonBody(new { eventId = "nope", uitpasNumber = card.UitpasNumber }), problemType: "event-not-found");
        await raw.Expect("/checkins", "post", 400, body: JsonBody(new { eventId = ev.Id, uitpasNumber = seed.BlockedCards[0].UitpasNumber }), problemType: "invalid-card-status");
        await raw.Expect("/checkins", "get", 200, pathAndQuery: $"/checkins?passholderId={card.PassholderId}&organizerId={ev.OrganizerId}");
    }

    [Fact]
    public async Task Ticket_sale_endpoints_answer_the_spec_schemas_and_problem_types()
    {
        await using var h = await CentralHarness.StartAsync();
        await using var raw = await RawClient.CreateAsync(h.Sim);
        var seed = h.Sim.Seed;
        var card = seed.SocialTariffCards[0];
        var ev = seed.Events[1];
        string Tariffs(SeedCard c) => $"/tariffs?eventId={ev.Id}&uitpasNumber={c.UitpasNumber}&regularPrice=8.00";
        HttpContent Sale(SeedCard c, string tariff = "SOCIALTARIFF-1") =>
            JsonBody(new[] { new { tariff = new { id = tariff }, uitpasNumber = c.UitpasNumber, eventId = ev.Id, regularPrice = 8.00m, regularPriceLabel = "Volwassenen" } });

        await raw.Expect("/tariffs", "get", 200, pathAndQuery: Tariffs(card));
        await raw.Expect("/tariffs", "get", 200, pathAndQuery: Tariffs(seed.ExpiredSocialTariffCards[0]));
        await raw.Expect("/tariffs", "get", 400, pathAndQuery: $"/tariffs?eventId=nope&uitpasNumber={card.UitpasNumber}&regularPrice=8", problemType: "event-not-found");
        await raw.Expect("/tariffs", "get", 400, pathAndQuery: $"/tariffs?eventId={ev.Id}&uitpasNumber={seed.UnknownUitpasNumbers[0]}&regularPrice=8", problemType: "passholder-not-found");
        await raw.Expect("/ticket-sales", "post", 200, body: Sale(card));
        await raw.Expect("/ticket-sales", "post", 400, body: Sale(card), problemType: "maximum-reached");
        await raw.Expect("/ticket-sales", "post", 400, body: Sale(seed.ExpiredSocialTariffCards[0]), problemType: "social-tariff-expired");
        await raw.Expect("/ticket-sales", "post", 400, body: Sale(seed.BlockedCards[0]), problemType: "invalid-card-status");
        await raw.Expect("/ticket-sales", "post", 400, body: Body("[{\"tariff\":{}}]"), problemType: "invalid-data");
        await raw.Expect("/ticket-sales", "post", 400, body: Body("[{"), problemType: "invalid-syntax");
        await raw.Expect("/ticket-sales", "get", 200, pathAndQuery: $"/ticket-sales?eventId={ev.Id}");
        await raw.Expect("/ticket-sales", "get", 400, pathAndQuery: $"/ticket-sales?eventId={ev.Id}&limit=501", problemType: "query-limit-exceeded");
        await raw.Expect("/ticket-sales/{ticketSaleId}", "delete", 404, pathAndQuery: "/ticket-sales/nope", problemType: "ticket-sale-not-found");
    }

    [Fact]
    public async Task A_post_of_several_sales_registers_all_or_none_and_a_cancelled_sale_leaves_the_search()
    {
        await using var h = await CentralHarness.StartAsync();
        await using var raw = await RawClient.CreateAsync(h.Sim);
        var seed = h.Sim.Seed;
        var ev = seed.Events[1];
        object Sale(SeedCard c) => new { tariff = new { id = "SOCIALTARIFF-1" }, uitpasNumber = c.UitpasNumber, eventId = ev.Id, regularPrice = 4 };

        await raw.Expect("/ticket-sales", "post", 400, body: JsonBody(new[] { Sale(seed.SocialTariffCards[0]), Sale(seed.ExpiredSocialTariffCards[0]) }), problemType: "social-tariff-expired");
        var none = h.Sim.State.TicketSales.Count;
        await raw.Expect("/ticket-sales", "post", 200, body: JsonBody(new[] { Sale(seed.SocialTariffCards[0]), Sale(seed.SocialTariffCards[1]) }));
        var registered = h.Sim.State.TicketSales;
        await raw.Expect("/ticket-sales/{ticketSaleId}", "delete", 204, pathAndQuery: "/ticket-sales/" + registered[0].Id);

        Assert.Equal(0, none);
        Assert.Equal(2, registered.Count);
        Assert.Equal(0, h.Sim.State.TicketSaleCountForPass(seed.SocialTariffCards[0].UitpasNumber));
        Assert.Equal(1, h.Sim.State.TicketSaleCountForPass(seed.SocialTariffCards[1].UitpasNumber));
    }

    [Fact]
    public async Task Missing_or_invalid_bearer_token_is_the_spec_unauthorized_response()
    {
        await using var h = await CentralHarness.StartAsync();
        await using var raw = await RawClient.CreateAsync(h.Sim, bearer: "invalid");

        await raw.Expect("/passes", "get", 401, pathAndQuery: "/passes?identifier=" + h.Sim.Seed.GoodCards[0].ChipNumber, problemType: "auth/unauthorized");
        await raw.Expect("/kiosk-devices/checkins", "post", 401, h.Kiosk.Token, JsonBody(new { chipNumber = "04AABBCCDDEEFF" }), "auth/unauthorized");
    }

    private static HttpContent JsonBody(object value) => JsonContent.Create(value);

    private static ByteArrayContent Body(string text) =>
        new(Encoding.UTF8.GetBytes(text)) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } };

    private sealed class RawClient(HttpClient http) : IAsyncDisposable
    {
        public static async Task<RawClient> CreateAsync(CentralSimulator sim, string? bearer = null)
        {
            var http = new HttpClient { BaseAddress = sim.BaseAddress };
            if (bearer is null)
            {
                using var form = new FormUrlEncodedContent([new("grant_type", "client_credentials"), new("client_id", sim.ClientId), new("client_secret", sim.ClientSecret)]);
                using var response = await http.PostAsync(sim.TokenEndpoint, form);
                using var token = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                bearer = token.RootElement.GetProperty("access_token").GetString();
            }
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
            return new RawClient(http);
        }

        public async Task Expect(string path, string method, int status, string? kioskToken = null, HttpContent? body = null, string? problemType = null, string? pathAndQuery = null)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), (pathAndQuery ?? path).TrimStart('/')) { Content = body };
            if (kioskToken is not null)
            {
                request.Headers.Add("x-custom-token", kioskToken);
            }
            using var response = await http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(status == (int)response.StatusCode, $"{method} {path}: expected {status}, got {(int)response.StatusCode}: {text}");
            if (status == 204)
            {
                Assert.Empty(text);
                return;
            }

            var contentType = status < 300 ? "application/json" : "application/problem+json";
            Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
            var spec = SpecSchema.Shared.Response(path, method, status);
            var schema = spec.GetProperty("content").GetProperty(contentType).GetProperty("schema");
            using var json = JsonDocument.Parse(text);
            var errors = SpecSchema.Shared.Validate(schema, json.RootElement);
            Assert.True(errors.Count == 0, $"{method} {path} {status}: {string.Join("; ", errors)}\n{text}");

            if (problemType is not null)
            {
                var type = json.RootElement.GetProperty("type").GetString()!;
                Assert.EndsWith(problemType, type);
                var listed = SpecSchema.Shared.ListedProblemTypes(spec);
                Assert.True(listed.Count == 0 || listed.Contains(type), $"{method} {path} {status}: {type} is not among the spec's listed types {string.Join(", ", listed)}");
                Assert.Equal(status, json.RootElement.GetProperty("status").GetInt32());
            }
        }

        public ValueTask DisposeAsync()
        {
            http.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
