using Microsoft.Extensions.DependencyInjection;
using Uitpas.Edge.Simulator;

namespace Uitpas.Edge.Central.Tests;

/// <summary>The ticket-sale calls of the client against the simulator's rules: tariffs, registration, search.</summary>
public sealed class TicketSaleTests
{
    [Fact]
    public async Task The_social_tariff_costs_a_quarter_of_the_regular_price_and_is_sold_once_per_passholder_event_and_day()
    {
        await using var h = await CentralHarness.StartAsync();
        var client = h.Services.GetRequiredService<ITicketSales>();
        var card = h.Sim.Seed.SocialTariffCards[0];
        var ev = h.Sim.Seed.Events[1];
        var query = new TariffQuery(ev.Id, card.UitpasNumber, 8.00m) { Kind = TariffKind.SocialTariff };

        var offered = await client.GetTariffsAsync(query, h.Ct);
        var sold = await client.RegisterTicketSaleAsync(new NewTicketSale("SOCIALTARIFF-1", card.UitpasNumber, ev.Id, 8.00m) { RegularPriceLabel = "Volwassenen" }, h.Ct);
        var afterwards = await client.GetTariffsAsync(query, h.Ct);
        var again = await client.RegisterTicketSaleAsync(new NewTicketSale("SOCIALTARIFF-1", card.UitpasNumber, ev.Id, 8.00m), h.Ct);
        h.Time.Advance(TimeSpan.FromDays(1));
        var nextDay = await client.GetTariffsAsync(query, h.Ct);

        Assert.True(offered.IsOk, offered.ToString());
        var tariff = Assert.Single(offered.Value.Available);
        Assert.Equal(("SOCIALTARIFF-1", 2.00m, TariffKind.SocialTariff, 1), (tariff.Id, tariff.Price, tariff.Kind, tariff.Remaining));
        Assert.True(sold.IsOk, sold.ToString());
        Assert.Equal(("SOCIALTARIFF-1", 2.00m, TariffKind.SocialTariff, card.UitpasNumber, ev.Id, 8.00m, "Volwassenen"),
            (sold.Value.TariffId, sold.Value.TariffPrice, sold.Value.Kind, sold.Value.UitpasNumber, sold.Value.EventId, sold.Value.RegularPrice, sold.Value.RegularPriceLabel));
        Assert.Equal(h.Time.GetUtcNow().AddDays(-1), sold.Value.CreationDate);
        Assert.Equal(ev.Title, sold.Value.EventTitle);
        Assert.True(afterwards.IsOk);
        Assert.Empty(afterwards.Value.Available);
        Assert.Contains("vandaag al een ticket aan kansentarief", afterwards.Value.EndUserMessageNl);
        Assert.Equal(CentralOutcome.Problem, again.Outcome);
        Assert.Equal("maximum-reached", again.Problem!.ShortType);
        Assert.Single(nextDay.Value!.Available);
        Assert.Equal(1, h.Sim.State.TicketSaleCountForPass(card.UitpasNumber));
    }

    [Fact]
    public async Task An_expired_social_tariff_is_not_offered_and_its_sale_is_refused_as_social_tariff_expired()
    {
        await using var h = await CentralHarness.StartAsync();
        var client = h.Services.GetRequiredService<ITicketSales>();
        var card = h.Sim.Seed.ExpiredSocialTariffCards[0];
        var switchedOff = h.Sim.Seed.SocialTariffCards[1];
        h.Sim.SetSocialTariff(switchedOff.UitpasNumber, active: false);
        var ev = h.Sim.Seed.Events[1];

        var offered = await client.GetTariffsAsync(new TariffQuery(ev.Id, card.UitpasNumber, 10m) { Kind = TariffKind.SocialTariff }, h.Ct);
        var refused = await client.RegisterTicketSaleAsync(new NewTicketSale("SOCIALTARIFF-1", card.UitpasNumber, ev.Id, 10m), h.Ct);
        var refusedToo = await client.RegisterTicketSaleAsync(new NewTicketSale("SOCIALTARIFF-1", switchedOff.UitpasNumber, ev.Id, 10m), h.Ct);

        Assert.Empty(offered.Value!.Available);
        Assert.Contains("verlopen", offered.Value.EndUserMessageNl);
        Assert.Equal("social-tariff-expired", refused.Problem?.ShortType);
        Assert.Equal("social-tariff-expired", refusedToo.Problem?.ShortType);
        Assert.False(string.IsNullOrEmpty(refused.Problem!.EndUserMessage("nl")));
        Assert.Empty(h.Sim.State.TicketSales);
    }

    [Fact]
    public async Task Search_by_event_lists_its_registered_sales_newest_first_in_pages()
    {
        await using var h = await CentralHarness.StartAsync();
        var client = h.Services.GetRequiredService<ITicketSales>();
        var ev = h.Sim.Seed.Events[1];
        var other = h.Sim.Seed.Events[3];
        var cards = h.Sim.Seed.SocialTariffCards.Take(3).ToArray();
        var ids = new List<string>();
        foreach (var card in cards)
        {
            ids.Add((await client.RegisterTicketSaleAsync(new NewTicketSale("SOCIALTARIFF-1", card.UitpasNumber, ev.Id, 6m), h.Ct)).Value!.Id);
            h.Time.Advance(TimeSpan.FromMinutes(1));
        }
        await client.RegisterTicketSaleAsync(new NewTicketSale("SOCIALTARIFF-1", cards[0].UitpasNumber, other.Id, 6m), h.Ct);

        var first = await client.SearchTicketSalesAsync(new TicketSaleQuery(ev.Id) { Limit = 2 }, h.Ct);
        var second = await client.SearchTicketSalesAsync(new TicketSaleQuery(ev.Id) { Start = 2, Limit = 2 }, h.Ct);

        Assert.Equal(3, first.Value!.TotalItems);
        Assert.Equal([ids[2], ids[1]], first.Value.Sales.Select(s => s.Id));
        Assert.Equal([ids[0]], second.Value!.Sales.Select(s => s.Id));
        Assert.All(first.Value.Sales, s => Assert.Equal((ev.Id, 1.50m, "SOCIALTARIFF-1"), (s.EventId, s.TariffPrice!.Value, s.TariffId)));
        Assert.True(first.Value.Sales[0].CreationDate > first.Value.Sales[1].CreationDate);
    }

    [Fact]
    public async Task A_sale_whose_answer_was_dropped_is_registered_once_and_found_by_the_search()
    {
        await using var h = await CentralHarness.StartAsync();
        var client = h.Services.GetRequiredService<ITicketSales>();
        var card = h.Sim.Seed.SocialTariffCards[0];
        var ev = h.Sim.Seed.Events[1];
        h.Sim.Faults.DropResponseAfterCommit(SimEndpoint.TicketSales, times: 1);

        var lost = await client.RegisterTicketSaleAsync(new NewTicketSale("SOCIALTARIFF-1", card.UitpasNumber, ev.Id, 8m), h.Ct);
        var found = await client.SearchTicketSalesAsync(new TicketSaleQuery(ev.Id), h.Ct);

        Assert.Equal(CentralOutcome.Unavailable, lost.Outcome);
        Assert.Null(lost.HttpStatus);
        var recorded = Assert.Single(h.Sim.State.TicketSales);
        var sale = Assert.Single(found.Value!.Sales);
        Assert.Equal((recorded.Id, card.UitpasNumber, 8m), (sale.Id, sale.UitpasNumber, sale.RegularPrice));
    }

    [Fact]
    public async Task Service_unavailable_on_ticket_sales_registers_nothing()
    {
        await using var h = await CentralHarness.StartAsync();
        var client = h.Services.GetRequiredService<ITicketSales>();
        var card = h.Sim.Seed.SocialTariffCards[0];
        h.Sim.Faults.ServiceUnavailable(SimEndpoint.TicketSales, TimeSpan.FromSeconds(5), times: 1);

        var refused = await client.RegisterTicketSaleAsync(new NewTicketSale("SOCIALTARIFF-1", card.UitpasNumber, h.Sim.Seed.Events[1].Id, 8m), h.Ct);

        Assert.Equal((CentralOutcome.Unavailable, 503), (refused.Outcome, refused.HttpStatus));
        Assert.Empty(h.Sim.State.TicketSales);
        Assert.Equal(1, h.Sim.State.RequestCount(SimEndpoint.TicketSales));
    }

    [Fact]
    public async Task The_client_logs_no_uitpas_number_of_a_sale()
    {
        await using var h = await CentralHarness.StartAsync();
        var client = h.Services.GetRequiredService<ITicketSales>();
        var card = h.Sim.Seed.SocialTariffCards[0];
        var ev = h.Sim.Seed.Events[1];

        await client.GetTariffsAsync(new TariffQuery(ev.Id, card.UitpasNumber, 8m), h.Ct);
        await client.RegisterTicketSaleAsync(new NewTicketSale("SOCIALTARIFF-1", card.UitpasNumber, ev.Id, 8m), h.Ct);

        Assert.Contains(h.Logs.Lines, line => line.Contains("ticket sale", StringComparison.Ordinal));
        Assert.DoesNotContain(h.Logs.Lines, line => line.Contains(card.UitpasNumber, StringComparison.Ordinal));
    }
}
