using System.Net;
using System.Text.Json.Nodes;
using Uitpas.Edge.Agent.Reports;
using Uitpas.Edge.Agent.Sales;
using Uitpas.Edge.Agent.Tests.Infrastructure;
using Uitpas.Edge.Simulator;

namespace Uitpas.Edge.Agent.Tests.Reports;

/// <summary>Social-tariff sales at a terminal's counter: relayed to central once, idempotent under the caller's key, reconciled when an answer is lost.</summary>
public sealed class SalesTests
{
    [Fact]
    public async Task A_social_tariff_sale_is_confirmed_with_its_context_and_the_key_in_force_frozen_on_it()
    {
        await using var rig = await ReportRig.StartAsync();
        var card = rig.Central.Seed.SocialTariffCards[0];
        await rig.SendAsync(HttpMethod.Put, "/api/v1/cost-sharing/1", new { key = "25/35/40" });

        var (status, body) = await SellAsync(rig, "sale-1", card.ChipNumber, 8.00m, "Volwassenen");
        await rig.SendAsync(HttpMethod.Put, "/api/v1/cost-sharing/1", new { key = "20/40/40" });
        var (shown, view) = await rig.SendAsync(HttpMethod.Get, "/api/v1/sales/sale-1");
        var facts = await rig.Service<IReportSource>().SalesAsync(ReportRig.Today.AddDays(-1), ReportRig.Today.AddDays(1), CancellationToken.None);

        var central = Assert.Single(rig.Central.State.TicketSales);
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal(("done", 8.00m, 2.00m, "SOCIALTARIFF-1", central.Id, "25/35/40"),
            (Text(body, "state"), body["regularPrice"]!.GetValue<decimal>(), body["paidPrice"]!.GetValue<decimal>(), Text(body, "tariffId"),
             Text(body, "centralSaleId"), Text(body, "costSharingKey")));
        Assert.Equal(HttpStatusCode.OK, shown);
        Assert.Equal("25/35/40", Text(view, "costSharingKey"));
        Assert.DoesNotContain(card.UitpasNumber, body.ToJsonString());
        Assert.DoesNotContain(card.ChipNumber, body.ToJsonString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal((8.00m, "Volwassenen", rig.Event.Id), (central.RegularPrice, central.RegularPriceLabel, central.EventId));
        var fact = Assert.Single(facts);
        Assert.Equal((central.Id, ReportRig.DeviceId, rig.Event.Id, "Voorstelling", PolicyDomain.Cultuur, ReportRig.Organizer, "Proefdorp", 1L),
            (fact.CentralSaleId, fact.DeviceId, fact.EventId, fact.EventTitle, fact.Domain, fact.Organizer, fact.Municipality, fact.CardSystemId));
        Assert.Equal((800L, 200L, new CostSharingKey(2500, 3500, 4000), true), (fact.RegularCents, fact.PaidCents, fact.Key, fact.IsSocialTariff));
        Assert.Equal(rig.Pseudonym("uitpas:" + card.UitpasNumber), fact.Passholder.ToArray());
        Assert.Equal(central.CreatedAt.ToUnixTimeMilliseconds(), fact.SoldAt.ToUnixTimeMilliseconds());
    }

    [Fact]
    public async Task The_same_sale_key_sells_once_and_another_sale_under_it_is_refused()
    {
        await using var rig = await ReportRig.StartAsync();
        var card = rig.Central.Seed.SocialTariffCards[0];

        var (first, _) = await SellAsync(rig, "sale-twice", card.ChipNumber, 6m);
        var (again, body) = await SellAsync(rig, "sale-twice", card.ChipNumber, 6m);
        var (other, problem) = await SellAsync(rig, "sale-twice", card.ChipNumber, 7m);

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.OK, HttpStatusCode.Conflict), (first, again, other));
        Assert.Equal("done", Text(body, "state"));
        Assert.Equal("saleKey sale-twice was used for another sale (device, price or event differ): make a new saleKey for a new sale.", Text(problem, "detail"));
        Assert.Single(rig.Central.State.TicketSales);
        Assert.Equal(1, rig.Central.State.RequestCount(SimEndpoint.TicketSales));
    }

    [Fact]
    public async Task A_sale_whose_answer_was_lost_after_central_registered_it_is_claimed_from_centrals_sales_and_counted_once()
    {
        await using var rig = await ReportRig.StartAsync();
        await LostAnswerIsReconciledOnceAsync(rig);
    }

    [PostgresFact]
    public async Task On_PostgreSQL_a_sale_whose_answer_was_lost_is_claimed_from_centrals_sales_and_counted_once()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await using var rig = await ReportRig.StartAsync(database);
        await LostAnswerIsReconciledOnceAsync(rig);
    }

    [Fact]
    public async Task A_sale_whose_call_got_no_answer_and_was_not_registered_is_sent_again_once()
    {
        await using var rig = await ReportRig.StartAsync();
        var card = rig.Central.Seed.SocialTariffCards[0];
        rig.Central.Faults.Hang(SimEndpoint.TicketSales, times: 1);

        var (status, body) = await SellAsync(rig, "sale-hung", card.ChipNumber, 10m);
        var settled = await rig.Service<SaleReconciler>().RunOnceAsync(CancellationToken.None);
        var (_, view) = await rig.SendAsync(HttpMethod.Get, "/api/v1/sales/sale-hung");

        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal("Verkoop doorgegeven, bevestiging volgt.", Text(body, "message"));
        Assert.Equal(1, settled);
        Assert.Equal("done", Text(view, "state"));
        Assert.Equal(Assert.Single(rig.Central.State.TicketSales).Id, Text(view, "centralSaleId"));
        Assert.Equal(2, rig.Central.State.RequestCount(SimEndpoint.TicketSales));
    }

    [Fact]
    public async Task Central_unavailable_sells_nothing_and_the_same_key_sells_later()
    {
        await using var rig = await ReportRig.StartAsync();
        var card = rig.Central.Seed.SocialTariffCards[0];
        rig.Central.Faults.ServiceUnavailable(SimEndpoint.TicketSales, TimeSpan.FromSeconds(1), times: 1);

        var (unavailable, problem) = await SellAsync(rig, "sale-503", card.ChipNumber, 5m);
        var settledMeanwhile = await rig.Service<SaleReconciler>().RunOnceAsync(CancellationToken.None);
        var countMeanwhile = rig.Central.State.TicketSales.Count;
        var (sold, body) = await SellAsync(rig, "sale-503", card.ChipNumber, 5m);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, unavailable);
        Assert.Equal("Central could not be reached: nothing was sold. Try again with the same saleKey.", Text(problem, "detail"));
        Assert.Equal((0, 0), (settledMeanwhile, countMeanwhile));
        Assert.Equal(HttpStatusCode.Created, sold);
        Assert.Equal(1.25m, body["paidPrice"]!.GetValue<decimal>());
        Assert.Single(rig.Central.State.TicketSales);
    }

    [Fact]
    public async Task An_expired_social_tariff_is_refused_with_centrals_message_for_the_counter()
    {
        await using var rig = await ReportRig.StartAsync();
        var card = rig.Central.Seed.ExpiredSocialTariffCards[0];

        var (status, problem) = await SellAsync(rig, "sale-expired", card.UitpasNumber, 8m);
        var (_, view) = await rig.SendAsync(HttpMethod.Get, "/api/v1/sales/sale-expired");
        var (again, _) = await SellAsync(rig, "sale-expired", card.UitpasNumber, 8m);

        Assert.Equal((HttpStatusCode.UnprocessableEntity, HttpStatusCode.UnprocessableEntity), (status, again));
        Assert.Contains("verlopen", Text(problem, "detail"));
        Assert.Equal("refused", Text(view, "state"));
        Assert.Empty(rig.Central.State.TicketSales);
        Assert.Equal(0, rig.Central.State.RequestCount(SimEndpoint.TicketSales));
    }

    [Fact]
    public async Task Sales_are_refused_with_a_sentence_for_bad_requests_and_devices_without_organizer_or_event()
    {
        await using var rig = await ReportRig.StartAsync();
        var card = rig.Central.Seed.SocialTariffCards[0].ChipNumber;
        async Task<string> Refusal(object body, HttpStatusCode expected)
        {
            var (status, problem) = await rig.SendAsync(HttpMethod.Post, "/api/v1/sales", body);
            Assert.Equal(expected, status);
            return Text(problem, "detail");
        }

        var noKey = await Refusal(new { deviceId = ReportRig.DeviceId, card, regularPrice = 8 }, HttpStatusCode.BadRequest);
        var badCard = await Refusal(new { saleKey = "k1", deviceId = ReportRig.DeviceId, card = "1234", regularPrice = 8 }, HttpStatusCode.BadRequest);
        var badPrice = await Refusal(new { saleKey = "k2", deviceId = ReportRig.DeviceId, card, regularPrice = 8.125 }, HttpStatusCode.BadRequest);
        var noDevice = await Refusal(new { saleKey = "k3", deviceId = "term-none", card, regularPrice = 8 }, HttpStatusCode.NotFound);
        rig.Clock.MoveTo(ReportRig.Today.AddDays(40));
        var noEvent = await Refusal(new { saleKey = "k4", deviceId = ReportRig.DeviceId, card, regularPrice = 8 }, HttpStatusCode.BadRequest);
        rig.Clock.MoveTo(ReportRig.Today);
        await rig.SendAsync(HttpMethod.Put, $"/api/v1/devices/{ReportRig.DeviceId}/site", new { region = "Oost-Vlaanderen", municipality = "Proefdorp", venue = "CC Proefdorp" });
        var noOrganizer = await Refusal(new { saleKey = "k5", deviceId = ReportRig.DeviceId, card, regularPrice = 8 }, HttpStatusCode.Conflict);

        Assert.StartsWith("saleKey is required", noKey);
        Assert.Equal("card must be a chip number (hex, e.g. 04A1B2C3D4E5F6) or a 13-digit UiTPAS number.", badCard);
        Assert.Equal("regularPrice must be a euro amount above 0 and at most 100000, with at most two decimals.", badPrice);
        Assert.Equal("There is no device term-none.", noDevice);
        Assert.Equal("device term-rep has no organizer: set it with `device assign --organizer` first.", noOrganizer);
        Assert.Equal("device term-rep is assigned to no event now: give eventId.", noEvent);
        Assert.Empty(rig.Central.State.TicketSales);
    }

    [Fact]
    public async Task A_sale_left_in_flight_by_a_stopped_agent_is_reconciled_at_the_next_start()
    {
        await using var rig = await ReportRig.StartAsync();
        var card = rig.Central.Seed.SocialTariffCards[2];
        rig.Central.Faults.DropResponseAfterCommit(SimEndpoint.TicketSales, times: 1);
        await SellAsync(rig, "sale-restart", card.ChipNumber, 12m);
        // As if the agent had stopped between marking the sale in flight and storing central's answer.
        rig.Execute("UPDATE ticket_sales SET state = 1 WHERE sale_key = 'sale-restart'");
        await rig.StopAgentAsync();

        await rig.StartAgentAsync();
        await rig.Service<SaleReconciler>().RunOnceAsync(CancellationToken.None);
        var (_, view) = await rig.SendAsync(HttpMethod.Get, "/api/v1/sales/sale-restart");

        Assert.Equal("done", Text(view, "state"));
        Assert.Equal(Assert.Single(rig.Central.State.TicketSales).Id, Text(view, "centralSaleId"));
        Assert.Equal(1, rig.Central.State.RequestCount(SimEndpoint.TicketSales));
    }

    [Fact]
    public async Task Sale_logs_hold_no_card_uitpas_number_or_pseudonym()
    {
        await using var rig = await ReportRig.StartAsync();
        var card = rig.Central.Seed.SocialTariffCards[0];
        rig.Central.Faults.DropResponseAfterCommit(SimEndpoint.TicketSales, times: 1);

        await SellAsync(rig, "sale-logs", card.ChipNumber, 9m);
        await rig.Service<SaleReconciler>().RunOnceAsync(CancellationToken.None);
        await SellAsync(rig, "sale-logs-2", rig.Central.Seed.ExpiredSocialTariffCards[0].UitpasNumber, 9m);

        var secrets = new[]
        {
            card.UitpasNumber, card.ChipNumber, Convert.ToHexString(rig.Pseudonym("uitpas:" + card.UitpasNumber)),
            rig.Central.Seed.ExpiredSocialTariffCards[0].UitpasNumber,
        };
        Assert.Contains(rig.Logs.Entries, e => e.Message.Contains("sale-logs", StringComparison.Ordinal));
        Assert.DoesNotContain(rig.Logs.Entries, e => secrets.Any(s => (e.Message + e.Exception).Contains(s, StringComparison.OrdinalIgnoreCase)));
    }

    private static async Task LostAnswerIsReconciledOnceAsync(ReportRig rig)
    {
        var card = rig.Central.Seed.SocialTariffCards[1];
        rig.Central.Faults.DropResponseAfterCommit(SimEndpoint.TicketSales, times: 1);

        var (status, body) = await SellAsync(rig, "sale-lost", card.ChipNumber, 8m);
        var (_, waiting) = await rig.SendAsync(HttpMethod.Get, "/api/v1/sales/sale-lost");
        var (retried, retriedBody) = await SellAsync(rig, "sale-lost", card.ChipNumber, 8m);
        var settled = await rig.Service<SaleReconciler>().RunOnceAsync(CancellationToken.None);
        var (_, view) = await rig.SendAsync(HttpMethod.Get, "/api/v1/sales/sale-lost");
        var again = await rig.Service<SaleReconciler>().RunOnceAsync(CancellationToken.None);

        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal("unknown", Text(body, "state"));
        Assert.Equal("unknown", Text(waiting, "state"));
        Assert.Equal((HttpStatusCode.Accepted, "unknown"), (retried, Text(retriedBody, "state")));
        Assert.Equal((1, 0), (settled, again));
        Assert.Equal("done", Text(view, "state"));
        var central = Assert.Single(rig.Central.State.TicketSales);
        Assert.Equal(central.Id, Text(view, "centralSaleId"));
        Assert.Equal(1, rig.Central.State.RequestCount(SimEndpoint.TicketSales));
        Assert.Equal(1, rig.Scalar("SELECT COUNT(*) FROM ticket_sales WHERE state = 2"));
        var fact = Assert.Single(await rig.Service<IReportSource>().SalesAsync(ReportRig.Today.AddDays(-1), ReportRig.Today.AddDays(1), CancellationToken.None));
        Assert.Equal((central.Id, CostSharingKey.Default), (fact.CentralSaleId, fact.Key));
    }

    internal static Task<(HttpStatusCode Status, JsonNode Body)> SellAsync(ReportRig rig, string saleKey, string card, decimal regularPrice, string? label = null) =>
        rig.SendAsync(HttpMethod.Post, "/api/v1/sales", new { saleKey, deviceId = ReportRig.DeviceId, card, regularPrice, regularPriceLabel = label });

    private static string Text(JsonNode node, string name) => node[name]?.GetValue<string>() ?? "";
}
