using Uitpas.Edge.Agent.Events;
using Uitpas.Edge.Agent.Reports;
using Uitpas.Edge.Agent.Tests.Infrastructure;
using Uitpas.Edge.Simulator;

namespace Uitpas.Edge.Agent.Tests.Reports;

/// <summary>Raw tap data and sales' UiTPAS numbers are kept for Agent:Reports:RawRetention; facts stay.</summary>
public sealed class RetentionTests
{
    [Fact]
    public async Task Raw_data_of_final_taps_older_than_the_retention_is_blanked_and_their_facts_stay()
    {
        await using var rig = await ReportRig.StartAsync();
        await RawDataIsBlankedAsync(rig);
    }

    [PostgresFact]
    public async Task On_PostgreSQL_raw_data_of_final_taps_older_than_the_retention_is_blanked_and_their_facts_stay()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await using var rig = await ReportRig.StartAsync(database);
        await RawDataIsBlankedAsync(rig);
    }

    private static async Task RawDataIsBlankedAsync(ReportRig rig)
    {
        var terminal = await rig.TerminalAsync();
        var cards = rig.Central.Seed.GoodCards.Take(3).ToArray();
        await rig.TapAsync(terminal, 1, 1, cards[0].ChipNumber);
        await rig.TapAsync(terminal, 1, 2, cards[1].ChipNumber);
        await rig.FinalResultAsync(1, 1);
        await rig.FinalResultAsync(1, 2);
        await rig.Service<FactsRecorder>().RecordAllAsync(CancellationToken.None);
        rig.Central.Faults.ServiceUnavailable(SimEndpoint.KioskCheckin, TimeSpan.FromHours(1));
        await rig.TapAsync(terminal, 1, 3, cards[2].ChipNumber);
        await rig.Events.WaitAsync<RelayAttempted>(a => a.Sequence == 3);
        var facts = await FactsTests.Facts(rig);

        rig.Clock.MoveTo(ReportRig.Today.AddDays(89));
        var early = await rig.Service<RetentionService>().RunOnceAsync(CancellationToken.None);
        rig.Clock.MoveTo(ReportRig.Today.AddDays(91));
        var due = await rig.Service<RetentionService>().RunOnceAsync(CancellationToken.None);
        var twice = await rig.Service<RetentionService>().RunOnceAsync(CancellationToken.None);

        Assert.Equal((0, 2, 0), (early.BlankedTaps, due.BlankedTaps, twice.BlankedTaps));
        Assert.Equal(2, rig.Scalar("SELECT COUNT(*) FROM taps WHERE length(chip_uid) = 0 AND message = '' AND relay_state = 2"));
        Assert.Equal(0, rig.Scalar("SELECT COUNT(*) FROM relay_attempts a JOIN taps t ON t.id = a.tap_id WHERE t.relay_state = 2"));
        Assert.Equal(7, rig.Scalar("SELECT length(chip_uid) FROM taps WHERE sequence = 3 AND relay_state <> 2"));
        Assert.True(rig.Scalar("SELECT COUNT(*) FROM relay_attempts a JOIN taps t ON t.id = a.tap_id WHERE t.sequence = 3") > 0);
        Assert.Equal(facts.Select(f => Convert.ToHexString(f.Passholder.Span)), (await FactsTests.Facts(rig)).Select(f => Convert.ToHexString(f.Passholder.Span)));
    }

    [Fact]
    public async Task A_late_duplicate_of_a_blanked_tap_is_acknowledged_and_not_relayed_again()
    {
        await using var rig = await ReportRig.StartAsync();
        var terminal = await rig.TerminalAsync();
        var card = rig.Central.Seed.GoodCards[0];
        await rig.TapAsync(terminal, 4, 1, card.ChipNumber);
        await rig.FinalResultAsync(4, 1);
        await rig.Service<FactsRecorder>().RecordAllAsync(CancellationToken.None);
        rig.Clock.MoveTo(ReportRig.Today.AddDays(100));
        await rig.Service<RetentionService>().RunOnceAsync(CancellationToken.None);

        await rig.TapAsync(terminal, 4, 1, card.ChipNumber, ReportRig.Today);
        var duplicate = await rig.Events.WaitAsync<TapDuplicate>(d => d.Sequence == 1);

        Assert.Equal(1, rig.Central.State.CheckinCountForChip(card.ChipNumber));
        Assert.Equal(1, rig.Scalar("SELECT COUNT(*) FROM taps"));
        Assert.Equal(0, rig.Scalar("SELECT COUNT(*) FROM taps WHERE relay_state <> 2"));
        Assert.Equal(1, rig.Scalar("SELECT COUNT(*) FROM tap_facts"));
        Assert.Equal(4u, duplicate.BootEpoch);
    }

    [Fact]
    public async Task Final_sales_older_than_the_retention_lose_their_uitpas_number_and_keep_their_fact()
    {
        await using var rig = await ReportRig.StartAsync();
        var card = rig.Central.Seed.SocialTariffCards[0];
        await SalesTests.SellAsync(rig, "sale-old", card.ChipNumber, 8m);
        await SalesTests.SellAsync(rig, "sale-refused", rig.Central.Seed.ExpiredSocialTariffCards[0].ChipNumber, 8m);

        rig.Clock.MoveTo(ReportRig.Today.AddDays(91));
        var result = await rig.Service<RetentionService>().RunOnceAsync(CancellationToken.None);
        var facts = await rig.Service<IReportSource>().SalesAsync(ReportRig.Today.AddDays(-1), ReportRig.Today.AddDays(1), CancellationToken.None);

        Assert.Equal(2, result.BlankedSales);
        Assert.Equal(2, rig.Scalar("SELECT COUNT(*) FROM ticket_sales WHERE uitpas_number = ''"));
        Assert.Equal(rig.Pseudonym("uitpas:" + card.UitpasNumber), Assert.Single(facts).Passholder.ToArray());
    }
}
