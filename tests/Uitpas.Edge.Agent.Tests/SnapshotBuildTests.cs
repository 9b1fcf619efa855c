using Microsoft.Extensions.DependencyInjection;
using Uitpas.Edge.Agent.Snapshots;
using Uitpas.Edge.Agent.Tests.Infrastructure;
using Uitpas.Edge.Protocol;
using Uitpas.Edge.Protocol.Snapshots;
using Uitpas.Edge.Simulator;
using CardStatus = Uitpas.Edge.Protocol.Snapshots.CardStatus;

namespace Uitpas.Edge.Agent.Tests;

/// <summary>The agent builds allowlists and events snapshots from central and its card map.</summary>
public sealed class SnapshotBuildTests : SnapshotTestBase
{
    [Fact]
    public async Task Allowlist_members_are_exactly_the_blocked_cards_and_the_social_tariff_cards_of_the_card_system()
    {
        var blocked = new[] { Central.Seed.BlockedCards[0].ChipNumber, Central.Seed.GoodCards[3].ChipNumber, Central.Seed.UnknownChipNumbers[0] };
        foreach (var chip in blocked)
        {
            await Cards.RecordBlockedAsync(ChipUid.TryParseHex(chip), "lookup", CancellationToken.None);
        }
        var social = Central.Seed.SocialTariffCards.Where(c => c.CardSystemId == 1).Select(c => c.ChipNumber).ToHashSet();

        var series = await SeriesAsync(SnapshotKind.Allowlist, "1");
        var file = FileBytes(series.File);

        Assert.True(SnapshotVerifier.TryVerify(new MemoryFile(file), KeyOf(1), NetHmacSha256.Instance, SnapshotKind.Allowlist, 1, 0, out _, out var reason), reason);
        var reader = OpenAllowlist(file);
        Assert.Equal(blocked.Length, reader.Blocked.Count);
        Assert.Equal(social.Count, reader.SocialTariff.Count);
        foreach (var chip in Central.Seed.Cards.Select(c => c.ChipNumber).Concat(Central.Seed.UnknownChipNumbers))
        {
            var expected = (blocked.Contains(chip) ? CardStatus.Blocked : CardStatus.None) | (social.Contains(chip) ? CardStatus.SocialTariff : CardStatus.None);
            Assert.Equal(expected, reader.Lookup(ChipUid.TryParseHex(chip)));
        }
        var other = OpenAllowlist(FileBytes(Catalog.Series(SnapshotKind.Allowlist, "2")!.File));
        Assert.Equal(0, other.SocialTariff.Count);
        Assert.Equal(blocked.Length, other.Blocked.Count);
    }

    [Fact]
    public async Task Version_grows_only_with_the_content_and_stays_monotonic_across_a_restart()
    {
        var first = await SeriesAsync(SnapshotKind.Allowlist, "1");
        await RebuildAsync();
        Assert.Equal(first.Version, Catalog.Series(SnapshotKind.Allowlist, "1")!.Version);

        Central.SetSocialTariff(Central.Seed.SocialTariffCards[0].UitpasNumber, active: false);
        var second = await SeriesAsync(SnapshotKind.Allowlist, "1", first.Version + 1);
        await RestartAgentAsync();
        await RebuildAsync();
        Assert.Equal(second.Version, Catalog.Series(SnapshotKind.Allowlist, "1")!.Version);

        Central.SetSocialTariff(Central.Seed.SocialTariffCards[0].UitpasNumber, active: true);
        var third = await SeriesAsync(SnapshotKind.Allowlist, "1", second.Version + 1);

        Assert.Equal(first.Version + 2, third.Version);
        Assert.Equal(SnapshotFileNamesOf(third.Version), third.File);
        var header = OpenAllowlist(FileBytes(third.File)).Header;
        Assert.Equal(third.Version, header.Version);
    }

    [Fact]
    public async Task Delta_chain_applied_to_a_full_allowlist_gives_the_next_full_allowlists_byte_for_byte()
    {
        var v1 = await SeriesAsync(SnapshotKind.Allowlist, "1");
        var full1 = FileBytes(v1.File);
        Central.SetSocialTariff(Central.Seed.SocialTariffCards[1].UitpasNumber, active: false);
        var v2 = await SeriesAsync(SnapshotKind.Allowlist, "1", v1.Version + 1);
        var full2 = FileBytes(v2.File);
        await Cards.RecordBlockedAsync(ChipUid.TryParseHex(Central.Seed.GoodCards[0].ChipNumber), "checkin", CancellationToken.None);
        var v3 = await SeriesAsync(SnapshotKind.Allowlist, "1", v2.Version + 1);
        var full3 = FileBytes(v3.File);

        var step1 = Apply(full1, FileBytes($"al-1-{v1.Version}-{v2.Version}"));
        var step2 = Apply(step1, FileBytes($"al-1-{v2.Version}-{v3.Version}"));

        Assert.Equal(full2, step1);
        Assert.Equal(full3, step2);
        Assert.True(OpenAllowlist(step2).Lookup(ChipUid.TryParseHex(Central.Seed.GoodCards[0].ChipNumber)).HasFlag(CardStatus.Blocked));
    }

    [Fact]
    public async Task Events_snapshot_holds_the_assigned_events_with_central_settings_and_tariffs()
    {
        var ev = Central.Seed.Events[0];
        Central.SetCheckinLimit(ev.Id, new CheckinLimitRule(2, CheckinLimitPeriod.Week));

        await RebuildAsync();
        var series = Catalog.Series(SnapshotKind.Events, "term-1")!;
        var file = FileBytes(series.File);

        Assert.True(SnapshotVerifier.TryVerify(new MemoryFile(file), KeyOf(1), NetHmacSha256.Instance, SnapshotKind.Events, 1, 0, out _, out var reason), reason);
        Assert.True(EventsReader.TryOpen(new MemoryFile(file), "term-1", out var reader, out reason), reason);
        var events = reader.ReadAll();
        Assert.Equal([ev.Id, Central.Seed.Events[1].Id], events.Select(e => e.EventId));
        var first = events[0];
        Assert.Equal("Voorstelling", first.Name);
        Assert.Equal(ev.CheckinPoints, first.CheckinPoints);
        Assert.Equal(2, first.CheckinLimit);
        Assert.Equal(LimitPeriod.Week, first.LimitPeriod);
        Assert.Equal(AssignmentStart.ToUnixTimeMilliseconds(), first.ValidFromUnixMs);
        Assert.Equal(AssignmentStart.AddDays(2).ToUnixTimeMilliseconds(), first.ValidUntilUnixMs);
        Assert.Equal(
            [(TariffType.SocialTariff, 1250, 313), (TariffType.Coupon, 1250, 1050), (TariffType.SocialTariff, 800, 200), (TariffType.Coupon, 800, 600)],
            first.Tariffs.Select(t => (t.Type, t.RegularPriceCents, t.TariffPriceCents)));
        Assert.Equal(1, events[1].CheckinLimit);
        Assert.Equal(LimitPeriod.Day, events[1].LimitPeriod);
        Assert.Empty(events[1].Tariffs);
        Assert.Equal(events[0].EventId, reader.EventAt(AssignmentStart.AddHours(1).ToUnixTimeMilliseconds())!.EventId);

        var unassigned = FileBytes(Catalog.Series(SnapshotKind.Events, "term-2")!.File);
        Assert.True(SnapshotVerifier.TryVerify(new MemoryFile(unassigned), KeyOf(2), NetHmacSha256.Instance, SnapshotKind.Events, 2, 0, out _, out reason), reason);
    }

    [Fact]
    public async Task Cards_seen_in_taps_are_looked_up_and_the_blocked_ones_enter_the_allowlist()
    {
        var blocked = Central.Seed.BlockedCards.First(c => c.CardSystemId == 1);
        var good = Central.Seed.GoodCards.First(c => c.CardSystemId == 1);
        var unknown = Central.Seed.UnknownChipNumbers[2];
        var terminal = await TerminalAsync("term-1");

        await terminal.TapAsync(1, 1, blocked.ChipNumber);
        await terminal.TapAsync(1, 2, good.ChipNumber);
        await terminal.TapAsync(1, 3, unknown);
        await WaitForLookupsAsync(() =>
            Cards.Find(ChipUid.TryParseHex(blocked.ChipNumber)) is { Blocked: true }
            && Cards.Find(ChipUid.TryParseHex(good.ChipNumber)) is { CheckedAtUnixMs: > 0 }
            && Cards.Find(ChipUid.TryParseHex(unknown)) is { CheckedAtUnixMs: > 0 });
        await RebuildAsync();

        var goodEntry = Cards.Find(ChipUid.TryParseHex(good.ChipNumber))!;
        Assert.Equal((good.UitpasNumber, false, 1), (goodEntry.UitpasNumber, goodEntry.Blocked, goodEntry.CardSystemId));
        Assert.Equal((null, false), (Cards.Find(ChipUid.TryParseHex(unknown))!.UitpasNumber, Cards.Find(ChipUid.TryParseHex(unknown))!.Blocked));
        var allowlist = OpenAllowlist(FileBytes(Catalog.Series(SnapshotKind.Allowlist, "1")!.File));
        Assert.True(allowlist.Lookup(ChipUid.TryParseHex(blocked.ChipNumber)).HasFlag(CardStatus.Blocked));
        Assert.False(allowlist.Lookup(ChipUid.TryParseHex(good.ChipNumber)).HasFlag(CardStatus.Blocked));
    }

    [Fact]
    public async Task Supplier_csv_fills_the_card_map_at_start_and_a_file_with_a_bad_line_is_refused_whole()
    {
        var card = Central.Seed.Cards[5];
        var entry = Cards.Find(ChipUid.TryParseHex(card.ChipNumber));
        var newChip = Central.Seed.UnknownChipNumbers[4];
        File.WriteAllLines(SupplierCsvPath, [$"\"{newChip}\";\"{Central.Seed.UnknownUitpasNumbers[0]}\"", "\"04ZZ\";\"0900000095902\""]);

        await RestartAgentAsync();
        await RebuildAsync();

        Assert.Equal((card.UitpasNumber, false, 0L), (entry!.UitpasNumber, entry.Blocked, entry.CheckedAtUnixMs));
        Assert.Null(Cards.Find(ChipUid.TryParseHex(newChip)));
        Assert.Contains(Agent.Logs.Entries, e => e.EventId.Id == 7042 && e.Message.Contains("line 2", StringComparison.Ordinal));
    }

    private static string SnapshotFileNamesOf(uint version) => Protocol.Distribution.SnapshotFileNames.Allowlist(1, version);

    private byte[] Apply(byte[] current, byte[] delta)
    {
        var output = new MemoryFileWriter();
        Assert.True(AllowlistDelta.TryApply(new MemoryFile(current), new MemoryFile(delta), KeyOf(1), NetHmacSha256.Instance, output, out var reason), reason);
        return output.ToArray();
    }

    /// <summary>Waits, round by round of the lookup service, until <paramref name="done"/> holds.</summary>
    private async Task WaitForLookupsAsync(Func<bool> done)
    {
        var rounds = new Observed<int>();
        var service = Services.GetRequiredService<CardLookupService>();
        service.RoundCompleted += rounds.Add;
        try
        {
            var seen = 0;
            while (!done())
            {
                var target = seen + 1;
                await rounds.WaitAsync(_ => rounds.All.Count >= target, "a lookup round");
                seen = rounds.All.Count;
            }
        }
        finally
        {
            service.RoundCompleted -= rounds.Add;
        }
    }
}
