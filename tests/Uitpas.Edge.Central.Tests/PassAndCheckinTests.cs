using Uitpas.Edge.Simulator;

namespace Uitpas.Edge.Central.Tests;

public sealed class PassAndCheckinTests
{
    [Fact]
    public async Task Pass_is_found_by_chip_number_and_by_uitpas_number()
    {
        await using var h = await CentralHarness.StartAsync();
        var card = h.Sim.Seed.GoodCards[0];
        var holder = h.Sim.Seed.Passholder(card.PassholderId)!;

        var byChip = await h.Client.GetPassAsync(card.ChipNumber, h.Ct);
        var byNumber = await h.Client.GetPassAsync(card.UitpasNumber, h.Ct);

        Assert.True(byChip.IsOk, byChip.ToString());
        Assert.Equal(holder.Id, byChip.Value.PassholderId);
        Assert.Equal(card.UitpasNumber, byChip.Value.UitpasNumber);
        Assert.Equal(holder.InitialPoints, byChip.Value.Points);
        Assert.Equal(PassType.Individual, byChip.Value.PassType);
        Assert.Equal(card.CardSystemId, byChip.Value.CardSystem.Id);
        Assert.Equal(byChip.Value.PassholderId, byNumber.Value!.PassholderId);
    }

    [Fact]
    public async Task Pass_shows_an_active_social_tariff_in_card_system_1()
    {
        await using var h = await CentralHarness.StartAsync();
        var card = h.Sim.Seed.SocialTariffCards[0];

        var pass = await h.Client.GetPassAsync(card.ChipNumber, h.Ct);

        Assert.True(pass.Value!.SocialTariff.IsActive);
        Assert.Equal(1, pass.Value.CardSystem.Id);
        Assert.NotNull(pass.Value.SocialTariff.EndDate);
    }

    [Fact]
    public async Task Pass_with_an_expired_social_tariff_carries_a_warning_to_show()
    {
        await using var h = await CentralHarness.StartAsync();
        var card = h.Sim.Seed.ExpiredSocialTariffCards[0];

        var pass = await h.Client.GetPassAsync(card.UitpasNumber, h.Ct);

        Assert.Equal(SocialTariffStatus.Expired, pass.Value!.SocialTariff.Status);
        Assert.Contains(pass.Value.Messages, m => m.Level == PassMessageLevel.Warn && m.Text.Length > 0);
    }

    [Fact]
    public async Task Unknown_pass_is_pass_not_found()
    {
        await using var h = await CentralHarness.StartAsync();

        var result = await h.Client.GetPassAsync(h.Sim.Seed.UnknownUitpasNumbers[0], h.Ct);

        Assert.Equal(CentralOutcome.Problem, result.Outcome);
        Assert.Equal(404, result.HttpStatus);
        Assert.Equal(ProblemTypes.PassNotFound, result.Problem!.Type);
    }

    [Fact]
    public async Task Blocked_pass_is_invalid_card_status_with_the_card_status()
    {
        await using var h = await CentralHarness.StartAsync();
        var card = h.Sim.Seed.BlockedCards[0];

        var result = await h.Client.GetPassAsync(card.ChipNumber, h.Ct);

        Assert.Equal(ProblemTypes.InvalidCardStatus, result.Problem!.Type);
        Assert.Equal("BLOCKED", result.Problem.CardStatus);
        Assert.Equal(card.PassholderId, result.Problem.PassholderId);
    }

    [Fact]
    public async Task Checkin_by_uitpas_number_is_created_once_per_day()
    {
        await using var h = await CentralHarness.StartAsync();
        var card = h.Sim.Seed.GoodCards[3];
        var ev = h.EventOf(h.Kiosk);

        var created = await h.Client.CheckinAsync(card.UitpasNumber, ev.Id, h.Ct);
        var again = await h.Client.CheckinAsync(card.UitpasNumber, ev.Id, h.Ct);

        Assert.True(created.IsOk, created.ToString());
        Assert.Equal(201, created.HttpStatus);
        Assert.Equal(ev.Id, created.Value.EventId);
        Assert.Equal(ev.Title, created.Value.EventTitle);
        Assert.Equal(card.UitpasNumber, created.Value.UitpasNumber);
        Assert.Equal(ev.CheckinPoints, created.Value.Points);
        Assert.Equal(h.Time.GetUtcNow(), created.Value.CreationDate);
        Assert.Equal(ProblemTypes.CheckinNotAllowed, again.Problem!.Type);
        Assert.Contains("vandaag al ingecheckt", again.Problem.EndUserMessage("nl"));
    }

    [Fact]
    public async Task Checkin_refusals_follow_the_spec_types_of_post_checkins()
    {
        await using var h = await CentralHarness.StartAsync();
        var ev = h.EventOf(h.Kiosk);
        var good = h.Sim.Seed.GoodCards[0].UitpasNumber;
        var badCheckDigit = good[..12] + (char)('0' + ((good[12] - '0' + 1) % 10));

        var invalid = await h.Client.CheckinAsync(badCheckDigit, ev.Id, h.Ct);
        var unknown = await h.Client.CheckinAsync(h.Sim.Seed.UnknownUitpasNumbers[0], ev.Id, h.Ct);
        var blocked = await h.Client.CheckinAsync(h.Sim.Seed.BlockedCards[0].UitpasNumber, ev.Id, h.Ct);
        var noEvent = await h.Client.CheckinAsync(good, "no-such-event", h.Ct);

        Assert.Equal(ProblemTypes.InvalidUitpasNumber, invalid.Problem!.Type);
        Assert.Equal(ProblemTypes.PassholderNotFound, unknown.Problem!.Type);
        Assert.Equal(ProblemTypes.InvalidCardStatus, blocked.Problem!.Type);
        Assert.Equal(ProblemTypes.EventNotFound, noEvent.Problem!.Type);
    }

    [Fact]
    public async Task Checkin_search_lists_a_passholders_checkins_at_the_given_organizers_newest_first()
    {
        await using var h = await CentralHarness.StartAsync();
        var card = h.Sim.Seed.GoodCards[0];
        var kioskA = h.Sim.Seed.Kiosks[0];
        var kioskB = h.Sim.Seed.Kiosks[1];
        Assert.True((await h.TapAsync(card, kioskA)).IsOk);
        h.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.True((await h.TapAsync(card, kioskB)).IsOk);
        h.Time.Advance(TimeSpan.FromDays(1));
        Assert.True((await h.TapAsync(card, kioskA)).IsOk);

        var both = await h.Client.SearchCheckinsAsync(new CheckinQuery { PassholderId = card.PassholderId, OrganizerIds = [kioskA.OrganizerId, kioskB.OrganizerId] }, h.Ct);
        var onlyA = await h.Client.SearchCheckinsAsync(new CheckinQuery { PassholderId = card.PassholderId, OrganizerIds = [kioskA.OrganizerId], Limit = 1 }, h.Ct);

        Assert.Equal(3, both.Value!.TotalItems);
        Assert.Equal([kioskA.CurrentEventId, kioskB.CurrentEventId, kioskA.CurrentEventId], both.Value.Checkins.Select(c => c.EventId));
        Assert.True(both.Value.Checkins[0].CreationDate > both.Value.Checkins[1].CreationDate);
        Assert.Equal(2, onlyA.Value!.TotalItems);
        Assert.Single(onlyA.Value.Checkins);
        Assert.Equal(h.Time.GetUtcNow(), onlyA.Value.Checkins[0].CreationDate);
        Assert.Equal(card.UitpasNumber, onlyA.Value.Checkins[0].UitpasNumber);
    }
}
