using Uitpas.Edge.Simulator;

namespace Uitpas.Edge.Central.Tests;

public sealed class KioskCheckinTests
{
    [Fact]
    public async Task Kiosk_checkin_returns_new_points_and_total_points()
    {
        await using var h = await CentralHarness.StartAsync();
        var card = h.Sim.Seed.GoodCards[0];
        var holder = h.Sim.Seed.Passholder(card.PassholderId)!;
        var ev = h.EventOf(h.Kiosk);

        var result = await h.TapAsync(card);

        Assert.True(result.IsOk, result.ToString());
        Assert.Equal(new KioskCheckin(ev.CheckinPoints, holder.InitialPoints + ev.CheckinPoints), result.Value);
        Assert.Equal(200, result.HttpStatus);
        Assert.Equal(1, h.Sim.State.CheckinCountForChip(card.ChipNumber));
    }

    [Fact]
    public async Task Points_follow_the_event_of_the_kiosk()
    {
        await using var h = await CentralHarness.StartAsync();
        var kiosk = h.Sim.Seed.Kiosks.First(k => k.CurrentEventId is { } id && h.Sim.Seed.Event(id)!.CheckinPoints == 2);

        var result = await h.TapAsync(h.Sim.Seed.GoodCards[1], kiosk);

        Assert.Equal(2, result.Value!.NewPoints);
    }

    [Fact]
    public async Task Second_tap_on_the_same_day_reports_maximum_reached()
    {
        await using var h = await CentralHarness.StartAsync();
        var card = h.Sim.Seed.GoodCards[0];
        Assert.True((await h.TapAsync(card)).IsOk);

        h.Time.Advance(TimeSpan.FromHours(3));
        var second = await h.TapAsync(card);

        Assert.Equal(CentralOutcome.Problem, second.Outcome);
        Assert.Equal(400, second.HttpStatus);
        Assert.Equal(ProblemTypes.MaximumReached, second.Problem!.Type);
        Assert.Equal("maximum-reached", second.Problem.ShortType);
        Assert.StartsWith("Je bent vandaag al ingecheckt voor deze activiteit.", second.Problem.EndUserMessage("nl"));
        Assert.NotEqual(second.Problem.EndUserMessage("nl"), second.Problem.EndUserMessage("fr"));
        Assert.Equal(second.Problem.EndUserMessage("nl"), second.Problem.EndUserMessage("de"));
        Assert.Equal(1, h.Sim.State.CheckinCountForChip(card.ChipNumber));
    }

    [Fact]
    public async Task Next_day_the_same_card_may_check_in_again()
    {
        await using var h = await CentralHarness.StartAsync();
        var card = h.Sim.Seed.GoodCards[0];
        var first = await h.TapAsync(card);

        h.Time.Advance(TimeSpan.FromDays(1));
        var next = await h.TapAsync(card);

        Assert.True(next.IsOk, next.ToString());
        Assert.Equal(first.Value!.TotalPoints + next.Value!.NewPoints, next.Value.TotalPoints);
    }

    [Fact]
    public async Task The_day_turns_at_midnight_in_Brussels_not_at_midnight_UTC()
    {
        // 15 January 2026, 22:30 UTC = 23:30 in Brussels (CET, UTC+1).
        await using var h = await CentralHarness.StartAsync(start: new DateTimeOffset(2026, 1, 15, 22, 30, 0, TimeSpan.Zero));
        var card = h.Sim.Seed.GoodCards[0];
        Assert.True((await h.TapAsync(card)).IsOk);

        // 23:30 UTC: still 15 January in UTC, already 16 January in Brussels.
        h.Time.Advance(TimeSpan.FromHours(1));
        var afterMidnight = await h.TapAsync(card);

        Assert.True(afterMidnight.IsOk, afterMidnight.ToString());
    }

    [Fact]
    public async Task Blocked_card_is_refused_with_card_blocked()
    {
        await using var h = await CentralHarness.StartAsync();
        var card = h.Sim.Seed.BlockedCards[0];

        var result = await h.TapAsync(card);

        Assert.Equal(CentralOutcome.Problem, result.Outcome);
        Assert.Equal(ProblemTypes.CardBlocked, result.Problem!.Type);
        Assert.False(string.IsNullOrWhiteSpace(result.Problem.EndUserMessageNl));
        Assert.Equal(0, h.Sim.State.CheckinCountForChip(card.ChipNumber));
    }

    [Fact]
    public async Task Unknown_chip_is_refused_with_passholder_not_found()
    {
        await using var h = await CentralHarness.StartAsync();

        var result = await h.Client.KioskCheckinAsync(h.Kiosk.Token, h.Sim.Seed.UnknownChipNumbers[0], h.Ct);

        Assert.Equal(CentralOutcome.Problem, result.Outcome);
        Assert.Equal(ProblemTypes.PassholderNotFound, result.Problem!.Type);
        Assert.False(string.IsNullOrWhiteSpace(result.Problem.EndUserMessage("en")));
    }

    [Fact]
    public async Task Checkin_outside_the_event_window_is_refused_with_checkin_not_allowed()
    {
        await using var h = await CentralHarness.StartAsync();

        var result = await h.TapAsync(h.Sim.Seed.GoodCards[0], h.Sim.Seed.KioskWithClosedEvent);

        Assert.Equal(ProblemTypes.CheckinNotAllowed, result.Problem!.Type);
    }

    [Fact]
    public async Task Evening_event_accepts_checkins_only_during_its_opening_hours()
    {
        await using var h = await CentralHarness.StartAsync(); // 10:00 in Brussels
        var evening = h.Sim.Seed.Kiosks.Single(k => k.CurrentEventId is { } id && h.Sim.Seed.Event(id)!.DailyOpens.Hour == 19);
        var card = h.Sim.Seed.GoodCards[2];

        var morning = await h.TapAsync(card, evening);
        var noCurrentEvent = await h.Client.GetKioskCurrentEventAsync(evening.Token, h.Ct);
        h.Time.Advance(TimeSpan.FromHours(10)); // 20:00
        var atEight = await h.TapAsync(card, evening);

        Assert.Equal("checkin-not-allowed", morning.Problem!.ShortType);
        Assert.Equal(404, noCurrentEvent.HttpStatus);
        Assert.True(atEight.IsOk, atEight.ToString());
    }

    [Fact]
    public async Task Kiosk_reports_its_current_event()
    {
        await using var h = await CentralHarness.StartAsync();
        var ev = h.EventOf(h.Kiosk);

        var result = await h.Client.GetKioskCurrentEventAsync(h.Kiosk.Token, h.Ct);

        Assert.Equal(new KioskEvent(ev.Id, ev.Title, ev.CheckinPoints, ev.CheckinCode), result.Value);
    }

    [Fact]
    public async Task Kiosk_without_an_event_has_no_current_event_and_refuses_checkins()
    {
        await using var h = await CentralHarness.StartAsync();
        var kiosk = h.Sim.Seed.KioskWithoutEvent;

        var current = await h.Client.GetKioskCurrentEventAsync(kiosk.Token, h.Ct);
        var tap = await h.TapAsync(h.Sim.Seed.GoodCards[0], kiosk);

        Assert.Equal(CentralOutcome.Problem, current.Outcome);
        Assert.Equal(404, current.HttpStatus);
        Assert.Equal(ProblemTypes.EventNotFound, current.Problem!.Type);
        Assert.Equal(ProblemTypes.EventNotFound, tap.Problem!.Type);
    }

    [Fact]
    public async Task Kiosk_event_can_be_configured_at_run_time()
    {
        await using var h = await CentralHarness.StartAsync();
        var kiosk = h.Sim.Seed.KioskWithoutEvent;
        var ev = h.Sim.Seed.Events.First(e => e.OrganizerId == kiosk.OrganizerId && e.DailyOpens == TimeOnly.MinValue);

        h.Sim.SetKioskCurrentEvent(kiosk.Token, ev.Id);
        var result = await h.Client.GetKioskCurrentEventAsync(kiosk.Token, h.Ct);

        Assert.Equal(ev.Id, result.Value!.EventId);
    }

    [Fact]
    public async Task Unknown_kiosk_token_is_forbidden()
    {
        await using var h = await CentralHarness.StartAsync();

        var result = await h.Client.KioskCheckinAsync("not-a-kiosk", h.Sim.Seed.GoodCards[0].ChipNumber, h.Ct);

        Assert.Equal(CentralOutcome.Problem, result.Outcome);
        Assert.Equal(403, result.HttpStatus);
        Assert.Equal(ProblemTypes.Forbidden, result.Problem!.Type);
        Assert.Equal(1, h.Sim.State.TokensIssued);
    }
}
