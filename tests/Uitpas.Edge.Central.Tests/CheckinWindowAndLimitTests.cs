using Uitpas.Edge.Simulator;

namespace Uitpas.Edge.Central.Tests;

/// <summary>Central's check-in rules as the simulator serves them: the event's window with its margin, the event's limit per period.</summary>
public sealed class CheckinWindowAndLimitTests
{
    [Fact]
    public async Task Checkin_is_allowed_shortly_before_opening_and_after_closing_but_not_outside_the_margin()
    {
        await using var h = await CentralHarness.StartAsync(); // Tuesday 10:00 in Brussels
        var evening = h.Sim.Seed.Events.Single(e => e.DailyOpens.Hour == 19); // 19:00–22:00
        string[] numbers = [.. h.Sim.Seed.GoodCards.Take(4).Select(c => c.UitpasNumber)];

        h.Time.Advance(TimeSpan.FromHours(8) + TimeSpan.FromMinutes(20)); // 18:20
        var tooEarly = await h.Client.CheckinAsync(numbers[0], evening.Id, h.Ct);
        h.Time.Advance(TimeSpan.FromMinutes(20)); // 18:40
        var justBefore = await h.Client.CheckinAsync(numbers[1], evening.Id, h.Ct);
        h.Time.Advance(TimeSpan.FromHours(3) + TimeSpan.FromMinutes(40)); // 22:20
        var justAfter = await h.Client.CheckinAsync(numbers[2], evening.Id, h.Ct);
        h.Time.Advance(TimeSpan.FromMinutes(20)); // 22:40
        var tooLate = await h.Client.CheckinAsync(numbers[3], evening.Id, h.Ct);

        Assert.Equal(ProblemTypes.CheckinNotAllowed, tooEarly.Problem!.Type);
        Assert.Contains("kort voor, tijdens en kort na", tooEarly.Problem.EndUserMessage("nl"), StringComparison.Ordinal);
        Assert.True(justBefore.IsOk, justBefore.ToString());
        Assert.True(justAfter.IsOk, justAfter.ToString());
        Assert.Equal(ProblemTypes.CheckinNotAllowed, tooLate.Problem!.Type);
        Assert.Equal(2, h.Sim.State.CheckinCountForEvent(evening.Id));
    }

    [Fact]
    public async Task Weekly_limit_of_two_refuses_the_third_checkin_of_the_week_on_both_endpoints_and_allows_it_the_next_week()
    {
        await using var h = await CentralHarness.StartAsync(); // Tuesday 10 March 2026
        var kiosk = h.Kiosk;
        var ev = h.EventOf(kiosk);
        var card = h.Sim.Seed.GoodCards[0];
        h.Sim.SetCheckinLimit(ev.Id, new CheckinLimitRule(2, CheckinLimitPeriod.Week));

        var tuesday = await h.Client.CheckinAsync(card.UitpasNumber, ev.Id, h.Ct);
        h.Time.Advance(TimeSpan.FromDays(1));
        var wednesday = await h.TapAsync(card);
        h.Time.Advance(TimeSpan.FromDays(3));
        var saturdayByNumber = await h.Client.CheckinAsync(card.UitpasNumber, ev.Id, h.Ct);
        var saturdayAtKiosk = await h.TapAsync(card);
        h.Time.Advance(TimeSpan.FromDays(2)); // Monday 16 March
        var nextMonday = await h.TapAsync(card);

        Assert.True(tuesday.IsOk, tuesday.ToString());
        Assert.True(wednesday.IsOk, wednesday.ToString());
        Assert.Equal(ProblemTypes.CheckinNotAllowed, saturdayByNumber.Problem!.Type);
        Assert.Contains("maximum aantal check-ins", saturdayByNumber.Problem.EndUserMessage("nl"), StringComparison.Ordinal);
        Assert.Equal(ProblemTypes.MaximumReached, saturdayAtKiosk.Problem!.Type);
        Assert.True(nextMonday.IsOk, nextMonday.ToString());
        Assert.Equal(3, h.Sim.State.CheckinCountForPass(card.UitpasNumber));
        Assert.Equal(new CheckinLimitRule(2, CheckinLimitPeriod.Week), h.Sim.State.CheckinLimitOf(ev.Id));
    }

    [Fact]
    public async Task Without_a_set_limit_an_event_allows_one_checkin_per_passholder_per_day()
    {
        await using var h = await CentralHarness.StartAsync();
        var ev = h.EventOf(h.Kiosk);
        var card = h.Sim.Seed.GoodCards[1];

        var first = await h.Client.CheckinAsync(card.UitpasNumber, ev.Id, h.Ct);
        var again = await h.Client.CheckinAsync(card.UitpasNumber, ev.Id, h.Ct);
        h.Time.Advance(TimeSpan.FromDays(1));
        var tomorrow = await h.Client.CheckinAsync(card.UitpasNumber, ev.Id, h.Ct);

        Assert.Equal(CheckinLimitRule.OncePerDay, h.Sim.State.CheckinLimitOf(ev.Id));
        Assert.True(first.IsOk && tomorrow.IsOk);
        Assert.Contains("vandaag al ingecheckt", again.Problem!.EndUserMessage("nl"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_checkin_whose_answer_was_dropped_is_committed_and_listed_in_the_history_with_id_date_and_event()
    {
        await using var h = await CentralHarness.StartAsync();
        var ev = h.EventOf(h.Kiosk);
        var card = h.Sim.Seed.GoodCards[2];
        h.Sim.Faults.DropResponseAfterCommit(SimEndpoint.Checkin, times: 1);

        var lost = await h.Client.CheckinAsync(card.UitpasNumber, ev.Id, h.Ct);
        var history = await h.Client.SearchCheckinsAsync(new CheckinQuery { PassholderId = card.PassholderId, OrganizerIds = [ev.OrganizerId] }, h.Ct);

        Assert.Equal(CentralOutcome.Unavailable, lost.Outcome);
        var committed = Assert.Single(h.Sim.State.Checkins);
        var listed = Assert.Single(history.Value!.Checkins);
        Assert.Equal(committed.Id, listed.Id);
        Assert.Equal(ev.Id, listed.EventId);
        Assert.Equal(h.Time.GetUtcNow(), listed.CreationDate);
    }

    [Theory]
    [InlineData(CheckinLimitPeriod.Day, "2026-03-15", "2026-03-15")]
    [InlineData(CheckinLimitPeriod.Week, "2026-03-15", "2026-03-09")]
    [InlineData(CheckinLimitPeriod.Week, "2026-03-16", "2026-03-16")]
    [InlineData(CheckinLimitPeriod.Month, "2026-03-15", "2026-03-01")]
    [InlineData(CheckinLimitPeriod.Quarter, "2026-05-20", "2026-04-01")]
    [InlineData(CheckinLimitPeriod.Year, "2026-05-20", "2026-01-01")]
    public void Limit_periods_start_on_the_calendar(CheckinLimitPeriod period, string day, string start)
    {
        var rule = new CheckinLimitRule(1, period);

        Assert.Equal(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture),
            rule.PeriodStart(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)));
    }
}
