using Microsoft.Extensions.Options;
using Uitpas.Edge.Agent.Reconcile;
using Uitpas.Edge.Agent.Reports;
using Uitpas.Edge.Agent.Snapshots;
using Uitpas.Edge.Agent.Tests.Infrastructure;
using Uitpas.Edge.Protocol;
using Uitpas.Edge.Simulator;

namespace Uitpas.Edge.Agent.Tests.Reports;

/// <summary>The facts layer: one pseudonymous fact per final tap, its context frozen, read back by the report source.</summary>
public sealed class FactsTests
{
    [Fact]
    public async Task Final_taps_get_one_pseudonymous_fact_each_with_their_context_frozen()
    {
        await using var rig = await ReportRig.StartAsync();
        await FinalTapsGetFrozenFactsAsync(rig);
    }

    [PostgresFact]
    public async Task On_PostgreSQL_final_taps_get_one_pseudonymous_fact_each_with_their_context_frozen()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await using var rig = await ReportRig.StartAsync(database);
        await FinalTapsGetFrozenFactsAsync(rig);
    }

    [Fact]
    public async Task A_known_card_is_keyed_by_its_uitpas_number_with_its_social_tariff_and_a_chip_key_is_replaced_once_the_number_is_learnt()
    {
        await using var rig = await ReportRig.StartAsync();
        var social = rig.Central.Seed.SocialTariffCards[0];
        var later = rig.Central.Seed.SocialTariffCards[1];
        await Learn(rig, social);
        rig.Execute("INSERT INTO social_tariff_numbers (card_system_id, uitpas_number) VALUES (1, @a), (1, @b)",
            ("@a", social.UitpasNumber), ("@b", later.UitpasNumber));
        var terminal = await rig.TerminalAsync();

        await rig.TapAsync(terminal, 1, 1, social.ChipNumber);
        await rig.TapAsync(terminal, 1, 2, later.ChipNumber);
        await rig.FinalResultAsync(1, 1);
        await rig.FinalResultAsync(1, 2);
        await rig.Service<FactsRecorder>().RecordAllAsync(CancellationToken.None);
        var before = await Facts(rig);
        await Learn(rig, later);
        await rig.Service<FactsRecorder>().RecordAllAsync(CancellationToken.None);
        var after = await Facts(rig);

        Assert.Equal(rig.Pseudonym("uitpas:" + social.UitpasNumber), before[0].Passholder.ToArray());
        Assert.True(before[0].SocialTariff);
        Assert.Equal(rig.Pseudonym("chip:" + later.ChipNumber), before[1].Passholder.ToArray());
        Assert.False(before[1].SocialTariff);
        Assert.Equal(rig.Pseudonym("uitpas:" + later.UitpasNumber), after[1].Passholder.ToArray());
        Assert.True(after[1].SocialTariff);
        Assert.Equal(0, rig.Scalar("SELECT COUNT(*) FROM tap_facts WHERE passholder_source = 'chip'"));
    }

    [Fact]
    public async Task A_fact_recorded_with_the_devices_card_system_takes_the_cards_once_re_keyed_by_its_number()
    {
        await using var rig = await ReportRig.StartAsync();
        var card = rig.Central.Seed.GoodCards.First(c => c.CardSystemId == 2);
        var terminal = await rig.TerminalAsync();

        await rig.TapAsync(terminal, 3, 1, card.ChipNumber);
        await rig.FinalResultAsync(3, 1);
        await rig.Service<FactsRecorder>().RecordAllAsync(CancellationToken.None);
        var before = Assert.Single(await Facts(rig));
        await Learn(rig, card);
        await rig.Service<FactsRecorder>().RecordAllAsync(CancellationToken.None);
        var after = Assert.Single(await Facts(rig));

        Assert.Equal(1, before.CardSystemId);
        Assert.Equal(rig.Pseudonym("chip:" + card.ChipNumber), before.Passholder.ToArray());
        Assert.Equal(2, after.CardSystemId);
        Assert.Equal(rig.Pseudonym("uitpas:" + card.UitpasNumber), after.Passholder.ToArray());
    }

    [Fact]
    public async Task A_tap_gets_its_fact_only_once_it_is_final_and_the_recorder_runs_on_its_own()
    {
        await using var rig = await ReportRig.StartAsync(extra: new Dictionary<string, string?> { ["Agent:Reports:FactsInterval"] = "00:00:00.050" });
        var terminal = await rig.TerminalAsync();
        rig.Central.Faults.ServiceUnavailable(SimEndpoint.KioskCheckin, TimeSpan.FromSeconds(1));

        await rig.TapAsync(terminal, 2, 1, rig.Central.Seed.GoodCards[0].ChipNumber);
        await rig.Events.WaitAsync<Events.RelayAttempted>(a => a.Sequence == 1);
        await rig.Service<FactsRecorder>().RecordAllAsync(CancellationToken.None);
        var whilePending = rig.Scalar("SELECT COUNT(*) FROM tap_facts");
        rig.Central.Faults.Clear();
        await rig.FinalResultAsync(2, 1);
        await Eventually(() => rig.Scalar("SELECT COUNT(*) FROM tap_facts") == 1, "the fact of the tap once final");

        Assert.Equal(0, whilePending);
        Assert.Equal((int)TapCredit.Credited, rig.Scalar("SELECT credit FROM tap_facts"));
    }

    [Fact]
    public async Task Refused_and_not_credited_taps_keep_their_credit_in_the_facts()
    {
        await using var rig = await ReportRig.StartAsync();
        var terminal = await rig.TerminalAsync();
        var card = rig.Central.Seed.GoodCards[0];

        await rig.TapAsync(terminal, 3, 1, card.ChipNumber);
        await rig.FinalResultAsync(3, 1);
        await rig.TapAsync(terminal, 3, 2, card.ChipNumber);
        await rig.FinalResultAsync(3, 2);
        await rig.TapAsync(terminal, 3, 3, rig.Central.Seed.BlockedCards[0].ChipNumber);
        await rig.FinalResultAsync(3, 3);
        await rig.Service<FactsRecorder>().RecordAllAsync(CancellationToken.None);
        var facts = await Facts(rig);

        Assert.Equal([TapCredit.Credited, TapCredit.RefusedLimit, TapCredit.Refused], facts.Select(f => f.Credit));
        Assert.Equal(facts[0].Passholder.ToArray(), facts[1].Passholder.ToArray());
    }

    [Fact]
    public async Task Another_pseudonym_key_refuses_to_start_and_the_key_file_is_the_owners_only()
    {
        await using var rig = await ReportRig.StartAsync();
        var keyFile = Path.Combine(rig.DataDirectory, "pseudonym.key");
        var mode = OperatingSystem.IsWindows() ? UnixFileMode.UserRead | UnixFileMode.UserWrite : File.GetUnixFileMode(keyFile);
        await rig.StopAgentAsync();
        File.WriteAllText(keyFile, Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)) + "\n");

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(rig.StartAgentAsync);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, mode);
        Assert.StartsWith("the pseudonym key differs from the one this database was written with", refused.Message);
        Assert.DoesNotContain(File.ReadAllText(keyFile).Trim(), refused.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Report_options_out_of_bounds_are_refused_with_sentences_naming_the_setting()
    {
        var validator = new ReportOptionsValidator();

        var result = validator.Validate(null, new ReportOptions { RawRetention = TimeSpan.FromDays(3), DefaultCostSharing = "30/40/30" });
        var fine = validator.Validate(null, new ReportOptions { RawRetention = TimeSpan.Parse("3650", System.Globalization.CultureInfo.InvariantCulture) });

        Assert.Equal(
        [
            "Agent:Reports:RawRetention must be from 7 to 3650 days.",
            "Agent:Reports:DefaultCostSharing: the participant's share must be more than 0% and at most 25%, not 30%.",
        ], result.Failures);
        Assert.True(fine.Succeeded);
    }

    [Fact]
    public async Task The_agent_refuses_to_start_with_report_options_out_of_bounds()
    {
        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => ReportRig.StartAsync(extra: new Dictionary<string, string?>
        {
            ["Agent:Reports:RawRetention"] = "4000",
            ["Agent:Reports:DefaultCostSharing"] = "20/40",
        }));

        Assert.Contains("Agent:Reports:RawRetention must be from 7 to 3650 days.", refused.Failures);
        Assert.Contains("Agent:Reports:DefaultCostSharing: a cost-sharing key is three percentages participant/organizer/municipality, e.g. 20/40/40, not '20/40'.", refused.Failures);
    }

    /// <summary>The card map learns the card's number, as a lookup at central does.</summary>
    internal static Task Learn(ReportRig rig, SeedCard card) =>
        rig.Service<CardMap>().RecordPassAsync(ChipUid.TryParseHex(card.ChipNumber), card.UitpasNumber, card.CardSystemId, CancellationToken.None);

    internal static async Task<IReadOnlyList<TapFact>> Facts(ReportRig rig) =>
        await rig.Service<IReportSource>().TapsAsync(DateTimeOffset.UnixEpoch, ReportRig.Today.AddYears(1), CancellationToken.None);

    internal static async Task Eventually(Func<bool> condition, string what)
    {
        using var timeout = new CancellationTokenSource(Waits.Default);
        while (!condition())
        {
            if (timeout.IsCancellationRequested)
            {
                throw new TimeoutException($"No {what} within {Waits.Default}.");
            }
            await Task.Delay(20);
        }
    }

    private static async Task FinalTapsGetFrozenFactsAsync(ReportRig rig)
    {
        var terminal = await rig.TerminalAsync();
        var cards = rig.Central.Seed.GoodCards.Take(3).ToArray();
        for (var i = 0; i < cards.Length; i++)
        {
            await rig.TapAsync(terminal, 1, (uint)(i + 1), cards[i].ChipNumber, ReportRig.Today.AddMinutes(i));
        }
        for (var i = 0; i < cards.Length; i++)
        {
            await rig.FinalResultAsync(1, (uint)(i + 1));
        }

        var written = await rig.Service<FactsRecorder>().RecordAllAsync(CancellationToken.None);
        var (moved, _) = await rig.SendAsync(HttpMethod.Put, $"/api/v1/devices/{ReportRig.DeviceId}/site",
            new { region = "Oost-Vlaanderen", municipality = "Proefdorp", venue = "Zwembad Proefdorp", counter = "kassa", organizer = "Anders" });
        var again = await rig.Service<FactsRecorder>().RecordAllAsync(CancellationToken.None);
        var facts = await Facts(rig);
        var window = await rig.Service<IReportSource>().TapsAsync(ReportRig.Today.AddMinutes(1), ReportRig.Today.AddMinutes(2), CancellationToken.None);

        Assert.Equal(System.Net.HttpStatusCode.OK, moved);
        Assert.Equal((3, 0), (written, again));
        Assert.Equal(3, facts.Count);
        for (var i = 0; i < cards.Length; i++)
        {
            var fact = facts[i];
            Assert.Equal(ReportRig.Today.AddMinutes(i), fact.At);
            Assert.Equal((ReportRig.DeviceId, rig.Event.Id, PolicyDomain.Cultuur), (fact.DeviceId, fact.EventId, fact.Domain));
            Assert.Equal(("Oost-Vlaanderen", "Proefdorp", "CC Proefdorp", ReportRig.Organizer), (fact.Region, fact.Municipality, fact.Venue, fact.Organizer));
            Assert.Equal((1L, TapCredit.Credited, false), (fact.CardSystemId, fact.Credit, fact.SocialTariff));
            Assert.Equal(rig.Pseudonym("chip:" + cards[i].ChipNumber), fact.Passholder.ToArray());
        }
        Assert.Equal(cards[1].ChipNumber, cards.Single(c => rig.Pseudonym("chip:" + c.ChipNumber).SequenceEqual(Assert.Single(window).Passholder.ToArray())).ChipNumber);
        Assert.Equal([1L], await rig.Service<IReportSource>().KnownCardSystemsAsync(CancellationToken.None));
    }
}
